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
from dataclasses import dataclass, replace

from ..datamodel import PageLayout, TextLine
from ..labels import is_unit_line, is_year_line, sheet_kind_of_title
from ..textnorm import compact
from ..vocabulary.statements import TABLE_WORD

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class FurnitureSettings:
    """When a line is a running header or footer; validated on construction."""

    # Share of the page height at its top and foot where running lines are printed; a sheet
    # title at the top of a page stands lower (the samples' A4 to A5 titles start below 7%).
    running_band: float = 0.06
    # A line is running when it repeats on this many pages and this share of the document's
    # pages (on two pages it may be a cover's title line; find_sheets lets a line repeated in the
    # margins of two pages in a row continue a sheet all the same).
    min_pages: int = 3
    min_share: float = 0.3

    def __post_init__(self) -> None:
        if not (0 < self.running_band < 0.5 and self.min_pages >= 2 and 0 < self.min_share <= 1):
            raise ValueError(f"FurnitureSettings out of range: {self}")


def _in_band(line: TextLine, page: PageLayout, band: float) -> bool:
    return line.bbox[3] <= page.height * band or line.bbox[1] >= page.height * (1 - band)


def _key(line: TextLine) -> str:
    return _DIGITS.sub("#", compact(line.text))


def _candidate(line: TextLine, page: PageLayout, band: float) -> bool:
    t = compact(line.text)
    return (bool(t) and _in_band(line, page, band) and not sheet_kind_of_title(t) and not is_year_line(t)
            and not is_unit_line(t) and not t.endswith(TABLE_WORD))


def strip_running_lines(pages: list[PageLayout], settings: FurnitureSettings = FurnitureSettings()
                        ) -> list[PageLayout]:
    """The pages without the text lines repeated in the margins of many pages."""
    band = settings.running_band
    seen = Counter(k for page in pages
                   for k in {_key(ln) for ln in page.text_lines if _candidate(ln, page, band)})
    need = max(settings.min_pages, settings.min_share * len(pages))
    running = {k for k, n in seen.items() if n >= need}
    if not running:
        return pages
    return [replace(page, text_lines=tuple(ln for ln in page.text_lines
                                           if not (_candidate(ln, page, band) and _key(ln) in running)))
            for page in pages]
