"""The stages in order, for one document, declared once in ``STAGES``:

    read pages (backend) -> prepare pages -> find sheets -> reassemble cells -> build records
      (normalize) -> validate -> standard tables -> document kind -> prose figures -> checks
      -> DocumentResult (the writer takes it from there)

Each stage takes the document's ``Reading`` so far and returns a new one with its own field
filled in (the hand-offs are typed: ``DocumentLayout``, ``SheetTables``, ``SheetRows``,
``SheetRecord``, ``CheckedSheet``, ``StatementTable`` …). A stage may end the document early
(``Ending``: failed, skipped); the stages after it do not run. Doubts (``datamodel.Doubt``) are
collected on the way and the status is decided once, at the end, from them: a readable document
with a doubt that degrades is ``partial``, never ``ok``.

A page the backend cannot read, or whose text layer is damaged (textlayer.py), is named in a
doubt (``failed`` / ``damaged_text_layer`` when every page with text is damaged). A document of
another kind than a 决算 (kinds.py) keeps its 自评表 and is otherwise ``skipped``. A failure
inside one sheet loses that sheet alone, with a doubt. Nothing here raises for a bad input file.
"""

from __future__ import annotations

import os

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .backends import BACKEND_NAMES, DEFAULT_BACKEND, READER_VARIABLE, ReadSettings, open_backend
from .backends.base import GridBackend
from .backends.lattice import LatticeSettings
from .backends import ocr as ocr_backend
from .backends.names import OCR_EXTRA
from .backends.ocr import OcrSettings
from .datamodel import (CheckedSheet, CheckResult, box_text, DocumentLayout, DocumentResult, DocumentSource, Doubt, Narrative,
                        NarrativeSection, OcrLines, PageLayout, PieceBox, SheetRecord, SheetRows, SheetTables, StatementLine,
                        StatementTable, TableGrid)
from .checks.evidence import DocumentEvidence
from .checks.ocr_trust import TrustSettings, document_doubts, sheet_doubts
from .checks.registry import check_document, check_sheet
from .document.cover import COVER_PAGES, Cover, read_cover
from .document.facts import read_narrative
from .document.furniture import FurnitureSettings, strip_running_lines
from .document.kinds import DocumentKind, classify, cover_kind
from .vocabulary.kinds import FINAL_KINDS, KINDS, LAYOUT_WORDS
from .document.narrative import narrative_sections
from .document.statements import match_title, read_statements
from .inputs.integrity import check_integrity
from .labels import is_page_furniture, is_self_evaluation_header, sheet_kind_of_title
from .normalize import parse_decimal
from .sheets.reassembly import reassemble_cells
from .sheets.records import build_record
from .sheets.tables import SheetSettings, find_sheets
from .textnorm import compact



def _genre_read_settings() -> ReadSettings:
    """The read stage as this genre needs it: page furniture known by its words; the reader
    as ``EXTRACT_READER`` asks (auto, native or python; unset: auto)."""
    return ReadSettings(lattice=LatticeSettings(is_furniture=is_page_furniture),
                        reader=os.environ.get(READER_VARIABLE, "auto"))


