"""Plain typed values handed from one pipeline stage to the next.

Data flows one way:

    PageLayout (backend)  ->  SheetTables (find_tables)  ->  SheetRows (reassembly)
      ->  SheetRecord (records)  ->  NormalizedSheet (normalize)  ->  checks (validate)
      ->  Parquet (writer)

and, for the rest of a document, from the same PageLayouts:

    text lines -> NarrativeSection (narrative) -> NarrativeFact, ExpenditureItem (facts)
    grids under a 决算表 title -> StatementTable, StatementLine (statements)
    facts + statement lines -> CheckResult (checks/)

Every value is frozen; a stage builds new values instead of filling in old ones.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple
from decimal import Decimal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


def box_text(bbox: BBox) -> str:
    """A box as warnings name it: (x0, top, x1, bottom) in whole points."""
    return "({:.0f}, {:.0f}, {:.0f}, {:.0f})".format(*bbox)


class PieceBox(NamedTuple):
    """Where (a piece of) a value was printed: its page and box (PDF points, origin top-left).

    A value pieced together over a page break has one per page.
    """

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


def union_boxes(boxes: "Iterable[PieceBox]") -> tuple[PieceBox, ...]:
    """One box per page enclosing the given ones, in page order."""
    by_page: dict[int, list[PieceBox]] = {}
    for b in boxes:
        by_page.setdefault(b.page, []).append(b)
    return tuple(PieceBox(page, min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs),
                          max(b.y1 for b in bs)) for page, bs in sorted(by_page.items()))


# --------------------------------------------------------------------------- backend output


@dataclass(frozen=True)
class TextLine:
    """One printed line of text, outside any table (titles, prose)."""

    text: str
    bbox: BBox


@dataclass(frozen=True)
class GridCell:
    """One cell of a ruled table, after merging the atomic cells no ruling separates.

    ``open_top`` / ``open_bottom`` say that the table's outer ruling is missing above / below
    the cell: the cell continues from the previous page or onto the next one.
    """

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    lines: tuple[str, ...]
    open_top: bool = False
    open_bottom: bool = False

    @cached_property
    def text(self) -> str:
        """The cell's lines joined (read many times by reassembly: worked out once)."""
        return join_cell_lines(self.lines)

    def covers(self, row: int, col: int) -> bool:
        return (self.row <= row < self.row + self.row_span
                and self.col <= col < self.col + self.col_span)


@dataclass(frozen=True)
class TableGrid:
    """A ruled table found on one page: column and row boundaries and the cells between."""

    page_no: int  # 1-based
    bbox: BBox
    col_edges: tuple[float, ...]
    row_edges: tuple[float, ...]
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def cell_at(self, row: int, col: int) -> GridCell | None:
        return self._owners.get((row, col))

    @cached_property
    def _owners(self) -> dict[tuple[int, int], GridCell]:
        """The cell covering each atomic (row, col), built once: reassembly asks for every
        column of every row."""
        owners: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    owners.setdefault((r, c), cell)
        return owners

    def col_at(self, x: float) -> int | None:
        """Index of the atomic column that contains x, or None when x is outside the table
        (the edges ascend: found by bisection, as reassembly asks for every cell)."""
        i = bisect_right(self.col_edges, x) - 1
        return i if 0 <= i < self.n_cols else None


@dataclass(frozen=True)
class PageQuality:
    """How trustworthy a page's text layer is (textlayer.assess_page).

    ``suspect`` counts glyphs whose text cannot be what a 决算 prints: control characters,
    private-use code points, U+FFFD, ``(cid:N)``, glyphs the font maps to no Unicode, stray
    Latin-1 letters; ``outside`` counts glyphs whose box lies outside the page.
    """

    glyphs: int
    suspect: int
    outside: int
    damaged: bool
    reason: str | None = None  # why the page is damaged, with the counts


