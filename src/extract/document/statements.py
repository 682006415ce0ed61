"""The nine standard 决算 tables (and the extra ones some provinces add), in long form.

Each table is found by its printed title above a ruled grid; a grid with no title on the next
page continues it. The grid's leading rows are its header: every column gets the path of the
header cells above it (``本年支出/基本支出``). Columns headed 项目 / 科目编码 / 类 / 款 / 项 /
科目名称 hold row labels; the others hold values. Tables printed as two halves side by side
(收入 | 支出) are read as blocks: label columns followed by their value columns. Codes split
over 类 / 款 / 项 columns are joined (``201`` ``06`` ``01`` -> ``2010601``). The unit line
(单位：万元 / 金额单位：元) decides the scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..datamodel import GridCell, PageLayout, PieceBox, StatementLine, StatementTable, TableGrid
from ..labels import is_self_evaluation_header, sheet_kind_of_title
from ..vocabulary.atoms import ITEM_NUMBER, PART_NUMBER, SUBITEM_NUMBER
from ..normalize import parse_decimal
from ..vocabulary.values import MONEY_SCALE
from ..textnorm import compact
from ..vocabulary.statements import (
    CODE_HEADER_ENDINGS, CODE_LEVELS, COLUMN_NUMBERS_HEADER, CONTINUED_TITLE, EMPTY_TABLE_NOTE, HEADING_NAME_END,
    LABEL_HEADER_ENDINGS, LABEL_HEADERS, NAME_CONTINUES, NUMBERING_AFTER_TITLE, NUMBERING_BEFORE_TITLE,
    REFERENCE_STARTS, ROW_NUMBERS_HEADERS, SCOPE_BEFORE_TABLE_NAME, SENTENCE_PUNCTUATION,
    STATEMENT_TITLES, TABLE_WORD, TITLE_QUOTES, TOTAL_ROW, UNIT_IN_HEADER_TEMPLATE, UNIT_LINE_TEMPLATE)

_MONEY_UNITS = "|".join(sorted(MONEY_SCALE, key=len, reverse=True))  # 万元 before 元
_UNIT_LINE = re.compile(UNIT_LINE_TEMPLATE.format(units=_MONEY_UNITS))
_UNIT_IN_HEADER = re.compile(UNIT_IN_HEADER_TEMPLATE.format(units=_MONEY_UNITS))
_QUOTES = str.maketrans("", "", TITLE_QUOTES)
_CODE = re.compile(r"^\d{1,7}$")
_MAX_TITLE_CHARS = 60


def _title_key(text: str) -> str:
    """A title line for matching: no spaces or quotes, no numbering before or after it."""
    t = compact(text).translate(_QUOTES)
    while True:
        before = t
        t = NUMBERING_BEFORE_TITLE.sub("", t)
        t = NUMBERING_AFTER_TITLE.sub("", t)
        if t == before:
            return t


_TITLE_FORMS = sorted(((name, _title_key(form)) for name, aliases in STATEMENT_TITLES.items()
                       for form in (name, *aliases)), key=lambda f: -len(f[1]))


def title_qualifier(text: str) -> str:
    """What a standard table's title prints before the table's name: unit and year, or ''."""
    t = _title_key(text)
    for _, form in _TITLE_FORMS:
        if t.endswith(form):
            return t[:-len(form)]
    return ""


def match_title(text: str) -> str | None:
    """The canonical table a printed title line names, or None.

    The longest canonical name (or alias) the title ends with wins, and only as a whole name:
    whatever precedes it is the unit and year (上海市XX局2024年度…), never a qualifier that
    makes it another table (财政拨款“三公”经费及会议费、培训费|支出决算表 is the 三公 table,
    机关运行经费|支出决算表 is no standard table).
    """
    t = _title_key(text)
    if len(t) > _MAX_TITLE_CHARS:
        return None
    for name, form in _TITLE_FORMS:
        if t.endswith(form):
            qualifier = t[:-len(form)]
            return None if qualifier.endswith(NAME_CONTINUES) else name
    return None


def other_table_title(text: str) -> str | None:
    """A table title outside the canon (机关运行经费支出决算表, a province's own), as its name.

    The name is the printed title without its numbering and without the unit and year before
    it; a 自评表 or a sentence is no such title.
    """
    t = _title_key(text)
    if not t.endswith(TABLE_WORD) or len(t) > _MAX_TITLE_CHARS or len(t) < 4 or SENTENCE_PUNCTUATION.search(t):
        return None
    if sheet_kind_of_title(t) or t.startswith(REFERENCE_STARTS):
        return None
    return SCOPE_BEFORE_TABLE_NAME.sub("", t) or t


def is_continued_table_title(text: str) -> bool:
    """续表 / 续表2 / …（续）: the page continues the table before it."""
    return bool(CONTINUED_TITLE.search(compact(text)))


@dataclass
class _Found:
    name: str
    title: str
    unit: str | None
    empty_note: bool
    grids: list[TableGrid]
    canonical: bool = True  # one of STATEMENT_TITLES; else a table outside the canon


def lines_above(page: PageLayout, grid: TableGrid) -> list[str]:
    """The text between this grid and the one above it on the page (or the page top)."""
    above = [g.bbox[3] for g in page.grids if g.bbox[3] <= grid.bbox[1] + 2]
    floor = max(above, default=float("-inf"))
    return [ln.text for ln in page.text_lines if floor - 2 <= ln.bbox[1] and ln.bbox[3] <= grid.bbox[1] + 2]


def _unit(page_text: str, grid: TableGrid) -> str | None:
    """万元 / 元 from the page's unit line (单位：万元, text compacted), else from a header cell."""
    unit = _UNIT_LINE.search(page_text)
    if unit:
        return unit.group(1)
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        m = _UNIT_IN_HEADER.search(compact(cell.text))
        if m:
            return m.group(1)
    return None


def heading_name(text: str) -> str | None:
    """The name a numbered prose heading gives the table printed under it, without its
    numbering and remarks (二、部门决算单位构成（仅有…） -> 部门决算单位构成), or None."""
    t = compact(text)
    numbering = PART_NUMBER.match(t) or ITEM_NUMBER.match(t) or SUBITEM_NUMBER.match(t)
    if numbering is None or len(t) > _MAX_TITLE_CHARS:
        return None
    name = HEADING_NAME_END.split(t[numbering.end():])[0]
    return name if len(name) >= 2 and not sheet_kind_of_title(name) else None


def _title_above(above: list[str]) -> tuple[str, str, bool] | None:
    """(name, printed title, canonical?) of the last title line above a grid, if any; a grid
    printed in the prose without a title of its own (决算单位构成: 序号 | 单位名称 | 备注) is
    named by the numbered heading it stands under."""
    for text in reversed(above):
        name = match_title(text)
        if name:
            return name, compact(text), True
        other = other_table_title(text)
        if other:
            return other, compact(text), False
    for text in reversed(above):
        name = heading_name(text)
        if name:
            return name, compact(text), False
    return None


def find_statement_grids(pages: list[PageLayout]) -> list[_Found]:
    """Each titled table with its grids, continuation pages included, in document order.

    A grid continues the table before it when nothing titles it, when it is titled 续表, or
    when it repeats the same title on the next page (表 1 收入支出决算总表 on three pages is
    one table).
    """
    found: list[_Found] = []
    current: _Found | None = None
    for page in pages:
        if not page.grids:
            current = None
            continue
        page_text = compact(" ".join(ln.text for ln in page.text_lines))
        empty_note = bool(EMPTY_TABLE_NOTE.search(page_text))
        for grid in page.grids:
            if is_self_evaluation_header([c.text for c in grid.cells]):
                current = None  # a 自评表's grid: the sheets' (sheets/tables.py), never a table's
                continue
            above = lines_above(page, grid)
            title = _title_above(above)
            continued = any(is_continued_table_title(t) for t in above)
            repeated = (title is not None and current is not None and title[0] == current.name
                        and current.grids[-1].page_no == grid.page_no - 1)
            if title and not repeated and not (continued and current and not title[2]):
                name, printed, canonical = title
                current = _Found(name, printed, _unit(page_text, grid), empty_note, [grid], canonical)
                found.append(current)
            elif current is not None and (repeated or continued or not any(
                    sheet_kind_of_title(t) or compact(t).endswith(TABLE_WORD) for t in above)):
                current.grids.append(grid)
                current.empty_note |= empty_note
            else:
                current = None
    return found


# ---------------------------------------------------------------- grid -> columns -> lines


class _Cells:
    """A grid's cells by position: which cell covers (row, col), which cells start in a row."""

    def __init__(self, grid: TableGrid) -> None:
        self.grid = grid
        self.n_rows = len(grid.row_edges) - 1
        self.n_cols = len(grid.col_edges) - 1
        self._at: dict[tuple[int, int], GridCell] = {}
        self._starting: dict[int, list[GridCell]] = {}
        for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
            self._starting.setdefault(c.row, []).append(c)
            for r in range(c.row, c.row + c.row_span):
                for k in range(c.col, c.col + c.col_span):
                    self._at[(r, k)] = c

    def at(self, row: int, col: int) -> GridCell | None:
        return self._at.get((row, col))

    def starting(self, row: int) -> list[GridCell]:
        """The cells that start in ``row``, left to right."""
        return self._starting.get(row, [])


def _is_data_row(cells: _Cells, row: int) -> bool:
    texts = [compact(c.text) for c in cells.starting(row) if compact(c.text)]
    if not texts or texts[0] in (COLUMN_NUMBERS_HEADER, *ROW_NUMBERS_HEADERS):
        return False
    if len(texts) > 1 and all(t.isdigit() for t in texts) and \
            [int(t) for t in texts] == list(range(int(texts[0]), int(texts[0]) + len(texts))):
        return False  # 栏次 1 2 3 … printed without its label
    first, rest = texts[0], texts[1:]
    if any(parse_decimal(t) is not None for t in rest):
        return True
    # 合计 heads a column in some headers; as a row label, the rest of its row holds numbers.
    return bool(_CODE.match(first) or ITEM_NUMBER.match(first)
                or (TOTAL_ROW.match(first) and not rest))


def _header_rows(cells: _Cells, canonical: bool = True) -> int:
    """The rows heading the table: those above its first data row. A table outside the nine
    none of whose rows holds a number (决算单位构成, a 绩效指标表 of targets) is a table of text,
    headed by its first row; a standard table with no data row is printed empty."""
    for r in range(cells.n_rows):
        if _is_data_row(cells, r):
            return r
    return cells.n_rows if canonical or cells.n_rows < 2 else 1


@dataclass(frozen=True)
class _Column:
    index: int
    path: tuple[str, ...]
    role: str  # code / label / skip / value


def _columns(cells: _Cells, header_rows: int) -> list[_Column]:
    cols = []
    for col in range(cells.n_cols):
        path: list[str] = []
        for r in range(header_rows):
            c = cells.at(r, col)
            t = compact(c.text) if c else ""
            if t and (not path or path[-1] != t) and t != COLUMN_NUMBERS_HEADER and not t.isdigit():
                path.append(t)
        leaf = path[-1] if path else ""
        if leaf in ROW_NUMBERS_HEADERS:
            role = "skip"
        elif any(p in LABEL_HEADERS or p.endswith(LABEL_HEADER_ENDINGS) for p in path):
            role = "code" if leaf.endswith(CODE_HEADER_ENDINGS) else "label"
        elif not path:
            role = "label"
        else:
            role = "value"
        cols.append(_Column(col, tuple(path), role))
    return cols


def _blocks(columns: list[_Column]) -> list[tuple[list[_Column], list[_Column]]]:
    """Label columns with the value columns that follow them (two halves side by side)."""
    blocks: list[tuple[list[_Column], list[_Column]]] = []
    for c in columns:
        if c.role == "skip":
            continue
        if c.role == "value":
            if not blocks:
                blocks.append(([], []))
            blocks[-1][1].append(c)
        elif not blocks or blocks[-1][1]:
            blocks.append(([c], []))
        else:
            blocks[-1][0].append(c)
    return blocks


def _row_label(cells: _Cells, row: int, labels: list[_Column]) -> tuple[str, str]:
    code, label = "", ""
    seen: set[int] = set()
    for col in labels:
        cell = cells.at(row, col.index)
        if cell is None or id(cell) in seen or cell.row != row:
            continue
        seen.add(id(cell))
        t = compact(cell.text)
        if t in CODE_LEVELS:
            continue  # the 类/款/项 header printed in the first data row
        if _CODE.match(t) and col.role in ("code", "label") and not label:
            code += t
        else:
            label += t
    return code, label


def _carry_columns(columns: list[_Column], old_edges: tuple[float, ...],
                   new_edges: tuple[float, ...]) -> list[_Column]:
    """The previous page's columns for a grid continuing it, matched by horizontal position.

    The rulings of a continued table rarely differ, but a column with no text on one page can
    lose a rule; each new column takes the old column its centre falls in.
    """
    if len(old_edges) == len(new_edges):
        return columns
    out = []
    for i in range(len(new_edges) - 1):
        centre = (new_edges[i] + new_edges[i + 1]) / 2
        j = next((k for k in range(len(old_edges) - 1) if old_edges[k] <= centre < old_edges[k + 1]),
                 len(old_edges) - 2 if centre >= old_edges[-1] else 0)
        out.append(_Column(i, columns[j].path, columns[j].role))
    return out


def _row_lines(found: _Found, cells: _Cells, row: int, columns: list[_Column],
               scale: Decimal | None) -> list[StatementLine]:
    """One printed row as lines: a line per value column of each block the row labels."""
    out = []
    for labels, values in _blocks(columns):
        code, label = _row_label(cells, row, labels)
        value_cells = [cells.at(row, v.index) for v in values]
        has_value = any(c is not None and c.row == row and compact(c.text) for c in value_cells)
        if not code and not label and (labels or not has_value):
            continue  # an unlabelled row; a table with no label column (三公) has one
        for col, cell in zip(values, value_cells):
            raw = cell.text.strip() if cell and cell.row == row else ""
            number = parse_decimal(raw)
            if number is None:
                raw = compact(raw)  # text in a value cell (合 计 in a score table): spacing is layout
            out.append(StatementLine(
                table=found.name, title=found.title, row_no=0, code=code or None, label=label,
                column_path="/".join(col.path),
                value_yuan=number * scale if number is not None and scale else None,
                value_raw=raw or None, unit_printed=found.unit, page=cells.grid.page_no,
                bbox=cell.bbox if cell is not None else None))
    return out


def statement_lines(found: _Found) -> list[StatementLine]:
    """Every value cell of one table, over all its pages, rows numbered from 1."""
    lines: list[StatementLine] = []
    row_no = 0
    columns: list[_Column] | None = None
    previous: TableGrid | None = None
    header_texts: set[str] = set()
    scale = MONEY_SCALE.get(found.unit or "")
    for grid in found.grids:
        cells = _Cells(grid)
        first = {compact(c.text) for c in cells.starting(0) if compact(c.text)}
        if columns is None or previous is None or (first and first <= header_texts):
            header_rows = _header_rows(cells, found.canonical)
            columns = _columns(cells, header_rows)
            header_texts = {compact(c.text) for c in grid.cells if c.row < header_rows}
        else:  # a continuation without its header: the columns of the page before
            header_rows = 0
            columns = _carry_columns(columns, previous.col_edges, grid.col_edges)
        previous = grid
        for row in range(header_rows, cells.n_rows):
            row_lines = _row_lines(found, cells, row, columns, scale)
            if row_lines:
                row_no += 1
                lines += [replace(ln, row_no=row_no) for ln in row_lines]
    return lines


def read_statements(pages: list[PageLayout]) -> tuple[tuple[StatementTable, ...], tuple[StatementLine, ...]]:
    """Every table printed (with its lines), and each standard table that is not: ``missing``."""
    tables: list[StatementTable] = []
    lines: list[StatementLine] = []
    seen: set[str] = set()
    for found in find_statement_grids(pages):
        table_lines = statement_lines(found)
        # A table with no unit line (scores, counts) has no value_yuan; its printed numbers count.
        nonzero = [ln for ln in table_lines if ln.value_yuan or parse_decimal(ln.value_raw or "")]
        # A table of text outside the nine (决算单位构成) is present when it prints anything.
        text = not found.canonical and any(ln.value_raw for ln in table_lines)
        status = "present" if nonzero or text else "empty"
        pages_of = [g.page_no for g in found.grids]
        tables.append(StatementTable(
            table=found.name, title=found.title, status=status, standard=found.canonical,
            unit_printed=found.unit,
            first_page=min(pages_of), last_page=max(pages_of), line_count=len(table_lines),
            note="本表为空表 printed" if found.empty_note and not nonzero else None,
            grids=tuple(PieceBox(g.page_no, *g.bbox) for g in found.grids)))
        lines += table_lines
        seen.add(found.name)
    for name in STATEMENT_TITLES:
        if name not in seen:
            tables.append(StatementTable(table=name, title=None, status="missing", standard=True,
                                         unit_printed=None, first_page=None, last_page=None,
                                         line_count=0, note=None))
    return tuple(tables), tuple(lines)
