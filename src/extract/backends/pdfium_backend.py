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
import time
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..datamodel import OcrPage, PageLayout, PageQuality
from .ocr import available as ocr_available, read_image
from .base import GridBackend, ReadSettings
from .lattice import RUN_BREAKS, RUN_BY_GEOMETRY, RUN_JOINS, Glyphs, object_array, layout_page, text_lines
from .textlayer import assess_page, is_suspect

# Segments shorter than this, or slanted by more than this, are not rules (curves, ticks).
MIN_RULE_LENGTH = 1.0
AXIS_TOLERANCE = 0.5
# What pdfium lists among a page's chars and the page does not print (a space pdfium generated
# is dropped too; a printed one kept).
NOT_PRINTED = (ord("\r"), ord("\n"), 0)
# pdfium reports a hyphen that ends a printed line as U+0002 (U+FFFE in FPDFText_GetText);
# the page prints "-".
LINE_END_HYPHENS = (0x02, 0xFFFE)
UNMAPPED_SAMPLE = 16
_PATH, _FORM, _TEXT = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_TEXT
_MOVETO, _LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer (PDF row-vector convention: p' = p · inner · outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


@dataclass(frozen=True)
class _GlyphRead:
    """One page opened and its glyphs read, before any layout; ``picture``: read it by OCR."""

    page_no: int
    page: pdfium.PdfPage
    width: float
    height: float
    to_display: DisplayMap
    paths: list[int]
    matrices: np.ndarray
    glyphs: Glyphs
    quality: PageQuality | None
    picture: bool


class PdfiumBackend(GridBackend):
    name = "pdfium"

    def __init__(self, path: str, settings: ReadSettings | None = None) -> None:
        super().__init__(path, settings)
        self._calls = reader_calls(self.settings.reader)
        self._pdf = pdfium.PdfDocument(path)
        self._ocr_read: dict[int, PageLayout] = {}
        self._held: _GlyphRead | None = None  # the page a text pass read last, still open

    @property
    def reader(self) -> str:
        """Which reader makes the per-glyph calls: ``native`` (C) or ``python``."""
        return self._calls.name

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
        return self._read(page_no, tables=True)

    def read_text_page(self, page_no: int) -> PageLayout:
        return self._read(page_no, tables=False)

    def _read(self, page_no: int, tables: bool) -> PageLayout:
        read, self._held = self._held, None
        if read is None or read.page_no != page_no:
            if read is not None:  # a page the survey did not lay out after all
                read.page.close()
            read = self._read_glyphs(page_no)
        keep = False
        try:
            if read.picture:
                return self._read_image(page_no, read.page, read.width, read.height)
            if not tables:
                # The page stays open for the layout a survey may ask of it next (_may_be_read):
                # its glyphs are not read twice.
                keep = True
                return PageLayout(page_no, read.width, read.height,
                                  tuple(text_lines(read.glyphs, read.height, self.settings.lattice)),
                                  (), len(read.glyphs), read.quality)
            segments = _page_segments(self._calls, read.paths, read.matrices, read.to_display)
            # layout_page de-duplicates the glyphs
            grids, lines = layout_page(page_no, segments, read.glyphs, read.height, self.settings.lattice)
            return PageLayout(page_no, read.width, read.height, tuple(lines), tuple(grids), len(read.glyphs),
                              read.quality)
        finally:
            if keep:
                self._held = read
            else:
                read.page.close()

    def _read_glyphs(self, page_no: int) -> _GlyphRead:
        """Open the page and read its glyphs and objects (the clip paths apply to both passes:
        they decide which glyphs print)."""
        page = self._pdf[page_no - 1]
        try:
            # The effective crop box, inherited from the page tree where the page has none
            # (get_cropbox would fall back to a default Letter box).
            box = page.get_bbox()
            to_display = display_map(page.get_rotation(), *box)
            width, height = (box[2] - box[0], box[3] - box[1])
            if page.get_rotation() in (90, 270):  # shown upright: the page turned a quarter
                width, height = height, width
            paths, matrices, clipped = _page_objects(self._calls, _handle(page.raw))
            glyphs, unmapped = _page_glyphs(self._calls, page, to_display, clipped)
            if self._reads_image(page, glyphs, width, height):
                return _GlyphRead(page_no, page, width, height, to_display, paths, matrices, glyphs, None, True)
            quality = assess_page(glyphs, width, height, unmapped, self.settings.text_layer)
            return _GlyphRead(page_no, page, width, height, to_display, paths, matrices, glyphs, quality, False)
        except BaseException:
            page.close()
            raise

    def _release_held(self) -> None:
        if self._held is not None:
            self._held.page.close()
            self._held = None

    def _reads_image(self, page: pdfium.PdfPage, glyphs: Glyphs, width: float, height: float) -> bool:
        """OCR this page: ``force``; or ``auto`` and the page is a picture — an image covering
        most of it and hardly any text (none, or a page number a publisher stamped on a scan)."""
        settings = self.settings.ocr
        if settings.mode == "off":
            return False
        if settings.mode == "force":
            return ocr_available()
        if len(glyphs) > settings.max_glyphs_on_picture:  # the common case, decided first
            return False
        covered = 0.0
        for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            left, bottom, right, top = image.get_bounds()
            covered = max(covered, (right - left) * (top - bottom))
        return covered >= settings.picture_share * width * height and ocr_available()

    def _read_image(self, page_no: int, page: pdfium.PdfPage, width: float, height: float) -> PageLayout:
        """The page read from its rendering (ocr.read_image), once: a survey's text pass and the
        layout that may follow share it."""
        if page_no in self._ocr_read:
            return self._ocr_read[page_no]
        settings = self.settings.ocr
        started = time.perf_counter()
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_numpy()
        if image.ndim == 3:
            image = image[:, :, 0]
        glyphs, segments, lines, rotation, skew = read_image(np.ascontiguousarray(image), settings.dpi, settings)
        if rotation in (90, 270):
            width, height = height, width
        grids, text = layout_page(page_no, segments, glyphs, height, self.settings.lattice)
        read = OcrPage(lines, rotation, round(skew, 2), settings.dpi, time.perf_counter() - started)
        quality = PageQuality(len(glyphs), 0, 0, False)
        layout = PageLayout(page_no, width, height, tuple(text), tuple(grids), len(glyphs), quality, ocr=read)
        self._ocr_read[page_no] = layout
        return layout

    def close(self) -> None:
        self._release_held()
        self._pdf.close()


def _call(function: object, restype: object, *argtypes: object):
    """pypdfium2's function at the same address, taking plain integers for its handles and
    out-pointers: with ``map`` over a page's characters, each call costs the C call alone, not
    a pointer object built per argument (pdfium has no call that returns many boxes at once)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_VOID, _INT, _DOUBLE = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_loose_char_box = _call(raw.FPDFText_GetLooseCharBox, _INT, _VOID, _INT, _VOID)
_font_size = _call(raw.FPDFText_GetFontSize, _DOUBLE, _VOID, _INT)
_get_object = _call(raw.FPDFPage_GetObject, _VOID, _VOID, _INT)
_page_object_count = _call(raw.FPDFPage_CountObjects, _INT, _VOID)
_form_object = _call(raw.FPDFFormObj_GetObject, _VOID, _VOID, ctypes.c_ulong)
_form_object_count = _call(raw.FPDFFormObj_CountObjects, _INT, _VOID)
_object_type = _call(raw.FPDFPageObj_GetType, _INT, _VOID)
_path_segment = _call(raw.FPDFPath_GetPathSegment, _VOID, _VOID, _INT)
_segment_count = _call(raw.FPDFPath_CountSegments, _INT, _VOID)
_segment_point = _call(raw.FPDFPathSegment_GetPoint, _INT, _VOID, _VOID, _VOID)
_segment_type = _call(raw.FPDFPathSegment_GetType, _INT, _VOID)
_segment_closes = _call(raw.FPDFPathSegment_GetClose, _INT, _VOID)
_object_matrix_at = _call(raw.FPDFPageObj_GetMatrix, _INT, _VOID, _VOID)
_char_object = _call(raw.FPDFText_GetTextObject, _VOID, _VOID, _INT)
_is_generated = _call(raw.FPDFText_IsGenerated, _INT, _VOID, _INT)
_unicode_map_error = _call(raw.FPDFText_HasUnicodeMapError, _INT, _VOID, _INT)
_clip_path = _call(raw.FPDFPageObj_GetClipPath, _VOID, _VOID)
_clip_path_count = _call(raw.FPDFClipPath_CountPaths, _INT, _VOID)
_clip_segment_count = _call(raw.FPDFClipPath_CountPathSegments, _INT, _VOID, _INT)
_clip_segment = _call(raw.FPDFClipPath_GetPathSegment, _VOID, _VOID, _INT, _INT)


# From PDF user space (origin bottom-left) to the page as shown (origin top-left, /Rotate
# applied): X = ax·x + bx·y + cx, Y = ay·x + by·y + cy.
DisplayMap = tuple[float, float, float, float, float, float]


def display_map(rotation: int, x0: float, y0: float, x1: float, y1: float) -> DisplayMap:
    """The map for a page box (x0, y0, x1, y1) shown turned clockwise by ``rotation`` degrees."""
    return {0: (1.0, 0.0, -x0, 0.0, -1.0, y1),
            90: (0.0, 1.0, -y0, 1.0, 0.0, -x0),
            180: (-1.0, 0.0, x1, 0.0, 1.0, -y0),
            270: (0.0, -1.0, y1, -1.0, 0.0, x1)}[rotation % 360]


def _apply(m: DisplayMap, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ax, bx, cx, ay, by, cy = m
    return ax * x + bx * y + cx, ay * x + by * y + cy


def _handle(pointer: object) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _page_glyphs(calls: "PythonReader", page: pdfium.PdfPage, to_display: DisplayMap,
                 clipped: dict[int, tuple[float, float, float, float]]) -> tuple[Glyphs, int]:
    """The page's glyphs as columns, and about how many of them the font maps to no Unicode
    (textlayer). Chars are filtered on their UTF-16 codes in numpy; pdfium is asked whether it
    generated a char only for the spaces and line breaks, and for a mapping only for a sample."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        count = raw.FPDFText_CountChars(tp)
        if count <= 0:
            return Glyphs.of([]), 0
        # The whole text in one call (UTF-16, one unit per char index for the BMP).
        units = np.zeros(count + 1, dtype=np.uint16)
        raw.FPDFText_GetText(tp, 0, count, units.ctypes.data_as(ctypes.POINTER(ctypes.c_ushort)))
        codes = units[:count]
        text = codes.tobytes().decode("utf-16-le", errors="replace")
        if len(text) != count:  # characters outside the BMP: fall back to one call per char
            text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
            codes = np.fromiter(map(ord, text), dtype=np.int64, count=count)
        handle = _handle(tp)
        boxes, has_box, sizes = calls.char_boxes(handle, count)  # FS_RECTF: left, top, right, bottom
        keep = has_box & ~_among(codes, NOT_PRINTED)
        # spaces and line breaks pdfium infers are dropped: the lattice makes its own
        breaks = np.flatnonzero(keep & (codes == ord(" ")))
        keep[breaks[calls.generated(handle, breaks)]] = False
        kept = np.flatnonzero(keep)
        chars = object_array(list(text))[kept]
        chars[_among(codes[kept], LINE_END_HYPHENS)] = "-"
        # Asking every glyph costs a call each; one in UNMAPPED_SAMPLE is enough to tell a
        # page where a tenth of the glyphs have no mapping.
        sampled = np.flatnonzero(kept % UNMAPPED_SAMPLE == 0)
        lacking = sampled[calls.unmapped(handle, kept[sampled])]
        unmapped = UNMAPPED_SAMPLE * sum(not is_suspect(ch) for ch in chars[lacking].tolist())
        box = boxes.astype(np.float64)
        links = _run_links(calls, handle, kept, box, clipped)
    finally:
        textpage.close()
    ax, ay = _apply(to_display, box[kept, 0], box[kept, 1])  # left, top corner
    bx, by = _apply(to_display, box[kept, 2], box[kept, 3])  # right, bottom corner
    glyphs = Glyphs.from_columns(chars, np.minimum(ax, bx), np.minimum(ay, by), np.maximum(ax, bx),
                                 np.maximum(ay, by), sizes[kept], links)
    return glyphs, unmapped


def _among(codes: np.ndarray, wanted: tuple[int, ...]) -> np.ndarray:
    """Which codes are one of a few ``wanted`` (np.isin costs more for so few)."""
    found = codes == wanted[0]
    for code in wanted[1:]:
        found |= codes == code
    return found


def _clip_rect(clip: int) -> tuple[float, float, float, float] | None:
    """The box of a clip path (nested clips: their intersection), in user space."""
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.addressof(x), ctypes.addressof(y)
    rect = None
    for k in range(max(_clip_path_count(clip), 0)):
        xs, ys = [], []
        for s in range(_clip_segment_count(clip, k)):
            seg = _clip_segment(clip, k, s)
            if seg and _segment_point(seg, px, py):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            r = (min(xs), min(ys), max(xs), max(ys))
            rect = r if rect is None else (max(rect[0], r[0]), max(rect[1], r[1]),
                                           min(rect[2], r[2]), min(rect[3], r[3]))
    return rect


def _run_links(calls: "PythonReader", textpage: int, chars: np.ndarray, box: np.ndarray,
               clipped: dict[int, tuple[float, float, float, float]]) -> np.ndarray:
    """For each kept char, what the clip paths say of it and the char before (``Glyph.run_link``):
    ``RUN_BREAKS`` where it is visible, in another text object, and outside the clip that char
    was drawn under — the next cell's own text, not the rest of a clipped run (the rest of a
    run under a clip is either inside it or hidden by it); ``RUN_JOINS`` where the clip hides
    it and it is in the same text object — the rest of the run. ``box``: every char's loose
    box in user space, where pdfium gives the clip paths too; ``clipped``: the clip box of
    every text object that has one (``_page_objects``). A page without any costs nothing."""
    n = len(chars)
    if not clipped or n < 2:
        return np.full(n, RUN_BY_GEOMETRY, dtype=np.int8)
    objects = calls.char_objects(textpage, chars)
    # Each char's clip box (NaN for none): looked up once per distinct object, not per object x char.
    distinct, of_char = np.unique(objects, return_inverse=True)
    no_clip = (np.nan,) * 4
    rect = np.array([clipped.get(int(o), no_clip) for o in distinct], dtype=np.float64).reshape(-1, 4)[of_char]
    at = np.asarray(chars)
    cx, cy = (box[at, 0] + box[at, 2]) / 2, (box[at, 1] + box[at, 3]) / 2

    def inside(r: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (r[:, 0] <= x) & (x <= r[:, 2]) & (r[:, 1] <= y) & (y <= r[:, 3])

    has_clip = ~np.isnan(rect[:, 0])
    hidden = has_clip & ~inside(rect, cx, cy)
    same = np.zeros(n, dtype=bool)
    same[1:] = objects[1:] == objects[:-1]
    before = np.vstack([rect[:1], rect[:-1]])  # the clip of the char before
    breaks = np.zeros(n, dtype=bool)
    breaks[1:] = (~same[1:] & has_clip[:-1] & ~hidden[1:] & ~inside(before[1:], cx[1:], cy[1:]))
    links = np.where(same & hidden, RUN_JOINS, np.where(breaks, RUN_BREAKS, RUN_BY_GEOMETRY))
    links[0] = RUN_BY_GEOMETRY
    return links.astype(np.int8)


class PythonReader:
    """The per-glyph and per-segment pdfium calls made from Python, one ctypes call each (the
    fallback where the native reader, native.py, was not built). Each method returns what the
    native reader's of the same name returns."""

    name = "python"

    @staticmethod
    def char_boxes(textpage: int, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every char's loose box (left, top, right, bottom; float32), whether it has one, its size."""
        boxes = (ctypes.c_float * (4 * count))()  # FS_RECTF
        base = ctypes.addressof(boxes)
        has_box = np.fromiter(map(_loose_char_box, repeat(textpage, count), range(count),
                                  range(base, base + 16 * count, 16)), dtype=bool, count=count)
        sizes = np.fromiter(map(_font_size, repeat(textpage, count), range(count)), dtype=np.float64, count=count)
        return np.frombuffer(boxes, dtype=np.float32).reshape(count, 4), has_box, sizes

    @staticmethod
    def char_objects(textpage: int, chars: np.ndarray) -> np.ndarray:
        return np.fromiter(map(_char_object, repeat(textpage, len(chars)), np.asarray(chars).tolist()),
                           dtype=np.uint64, count=len(chars))

    @staticmethod
    def generated(textpage: int, chars: np.ndarray) -> np.ndarray:
        """Whether pdfium generated each of ``chars`` (a space or line break it inferred)."""
        return np.fromiter(map(_is_generated, repeat(textpage, len(chars)), chars.tolist()),
                           dtype=bool, count=len(chars))

    @staticmethod
    def unmapped(textpage: int, chars: np.ndarray) -> np.ndarray:
        """Whether the font maps each of ``chars`` to no Unicode."""
        return np.fromiter(map(_unicode_map_error, repeat(textpage, len(chars)), chars.tolist()),
                           dtype=bool, count=len(chars))

    @staticmethod
    def objects(page: int) -> tuple[list[int], np.ndarray, list[int]]:
        """The page's path objects, their full matrices (n×6), and its text objects, descending
        into form XObjects."""
        found: list[int] = []
        matrices: list[Matrix] = []
        texts: list[int] = []
        m = raw.FS_MATRIX()
        at = ctypes.addressof(m)

        def matrix(obj: int, outer: Matrix | None) -> Matrix:
            own = (m.a, m.b, m.c, m.d, m.e, m.f) if _object_matrix_at(obj, at) else IDENTITY
            return own if outer is None else _compose(own, outer)

        def walk(objects: list[int], outer: Matrix | None) -> None:
            for obj, kind in zip(objects, map(_object_type, objects)):
                if kind == _PATH:
                    found.append(obj)
                    matrices.append(matrix(obj, outer))
                elif kind == _TEXT:
                    texts.append(obj)
                elif kind == _FORM:
                    n = _form_object_count(obj)
                    walk(list(map(_form_object, repeat(obj, n), range(n))), matrix(obj, outer))

        n = _page_object_count(page)
        walk(list(map(_get_object, repeat(page, n), range(n))), None)
        return found, np.array(matrices, dtype=np.float64).reshape(-1, 6), texts

    @staticmethod
    def clip_rects(texts: list[int]) -> dict[int, tuple[float, float, float, float]]:
        """The clip box of each text object that has one (user space). pdfium drops the clip of
        an object that lies wholly inside it: most text objects have none (a clip handle that
        counts no paths), told apart with one C call each."""
        clips = list(map(_clip_path, texts))
        counts = map(_clip_path_count, clips)
        clipped = {obj: _clip_rect(clip) for obj, clip, k in zip(texts, clips, counts) if k > 0}
        return {obj: rect for obj, rect in clipped.items() if rect is not None}

    @staticmethod
    def segments(paths: list[int]) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
        """Each path's segment count; every segment's point (float32 x, y), type, closing flag."""
        counts = list(map(_segment_count, paths))
        owners = [obj for obj, n in zip(paths, counts) for _ in range(n)]
        indexes = [i for n in counts for i in range(n)]
        total = len(owners)
        pieces = list(map(_path_segment, owners, indexes))
        points = (ctypes.c_float * (2 * total))()
        base = ctypes.addressof(points)
        list(map(_segment_point, pieces, range(base, base + 8 * total, 8), range(base + 4, base + 8 * total, 8)))
        kinds = np.array(list(map(_segment_type, pieces)), dtype=np.intc)
        closes = np.array(list(map(_segment_closes, pieces)), dtype=np.intc)
        return counts, np.frombuffer(points, dtype=np.float32).reshape(total, 2), kinds, closes


def reader_calls(choice: str) -> "PythonReader":
    """The reader for ``ReadSettings.reader``: ``auto`` the native one where it is installed."""
    if choice == "python":
        return PythonReader()
    from .native import load
    native = load()
    if native is None and choice == "native":
        raise RuntimeError("the native reader is not installed (no C compiler when the package was "
                           "installed?); use reader='auto' or 'python'")
    return native or PythonReader()


def _page_objects(calls: PythonReader, page: int
                  ) -> tuple[list[int], np.ndarray, dict[int, tuple[float, float, float, float]]]:
    """Every path object of the page and its full matrix; the clip box of every text object
    that has a clip path (``_clip_rect``)."""
    paths, matrices, texts = calls.objects(page)
    return paths, matrices, calls.clip_rects(texts)


def _page_segments(calls: PythonReader, paths: list[int], matrices: np.ndarray,
                   to_display: DisplayMap) -> np.ndarray:
    """The rules among the straight pieces of every path, in the page's shown (top-left)
    coordinates: a rule table (_rules)."""
    if not paths:
        return np.empty((0, 4))
    counts, points, kinds, closes = calls.segments(paths)
    total = len(kinds)
    x, y = points.astype(np.float64).T
    a, b, c, d, e, f = np.repeat(matrices, counts, axis=0).T
    # The object's matrix, then the page as shown.
    px, py = _apply(to_display, x * a + y * c + e, x * b + y * d + f)
    index = np.arange(total)
    first = np.repeat(np.cumsum(counts) - counts, counts)  # each segment's path's first segment
    # A line runs from the previous point of its path; a closing segment back to the path's
    # last move. Pairs are ordered as the path draws them: a segment's line, then its closing.
    line_to = np.flatnonzero((kinds == _LINETO) & (index > first))
    last_move = np.maximum.accumulate(np.where(kinds == _MOVETO, index, -1))
    closing = np.flatnonzero(closes.astype(bool) & (last_move >= first))
    order = np.argsort(np.concatenate([2 * line_to, 2 * closing + 1]), kind="stable")
    p = np.concatenate([line_to - 1, closing])[order]
    q = np.concatenate([line_to, last_move[closing]])[order]
    return _rules(px[p], py[p], px[q], py[q])


def _rules(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """The horizontal and vertical rules among straight pieces (x0, y0) -> (x1, y1), as a
    rule table (lattice.snap_and_join: one row of Segment fields per rule)."""
    horizontal = (np.abs(y0 - y1) <= AXIS_TOLERANCE) & (np.abs(x1 - x0) >= MIN_RULE_LENGTH)
    vertical = ~horizontal & (np.abs(x0 - x1) <= AXIS_TOLERANCE) & (np.abs(y1 - y0) >= MIN_RULE_LENGTH)
    keep = horizontal | vertical
    h = horizontal[keep]
    at = np.where(horizontal, (y0 + y1) / 2, (x0 + x1) / 2)[keep]
    start = np.where(h, np.minimum(x0, x1)[keep], np.minimum(y0, y1)[keep])
    end = np.where(h, np.maximum(x0, x1)[keep], np.maximum(y0, y1)[keep])
    return np.column_stack([h.astype(np.float64), at, start, end])