@dataclass(frozen=True)
class OcrLine:
    """One recognised text line: its text, box (points, the page as shown) and confidence."""

    text: str
    bbox: BBox
    confidence: float


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on a page: its lines, and how the image was turned before reading."""

    lines: tuple[OcrLine, ...]
    rotation: int  # degrees the image was turned clockwise to stand upright
    skew: float  # degrees of skew rotated out
    dpi: int
    seconds: float = field(default=0.0, compare=False)  # the time it took


@dataclass(frozen=True)
class PageLayout:
    """What a backend reads from one page: its ruled tables and the text lines outside them.

    A page the backend could not read at all has ``error`` set and nothing else.
    """

    page_no: int
    width: float
    height: float
    text_lines: tuple[TextLine, ...]
    grids: tuple[TableGrid, ...]
    char_count: int
    quality: PageQuality | None = None
    error: str | None = None
    ocr: "OcrPage | None" = None  # the page was read from its image (backends/ocr.py)

    @property
    def damaged(self) -> bool:
        return self.quality is not None and self.quality.damaged


@dataclass(frozen=True)
class DocumentSource:
    """Which input a document is: its content hash and the file it was read from."""

    doc_id: str  # SHA-256 of the bytes
    source_path: str
    file_name: str


@dataclass(frozen=True)
class Doubt:
    """Something the reader doubts about a document, named for the person checking it.

    ``code`` is stable and machine-readable (``DOUBT_CODES``), ``message`` says what and where;
    a doubt that ``degrades`` makes a readable document ``partial``; the others are notes.
    """

    code: str
    message: str
    stage: str  # the pipeline stage that raised it
    page: int | None = None
    degrades: bool = True


# Every doubt the pipeline can raise, with what it means.
DOUBT_CODES = {
    "cross_reference_rebuilt": "the file's cross-reference table was damaged and rebuilt by the PDF library",
    "damaged_bytes": "compressed streams or cross-reference entries of the file are damaged, or pages are lost",
    "page_unreadable": "a page could not be parsed and was skipped",
    "damaged_text_layer": "pages whose characters are not the printed ones",
    "sheet_page_unread": "a page prints a 自评表 title or indicator header no extracted sheet covers",
    "sheet_unreadable": "a sheet raised an error while it was read",
    "cells_unplaced": "printed cells of a sheet that no record, field or recognised label holds",
    "values_unparsed": "values of a sheet that should be numbers (分值, 得分, amounts, rates) and are not",
    "cells_doubtful": "cells of a sheet the reader read but cannot be sure of (a cell a page break may or may not continue)",
    "grid_unclaimed": "a ruled grid that belongs to no sheet and no statement table",
    "table_unread": "a table outside the nine standard ones printed rows, but no value was read from it",
    "no_sheets": "a 决算 with no 绩效自评表 (a note: the status is unchanged)",
    "table_without_unit": "a standard table prints no unit; its values are kept as printed (a note)",
    "ocr_pages": "pages without a text layer read by OCR (a note: their values carry ocr_confidence)",
    "ocr_unconfirmed": "values read by OCR that the document's arithmetic does not confirm, least confident first",
}


@dataclass(frozen=True)
class DocumentLayout:
    """What reading the file gives the later stages: every page, and what the file's own bytes
    gave reason to doubt."""

    source: DocumentSource
    page_count: int
    producer: str | None
    pages: tuple[PageLayout, ...]
    doubts: tuple[Doubt, ...] = ()  # damaged bytes, a rebuilt cross-reference table
    # Read as a survey: only the pages that may be read were laid out (pipeline.read_layout).
    surveyed: bool = False


# --------------------------------------------------------------------------- find_tables output


@dataclass(frozen=True)
class SheetTables:
    """The grids of one self-evaluation sheet (one or more pages) with its title lines."""

    sheet_no: int
    title: str
    title_lines: tuple[str, ...]
    grids: tuple[TableGrid, ...]


# --------------------------------------------------------------------------- reassembly output


@dataclass(frozen=True)
class LogicalCell:
    """The text of one printed cell, possibly pieced together from several pages."""

    text: str
    pages: tuple[int, ...]
    boxes: tuple[PieceBox, ...] = ()  # the grid cell(s) it was read from


# Role of a printed column kept under its own label (年中调整金额②): EXTRA_ROLE + label.
EXTRA_ROLE = "extra:"


@dataclass(frozen=True)
class LogicalRow:
    """One record-row of a sheet section: cell text by column role (see labels.py)."""

    cells: dict[str, LogicalCell]
    pages: tuple[int, ...]

    def text(self, role: str) -> str | None:
        cell = self.cells.get(role)
        return cell.text if cell is not None and cell.text != "" else None

    @property
    def boxes(self) -> tuple[PieceBox, ...]:
        """The row's extent on each of its pages."""
        return union_boxes(b for cell in self.cells.values() for b in cell.boxes)

    @property
    def cell_boxes(self) -> dict[str, tuple[PieceBox, ...]]:
        return {role: cell.boxes for role, cell in self.cells.items() if cell.boxes}


