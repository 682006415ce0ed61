"""Find the self-evaluation sheets among a document's ruled tables.

A sheet starts at a title (…绩效自评表, on one line or two) printed above a ruled table, or
printed in the table's own first rows (a spreadsheet export draws its title rows as cells).
Tables at the top of the following pages with no title of their own, or with a title saying
（续）, continue the open sheet, as long as they line up with it horizontally; a sheet closes at
its 总分 row, at the next title, or at a table that does not line up. Page furniture (page
numbers, running headers and footers) is not prose: it never ends a sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..datamodel import GridCell, PageLayout, SheetTables, TableGrid, TextLine
from ..labels import (
    is_continued_title, is_indicator_header, is_page_furniture, is_total_label, is_unit_line, is_year_line,
    match_role, sheet_kind_of_title,
)
from ..vocabulary.sheets import SHEET_FIELDS
from ..textnorm import compact
from ..vocabulary.atoms import CLAUSE_END



@dataclass(frozen=True)
class SheetSettings:
    """How grids are grouped into sheets; validated on construction."""

    # A continuation table spans the same width as the sheet it continues; page furniture and
    # unrelated tables do not. Share of the narrower table's width that must overlap.
    continuation_overlap: float = 0.8
    # Share of the page height at its top and foot where a running title is printed: a line there
    # that the page before printed in its margin too never ends a sheet (furniture.py's band).
    margin_band: float = 0.06

    def __post_init__(self) -> None:
        if not (0 < self.continuation_overlap <= 1 and 0 < self.margin_band < 0.5):
            raise ValueError(f"SheetSettings out of range: {self}")


@dataclass
class _OpenSheet:
    title: str
    title_lines: list[str]
    grids: list[TableGrid] = field(default_factory=list)
    closed: bool = False
    indicators_seen: bool = False


def _horizontal_overlap(a: TableGrid, b: TableGrid) -> float:
    overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    narrower = min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0])
    return overlap / narrower if narrower > 0 else 0.0


def _ends_sheet(grid: TableGrid, indicators_seen: bool) -> tuple[bool, bool]:
    """Does the grid print the sheet's 总分 row, and has the indicator header been seen?

    Only a total under the indicator header ends a sheet: 合计 also heads a fund row.
    """
    rows: list[list[GridCell]] = [[] for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row].append(cell)
    for row in rows:
        if is_indicator_header([c.text for c in row]):
            indicators_seen = True
        elif indicators_seen and any(is_total_label(c.text) for c in row if c.col <= 1):
            return True, indicators_seen
    return False, indicators_seen


def _page_items(page: PageLayout) -> list[TextLine | TableGrid]:
    items: list[TextLine | TableGrid] = [*page.text_lines, *page.grids]
    return sorted(items, key=lambda it: it.bbox[1])


def _title_block(lines: list[TextLine]) -> tuple[str, list[str]] | None:
    """The sheet title among the text lines printed just above a table, if any; a title
    printed on two lines (…卫生健康委员会 / 2022年度XX项目绩效自评表) is one title."""
    for i in range(len(lines) - 1, -1, -1):  # the title nearest the table
        line = lines[i]
        if sheet_kind_of_title(line.text):
            first = i - 1 if i and _same_title(lines[i - 1], line) else i
            title = "".join(compact(ln.text) for ln in lines[first:i + 1])
            return title, [ln.text for ln in lines[first:]]
    return None


def _same_title(above: TextLine, line: TextLine) -> bool:
    """Is ``above`` the first line of a title printed on two lines?"""
    t = compact(above.text)
    height, above_height = line.bbox[3] - line.bbox[1], above.bbox[3] - above.bbox[1]
    gap = line.bbox[1] - above.bbox[3]
    centre = abs((above.bbox[0] + above.bbox[2]) - (line.bbox[0] + line.bbox[2])) / 2
    return (bool(t) and not sheet_kind_of_title(t) and not is_year_line(t)
            and not is_unit_line(t) and not is_page_furniture(t) and t[-1] not in CLAUSE_END
            and 0.75 * height <= above_height <= 1.33 * height and centre <= 2 * height
            # on the same page just above, or at the foot of the page before
            and (-1 <= gap <= height or above.bbox[1] > line.bbox[3]))


def _title_in_grid(grid: TableGrid) -> tuple[str, list[str]] | None:
    """A title printed in the grid's first rows, one text per row (a spreadsheet's cells)."""
    lines: list[str] = []
    for r in range(grid.n_rows):
        texts = [c.text for c in grid.cells if c.row == r and compact(c.text)]
        if len(texts) != 1:
            break
        lines.append(texts[0])
    for i, text in enumerate(lines):
        if sheet_kind_of_title(text):
            first = i - 1 if i and not is_year_line(lines[i - 1]) else i
            return "".join(compact(t) for t in lines[first:i + 1]), lines[first:]
    return None


def find_sheets(pages: Iterable[PageLayout], settings: SheetSettings = SheetSettings()) -> list[SheetTables]:
    """Group the ruled tables of a document into self-evaluation sheets, in document order."""
    sheets: list[_OpenSheet] = []
    current: _OpenSheet | None = None
    pending: list[TextLine] = []
    margin_before: set[str] = set()  # the margin lines of the page before
    for page in pages:
        margin = _margin_keys(page, settings.margin_band)
        running = margin & margin_before
        # A title printed at the foot of a page belongs to the table at the top of the next;
        # so may the first line of a two-line title.
        pending = pending if _title_block(pending[-6:]) else pending[-1:]
        first_on_page = True
        for item in _page_items(page):
            if isinstance(item, TextLine):
                pending.append(item)
                continue
            grid = item
            title = _title_block(pending[-6:]) or _title_in_grid(grid)
            repeated = title is not None and _title_repeated(current, title[0], grid, first_on_page, settings)
            continued = title is not None and (is_continued_title(title[0]) or (repeated and not current.closed))
            if (title is not None and current is not None and current.closed and (repeated or (
                    is_continued_title(title[0])
                    and _horizontal_overlap(current.grids[-1], grid) >= settings.continuation_overlap))):
                # A title saying （续）, or the sheet's own title over a grid that does not begin a
                # sheet, continues the last sheet even after its 总分 row (the 评价等级 row, or
                # what the page break left, printed under it on the next page).
                current.closed, continued = False, True
            if title is not None and not (continued and current is not None and not current.closed):
                current = _OpenSheet(title[0], title[1], [grid])
                sheets.append(current)
            elif (current is not None and not current.closed and (first_on_page or continued)
                  and not _prose_between(pending, title[1] if continued else (), running)
                  and _horizontal_overlap(current.grids[-1], grid) >= settings.continuation_overlap):
                current.grids.append(grid)
            else:
                current = None  # some other table: ends any open sheet
            if current is not None:
                current.closed, current.indicators_seen = _ends_sheet(grid, current.indicators_seen)
            pending = []
            first_on_page = False
        if pending and current is not None and _prose_between(pending, (), running):
            current.closed = True
        margin_before = margin
    return [SheetTables(i, s.title, tuple(s.title_lines), tuple(s.grids))
            for i, s in enumerate(sheets)]


def _opens_a_sheet(grid: TableGrid) -> bool:
    """Does the grid begin as a sheet begins, naming what it evaluates (项目名称, 单位名称 …) in
    its first rows? A continuation begins with whatever row the break fell before: 主管部门,
    the funds header, indicator rows or their repeated header."""
    return any(match_role(c.text, SHEET_FIELDS) in _NAME_FIELDS for c in grid.cells if c.row < 3)


_NAME_FIELDS = ("project_name", "unit_name")


def _title_repeated(current: _OpenSheet | None, title: str, grid: TableGrid, first_on_page: bool,
                    settings: SheetSettings) -> bool:
    """A page that prints the last sheet's title again (no 续) over a grid that does not begin
    a sheet and lines up with the sheet's last grid: the same sheet, continued (open, or even
    closed by its 总分 row)."""
    return (current is not None and first_on_page and title == current.title
            and not _opens_a_sheet(grid)
            and _horizontal_overlap(current.grids[-1], grid) >= settings.continuation_overlap)


_DIGITS = re.compile(r"\d+")


def _margin_key(text: str) -> str:
    return _DIGITS.sub("#", compact(text))  # 第 5 页 and 第 6 页 are one running line


def _margin_keys(page: PageLayout, band: float) -> set[str]:
    return {_margin_key(ln.text) for ln in page.text_lines
            if ln.bbox[3] <= page.height * band or ln.bbox[1] >= page.height * (1 - band)}


def _prose_between(lines: list[TextLine], title_lines: tuple[str, ...] | list[str] = (),
                   running: set[str] = frozenset()) -> bool:
    """Text other than page numbers, year and unit lines, the lines of the open sheet's title
    printed again (``title_lines``) and lines printed in the margins of this page and the one
    before (``running``, as margin keys): a sheet does not continue past it."""
    repeated = {compact(t) for t in title_lines}
    for line in lines:
        t = compact(line.text)
        if (not t or is_year_line(t) or is_unit_line(t) or is_page_furniture(t) or t in repeated
                or _margin_key(t) in running):
            continue
        if sheet_kind_of_title(t) and is_continued_title(t):
            continue
        return True
    return False
