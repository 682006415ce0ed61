"""Trust in values read by OCR: the document's own arithmetic confirms them, or they are named.

A text layer prints what the producer wrote; OCR guesses, with a confidence per line. A value
read from an OCR'd page is kept as read when the checks that cover it pass; otherwise the
cells a person should look at are named, the least confident first, and the document is
``partial``:

* a sheet on OCR'd pages whose checks fail (scores + execution = 总分, 执行率 = 执行数 / 全年预算数,
  fund rows summing …) names its cells below ``TrustSettings.sure`` or, when none is, its
  least confident ones;
* a sheet on OCR'd pages where no check could run (nothing to add up) names its cells read with
  less than ``sure`` confidence — with no arithmetic, confidence is all there is;
* figures of the prose and the standard tables on OCR'd pages: their least confident values
  below ``sure``, and every failed document check (tables' totals, prose against tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..datamodel import CheckedSheet, Doubt, OcrLines, PieceBox


@dataclass(frozen=True)
class TrustSettings:
    """``sure``: the line confidence from which a value not confirmed by arithmetic is taken
    as read (PP-OCR reads clean print at 0.95-1.0); ``named``: how many cells a doubt names."""

    sure: float = 0.9
    named: int = 8

    def __post_init__(self) -> None:
        if not (0 < self.sure <= 1 and self.named >= 1):
            raise ValueError(f"TrustSettings out of range: {self}")


DEFAULT_TRUST = TrustSettings()


def sheet_cells(checked: CheckedSheet, lines: OcrLines) -> list[tuple[float, str]]:
    """(confidence, where) for every value cell of a sheet on OCR'd pages."""
    s = checked.sheet
    cells: list[tuple[float, str]] = []

    def add(what: str, boxes_by_role: dict[str, tuple[PieceBox, ...]]) -> None:
        for role, boxes in boxes_by_role.items():
            conf = lines.confidence(boxes)
            if conf is not None:
                page = boxes[0].page if boxes else None
                cells.append((conf, f"{what} {role} (page {page}, confidence {conf:.2f})"))

    for i, f in enumerate(s.funds, start=1):
        add(f"fund row {i}", f.cell_boxes)
    for ind in s.indicators:
        add(f"indicator row {ind.row_no}", ind.cell_boxes)
    add("head", s.field_boxes)
    return sorted(cells)


def _named(cells: list[tuple[float, str]], settings: TrustSettings, all_if_none_unsure: bool) -> list[str]:
    unsure = [where for conf, where in cells if conf < settings.sure]
    if not unsure and all_if_none_unsure:
        unsure = [where for _, where in cells]
    return unsure[:settings.named]


def sheet_doubts(sheets: Iterable[CheckedSheet], lines: OcrLines,
                 settings: TrustSettings = DEFAULT_TRUST) -> list[Doubt]:
    """A doubt for each sheet on OCR'd pages its arithmetic does not confirm (module docstring)."""
    doubts = []
    for checked in sheets:
        s = checked.sheet
        if not set(s.pages) & set(lines.by_page):
            continue
        cells = sheet_cells(checked, lines)
        failed = checked.failed_checks
        ran = [c for c in checked.checks if c.status != "not_applicable"]
        if failed:
            named = _named(cells, settings, all_if_none_unsure=True)
            doubts.append(Doubt(
                "ocr_unconfirmed",
                f"sheet {s.sheet_no} (pages {list(s.pages)}) was read by OCR and fails its checks "
                f"{', '.join(failed)}: a value may be misread; look first at "
                + ("; ".join(named) or "its cells (no OCR line found in them)"),
                "trust_ocr", s.pages[0]))
        elif not ran:
            named = _named(cells, settings, all_if_none_unsure=False)
            if named:
                doubts.append(Doubt(
                    "ocr_unconfirmed",
                    f"sheet {s.sheet_no} (pages {list(s.pages)}) was read by OCR and no check could "
                    f"confirm it; cells read with confidence below {settings.sure}: " + "; ".join(named),
                    "trust_ocr", s.pages[0]))
    return doubts


def document_doubts(values: Iterable[tuple[str, Iterable[PieceBox]]], failed_checks: Iterable[str],
                    lines: OcrLines, settings: TrustSettings = DEFAULT_TRUST) -> list[Doubt]:
    """The prose figures and table values (``(where, boxes)``) on OCR'd pages read below
    ``sure``, and the document checks that fail on a document read by OCR."""
    unsure = sorted((conf, f"{where} (confidence {conf:.2f})") for where, boxes in values
                    for conf in [lines.confidence(boxes)] if conf is not None and conf < settings.sure)
    doubts = []
    if unsure:
        doubts.append(Doubt(
            "ocr_unconfirmed",
            f"{len(unsure)} figures of the prose or tables were read by OCR with confidence below "
            f"{settings.sure}: " + "; ".join(w for _, w in unsure[:settings.named]),
            "trust_ocr", None))
    failed = list(failed_checks)
    if failed:
        doubts.append(Doubt(
            "ocr_unconfirmed",
            f"the document was read (in part) by OCR and its checks {', '.join(failed)} fail: "
            "a figure may be misread", "trust_ocr", None))
    return doubts