@dataclass(frozen=True)
class UnplacedCell:
    """A printed cell of a sheet that ended in no record, no field and no recognised label."""

    page: int
    bbox: BBox
    text: str

    def describe(self) -> str:
        return f"page {self.page}: cell {self.text[:40]!r} at {box_text(self.bbox)} was not read"


@dataclass(frozen=True)
class SheetRows:
    """A sheet reassembled into its sections."""

    sheet_no: int
    title: str
    title_lines: tuple[str, ...]
    fields: dict[str, str]  # 项目名称, 主管部门 … keyed by role
    fund_unit: str  # 万元 or 元, from the funds block's own unit label
    funds: tuple[LogicalRow, ...]
    goals: LogicalRow | None
    indicators: tuple[LogicalRow, ...]
    total: LogicalRow | None
    pages: tuple[int, ...]
    warnings: tuple[str, ...] = ()
    grade: str | None = None  # 评价等级 as printed
    layout_warnings: tuple[str, ...] = ()  # what the reader could not place
    field_boxes: dict[str, tuple[PieceBox, ...]] = field(default_factory=dict)  # role -> value cell
    boxes: tuple[PieceBox, ...] = ()  # the sheet's grid on each page
    cells_printed: int = 0  # non-empty cells of the sheet's grids
    unplaced: tuple[UnplacedCell, ...] = ()  # printed cells no label, field or record holds
    fund_source_label: str = ""  # the printed label of the funds' first column (资金来源, 任务名称)
    doubtful: tuple[str, ...] = ()  # what the reader read but cannot be sure of (also in layout_warnings)

    @property
    def cells_placed(self) -> int:
        return self.cells_printed - len(self.unplaced)


# --------------------------------------------------------------------------- normalized values


@dataclass(frozen=True)
class ParsedValue:
    """A printed indicator value split into operator, number and unit; raw text is kept."""

    raw: str | None
    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None  # base unit after scaling: 元, 人次, ratio …
    unit_raw: str | None = None  # unit as printed: 万元, 万人次, % …
    kind: str = "empty"  # numeric / qualitative / empty


@dataclass(frozen=True)
class ExtraValue:
    """A printed fund column with no column of its own in the output (年中调整金额②,
    本年度结余金额⑥, 全年预算数/财政拨款 …): its label, raw text and value — a rate (its label
    says 率 or %) as a ratio, an amount in yuan."""

    label: str
    raw: str | None
    value: Decimal | None
    unit: str  # 元 / ratio


