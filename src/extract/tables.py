"""Find the self-evaluation sheets among a document's ruled tables.

A sheet starts at a title line (…绩效自评表) printed above a ruled table. Tables at the top of
the following pages with no title of their own continue the open sheet, as long as they line up
with it horizontally; a sheet closes at its 总分 row, at the next title, or at a table that does
not line up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .datamodel import PageLayout, SheetTables, TableGrid, TextLine
from .labels import is_total_label, sheet_kind_of_title
from .textnorm import compact

# A continuation table spans the same width as the sheet it continues; page furniture and
# unrelated tables do not. Share of the narrower table's width that must overlap.
CONTINUATION_OVERLAP = 0.8
_YEAR_LINE = re.compile(r"^[（(]?\d{4}年度?[）)]?$")
_UNIT_LINE = re.compile(r"^(单位|金额单位)[:：]")


@dataclass
class _OpenSheet:
    title: str
    title_lines: list[str]
    grids: list[TableGrid] = field(default_factory=list)
    closed: bool = False


def _horizontal_overlap(a: TableGrid, b: TableGrid) -> float:
    overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    narrower = min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0])
    return overlap / narrower if narrower > 0 else 0.0


def _has_total_row(grid: TableGrid) -> bool:
    return any(is_total_label(cell.text) for cell in grid.cells if cell.col <= 1)


def _page_items(page: PageLayout) -> list[TextLine | TableGrid]:
    items: list[TextLine | TableGrid] = [*page.text_lines, *page.grids]
    return sorted(items, key=lambda it: it.bbox[1])


def _title_block(lines: list[TextLine]) -> tuple[str, list[str]] | None:
    """The sheet title among the text lines printed just above a table, if any."""
    for i in range(len(lines) - 1, -1, -1):  # the title nearest the table
        line = lines[i]
        if sheet_kind_of_title(line.text):
            rest = [ln.text for ln in lines[i + 1:]]
            return compact(line.text), [line.text, *rest]
    return None


def find_sheets(pages: Iterable[PageLayout]) -> list[SheetTables]:
    """Group the ruled tables of a document into self-evaluation sheets, in document order."""
    sheets: list[_OpenSheet] = []
    current: _OpenSheet | None = None
    pending: list[TextLine] = []
    for page in pages:
        # A title printed at the foot of a page belongs to the table at the top of the next.
        pending = pending if _title_block(pending[-6:]) else []
        first_on_page = True
        for item in _page_items(page):
            if isinstance(item, TextLine):
                pending.append(item)
                continue
            grid = item
            title = _title_block(pending[-6:])
            if title is not None:
                current = _OpenSheet(title[0], title[1], [grid])
                sheets.append(current)
            elif (current is not None and not current.closed and first_on_page
                  and not _prose_between(pending)
                  and _horizontal_overlap(current.grids[-1], grid) >= CONTINUATION_OVERLAP):
                current.grids.append(grid)
            else:
                current = None  # some other table: ends any open sheet
            if current is not None and _has_total_row(grid):
                current.closed = True
            pending = []
            first_on_page = False
        if pending and current is not None and _prose_between(pending):
            current.closed = True
    return [SheetTables(i, s.title, tuple(s.title_lines), tuple(s.grids))
            for i, s in enumerate(sheets)]


def _prose_between(lines: list[TextLine]) -> bool:
    """Text other than page numbers, year and unit lines: a sheet does not continue past it."""
    for line in lines:
        t = compact(line.text)
        if not t or t.isdigit() or _YEAR_LINE.match(t) or _UNIT_LINE.match(t):
            continue
        if re.fullmatch(r"[-—第]*\d+[-—页]*", t):
            continue
        return True
    return False
