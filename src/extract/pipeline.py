"""The stages in order, for one document:

    read pages (backend) -> find sheets -> reassemble cells -> build records (normalize)
      -> validate -> standard tables -> document kind -> prose figures -> checks
      -> DocumentResult (the writer takes it from there)

A page the backend cannot read, or whose text layer is damaged (textlayer.py), is named in a
warning and the document is ``partial`` (``failed`` / ``damaged_text_layer`` when every page
with text is damaged). A document of another kind than a 决算 (kinds.py) keeps its 自评表 and
is otherwise ``skipped``.

A failure inside one sheet is recorded on the document (status ``partial``); a document that
cannot be read at all gets status ``failed`` with an error class and a message a person can act
on. Nothing here raises for a bad input file.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .backends import BACKEND_NAMES, DEFAULT_BACKEND, open_backend
from .datamodel import CheckedSheet, DocumentResult, PageLayout, SheetTables, TableGrid
from .document.consistency import consistency_checks
from .document.crosscheck import cross_check
from .document.facts import read_narrative
from .document.furniture import strip_running_lines
from .document.kinds import classify
from .document.narrative import narrative_sections
from .document.statements import read_statements
from .inputs.integrity import check_integrity
from .labels import PART_NUMBER, is_self_evaluation_header, sheet_kind_of_title
from .normalize import parse_year
from .sheets.reassembly import reassemble_cells
from .sheets.records import build_record
from .sheets.tables import find_sheets
from .sheets.validate import validate_sheet
from .textnorm import compact


_GLYPHS_TO_JUDGE = 20


class ExtractError(Exception):
    """A document that cannot be processed; ``error_class`` is a stable machine-readable tag."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


@dataclass(frozen=True)
class Stage:
    name: str
    description: str


