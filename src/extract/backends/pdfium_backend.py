"""Fast backend: glyph boxes and ruling paths read straight from pdfium (pypdfium2).

pdfplumber spends ~95% of its time in pdfminer's Python content-stream parser; pdfium parses
in C. We read only what the lattice needs: each glyph's unicode, loose box and size, and the
axis-aligned segments of every path object (lines and rectangle sides), with the object's and
any enclosing form's matrix applied. The result goes through the same lattice as the pdfplumber
backend, and the test suite asserts record-for-record equality between the two.

Pages are classified by their path objects, which pdfium lists without parsing text: a page
with no rulings (narrative prose) costs only its glyph reading; the lattice has nothing to group.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..datamodel import PageLayout
from ..textlayer import assess_page, is_suspect
from .base import GridBackend
from .lattice import Glyph, Segment, layout_page

# Segments shorter than this, or slanted by more than this, are not rules (curves, ticks).
MIN_RULE_LENGTH = 1.0
AXIS_TOLERANCE = 0.5
_NOT_TEXT = {"\r", "\n", "\x00"}
# pdfium reports a hyphen that ends a printed line as U+0002 (U+FFFE in FPDFText_GetText);
# the page prints "-".
_LINE_END_HYPHENS = {"\x02", "\ufffe"}
UNMAPPED_SAMPLE = 16

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer (PDF row-vector convention: p' = p · inner · outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj: ctypes.c_void_p) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


class PdfiumBackend(GridBackend):
    name = "pdfium"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._pdf = pdfium.PdfDocument(path)

    @property
    def page_count(self) -> int:
        return len(self._pdf)

    @property
    def repaired_cross_reference(self) -> bool:
        """pdfium had to rebuild the file's cross-reference table: its bytes are damaged."""
        return not raw.FPDF_DocumentHasValidCrossReferenceTable(self._pdf.raw)

    @property
    def producer(self) -> str | None:
        meta = self._pdf.get_metadata_dict(skip_empty=True)
        return meta.get("Producer") or meta.get("Creator") or None

    def read_page(self, page_no: int) -> PageLayout:
        page = self._pdf[page_no - 1]
        try:
            # The effective crop box, inherited from the page tree where the page has none
            # (get_cropbox would fall back to a default Letter box).
            x0, y0, x1, y1 = page.get_bbox()
            glyphs, unmapped = _page_glyphs(page, x0, y1)
            quality = assess_page(((g.text, g.x0, g.top, g.x1, g.bottom) for g in glyphs), x1 - x0, y1 - y0,
                                  unmapped)
            segments = _page_segments(_page_objects(page.raw), x0, y1)
            grids, lines = layout_page(page_no, segments, glyphs, y1 - y0)  # de-duplicates the glyphs
            return PageLayout(page_no, x1 - x0, y1 - y0, tuple(lines), tuple(grids), len(glyphs), quality)
        finally:
            page.close()

    def close(self) -> None:
        self._pdf.close()


def _page_glyphs(page: pdfium.PdfPage, left: float, top: float) -> tuple[list[Glyph], int]:
    """The page's glyphs, and about how many of them the font maps to no Unicode (textlayer)."""
    textpage = page.get_textpage()
    tp = textpage.raw
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    count = raw.FPDFText_CountChars(tp)
    # The whole text in one call (UTF-16, one unit per char index for the BMP) instead of one
    # ctypes call per character; only blanks need asking whether pdfium made them up.
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: fall back to one call per char
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    glyphs = []
    unmapped = 0
    try:
        for i, ch in enumerate(text):
            if ch in " \r\n" and raw.FPDFText_IsGenerated(tp, i):
                continue  # spaces and line breaks pdfium infers; the lattice makes its own
            if ch in _LINE_END_HYPHENS:
                ch = "-"
            if ch in _NOT_TEXT or not raw.FPDFText_GetLooseCharBox(tp, i, rect_ref):
                continue
            # Asking every glyph costs a ctypes call each; one in UNMAPPED_SAMPLE is enough to
            # tell a page where a tenth of the glyphs have no mapping.
            if i % UNMAPPED_SAMPLE == 0 and raw.FPDFText_HasUnicodeMapError(tp, i) and not is_suspect(ch):
                unmapped += UNMAPPED_SAMPLE
            glyphs.append(Glyph(ch, rect.left - left, top - rect.top, rect.right - left, top - rect.bottom,
                                raw.FPDFText_GetFontSize(tp, i)))
    finally:
        textpage.close()
    return glyphs, unmapped


def _page_objects(page_raw: ctypes.c_void_p) -> list[tuple[ctypes.c_void_p, Matrix]]:
    """Every path object of the page with its full matrix, descending into form XObjects."""
    found: list[tuple[ctypes.c_void_p, Matrix]] = []

    def walk(obj: ctypes.c_void_p, outer: Matrix) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            found.append((obj, _compose(_object_matrix(obj), outer)))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            m = _compose(_object_matrix(obj), outer)
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                walk(raw.FPDFFormObj_GetObject(obj, j), m)

    for i in range(raw.FPDFPage_CountObjects(page_raw)):
        walk(raw.FPDFPage_GetObject(page_raw, i), IDENTITY)
    return found


def _page_segments(paths: list[tuple[ctypes.c_void_p, Matrix]], left: float, top: float) -> list[Segment]:
    """Axis-aligned straight pieces of every path, in top-left page coordinates."""
    segments: list[Segment] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj, (a, b, c, d, e, f) in paths:
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            p = (x.value * a + y.value * c + e - left, top - (x.value * b + y.value * d + f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = p
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _add_rule(segments, points[-1], p)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_rule(segments, p, start)
            points.append(p)
    return segments


def _add_rule(out: list[Segment], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= AXIS_TOLERANCE and abs(x1 - x0) >= MIN_RULE_LENGTH:
        out.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= AXIS_TOLERANCE and abs(y1 - y0) >= MIN_RULE_LENGTH:
        out.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
