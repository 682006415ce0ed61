"""Is a page's text layer what the page prints? Counting the glyphs that cannot be.

A PDF whose fonts lost their ToUnicode maps (damaged bytes, a careless producer, OCR gone
wrong) still has a text layer, but its characters are not the printed ones: pdfium returns the
raw character codes (control characters, Latin-1 letters), pdfminer writes ``(cid:123)``, other
tools U+FFFD or private-use code points. Read as text, such a page yields no table and no figure,
and nothing says why. Each page is assessed here from its glyphs; a page over the thresholds is
``damaged``, and the pipeline names it (status ``partial``, or ``failed`` with
``damaged_text_layer`` when every page with text is damaged).

Thresholds (documented in the README): a page is damaged when at least ``MIN_SUSPECT`` of its
glyphs and ``SUSPECT_SHARE`` of them are suspect, or ``MIN_SUSPECT`` and ``OUTSIDE_SHARE`` of
them lie outside the page box (the text layer then holds text the page does not show).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .datamodel import PageQuality

SUSPECT_SHARE = 0.10
OUTSIDE_SHARE = 0.25  # spreadsheet exports print a few clipped glyphs past the edge
MIN_SUSPECT = 5
# Latin-1 symbols a Chinese government document does print (×, ÷, ·, °, ±, ¥, §, ‰ …).
_PLAIN_SYMBOLS = set("×÷·°±¥§‰¤©®µ¼½¾²³¹º")
_CID = re.compile(r"^\(cid:\d+\)$")


def is_suspect(text: str) -> bool:
    """A glyph text no correct text layer of a 决算 gives."""
    if _CID.match(text) or "\ufffd" in text:
        return True
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cs", "Cn"):
            return True
        # Latin-1 Supplement and Latin Extended letters: raw single-byte codes read as text.
        if 0x80 <= ord(ch) <= 0x24F and ch not in _PLAIN_SYMBOLS:
            return True
    return False


def assess_page(glyphs: Iterable[tuple[str, float, float, float, float]], width: float, height: float,
                unmapped: int = 0) -> PageQuality:
    """Count a page's suspect glyphs and glyphs outside the page box (top-left coordinates).

    ``unmapped`` is the number of glyphs the backend knows have no Unicode mapping (pdfium's
    FPDFText_HasUnicodeMapError) among those not already suspect by their text.
    """
    n = suspect = outside = 0
    for text, x0, top, x1, bottom in glyphs:
        n += 1
        suspect += is_suspect(text)
        outside += x1 < 0 or y_outside(top, bottom, height) or x0 > width
    suspect += unmapped
    reason = None
    if suspect >= MIN_SUSPECT and suspect >= SUSPECT_SHARE * n:
        # No counts in the reason: backends count glyphs differently (spaces), the finding is the same.
        reason = ("over 10% of its glyphs have no readable text (control or private-use characters, "
                  "(cid:N), U+FFFD, glyphs without a Unicode mapping)")
    elif outside >= MIN_SUSPECT and outside >= OUTSIDE_SHARE * n:
        reason = "over 25% of its glyphs lie outside the page box, where the page does not show them"
    return PageQuality(n, suspect, outside, reason is not None, reason)


def y_outside(top: float, bottom: float, height: float) -> bool:
    return bottom < 0 or top > height
