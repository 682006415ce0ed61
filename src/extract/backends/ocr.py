"""Reading a page from its image: rulings by morphology, text by OCR, into the lattice's types.

A scanned page has no text layer: the backend renders it (pdfium) and this module turns the
image into what the text layer would have given — ``Segment`` rules and ``Glyph`` boxes in the
page's shown coordinates (points, origin top-left) — so the same lattice, reassembly, records,
checks and writer read it. Steps, in order:

1. ``deskew``: a slight skew (``OcrSettings.max_skew``) is measured from the long rulings and
   rotated out;
2. ``upright``: a page turned a quarter or a half is turned back (its text lines run across
   the page and read best that way up);
3. ``find_rules``: long thin runs of dark pixels, found with a horizontal and a vertical
   opening as camelot's lattice does, become rule segments;
4. ``recognise``: RapidOCR (PP-OCR models shipped in its wheel, ONNX Runtime) gives text lines
   with a box and a confidence;
5. ``line_glyphs``: each line's box is split into one glyph per character (CJK full width,
   ASCII half), and a vertical rule crossing the line breaks its run, so a line the detector
   ran over two cells is placed in both.

Every glyph keeps the confidence of its line (``OcrLine``): records read from an OCR'd page carry
the lowest confidence of the lines in their cells (pipeline, trust_ocr).

Needs the ``[ocr]`` extra (rapidocr-onnxruntime; OpenCV comes with camelot). ``engine()`` is None
without it, and a page without a text layer stays empty (``no_text_layer``, naming the extra).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..datamodel import OcrLine
from ..vocabulary.glyphs import OCR_DECIMAL_POINTS, OCR_LONE_DASH_READINGS, OCR_THOUSANDS_SEPARATORS
from .lattice import RUN_BREAKS, RUN_JOINS, Glyph, Segment
from .names import OCR_MODES

# A cell's vertical border runs on above and below its text by at least this share of the
# text's height (the row's padding); a character's stroke does not.
ROW_PADDING = 0.2


@dataclass(frozen=True)
class OcrSettings:
    """When and how pages are read from their image.

    ``mode``: ``auto`` OCRs a page that is a picture (an image over most of it, hardly any
    text), ``force`` every page, ``off`` none. ``dpi``: the rendering's resolution (PP-OCR reads 150-300 dpi well).
    ``max_skew``: degrees; a page skewed more is read as it is (and its checks will say).
    ``rule_share``: the opening that finds rules is this share of the page's width (height)
    long, and never shorter than ``min_rule_points``.
    """

    mode: str = "auto"
    dpi: int = 200
    # auto: a page is a picture when an image covers this share of it and it prints no more
    # glyphs than this (a stamped page number, a running title added to a scan).
    picture_share: float = 0.5
    max_glyphs_on_picture: int = 20
    max_skew: float = 3.0
    min_rule_points: float = 12.0
    rule_share: float = 1 / 40

    def __post_init__(self) -> None:
        if self.mode not in OCR_MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(OCR_MODES)}, not {self.mode!r}")
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"OCR dpi must be between 72 and 600, not {self.dpi}")


@cache
def engine():
    """The OCR engine (RapidOCR), loaded once per process; None without the [ocr] extra."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    return RapidOCR()


@cache
def available() -> bool:
    """The [ocr] extra is installed; found without importing it (ONNX Runtime and OpenCV take
    half a second and tens of MiB: a run without scans never loads them)."""
    import importlib.util
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


# --------------------------------------------------------------------------- the steps


Detection = list[tuple[np.ndarray, str, float]]  # (4×2 corner points in pixels, text, confidence)


def recognise(image: np.ndarray) -> Detection:
    """Text lines of a grayscale image: their corner points, text and confidence."""
    # No per-line angle classifier: it turns short lines (>=90%) upside down; the page's
    # orientation is settled once, by upright().
    found, _ = engine()(image, use_cls=False)
    return [(np.asarray(box, dtype=np.float64), str(text), float(score)) for box, text, score in found or []]


def _tall_share(found: Detection) -> float:
    """The share of text lines (of more than one character) taller than wide: a page on its side."""
    lines = [box for box, text, _ in found if len(text) > 1]
    if not lines:
        return 0.0
    tall = sum(1 for b in lines if np.ptp(b[:, 1]) > 1.5 * np.ptp(b[:, 0]))
    return tall / len(lines)


def _mean_confidence(found: Detection) -> float:
    weights = [len(t) for _, t, _ in found]
    return sum(w * s for (_, _, s), w in zip(found, weights)) / sum(weights) if sum(weights) else 0.0


