"""The cover: where a document names its unit, its year and its kind, read once.

A cover is the first of the first two pages read that prints a short line among its first
lines (a blank or image-only first page is no cover). What the readers take from it:

* its title block (``Cover.title_lines``): the first lines, joined they name the kind
  (kinds.py: 社会工作部2024年度 / 部门决算);
* its title line (``Cover.unit``, ``Cover.year``): 上海市XX局2024年度部门决算, the unit on it
  or on the line before, among the first lines of the first two pages;
* the first year the first page's first lines print (``Cover.printed_year``: （2023 年度）),
  for a document whose cover has no title line.

The year places of consistency.py read every line of page 1 as the cover's
(``is_cover_page``), wherever the title block is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..datamodel import PageLayout
from ..normalize import parse_year
from ..textnorm import compact
from ..vocabulary.atoms import PART_NUMBER
from ..vocabulary.document import COVER_TITLE_LINE

COVER_PAGES = 2  # the cover is on one of the first two pages read
TITLE_BLOCK_LINES = 8  # the title block: the cover's first lines …
TITLE_BLOCK_CHARS = 40  # … of at most this many characters (a longer line is prose or a note)
TITLE_LINE_LINES = 6  # the title line is among each page's first lines
FIRST_PAGE_NO = 1


@dataclass(frozen=True)
class Cover:
    page_no: int | None  # the page of the title block; None when neither page prints one
    title_lines: tuple[str, ...]  # the title block's lines, compacted, in order
    unit: str | None  # from the title line; None without one
    year: int | None
    printed_year: int | None  # the first year in the first page's first lines


def _title_block(pages: list[PageLayout]) -> tuple[int | None, tuple[str, ...]]:
    for page in pages[:COVER_PAGES]:
        lines = tuple(t for t in (compact(ln.text) for ln in page.text_lines[:TITLE_BLOCK_LINES])
                      if t and len(t) <= TITLE_BLOCK_CHARS)
        if lines:
            return page.page_no, lines
    return None, ()


def _title_line(pages: list[PageLayout]) -> tuple[str | None, int | None]:
    for page in pages[:COVER_PAGES]:
        for i, line in enumerate(page.text_lines[:TITLE_LINE_LINES]):
            m = COVER_TITLE_LINE.match(compact(line.text))
            if m:
                unit = PART_NUMBER.sub("", m.group(1)) or (
                    compact(page.text_lines[i - 1].text) if i else None)
                return unit or None, int(m.group(2))
    return None, None


def _printed_year(pages: list[PageLayout]) -> int | None:
    for page in pages[:1]:
        for line in page.text_lines[:TITLE_LINE_LINES]:
            year = parse_year(line.text)
            if year:
                return year
    return None


def read_cover(pages: list[PageLayout]) -> Cover:
    """The document's cover (see the module docstring)."""
    page_no, title_lines = _title_block(pages)
    unit, year = _title_line(pages)
    return Cover(page_no, title_lines, unit, year, _printed_year(pages))


def is_cover_page(page: PageLayout) -> bool:
    """Page 1, read whole as the cover by the year places: not always ``Cover.page_no``, which
    skips a first page without a title block."""
    return page.page_no == FIRST_PAGE_NO
