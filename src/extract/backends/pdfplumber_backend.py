"""Default backend: pdfplumber's characters and ruling edges, fed to our own lattice."""

from __future__ import annotations

import pdfplumber

from ..datamodel import PageLayout
from .base import GridBackend, ReadSettings
from .lattice import Glyphs, Segment, layout_page
from .textlayer import assess_page

class PdfplumberBackend(GridBackend):
    name = "pdfplumber"

    def __init__(self, path: str, settings: ReadSettings | None = None) -> None:
        super().__init__(path, settings)
        self._pdf = pdfplumber.open(path)

    @property
    def page_count(self) -> int:
        return len(self._pdf.pages)

    @property
    def producer(self) -> str | None:
        meta = self._pdf.metadata or {}
        value = meta.get("Producer") or meta.get("Creator")
        return str(value) if value else None

    def read_page(self, page_no: int) -> PageLayout:
        page = self._pdf.pages[page_no - 1]
        glyphs = page_glyphs(page)
        quality = assess_page(glyphs, float(page.width), float(page.height), settings=self.settings.text_layer)
        grids, text_lines = layout_page(page_no, page_segments(page), glyphs, float(page.height),
                                        self.settings.lattice)
        page.flush_cache()  # pdfplumber keeps every parsed object otherwise
        return PageLayout(page_no, float(page.width), float(page.height), tuple(text_lines),
                          tuple(grids), len(glyphs), quality)

    def close(self) -> None:
        self._pdf.close()


def page_glyphs(page: "pdfplumber.page.Page") -> Glyphs:
    chars = page.chars
    return Glyphs.from_columns([c["text"] for c in chars], [c["x0"] for c in chars], [c["top"] for c in chars],
                               [c["x1"] for c in chars], [c["bottom"] for c in chars],
                               [c.get("size") or 10.0 for c in chars])


def page_segments(page: "pdfplumber.page.Page") -> list[Segment]:
    """Every ruling on the page: lines, rectangle sides and thin filled bars."""
    segments = []
    for e in page.edges:
        if e["orientation"] == "h":
            segments.append(Segment(True, float(e["top"]), float(e["x0"]), float(e["x1"])))
        else:
            segments.append(Segment(False, float(e["x0"]), float(e["top"]), float(e["bottom"])))
    return segments