def _turn(image: np.ndarray, degrees: int) -> np.ndarray:
    """The image turned clockwise by a multiple of 90 degrees."""
    return np.ascontiguousarray(np.rot90(image, k=-(degrees // 90) % 4))


def upright(image: np.ndarray) -> tuple[np.ndarray, int, Detection]:
    """The image turned upright, the degrees it was turned, and its text read that way up.

    A page on its side prints its lines taller than wide: of the two quarter turns the one
    that reads with the higher confidence is kept. An upright-looking page that reads poorly
    is tried upside down too."""
    found = recognise(image)
    candidates = [(0, image, found)]
    if _tall_share(found) > 0.5:
        candidates = [(d, t, recognise(t)) for d in (90, 270) for t in [_turn(image, d)]]
    elif found and _mean_confidence(found) < 0.8:
        turned = _turn(image, 180)
        candidates.append((180, turned, recognise(turned)))
    degrees, best, text = max(candidates, key=lambda c: _mean_confidence(c[2]))
    return best, degrees, text


def _dark(image: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0: a local threshold, which holds under uneven scans and JPEG noise."""
    import cv2
    return cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def _line_masks(dark: np.ndarray, length_x: int, length_y: int) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical long runs of ink (morphological opening, as camelot)."""
    import cv2
    horizontal = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length_x, 1)))
    vertical = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length_y)))
    # Close the small gaps a scan leaves in a printed rule.
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 5)))
    return horizontal, vertical


def measure_skew(image: np.ndarray, settings: OcrSettings) -> float:
    """Degrees the page is turned counter-clockwise (positive: its rules rise to the right): the
    length-weighted median slope of its long horizontal rulings (a sideways page's vertical
    ones), measured before any text is read. A page without rulings is read as it lies: the
    recogniser reads slightly skewed lines, and a line is placed by its box's centre."""
    import cv2
    h, w = image.shape
    # Short kernels catch a rule even where skew moves it by a pixel every few dozen.
    mask = cv2.morphologyEx(_dark(image), cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 60), 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for k in range(1, count):
        x, y, bw, bh, _area = stats[k]
        if bw < w / 6 or bh > bw / 8:
            continue
        ys, xs = np.nonzero(labels[y:y + bh, x:x + bw] == k)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(-math.degrees(math.atan(slope)))
        weights.append(float(bw))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return median if abs(median) <= settings.max_skew else 0.0


def deskew(image: np.ndarray, degrees: float) -> np.ndarray:
    """The image rotated by ``degrees`` clockwise around its centre (white where nothing was)."""
    import cv2
    if abs(degrees) < 0.05:
        return image
    h, w = image.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def find_rules(image: np.ndarray, scale: float, settings: OcrSettings,
               found: Detection = ()) -> list[Segment]:
    """The page's horizontal and vertical rules, in points of the page as shown. A run of ink
    that lies wholly inside a recognised text line (``found``) is a stroke, not a rule: a bold
    title's long strokes (市, 十) would otherwise make a grid; a rule runs on beyond the line."""
    import cv2
    h, w = image.shape
    least = settings.min_rule_points * scale
    horizontal, vertical = _line_masks(_dark(image), max(int(least), int(w * settings.rule_share)),
                                       max(int(least), int(h * settings.rule_share)))
    boxes = [(b[:, 0].min(), b[:, 1].min(), b[:, 0].max(), b[:, 1].max()) for b, _, _ in found]
    rules: list[Segment] = []
    for mask, is_horizontal in ((horizontal, True), (vertical, False)):
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, bw, bh, _area in stats[1:]:
            x, y, bw, bh = int(x), int(y), int(bw), int(bh)
            length, thickness = (bw, bh) if is_horizontal else (bh, bw)
            if length < least or thickness > max(12.0, length / 4):
                continue  # a blot, a stamp, a filled box: not a rule
            if any(_is_stroke(x, y, bw, bh, is_horizontal, box) for box in boxes):
                continue
            if is_horizontal:
                rules.append(Segment(True, (y + bh / 2) / scale, x / scale, (x + bw) / scale))
            else:
                rules.append(Segment(False, (x + bw / 2) / scale, y / scale, (y + bh) / scale))
    return rules


def _is_stroke(x: int, y: int, bw: int, bh: int, is_horizontal: bool,
               box: tuple[float, float, float, float]) -> bool:
    """A run of ink that belongs to the characters of a recognised line: it crosses the line's
    box and is no longer than a character (the box's smaller side, the text's size) with the
    row's padding; a cell's border runs on beyond that. Measured against the text's size, not
    the box, so a column of vertical text (a 年度绩效指标 label) keeps the rule beside it."""
    x0, y0, x1, y1 = box
    size = min(x1 - x0, y1 - y0)
    if is_horizontal:
        crosses = y0 - 3 <= y + bh / 2 <= y1 + 3 and x < x1 and x + bw > x0
        return crosses and bw <= (1 + 2 * ROW_PADDING) * size
    crosses = x0 - 3 <= x + bw / 2 <= x1 + 3 and y < y1 and y + bh > y0
    return crosses and bh <= (1 + 2 * ROW_PADDING) * size