@dataclass(frozen=True)
class FundRow:
    source: str
    initial_budget_raw: str | None
    annual_budget_raw: str | None
    executed_raw: str | None
    weight_raw: str | None
    execution_rate_raw: str | None
    score_raw: str | None
    initial_budget_yuan: Decimal | None
    annual_budget_yuan: Decimal | None
    executed_yuan: Decimal | None
    weight: Decimal | None
    execution_rate: Decimal | None
    score: Decimal | None
    pages: tuple[int, ...]
    extra_values: tuple[ExtraValue, ...] = ()
    boxes: tuple[PieceBox, ...] = ()  # the row on each page
    cell_boxes: dict[str, tuple[PieceBox, ...]] = field(default_factory=dict)  # column role -> cells
    # A 年度主要任务 table's text columns: the task (its 任务名称, also the row's source), what
    # it is (主要内容) and how far it got (完成情况). None where the table has no such column.
    task_name: str | None = None
    task_content: str | None = None
    completion: str | None = None


@dataclass(frozen=True)
class IndicatorRow:
    row_no: int
    level1: str | None
    level2: str | None
    level3: str | None
    target: ParsedValue
    actual: ParsedValue
    weight_raw: str | None
    score_raw: str | None
    weight: Decimal | None
    score: Decimal | None
    deviation: str | None
    basis: str | None
    pages: tuple[int, ...]
    boxes: tuple[PieceBox, ...] = ()  # the row on each page
    cell_boxes: dict[str, tuple[PieceBox, ...]] = field(default_factory=dict)  # column role -> cells


@dataclass(frozen=True)
class SheetRecord:
    sheet_no: int
    sheet_kind: str  # project / department
    title: str
    fiscal_year: int | None
    project_name: str | None
    competent_dept: str | None
    implementing_unit: str | None
    unit_name: str | None
    fund_unit: str
    funds: tuple[FundRow, ...]
    goal_expected: str | None
    goal_actual: str | None
    indicators: tuple[IndicatorRow, ...]
    total_weight_raw: str | None
    total_score_raw: str | None
    total_weight: Decimal | None
    total_score: Decimal | None
    pages: tuple[int, ...]
    warnings: tuple[str, ...] = ()
    budget_code: str | None = None  # 部门预算编码
    evaluation_grade: str | None = None  # 评价等级, as printed
    layout_warnings: tuple[str, ...] = ()  # what the reader could not place
    boxes: tuple[PieceBox, ...] = ()  # the sheet's grid on each page
    field_boxes: dict[str, tuple[PieceBox, ...]] = field(default_factory=dict)  # head field role -> cell
    cells_printed: int = 0  # non-empty cells of the sheet's grids
    unplaced: tuple[UnplacedCell, ...] = ()  # printed cells that ended nowhere (named in layout_warnings)
    unparsed: tuple[str, ...] = ()  # values that should be numbers and are not (also in warnings)

    @property
    def cells_placed(self) -> int:
        return self.cells_printed - len(self.unplaced)


@dataclass(frozen=True)
class CheckResult:
    """One check of a sheet or a document, as evaluated (checks/registry.py); recorded,
    never used to change a value."""

    check_id: str
    status: str  # pass / fail / not_applicable
    detail: str


@dataclass(frozen=True)
class CheckedSheet:
    sheet: SheetRecord
    checks: tuple[CheckResult, ...]

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(c.check_id for c in self.checks if c.status == "fail")


# --------------------------------------------------------------------------- narrative (公开说明)


@dataclass(frozen=True)
class NarrativeSection:
    """The prose under one heading (一、… / （一）…), its lines joined as one text.

    ``page_starts`` maps character offsets of ``text`` to pages: (offset, page_no) pairs, where
    each page's text begins.
    """

    path: tuple[str, ...]  # headings from the outermost (第二部分 …) to this one, as printed
    text: str
    page_starts: tuple[tuple[int, int], ...]
    # (offset in text, page, box) of each printed line joined into ``text``
    line_starts: tuple[tuple[int, int, BBox], ...] = ()

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    def boxes_between(self, start: int, end: int) -> tuple[PieceBox, ...]:
        """The boxes of the printed lines that hold text[start:end]."""
        out = []
        for i, (offset, page, box) in enumerate(self.line_starts):
            line_end = self.line_starts[i + 1][0] if i + 1 < len(self.line_starts) else len(self.text)
            if offset < end and line_end > start:
                out.append(PieceBox(page, *box))
        return tuple(out)

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, page_no in self.page_starts:
            if start > offset:
                break
            page = page_no
        return page


