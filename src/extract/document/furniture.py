"""Running headers and footers: text a producer repeats in the margins of every page.

A browser prints the date, the document's title, its address and ``5/36``; a word processor
prints the document's title and a page number. Page numbers, dates and addresses are dropped
page by page as the grid is built (backends.lattice.drop_margin_furniture); what remains is
text repeated in the margins of many pages, found here by comparing pages (digits ignored,
so 第 5 页 and 第 6 页 are the same line). Titles, year and unit lines are never furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..datamodel import PageLayout, TextLine
from ..labels import is_unit_line, is_year_line, sheet_kind_of_title
from ..textnorm import compact
from ..vocabulary.statements import TABLE_WORD

# Share of the page height at its top and foot where running lines are printed; a sheet title
# at the top of a page stands lower.
RUNNING_BAND = 0.06
# A line is running when it repeats on this many pages and this share of the document's pages.
MIN_PAGES, MIN_SHARE = 3, 0.3
_DIGITS = re.compile(r"\d+")


def _in_band(line: TextLine, page: PageLayout) -> bool:
    return line.bbox[3] <= page.height * RUNNING_BAND or line.bbox[1] >= page.height * (1 - RUNNING_BAND)


def _key(line: TextLine) -> str:
    return _DIGITS.sub("#", compact(line.text))


def _candidate(line: TextLine, page: PageLayout) -> bool:
    t = compact(line.text)
    return (bool(t) and _in_band(line, page) and not sheet_kind_of_title(t) and not is_year_line(t)
            and not is_unit_line(t) and not t.endswith(TABLE_WORD))


def strip_running_lines(pages: list[PageLayout]) -> list[PageLayout]:
    """The pages without the text lines repeated in the margins of many pages."""
    seen = Counter(k for page in pages
                   for k in {_key(ln) for ln in page.text_lines if _candidate(ln, page)})
    need = max(MIN_PAGES, MIN_SHARE * len(pages))
    running = {k for k, n in seen.items() if n >= need}
    if not running:
        return pages
    return [replace(page, text_lines=tuple(ln for ln in page.text_lines
                                           if not (_candidate(ln, page) and _key(ln) in running)))
            for page in pages]
