"""Second backend: camelot's lattice tables, turned into the common grid.

camelot finds ruling lines in a rendered image of the page (OpenCV), independently of how the
producer drew them, and reports per atomic cell which of its four borders is drawn. Those
borders become rulings; the glyphs of the text layer (read with pdfplumber, doubled bold glyphs
removed) are placed in the cells by the shared lattice (lattice.py), exactly as for the
pdfplumber backend. camelot's own cell text is not used: it keeps glyphs printed twice for fake
bold ("一级指一级指标标"), which would hide the header labels.
"""

from __future__ import annotations

import warnings

from ..datamodel import PageLayout
from .base import GridBackend, ReadSettings
from .lattice import (
    Segment, build_grid, drop_margin_furniture, glyphs_in_box, prepare_glyphs, rules_box, text_outside,
)
from .pdfplumber_backend import PdfplumberBackend, page_glyphs
from .textlayer import assess_page

# camelot's default raster is 2x; thin rules at page breaks survive it (seen on WPS exports).
LINE_SCALE = 40


class CamelotBackend(GridBackend):
    name = "camelot"

    def __init__(self, path: str, settings: ReadSettings | None = None) -> None:
        super().__init__(path, settings)
        self._text = PdfplumberBackend(path, settings)  # page count, producer, free text lines
        self._tables: dict[int, list] | None = None

    @property
    def page_count(self) -> int:
        return self._text.page_count

    @property
    def producer(self) -> str | None:
        return self._text.producer

    def _tables_by_page(self) -> dict[int, list]:
        if self._tables is None:
            import camelot  # heavy (OpenCV): only when this backend is chosen

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no tables found on page N" is not an error here
                tables = camelot.read_pdf(self.path, pages="all", flavor="lattice", line_scale=LINE_SCALE)
            self._tables = {}
            for t in tables:
                self._tables.setdefault(int(t.page), []).append(t)
        return self._tables

    def read_page(self, page_no: int) -> PageLayout:
        page = self._text._pdf.pages[page_no - 1]
        height = float(page.height)
        tables = [camelot_rules(t, height) for t in self._tables_by_page().get(page_no, [])]
        raw_glyphs = page_glyphs(page)
        lattice = self.settings.lattice
        quality = assess_page(raw_glyphs, float(page.width), height, settings=self.settings.text_layer)
        glyphs = drop_margin_furniture(prepare_glyphs(raw_glyphs, lattice),
                                       [s for rules in tables for s in rules], height, lattice)
        grids = [build_grid(page_no, rules, glyphs_in_box(glyphs, rules_box(rules)), lattice) for rules in tables]
        grids.sort(key=lambda g: g.bbox[1])
        page.flush_cache()
        return PageLayout(page_no, float(page.width), height, tuple(text_outside(grids, glyphs)),
                          tuple(grids), len(glyphs), quality)

    def close(self) -> None:
        self._text.close()


def camelot_rules(table: object, page_height: float) -> list[Segment]:
    """The borders camelot saw, as rulings in top-left page coordinates."""
    segments: list[Segment] = []
    for row in table.cells:  # type: ignore[attr-defined]
        for cell in row:
            x0, x1 = float(cell.x1), float(cell.x2)
            top, bottom = page_height - float(cell.y2), page_height - float(cell.y1)
            if cell.left:
                segments.append(Segment(False, x0, top, bottom))
            if cell.right:
                segments.append(Segment(False, x1, top, bottom))
            if cell.top:
                segments.append(Segment(True, top, x0, x1))
            if cell.bottom:
                segments.append(Segment(True, bottom, x0, x1))
    return segments