@dataclass(frozen=True)
class NarrativeFact:
    """One figure the prose states: 本年收入合计 3,127.86 万元 -> 31278600 元.

    ``key`` names the figure (the printed label, qualified by its subject where the bare label
    is ambiguous: 决算数 -> “三公”经费决算数); ``label`` is the label as printed. ``metric`` is
    the figure's canonical name (metrics.METRICS) where it is one of them, the same in every
    document; ``metric_value`` is the value under that name (a change is signed: 减少 < 0).
    A figure stated jointly (收入支出总计) is one row per metric.
    """

    fact_no: int
    section: str
    topic: str  # figure / staff / structure
    key: str
    label: str
    value: Decimal
    unit: str  # 元 / ratio / a count unit (个, 辆, 人次, 平方米 …)
    value_raw: str
    unit_raw: str
    raw_text: str
    page: int | None
    metric: str | None = None
    metric_value: Decimal | None = None
    boxes: tuple[PieceBox, ...] = ()  # the printed lines of raw_text
    # What the figure is of, as its clause says: the subject (the key without its measure),
    # the measure (budget / actual / change / share / completion / count, or "" where the
    # clause states none: a 决算's own figure), and the scope (the budget family of the section
    # it stands under: department, fiscal_grant, general_budget, government_fund, three_public …).
    subject: str = ""
    measure: str = ""
    scope: str = ""
    # Where the key names a metric but the measure or scope says otherwise, ``metric`` is null
    # and the metrics it could have been are listed, with why.
    metric_candidates: tuple[str, ...] = ()
    metric_doubt: str | None = None


@dataclass(frozen=True)
class ExpenditureItem:
    """One 类/款/项 item of 一般公共预算财政拨款支出决算具体情况, as the prose states it."""

    seq: int
    class_name: str | None
    section_name: str | None
    item_name: str | None
    code: str | None
    amount_yuan: Decimal | None
    amount_raw: str | None
    budget_yuan: Decimal | None
    budget_raw: str | None
    change_yuan: Decimal | None
    change_raw: str | None
    change_direction: str | None  # 增加 / 减少
    change_ratio: Decimal | None
    change_pct_raw: str | None
    reason: str | None
    raw_text: str
    page: int | None


@dataclass(frozen=True)
class Narrative:
    facts: tuple[NarrativeFact, ...] = ()
    expenditure_items: tuple[ExpenditureItem, ...] = ()


# --------------------------------------------------------------------------- standard 决算 tables


@dataclass(frozen=True)
class StatementTable:
    """One of the standard tables: present, present but empty (本表为空表), or missing."""

    table: str  # canonical name; a table outside the canon: its printed title (other_table_title)
    title: str | None  # as printed
    status: str  # present / empty / missing
    standard: bool  # one of the nine standard tables
    unit_printed: str | None  # 万元 / 元, from the table's 单位 line
    first_page: int | None
    last_page: int | None
    line_count: int
    note: str | None
    # The ruled grids the table was read from, page by page (which grids are claimed; their
    # boxes differ by a fraction of a point between backends, so they are not compared).
    grids: tuple[PieceBox, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class StatementLine:
    """One value cell of a standard table, in long form."""

    table: str
    title: str
    row_no: int
    code: str | None  # 科目编码, its 类/款/项 parts joined
    label: str
    column_path: str  # header cells above the value, outermost first: 本年支出/基本支出
    value_yuan: Decimal | None
    value_raw: str | None
    unit_printed: str | None
    page: int
    bbox: BBox | None = None  # the value's cell


@dataclass(frozen=True)
class OcrLines:
    """The OCR'd lines of a document, by page."""

    by_page: dict[int, tuple[OcrLine, ...]]

    @classmethod
    def of(cls, pages: "Iterable[PageLayout]") -> "OcrLines":
        return cls({p.page_no: p.ocr.lines for p in pages if p.ocr is not None})

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted(self.by_page))

    def confidence(self, boxes: Iterable[PieceBox]) -> float | None:
        """The lowest confidence of the OCR lines whose centre lies in one of the boxes; None
        where no box is on an OCR'd page (or no line in it: an empty cell)."""
        return min((ln.confidence for ln in self.lines_in(boxes)), default=None)

    def lines_in(self, boxes: Iterable[PieceBox]) -> list[OcrLine]:
        """The OCR lines whose centre lies in one of the boxes, box by box."""
        return [ln for b in boxes for ln in self.by_page.get(b.page, ())
                if b.x0 - 1 <= (ln.bbox[0] + ln.bbox[2]) / 2 <= b.x1 + 1
                and b.y0 - 1 <= (ln.bbox[1] + ln.bbox[3]) / 2 <= b.y1 + 1]