def split_at_rules(image: np.ndarray, found: Detection, rules: list[Segment], scale: float) -> Detection:
    """Each text line the detector ran over a vertical rule (two cells' texts read as one) cut
    at the rule, and each piece recognised on its own: every cell gets its own text."""
    verticals = [(r.at * scale, r.start * scale, r.end * scale) for r in rules if not r.horizontal]
    out: Detection = []
    for box, text, score in found:
        x0, y0 = box.min(axis=0)
        x1, y1 = box.max(axis=0)
        pad = ROW_PADDING * (y1 - y0)
        cuts = sorted(at for at, start, end in verticals
                      if x0 + 4 < at < x1 - 4 and start <= y0 - pad and end >= y1 + pad)
        if not cuts:
            out.append((box, text, score))
            continue
        edges = [x0, *cuts, x1]
        for left, right in zip(edges, edges[1:]):
            a, b = int(max(left + 2, 0)), int(min(right - 2, image.shape[1]))
            top, bottom = int(max(y0 - 2, 0)), int(min(y1 + 2, image.shape[0]))
            if b - a < 4:
                continue
            piece = np.ascontiguousarray(image[top:bottom, a:b])
            read, _ = engine()(piece, use_det=False, use_cls=False)
            if read and read[0][0].strip():
                part, conf = read[0]
                out.append((np.array([[a, top], [b, top], [b, bottom], [a, bottom]], dtype=np.float64),
                            str(part), float(conf)))
    return out


def _weight(ch: str) -> float:
    """How wide a character prints against a full-width one."""
    return 0.5 if ch.isascii() else 1.0


def line_glyphs(line: OcrLine, verticals: list[Segment]) -> list[Glyph]:
    """One glyph per character of an OCR line, the box split by the characters' widths: the
    line is one run (``Glyph.run_link``), and a glyph whose centre is past a vertical rule the
    line crosses starts a run of its own."""
    text = line.text.replace(" ", "")
    if not text:
        return []
    x0, top, x1, bottom = line.bbox
    weights = [_weight(ch) for ch in text]
    unit = (x1 - x0) / sum(weights)
    height = bottom - top
    crossing = sorted(v.at for v in verticals
                      if x0 < v.at < x1 and v.start <= (top + bottom) / 2 <= v.end)
    glyphs: list[Glyph] = []
    at = x0
    side = 0
    for ch, weight in zip(text, weights):
        end = at + weight * unit
        centre = (at + end) / 2
        past = sum(1 for c in crossing if c < centre)
        # A recognised line is one printed run (placed by its first glyph), unless a rule
        # crosses it; the next line, even right beside it, is another cell's.
        link = RUN_JOINS if glyphs and past == side else RUN_BREAKS
        side = past
        glyphs.append(Glyph(ch, at, top, end, bottom, height, -1.0, -1.0, link))
        at = end
    return glyphs


_DASH = "\u2014"
_THOUSANDS = re.compile(f"(?<=\\d)[{OCR_THOUSANDS_SEPARATORS}](?=\\d{{3}})")
_DECIMAL = re.compile(f"(?<=\\d)[{OCR_DECIMAL_POINTS}](?=\\d)")


def _as_printed(text: str) -> str:
    """The recogniser's known misreadings put back: a full-width separator inside a number
    (3，205.91; 0。5) is the printed ASCII one; a dash alone on its line, read as 一 (U+4E00) or a
    hyphen, is the em dash a form prints for "nothing here"."""
    if text.strip() in OCR_LONE_DASH_READINGS:
        return _DASH
    return _DECIMAL.sub(".", _THOUSANDS.sub(",", text))


def read_image(image: np.ndarray, dpi: int, settings: OcrSettings
               ) -> tuple[list[Glyph], list[Segment], tuple[OcrLine, ...], int, float]:
    """A grayscale page image (``dpi``) read into glyphs and rules in points: the glyphs, rules,
    OCR lines, and the quarter turns and skew taken out."""
    scale = dpi / 72
    skew = measure_skew(image, settings)
    image, rotation, found = upright(deskew(image, skew))
    rules = find_rules(image, scale, settings, found)
    found = split_at_rules(image, found, rules, scale)
    verticals = [r for r in rules if not r.horizontal]
    lines = []
    for box, text, score in found:
        xs, ys = box[:, 0] / scale, box[:, 1] / scale
        lines.append(OcrLine(_as_printed(text), (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())),
                             round(score, 4)))
    glyphs = [g for ln in lines for g in line_glyphs(ln, verticals)]
    return glyphs, rules, tuple(lines), rotation, skew
