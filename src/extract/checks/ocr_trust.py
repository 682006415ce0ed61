"""Trust in values read by OCR: the document's own arithmetic confirms them, or they are named.

A text layer prints what the producer wrote; OCR guesses, with a confidence per line. A value
read from an OCR'd page is kept as read when the checks that cover it pass; otherwise the
cells a person should look at are named, the least confident first, and the document is
``partial``:

* a sheet on OCR'd pages whose checks fail (scores + execution = 总分, 执行率 = 执行数 / 全年预算数,
  fund rows summing …) names its cells below ``TrustSettings.sure`` or, when none is, its
  least confident ones;
* a sheet on OCR'd pages whose checks pass, or where none could run, names the cells read with
  less than ``sure`` confidence that no passing check covers (names, targets, operators, units,
  a fund row's rate: a score sum says nothing of them) — there, confidence is all there is;
* figures of the prose and the standard tables on OCR'd pages: their least confident values
  below ``sure``, and every failed document check (tables' totals, prose against tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..datamodel import CheckedSheet, Doubt, OcrLines, PieceBox
from ..normalize import is_placeholder
from ..vocabulary.glyphs import CLOSING_BRACKETS, OPENING_BRACKETS
from .sheet import Cell, confirmed_cells


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


def brackets_unmatched(text: str) -> bool:
    """A bracket closed before it opened, or left open: OCR lost one (vocabulary/glyphs.py)."""
    depth = 0
    for ch in text:
        depth += (ch in OPENING_BRACKETS) - (ch in CLOSING_BRACKETS)
        if depth < 0:
            return True
    return depth != 0


def sheet_cells(checked: CheckedSheet, lines: OcrLines) -> list[tuple[float, str, Cell | None]]:
    """(confidence, where, cell) for every value cell of a sheet on OCR'd pages, least confident
    first; ``cell`` as ``sheet.confirmed_cells`` names it (None for the sheet's head fields). A
    cell whose brackets do not match as read counts as read with no confidence."""
    s = checked.sheet
    cells: list[tuple[float, str, Cell | None]] = []

    def add(what: str, boxes_by_role: dict[str, tuple[PieceBox, ...]], scope: str | None, row: int) -> None:
        for role, boxes in boxes_by_role.items():
            read = lines.lines_in(boxes)
            # A lone dash (a cell printing nothing) reads at 0.5-0.7: the recogniser is never sure
            # of one short stroke, and no digit reads as one; it is not a doubt.
            conf = min((ln.confidence for ln in read if not is_placeholder(ln.text)), default=None)
            if conf is None:
                continue
            page = boxes[0].page if boxes else None
            where = f"{what} {role} (page {page}, confidence {conf:.2f})"
            if brackets_unmatched("".join(ln.text for ln in read)):
                conf, where = 0.0, f"{what} {role} (page {page}, a bracket unmatched as read)"
            cells.append((conf, where, None if scope is None else (scope, row, role)))

    for i, f in enumerate(s.funds):
        add(f"fund row {i + 1}", f.cell_boxes, "fund", i)
    for k, ind in enumerate(s.indicators):
        add(f"indicator row {ind.row_no}", ind.cell_boxes, "indicator", k)
    add("head", s.field_boxes, None, 0)
    return sorted(cells, key=lambda c: (c[0], c[1]))


def _unsure(cells: list[tuple[float, str, Cell | None]], settings: TrustSettings) -> list[str]:
    return [where for conf, where, _ in cells if conf < settings.sure]


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
        if failed:
            named = (_unsure(cells, settings) or [where for _, where, _ in cells])[:settings.named]
            doubts.append(Doubt(
                "ocr_unconfirmed",
                f"sheet {s.sheet_no} (pages {list(s.pages)}) was read by OCR and fails its checks "
                f"{', '.join(failed)}: a value may be misread; look first at "
                + ("; ".join(named) or "its cells (no OCR line found in them)"),
                "trust_ocr", s.pages[0]))
            continue
        passing = {c.check_id for c in checked.checks if c.status == "pass"}
        confirmed = confirmed_cells(s, passing)
        named = _unsure([c for c in cells if c[2] not in confirmed], settings)[:settings.named]
        if named:
            what = (f"its checks {', '.join(sorted(passing))} pass but do not cover these cells"
                    if passing else "no check could confirm it")
            doubts.append(Doubt(
                "ocr_unconfirmed",
                f"sheet {s.sheet_no} (pages {list(s.pages)}) was read by OCR and {what}; cells read "
                f"with confidence below {settings.sure}: " + "; ".join(named),
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