@dataclass(frozen=True)
class DocumentResult:
    """Everything the writer needs for one input document."""

    doc_id: str
    source_path: str
    file_name: str
    page_count: int | None
    producer: str | None
    unit_name: str | None
    fiscal_year: int | None
    status: str  # ok / partial / failed / skipped (a document of another kind: kinds.py)
    error_class: str | None
    error_message: str | None
    sheets: tuple[CheckedSheet, ...] = ()
    document_kind: str | None = None  # kinds.KINDS; null when the file could not be read
    kind_evidence: str | None = None
    damaged_pages: tuple[int, ...] = ()  # pages whose text layer is damaged (textlayer.py)
    ocr_lines: OcrLines = field(default_factory=lambda: OcrLines({}))  # pages read by OCR, their lines
    doubts: tuple[Doubt, ...] = ()
    narrative: Narrative = field(default_factory=Narrative)
    statement_tables: tuple[StatementTable, ...] = ()
    statement_lines: tuple[StatementLine, ...] = ()
    document_checks: tuple[CheckResult, ...] = ()

    @classmethod
    def failed(cls, source: DocumentSource, error_class: str, message: str, **known: object) -> "DocumentResult":
        """A document nothing could be read from, with why (``error_class``) and what is known
        of it all the same (page_count, producer, damaged_pages …)."""
        fields = dict(page_count=None, producer=None, unit_name=None, fiscal_year=None)
        fields.update(known)
        return cls(doc_id=source.doc_id, source_path=source.source_path, file_name=source.file_name,
                   status="failed", error_class=error_class, error_message=message, **fields)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The doubts as the sentences a person reads (``documents.warnings``)."""
        return tuple(d.message for d in self.doubts)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.doubts)

    # The counts the documents dataset and the progress line both report.
    @property
    def indicator_count(self) -> int:
        return sum(len(c.sheet.indicators) for c in self.sheets)

    @property
    def failed_check_count(self) -> int:
        return sum(len(c.failed_checks) for c in self.sheets)

    @property
    def statement_table_count(self) -> int:
        """Standard tables printed (present or empty), of the nine; other tables not counted."""
        return sum(t.standard and t.status != "missing" for t in self.statement_tables)

    @property
    def failed_cross_check_count(self) -> int:
        return sum(c.status == "fail" for c in self.document_checks)


def join_cell_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join the printed lines of one cell.

    Chinese text wraps anywhere, so lines join with no separator; a space is kept only between
    two Latin letters, where the wrap stood for a word break.
    """
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


# The output datasets (one Parquet dataset each), in the order a document's files are written:
# its documents row last, so a document listed there has all its files.
DATASETS = ("sheets", "sheet_funds", "indicators", "facts", "expenditure_items",
            "statement_tables", "statement_lines", "document_checks", "documents")
