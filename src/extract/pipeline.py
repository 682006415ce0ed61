"""The stages in order, for one document:

    read pages (backend) -> find sheets -> reassemble cells -> build records (normalize)
      -> validate -> prose figures -> standard tables -> cross-checks
      -> DocumentResult (the writer takes it from there)

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
from .consistency import consistency_checks
from .crosscheck import cross_check
from .datamodel import CheckedSheet, DocumentResult, PageLayout, SheetTables, TableGrid
from .facts import read_narrative
from .furniture import strip_running_lines
from .labels import PART_NUMBER, is_self_evaluation_header, sheet_kind_of_title
from .narrative import narrative_sections
from .normalize import parse_year
from .reassembly import reassemble_cells
from .records import build_record
from .statements import read_statements
from .tables import find_sheets
from .textnorm import compact
from .validate import validate_sheet


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
    Stage("narrative", "narrative + facts: figures stated in the prose"),
    Stage("statements", "statements.read_statements: the standard 决算 tables, long form"),
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
                     timer: StageTimer | None = None, doc_id: str | None = None) -> DocumentResult:
    """Run every stage on one PDF; never raises for a bad file (see the module docstring).

    ``doc_id`` is the file's SHA-256 when the caller has already computed it (a batch does).
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
    except ExtractError as err:
        return DocumentResult(**base, page_count=None, producer=None, unit_name=None,
                              fiscal_year=None, status="failed", error_class=err.error_class,
                              error_message=err.message)
    if sum(p.char_count for p in pages) == 0:
        return DocumentResult(**base, page_count=page_count, producer=producer, unit_name=None,
                              fiscal_year=None, status="failed", error_class="no_text_layer",
                              error_message="no text layer: an image-only (scanned) PDF; "
                                            "OCR is not supported")
    return extract_from_pages(base, pages, page_count, producer, timer)


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


def extract_from_pages(base: dict[str, str], pages: list[PageLayout], page_count: int,
                       producer: str | None, timer: StageTimer | None = None) -> DocumentResult:
    """Every stage after reading the pages (``base`` holds doc_id, source_path, file_name)."""
    timer = timer or StageTimer()
    checked: list[CheckedSheet] = []
    t = time.perf_counter()
    pages = strip_running_lines(pages)
    sheets = find_sheets(pages)
    warnings: list[str] = _unread_sheet_pages(pages, sheets)
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
    sections = tuple(narrative_sections(pages))
    narrative = read_narrative(list(sections), unit)
    t = timer.add("narrative", t)
    tables, lines = read_statements(pages)
    t = timer.add("statements", t)
    checks = consistency_checks(pages, checked, year, unit, sections, tables) \
        + cross_check(narrative, lines, tables, sections)
    timer.add("cross_check", t)
    status, error_class, message = "ok", None, None
    if warnings:
        status = "partial"
    if not checked and not warnings:
        all_text = "".join(compact(line.text) for p in pages for line in p.text_lines)
        if "决算" not in all_text and "自评" not in all_text:
            status, error_class = "failed", "not_final_accounts"
            message = "no 绩效自评表 and no 决算 text found: not a 部门决算 document"
        else:
            warnings.append("no 绩效自评表 found in this document")
    # Doubts, not failures: the document's status stays as it is.
    warnings += [f"{tb.table} (pages {tb.first_page}-{tb.last_page}) prints no unit (单位：万元/元): "
                 f"its values are kept as printed, value_yuan is null"
                 for tb in tables if tb.status != "missing" and tb.unit_printed is None]
    return DocumentResult(**base, page_count=page_count, producer=producer, unit_name=unit,
                          fiscal_year=year, status=status, error_class=error_class,
                          error_message=message, sheets=tuple(checked), warnings=tuple(warnings),
                          **({} if status == "failed" else {
                              "narrative": narrative, "statement_tables": tables,
                              "statement_lines": lines, "document_checks": checks}))


__all__ = ["process_document", "extract_from_pages", "ExtractError", "STAGES", "StageTimer", "__version__"]