# The order of the stages, for readers and for the benchmark's timing report.
STAGES = (
    Stage("read_pages", "backend: rulings and glyphs -> PageLayout grids"),
    Stage("find_sheets", "tables.find_sheets: group grids into sheets"),
    Stage("reassemble", "reassembly.reassemble_cells: logical rows"),
    Stage("records", "records.build_record: typed, normalized values"),
    Stage("validate", "validate.validate_sheet: arithmetic checks"),
    Stage("statements", "statements.read_statements: the standard 决算 tables, long form"),
    Stage("narrative", "narrative + facts: figures stated in the prose (决算 kinds only)"),
    Stage("cross_check", "consistency + crosscheck: the document against itself, tables against prose"),
)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _check_header(path: Path) -> None:
    with open(path, "rb") as f:
        head = f.read(1024)
    if not head:
        raise ExtractError("empty_file", "the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise ExtractError("not_pdf", "not a PDF file (no %PDF- header in the first 1 KiB)")


def _classify_open_error(exc: BaseException) -> ExtractError:
    names = []
    e: BaseException | None = exc
    while e is not None:
        names.append(type(e).__name__ + ": " + str(e))
        e = e.__cause__ or e.__context__
    text = " | ".join(names)
    if re.search(r"password|encrypt", text, re.IGNORECASE):
        return ExtractError("encrypted", "the PDF is encrypted and needs a password to open; "
                                         "decrypt it first (e.g. qpdf --decrypt)")
    return ExtractError("corrupt_pdf", f"the PDF is corrupt or truncated and cannot be parsed ({text[:200]})")


def _unit_and_year(pages: list[PageLayout], sheets: list[CheckedSheet]) -> tuple[str | None, int | None]:
    """The publishing unit and fiscal year, from the cover lines or else from the sheets."""
    unit, year = None, None
    for page in pages[:2]:
        for i, line in enumerate(page.text_lines[:6]):
            t = compact(line.text)
            m = re.match(r"^(.*?)((?:19|20)\d{2})年度?部门决算", t)
            if m:
                year = int(m.group(2))
                unit = PART_NUMBER.sub("", m.group(1)) or (
                    compact(page.text_lines[i - 1].text) if i else None)
                break
        if year:
            break
    dept = [c.sheet for c in sheets if c.sheet.sheet_kind == "department" and c.sheet.unit_name]
    if dept:
        unit = unit or dept[0].unit_name
    if year is None:
        years = [c.sheet.fiscal_year for c in sheets if c.sheet.fiscal_year]
        year = max(set(years), key=years.count) if years else None
    if year is None:
        for page in pages[:1]:
            for line in page.text_lines[:6]:
                year = year or parse_year(line.text)
    return unit or None, year


class StageTimer:
    """Seconds spent per stage, summed over calls; pass one to process_document to fill it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {stage.name: 0.0 for stage in STAGES}

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


def process_document(path: str | Path, backend: str = DEFAULT_BACKEND,
                     timer: StageTimer | None = None, doc_id: str | None = None,
                     kinds: tuple[str, ...] | None = None) -> DocumentResult:
    """Run every stage on one PDF; never raises for a bad file (see the module docstring).

    ``doc_id`` is the file's SHA-256 when the caller has already computed it (a batch does).
    ``kinds`` restricts extraction to those document kinds (kinds.KINDS); a document of
    another kind is ``skipped`` with error_class ``kind_not_selected``.
    """
    timer = timer or StageTimer()
    if backend not in BACKEND_NAMES:
        raise ValueError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKEND_NAMES)}")
    path = Path(path)
    doc_id = doc_id or file_sha256(path)
    base = {"doc_id": doc_id, "source_path": str(path), "file_name": path.name}
    try:
        _check_header(path)
        try:
            reader = open_backend(backend, str(path))
            page_count = reader.page_count
        except Exception as exc:  # any parser failure on open is a property of the file
            raise _classify_open_error(exc) from exc
        with reader:
            started = time.perf_counter()
            try:
                pages = list(reader.read_pages())
            except Exception as exc:
                raise _classify_open_error(exc) from exc
            timer.add("read_pages", started)
            producer = reader.producer
            repaired = reader.repaired_cross_reference
        findings = check_integrity(path).findings(len(pages))
    except ExtractError as err:
        return DocumentResult(**base, page_count=None, producer=None, unit_name=None,
                              fiscal_year=None, status="failed", error_class=err.error_class,
                              error_message=err.message)
    if sum(p.char_count for p in pages) == 0:
        unreadable = [p.page_no for p in pages if p.error]
        if unreadable:
            return DocumentResult(**base, page_count=page_count, producer=producer, unit_name=None,
                                  fiscal_year=None, status="failed", error_class="corrupt_pdf",
                                  error_message=f"no page could be read ({len(unreadable)} of {page_count} "
                                                f"failed; first: {pages[unreadable[0] - 1].error})")
        return DocumentResult(**base, page_count=page_count, producer=producer, unit_name=None,
                              fiscal_year=None, status="failed", error_class="no_text_layer",
                              error_message="no text layer: an image-only (scanned) PDF; "
                                            "OCR is not supported")
    damaged = [p for p in pages if p.damaged]
    # A page with a few glyphs (a page number) tells nothing either way.
    judged = [p for p in pages if p.damaged or p.char_count >= _GLYPHS_TO_JUDGE]
    if damaged and len(damaged) == len(judged):
        return DocumentResult(**base, page_count=page_count, producer=producer, unit_name=None,
                              fiscal_year=None, status="failed", error_class="damaged_text_layer",
                              damaged_pages=tuple(p.page_no for p in damaged),
                              error_message=f"every page with text has a damaged text layer "
                                            f"(page {damaged[0].page_no}: {damaged[0].quality.reason}); "
                                            f"its characters are not the printed ones")
    return extract_from_pages(base, pages, page_count, producer, timer, kinds=kinds,
                              repaired_cross_reference=repaired, file_findings=findings)


def _unread_sheet_pages(pages: list[PageLayout], sheets: list[SheetTables]) -> list[str]:
    """Pages that print a 自评表 title or an indicator header row but gave no sheet's grid."""
    read = {g.page_no for s in sheets for g in s.grids}
    out = []
    for page in pages:
        if page.page_no in read:
            continue
        titles = [ln.text for ln in page.text_lines
                  if sheet_kind_of_title(ln.text) and len(compact(ln.text)) <= 40]
        headers = [g for g in page.grids if _prints_self_evaluation_header(g)]
        if titles or headers:
            what = f"the title {compact(titles[0])!r}" if titles else "an indicator header row"
            out.append(f"page {page.page_no} prints {what} but no 绩效自评表 could be read from it "
                       f"(no ruled table under the title, or one the reader cannot place)")
    return out


def _prints_self_evaluation_header(grid: TableGrid) -> bool:
    return is_self_evaluation_header([cell.text for cell in grid.cells])


def _page_warnings(pages: list[PageLayout], repaired_cross_reference: bool,
                   file_findings: list[str]) -> list[str]:
    """What the reader doubts about the file itself: damaged bytes, pages lost or unreadable."""
    out = []
    if repaired_cross_reference:
        out.append("the file's cross-reference table is damaged and was rebuilt by the PDF library: "
                   "objects may be missing or stale")
    out += file_findings
    out += [f"page {p.page_no} could not be read and was skipped: {p.error}" for p in pages if p.error]
    damaged = [p for p in pages if p.damaged]
    if damaged:
        out.append(f"pages {[p.page_no for p in damaged]} have a damaged text layer "
                   f"(page {damaged[0].page_no}: {damaged[0].quality.reason}); rows read from them "
                   f"are marked page_quality = 'damaged'")
    return out


def extract_from_pages(base: dict[str, str], pages: list[PageLayout], page_count: int,
                       producer: str | None, timer: StageTimer | None = None,
                       kinds: tuple[str, ...] | None = None,
                       repaired_cross_reference: bool = False,
                       file_findings: list[str] | None = None) -> DocumentResult:
    """Every stage after reading the pages (``base`` holds doc_id, source_path, file_name)."""
    timer = timer or StageTimer()
    checked: list[CheckedSheet] = []
    t = time.perf_counter()
    damaged_pages = tuple(p.page_no for p in pages if p.damaged)
    warnings: list[str] = _page_warnings(pages, repaired_cross_reference, file_findings or [])
    pages = [p for p in pages if not p.error]
    pages = strip_running_lines(pages)
    sheets = find_sheets(pages)
    warnings += _unread_sheet_pages(pages, sheets)
    t = timer.add("find_sheets", t)
    for sheet in sheets:
        try:
            rows = reassemble_cells(sheet)
            t = timer.add("reassemble", t)
            record = build_record(rows)
            t = timer.add("records", t)
            checked.append(validate_sheet(record))
            t = timer.add("validate", t)
        except Exception as exc:  # one broken sheet must not lose the others
            pages_of = sorted({g.page_no for g in sheet.grids})
            warnings.append(f"sheet {sheet.sheet_no} ({sheet.title}, pages {pages_of}) "
                            f"could not be read: {type(exc).__name__}: {exc}")
    unit, year = _unit_and_year(pages, checked)
    tables, lines = read_statements(pages)
    t = timer.add("statements", t)
    kind = classify(pages, tables, len(checked))
    common = dict(**base, page_count=page_count, producer=producer, unit_name=unit, fiscal_year=year,
                  sheets=tuple(checked), document_kind=kind.kind, kind_evidence=kind.evidence,
                  damaged_pages=damaged_pages)
    if kinds is not None and kind.kind not in kinds:
        return DocumentResult(**common, status="skipped", error_class="kind_not_selected",
                              error_message=f"document kind {kind.kind} ({kind.evidence}); this run reads only "
                                            f"{', '.join(kinds)}", warnings=tuple(warnings))
    if kind.kind == "other" and damaged_pages:
        return DocumentResult(**common, status="failed", error_class="damaged_text_layer",
                              error_message=f"pages {list(damaged_pages)} have a damaged text layer and "
                                            f"nothing else tells what the document is", warnings=tuple(warnings))
    if not kind.is_final_accounts:
        # A 自评表 is read in any kind; the prose and tables of a budget are not 决算 figures.
        if checked:
            return DocumentResult(**common, status="partial" if warnings else "ok", error_class=None,
                                  error_message=None, warnings=tuple(warnings))
        return DocumentResult(**common, status="skipped", error_class="not_final_accounts",
                              error_message=f"document kind {kind.kind}, not a 决算 ({kind.evidence}): "
                                            f"its prose and tables are not read", warnings=tuple(warnings))
    sections = tuple(narrative_sections(pages))
    narrative = read_narrative(list(sections), unit)
    t = timer.add("narrative", t)
    checks = consistency_checks(pages, checked, year, unit, sections, tables) \
        + cross_check(narrative, lines, tables, sections)
    timer.add("cross_check", t)
    status = "partial" if warnings else "ok"
    # Doubts, not failures: the document's status stays as it is.
    if not checked:
        warnings.append("no 绩效自评表 found in this document")
    warnings += [f"{tb.table} (pages {tb.first_page}-{tb.last_page}) prints no unit (单位：万元/元): "
                 f"its values are kept as printed, value_yuan is null"
                 for tb in tables if tb.status != "missing" and tb.unit_printed is None]
    return DocumentResult(**common, status=status, error_class=None, error_message=None,
                          warnings=tuple(warnings), narrative=narrative,
                          statement_tables=tables, statement_lines=lines, document_checks=checks)


__all__ = ["process_document", "extract_from_pages", "ExtractError", "STAGES", "StageTimer", "__version__"]