@dataclass(frozen=True)
class PipelineSettings:
    """Everything a run may set for one document, validated on construction."""

    backend: str = DEFAULT_BACKEND
    read: ReadSettings = field(default_factory=_genre_read_settings)
    kinds: tuple[str, ...] | None = None  # the document kinds this run reads (None: every kind)
    furniture: FurnitureSettings = field(default_factory=FurnitureSettings)
    sheets: SheetSettings = field(default_factory=SheetSettings)
    # A page with fewer glyphs (a page number) tells nothing about the text layer either way.
    glyphs_to_judge: int = 20
    # A document whose cover names another kind (部门预算 …) is surveyed: only its pages that may
    # be read are laid out (read_layout). False: every page laid out, always.
    survey_other_kinds: bool = True
    # When a value read by OCR counts as sure, and how many doubtful cells a doubt names.
    ocr_trust: TrustSettings = field(default_factory=TrustSettings)

    def __post_init__(self) -> None:
        if self.backend not in BACKEND_NAMES:
            raise ValueError(f"unknown backend {self.backend!r}; choose one of: {', '.join(BACKEND_NAMES)}")
        unknown = [k for k in self.kinds or () if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown document kind {', '.join(unknown)}; the kinds are: {', '.join(KINDS)}")
        if self.glyphs_to_judge < 0:
            raise ValueError("glyphs_to_judge must be 0 or more")


class ExtractError(Exception):
    """A document that cannot be processed; ``error_class`` is a stable machine-readable tag."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


# --------------------------------------------------------------------------- what flows


@dataclass(frozen=True)
class Ending:
    """A stage's decision that the document ends here: failed or skipped, and why."""

    status: str  # failed / skipped
    error_class: str
    message: str


@dataclass(frozen=True)
class Reading:
    """One document as the stages read it; each stage fills in its own fields."""

    source: DocumentSource
    layout: DocumentLayout | None = None
    pages: tuple[PageLayout, ...] = ()  # readable pages, running lines stripped
    sheet_tables: tuple[SheetTables, ...] = ()
    sheet_rows: tuple[SheetRows, ...] = ()
    sheet_records: tuple[SheetRecord, ...] = ()
    sheets: tuple[CheckedSheet, ...] = ()
    cover: Cover | None = None
    unit_name: str | None = None
    fiscal_year: int | None = None
    statement_tables: tuple[StatementTable, ...] = ()
    statement_lines: tuple[StatementLine, ...] = ()
    statement_grids: frozenset[tuple[int, tuple[float, float, float, float]]] = frozenset()  # (page, bbox)
    kind: DocumentKind | None = None
    sections: tuple[NarrativeSection, ...] = ()
    narrative: Narrative = field(default_factory=Narrative)
    document_checks: tuple[CheckResult, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    ending: Ending | None = None

    def doubt(self, code: str, message: str, stage: str, page: int | None = None,
              degrades: bool = True) -> "Reading":
        return replace(self, doubts=self.doubts + (Doubt(code, message, stage, page, degrades),))

    def end(self, status: str, error_class: str, message: str) -> "Reading":
        return replace(self, ending=Ending(status, error_class, message))


@dataclass(frozen=True)
class Stage:
    name: str
    description: str
    run: Callable[[Reading, PipelineSettings], Reading]


# --------------------------------------------------------------------------- read pages


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


def _may_be_read(page: PageLayout) -> bool:
    """Whether a surveyed page prints what a document of another kind is read for: a 自评表 (or
    any table of indicators) or a standard 决算 table's title."""
    text = compact("".join(ln.text for ln in page.text_lines))
    return any(w in text for w in LAYOUT_WORDS) or any(match_title(compact(ln.text)) for ln in page.text_lines)


def _read_all_pages(reader: GridBackend, settings: PipelineSettings) -> tuple[tuple[PageLayout, ...], bool]:
    """Every page, and whether the document was surveyed: the cover pages are laid out; where
    their cover names another kind than a 决算, the other pages are read as text first and laid
    out only where _may_be_read. Such a document is read again whole if it is not skipped
    (classify_document) and a page was left unlaid, so a survey never changes what is read."""
    first = [reader.read_page_or_error(n) for n in range(1, min(COVER_PAGES, reader.page_count) + 1)]
    named = cover_kind(read_cover([p for p in first if not p.error]))
    if not settings.survey_other_kinds or not named or named[0] in FINAL_KINDS:
        rest = [reader.read_page_or_error(n) for n in range(len(first) + 1, reader.page_count + 1)]
        return tuple(first + rest), False
    pages = list(first)
    skipped_layout = False  # a page was read as text only
    for n in range(len(first) + 1, reader.page_count + 1):
        page = reader.read_page_or_error(n, text_only=True)
        if page.ocr is not None or page.error:  # read from its image: laid out already
            pages.append(page)
        elif _may_be_read(page):
            pages.append(reader.read_page_or_error(n))
        else:
            pages.append(page)
            skipped_layout = True
    # Every page laid out after all: the reading is whole, nothing to read again.
    return tuple(pages), skipped_layout


class _WholeLayoutNeeded(Exception):
    """A document surveyed as another kind is read after all: it is read again, every page laid out."""


def read_layout(source: DocumentSource, settings: PipelineSettings) -> DocumentLayout:
    """Every page through the backend, and the doubts the file's bytes raise; ExtractError
    when the file cannot be opened at all."""
    path = Path(source.source_path)
    _check_header(path)
    try:
        reader = open_backend(settings.backend, str(path), settings.read)
        page_count = reader.page_count
    except Exception as exc:  # any parser failure on open is a property of the file
        raise _classify_open_error(exc) from exc
    with reader:
        try:
            pages, surveyed = _read_all_pages(reader, settings)
        except Exception as exc:
            raise _classify_open_error(exc) from exc
        producer, repaired = reader.producer, reader.repaired_cross_reference
    doubts = []
    if repaired:
        doubts.append(Doubt("cross_reference_rebuilt",
                            "the file's cross-reference table is damaged and was rebuilt by the PDF library: "
                            "objects may be missing or stale", "read_pages"))
    doubts += [Doubt("damaged_bytes", finding, "read_pages")
               for finding in check_integrity(path).findings(len(pages))]
    return DocumentLayout(source, page_count, producer, pages, tuple(doubts), surveyed=surveyed)


def read_pages(reading: Reading, settings: PipelineSettings) -> Reading:
    try:
        layout = read_layout(reading.source, settings)
    except ExtractError as err:
        return reading.end("failed", err.error_class, err.message)
    return judge_pages(replace(reading, layout=layout, doubts=reading.doubts + layout.doubts), settings)


def _no_text_message(ocr: OcrSettings, backend: str) -> str:
    """Why a document with no text was not read, and what would read it."""
    if backend != DEFAULT_BACKEND:
        return f"no text layer: an image-only (scanned) PDF; OCR runs with the {DEFAULT_BACKEND} backend only"
    if ocr.mode == "off":
        return "no text layer: an image-only (scanned) PDF; run with --ocr auto to read it by OCR"
    if not ocr_backend.available():
        return ("no text layer: an image-only (scanned) PDF; OCR needs the [ocr] extra "
                f"({OCR_EXTRA}), then it is read by OCR")
    return "no text layer, and OCR read no text on any page"


def judge_pages(reading: Reading, settings: PipelineSettings) -> Reading:
    """A file with no readable text ends here; unreadable and damaged pages are doubted."""
    layout = reading.layout
    pages = layout.pages
    if sum(p.char_count for p in pages) == 0:
        unreadable = [p.page_no for p in pages if p.error]
        if unreadable:
            return reading.end("failed", "corrupt_pdf",
                               f"no page could be read ({len(unreadable)} of {layout.page_count} "
                               f"failed; first: {pages[unreadable[0] - 1].error})")
        return reading.end("failed", "no_text_layer", _no_text_message(settings.read.ocr, settings.backend))
    damaged = [p for p in pages if p.damaged]
    judged = [p for p in pages if p.damaged or p.char_count >= settings.glyphs_to_judge]
    if damaged and len(damaged) == len(judged):
        return reading.end("failed", "damaged_text_layer",
                           f"every page with text has a damaged text layer "
                           f"(page {damaged[0].page_no}: {damaged[0].quality.reason}); "
                           f"its characters are not the printed ones")
    for p in pages:
        if p.error:
            reading = reading.doubt("page_unreadable", f"page {p.page_no} could not be read and was skipped: "
                                                       f"{p.error}", "read_pages", p.page_no)
    if damaged:
        reading = reading.doubt("damaged_text_layer",
                                f"pages {[p.page_no for p in damaged]} have a damaged text layer "
                                f"(page {damaged[0].page_no}: {damaged[0].quality.reason}); rows read "
                                f"from them are marked page_quality = 'damaged'", "read_pages", damaged[0].page_no)
    return reading


def prepare_pages(reading: Reading, settings: PipelineSettings) -> Reading:
    """The readable pages, with the running headers and footers a producer repeats removed."""
    readable = [p for p in reading.layout.pages if not p.error]
    return replace(reading, pages=tuple(strip_running_lines(readable, settings.furniture)))


# --------------------------------------------------------------------------- the 自评表


def _prints_self_evaluation_header(grid: TableGrid) -> bool:
    return is_self_evaluation_header([cell.text for cell in grid.cells])


def find_sheet_tables(reading: Reading, settings: PipelineSettings) -> Reading:
    """Group the grids into sheets; a page that prints a 自评表 title or indicator header no
    sheet covers is doubted."""
    sheets = tuple(find_sheets(list(reading.pages), settings.sheets))
    read = {g.page_no for s in sheets for g in s.grids}
    for page in reading.pages:
        if page.page_no in read:
            continue
        titles = [ln.text for ln in page.text_lines
                  if sheet_kind_of_title(ln.text) and len(compact(ln.text)) <= 40]
        headers = [g for g in page.grids if _prints_self_evaluation_header(g)]
        if titles or headers:
            what = f"the title {compact(titles[0])!r}" if titles else "an indicator header row"
            reading = reading.doubt(
                "sheet_page_unread", f"page {page.page_no} prints {what} but no 绩效自评表 could be read from it "
                                     f"(no ruled table under the title, or one the reader cannot place)",
                "find_sheets", page.page_no)
    return replace(reading, sheet_tables=sheets)


def _per_sheet(step: Callable, source: str, target: str, stage: str
               ) -> Callable[[Reading, PipelineSettings], Reading]:
    """A stage that applies ``step`` to every sheet of ``source``; a sheet that raises is lost
    alone, with a doubt naming it, its title and pages."""
    def run(reading: Reading, settings: PipelineSettings) -> Reading:
        tables = {s.sheet_no: s for s in reading.sheet_tables}
        done = []
        for item in getattr(reading, source):
            try:
                done.append(step(item))
            except Exception as exc:  # one broken sheet must not lose the others
                sheet = tables[item.sheet_no]
                pages_of = sorted({g.page_no for g in sheet.grids})
                reading = reading.doubt("sheet_unreadable",
                                        f"sheet {sheet.sheet_no} ({sheet.title}, pages {pages_of}) "
                                        f"could not be read: {type(exc).__name__}: {exc}", stage, pages_of[0])
        return replace(reading, **{target: tuple(done)})
    return run


def account_values(reading: Reading, settings: PipelineSettings) -> Reading:
    """A value printed where a number belongs (分值, 得分, an amount, a rate) that is not one is
    kept as printed, and makes the document ``partial``: the reader doubts it (a misplaced
    cell, a column read as the wrong one)."""
    for record in reading.sheet_records:
        if record.unparsed:
            reading = reading.doubt(
                "values_unparsed", f"sheet {record.sheet_no} ({record.title}): {len(record.unparsed)} values "
                                   f"are not numbers, first {record.unparsed[0]}", "account_values",
                record.pages[0] if record.pages else None)
    return reading


def account_cells(reading: Reading, settings: PipelineSettings) -> Reading:
    """Every printed cell of a sheet ends in a record, a recognised label or a doubt: a sheet
    with cells no record holds makes the document ``partial``, the cells named (they are also
    in the sheet's layout_warnings and ``sheets.unplaced_cells``)."""
    for rows in reading.sheet_rows:
        if rows.unplaced:
            first = rows.unplaced[0]
            reading = reading.doubt(
                "cells_unplaced", f"sheet {rows.sheet_no} ({rows.title}): {len(rows.unplaced)} of "
                                  f"{rows.cells_printed} printed cells were not read, first {first.describe()}",
                "account_cells", first.page)
        if rows.doubtful:
            reading = reading.doubt(
                "cells_doubtful", f"sheet {rows.sheet_no} ({rows.title}): {len(rows.doubtful)} cells the "
                                  f"reader cannot be sure of, first {rows.doubtful[0]}", "account_cells",
                rows.pages[0] if rows.pages else None)
    return reading


# --------------------------------------------------------------------------- the rest of a 决算


def _unit_and_year(cover: Cover, sheets: tuple[CheckedSheet, ...]) -> tuple[str | None, int | None]:
    """The publishing unit and fiscal year, from the cover's title line or else from the sheets."""
    unit, year = cover.unit, cover.year
    dept = [c.sheet for c in sheets if c.sheet.sheet_kind == "department" and c.sheet.unit_name]
    if dept:
        unit = unit or dept[0].unit_name
    if year is None:
        years = [c.sheet.fiscal_year for c in sheets if c.sheet.fiscal_year]
        year = max(set(years), key=years.count) if years else None
    if year is None:
        year = cover.printed_year
    return unit or None, year


def identify(reading: Reading, settings: PipelineSettings) -> Reading:
    """The cover, and the publishing unit and fiscal year (from it, or else from the sheets)."""
    cover = read_cover(list(reading.pages))
    unit, year = _unit_and_year(cover, reading.sheets)
    return replace(reading, cover=cover, unit_name=unit, fiscal_year=year)


def read_statement_tables(reading: Reading, settings: PipelineSettings) -> Reading:
    tables, lines = read_statements(list(reading.pages))
    grids = frozenset((b.page, (b.x0, b.y0, b.x1, b.y1)) for t in tables for b in t.grids)
    return replace(reading, statement_tables=tables, statement_lines=lines, statement_grids=grids)


def _first_row_text(grid: TableGrid) -> str:
    return " | ".join(c.text for c in sorted((c for c in grid.cells if c.row == 0), key=lambda c: c.col)
                      if c.text.strip())


def account_grids(reading: Reading, settings: PipelineSettings) -> Reading:
    """Every ruled grid belongs to a sheet or a statement table, or is named in a doubt (page,
    size, first row) that makes the document ``partial``; so is a table outside the nine that
    prints rows below its first one and gave no line (its columns were read as nothing)."""
    claimed = {(g.page_no, g.bbox) for s in reading.sheet_tables for g in s.grids} | reading.statement_grids
    grids = {(p.page_no, g.bbox): g for p in reading.pages for g in p.grids}
    for table in reading.statement_tables:
        printed = [grids.get((b.page, (b.x0, b.y0, b.x1, b.y1))) for b in table.grids]
        below_first = sum(1 for g in printed if g for c in g.cells if c.row > 0 and c.text.strip())
        if not table.standard and table.line_count == 0 and below_first:
            reading = reading.doubt(
                "table_unread", f"{table.table} (pages {table.first_page}-{table.last_page}) prints "
                                f"{below_first} cells below its first row but no value was read from it",
                "account_grids", table.first_page)
    for page in reading.pages:
        for grid in page.grids:
            if (page.page_no, grid.bbox) in claimed:
                continue
            reading = reading.doubt(
                "grid_unclaimed", f"page {page.page_no}: a ruled table of {grid.n_rows} x {grid.n_cols} cells "
                                  f"at {box_text(grid.bbox)} belongs to no 自评表 and no "
                                  f"standard table, and was not read (first row: {_first_row_text(grid)[:60]!r})",
                "account_grids", page.page_no)
    return reading


def classify_document(reading: Reading, settings: PipelineSettings) -> Reading:
    """The document's kind; a kind this run does not read, or another kind than a 决算 without
    自评表, ends the document as ``skipped`` (a 自评表 is read in any kind)."""
    kind = classify(list(reading.pages), reading.statement_tables, len(reading.sheets), reading.cover)
    reading = replace(reading, kind=kind)
    if not kind.is_final_accounts or not (settings.kinds is None or kind.kind in settings.kinds):
        # A budget mentions 决算 in passing (上年决算数): its tables are not 决算 tables.
        reading = replace(reading, statement_tables=(), statement_lines=())
    selected = settings.kinds is None or kind.kind in settings.kinds
    if not selected:
        return reading.end("skipped", "kind_not_selected",
                           f"document kind {kind.kind} ({kind.evidence}); this run reads only "
                           f"{', '.join(settings.kinds)}")
    if kind.kind == "other" and any(p.damaged for p in reading.layout.pages):
        damaged = [p.page_no for p in reading.layout.pages if p.damaged]
        return reading.end("failed", "damaged_text_layer",
                           f"pages {damaged} have a damaged text layer and nothing else tells what the document is")
    if not kind.is_final_accounts and not reading.sheets:
        return reading.end("skipped", "not_final_accounts",
                           f"document kind {kind.kind}, not a 决算 ({kind.evidence}): its prose and tables are not read")
    if reading.layout.surveyed:
        raise _WholeLayoutNeeded(reading.source.file_name)
    return reading


def read_prose(reading: Reading, settings: PipelineSettings) -> Reading:
    """The figures the prose states (决算 kinds only: a budget's prose is not a 决算's)."""
    if not reading.kind.is_final_accounts:
        return reading
    sections = tuple(narrative_sections(list(reading.pages)))
    return replace(reading, sections=sections, narrative=read_narrative(list(sections), reading.unit_name))


def trust_ocr_values(reading: Reading, settings: PipelineSettings) -> Reading:
    """Pages read by OCR: a note of them, and a doubt wherever the document's arithmetic does
    not confirm what OCR read (checks/ocr_trust.py)."""
    lines = OcrLines.of(reading.pages)
    if not lines.by_page:
        return reading
    read = [p.ocr for p in reading.pages if p.ocr is not None]
    turned = sorted({(p.page_no, p.ocr.rotation) for p in reading.pages if p.ocr is not None and p.ocr.rotation})
    skewed = max((abs(o.skew) for o in read), default=0.0)
    reading = reading.doubt(
        "ocr_pages", f"pages {list(lines.pages)} have no text layer and were read by OCR at {read[0].dpi} dpi"
        + (f"; turned upright: {', '.join(f'page {n} by {d}°' for n, d in turned)}" if turned else "")
        + (f"; skew up to {skewed:.1f}° corrected" if skewed else "")
        + "; their values carry ocr_confidence", "trust_ocr", lines.pages[0], degrades=False)
    values = [(f"fact {f.fact_no} {f.key} {f.value_raw!r}", f.boxes) for f in reading.narrative.facts]
    values += [(f"{ln.table} row {ln.row_no} {ln.column_path} {ln.value_raw!r}", (PieceBox(ln.page, *ln.bbox),))
               for ln in reading.statement_lines if ln.bbox is not None and ln.value_raw]
    failed = [c.check_id for c in reading.document_checks if c.status == "fail"]
    trust = settings.ocr_trust
    doubts = sheet_doubts(reading.sheets, lines, trust) + document_doubts(values, failed, lines, trust)
    return replace(reading, doubts=reading.doubts + tuple(doubts))


def cross_check(reading: Reading, settings: PipelineSettings) -> Reading:
    """The document against itself and its tables against its prose; then the notes that do
    not change the status (no 自评表, a table without a unit)."""
    if not reading.kind.is_final_accounts:
        return reading
    evidence = DocumentEvidence(reading.pages, reading.sheets, reading.fiscal_year, reading.unit_name,
                                reading.sections, reading.narrative, reading.statement_tables,
                                reading.statement_lines)
    reading = replace(reading, document_checks=check_document(evidence))
    if not reading.sheets:
        reading = reading.doubt("no_sheets", "no 绩效自评表 found in this document", "checks", degrades=False)
    # A table of text (决算单位构成: 序号 | 单位名称 | 备注) needs no unit; one that prints numbers does.
    numeric = {ln.table for ln in reading.statement_lines if parse_decimal(ln.value_raw)}
    for tb in reading.statement_tables:
        if tb.status != "missing" and tb.unit_printed is None and tb.table in numeric:
            reading = reading.doubt("table_without_unit",
                                    f"{tb.table} (pages {tb.first_page}-{tb.last_page}) prints no unit "
                                    f"(单位：万元/元): its values are kept as printed, value_yuan is null",
                                    "checks", tb.first_page, degrades=False)
    return reading


# --------------------------------------------------------------------------- the list


STAGES: tuple[Stage, ...] = (
    Stage("read_pages", "backend: rulings and glyphs -> PageLayout grids; the file's damage", read_pages),
    Stage("prepare_pages", "furniture.strip_running_lines: running headers and footers removed", prepare_pages),
    Stage("find_sheets", "tables.find_sheets: group grids into sheets", find_sheet_tables),
    Stage("reassemble", "reassembly.reassemble_cells: logical rows",
          _per_sheet(reassemble_cells, "sheet_tables", "sheet_rows", "reassemble")),
    Stage("account_cells", "every printed cell of a sheet read, or named in a doubt", account_cells),
    Stage("records", "records.build_record: typed, normalized values",
          _per_sheet(build_record, "sheet_rows", "sheet_records", "records")),
    Stage("account_values", "every value where a number belongs parsed, or named in a doubt", account_values),
    Stage("validate", "checks.registry.check_sheet: the sheet's arithmetic (SHEET_CHECKS)",
          _per_sheet(check_sheet, "sheet_records", "sheets", "validate")),
    Stage("identify", "cover.read_cover: the publishing unit and fiscal year, from the cover or the sheets",
          identify),
    Stage("statements", "statements.read_statements: the standard 决算 tables, long form", read_statement_tables),
    Stage("classify", "kinds.classify: the document kind; other kinds end here", classify_document),
    Stage("account_grids", "every ruled grid read as a sheet or a table, or named in a doubt", account_grids),
    Stage("narrative", "narrative + facts: figures stated in the prose (决算 kinds only)", read_prose),
    Stage("cross_check", "checks.registry.check_document: the document against itself, tables against prose",
          cross_check),
    Stage("trust_ocr", "ocr_trust: values read by OCR confirmed by the checks, or their cells named",
          trust_ocr_values),
)


class StageTimer:
    """Seconds spent per stage, summed over calls; pass one to process_document to fill it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {stage.name: 0.0 for stage in STAGES}

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


def run_stages(reading: Reading, settings: PipelineSettings, stages: tuple[Stage, ...] = STAGES,
               timer: StageTimer | None = None) -> DocumentResult:
    """Run ``stages`` in order until one ends the document; then decide its status."""
    timer = timer or StageTimer()
    for stage in stages:
        started = time.perf_counter()
        reading = stage.run(reading, settings)
        timer.add(stage.name, started)
        if reading.ending is not None:
            break
    return finish(reading)


def finish(reading: Reading) -> DocumentResult:
    """The document's result; its status decided here, once, from its ending and its doubts."""
    layout = reading.layout
    damaged_pages = tuple(p.page_no for p in layout.pages if p.damaged) if layout else ()
    ocr_lines = OcrLines.of(layout.pages) if layout else OcrLines({})
    ending = reading.ending
    if ending is not None and ending.status == "failed" and reading.kind is None:
        # Nothing was read: only what the file itself tells.
        known = dict(page_count=layout.page_count, producer=layout.producer) if layout else {}
        if ending.error_class == "damaged_text_layer":
            known["damaged_pages"] = damaged_pages
        return DocumentResult.failed(reading.source, ending.error_class, ending.message, **known)
    if ending is not None:
        status, error_class, message = ending.status, ending.error_class, ending.message
    else:
        status = "partial" if any(d.degrades for d in reading.doubts) else "ok"
        error_class = message = None
    source = reading.source
    return DocumentResult(
        doc_id=source.doc_id, source_path=source.source_path, file_name=source.file_name,
        page_count=layout.page_count, producer=layout.producer, unit_name=reading.unit_name,
        fiscal_year=reading.fiscal_year, status=status, error_class=error_class, error_message=message,
        sheets=reading.sheets, document_kind=reading.kind.kind, kind_evidence=reading.kind.evidence,
        damaged_pages=damaged_pages, ocr_lines=ocr_lines, doubts=reading.doubts, narrative=reading.narrative,
        statement_tables=reading.statement_tables, statement_lines=reading.statement_lines,
        document_checks=reading.document_checks)


def process_document(path: str | Path, backend: str = DEFAULT_BACKEND,
                     timer: StageTimer | None = None, doc_id: str | None = None,
                     kinds: tuple[str, ...] | None = None,
                     settings: PipelineSettings | None = None, ocr: str = "auto") -> DocumentResult:
    """Run every stage on one PDF; never raises for a bad file (see the module docstring).

    ``doc_id`` is the file's SHA-256 when the caller has already computed it (a batch does).
    ``kinds`` restricts extraction to those document kinds (kinds.KINDS); a document of
    another kind is ``skipped`` with error_class ``kind_not_selected``. ``ocr``: when pages are
    read from their image (ocr.OCR_MODES). ``settings`` sets everything at once (backend, kinds
    and OCR included); without it, the defaults with these three.
    """
    if settings is None:
        read = _genre_read_settings()
        settings = PipelineSettings(backend=backend, kinds=kinds,
                                    read=replace(read, ocr=replace(read.ocr, mode=ocr)))
    path = Path(path)
    source = DocumentSource(doc_id or file_sha256(path), str(path), path.name)
    try:
        return run_stages(Reading(source), settings, timer=timer)
    except _WholeLayoutNeeded:  # surveyed as another kind, read after all
        return run_stages(Reading(source), replace(settings, survey_other_kinds=False), timer=timer)


def extract_from_layout(layout: DocumentLayout, settings: PipelineSettings | None = None,
                        timer: StageTimer | None = None) -> DocumentResult:
    """Every stage after reading the pages, on pages read already (tests build them by hand)."""
    settings = settings or PipelineSettings()
    reading = judge_pages(Reading(layout.source, layout=layout, doubts=layout.doubts), settings)
    if reading.ending is not None:
        return finish(reading)
    return run_stages(reading, settings, STAGES[1:], timer)


__all__ = ["process_document", "extract_from_layout", "run_stages", "ExtractError", "PipelineSettings",
           "STAGES", "Stage", "StageTimer", "Reading", "__version__"]
