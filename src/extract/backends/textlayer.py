"""Is a page's text layer what the page prints? Counting the glyphs that cannot be.

A PDF whose fonts lost their ToUnicode maps (damaged bytes, a careless producer, OCR gone
wrong) still has a text layer, but its characters are not the printed ones: pdfium returns the
raw character codes (control characters, Latin-1 letters), pdfminer writes ``(cid:123)``, other
tools U+FFFD or private-use code points. Read as text, such a page yields no table and no figure,
and nothing says why. Each page is assessed here from its glyphs; a page over the thresholds is
``damaged``, and the pipeline names it (status ``partial``, or ``failed`` with
``damaged_text_layer`` when every page with text is damaged).

Thresholds (``TextLayerSettings``, documented in the README): a page is damaged when at least
``min_suspect`` of its glyphs and ``suspect_share`` of them are suspect, or ``min_suspect`` and
``outside_share`` of them lie outside the page box (the text layer then holds text the page
does not show).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..datamodel import PageQuality
from .lattice import Glyph, Glyphs


@dataclass(frozen=True)
class TextLayerSettings:
    """When a page's text layer counts as damaged; validated on construction."""

    # Fuzzed ToUnicode maps damage far more than 10% of a page's glyphs; the real documents in
    # ../shared have none suspect (a few Latin symbols are allowed: _PLAIN_SYMBOLS).
    suspect_share: float = 0.10
    # Spreadsheet exports print a few clipped glyphs past the page edge (商务委's budget page 4
    # prints half its glyphs there); a quarter is far past those few.
    outside_share: float = 0.25
    # Fewer suspect glyphs than this prove nothing (a stray control character).
    min_suspect: int = 5

    def __post_init__(self) -> None:
        if not (0 < self.suspect_share <= 1 and 0 < self.outside_share <= 1 and self.min_suspect >= 1):
            raise ValueError(f"TextLayerSettings out of range: {self}")


DEFAULT_TEXT_LAYER = TextLayerSettings()
# Latin-1 symbols a Chinese government document does print (×, ÷, ·, °, ±, ¥, §, ‰ …).
_PLAIN_SYMBOLS = set("×÷·°±¥§‰¤©®µ¼½¾²³¹º")
_CID = re.compile(r"^\(cid:\d+\)$")
# One character class, so that a whole page is counted in one pass: controls, Latin-1 and Latin Extended letters (less the plain symbols), surrogates,
# private use, U+FFFD.
_SUSPECT_CHAR = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(
    re.escape(chr(c)) for c in range(0xA0, 0x250) if chr(c) not in _PLAIN_SYMBOLS) +
    "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd]")


def is_suspect(text: str) -> bool:
    """A glyph text no correct text layer of a 决算 gives: a control, private-use or replacement
    character, ``(cid:N)``, or a Latin-1 / Latin Extended letter (a raw single-byte code)."""
    return bool(_SUSPECT_CHAR.search(text) or _CID.match(text))


def assess_page(glyphs: Glyphs | list[Glyph], width: float, height: float, unmapped: int = 0,
                settings: TextLayerSettings = DEFAULT_TEXT_LAYER) -> PageQuality:
    """Count a page's suspect glyphs and glyphs outside the page box (top-left coordinates).

    ``unmapped`` is the number of glyphs the backend knows have no Unicode mapping (pdfium's
    FPDFText_HasUnicodeMapError) among those not already suspect by their text.
    """
    glyphs = Glyphs.of(glyphs)
    n = len(glyphs)
    outside = int(np.count_nonzero((glyphs.x1 < 0) | (glyphs.bottom < 0) | (glyphs.top > height)
                                   | (glyphs.x0 > width)))
    texts = glyphs.text.tolist()
    joined = "".join(texts)
    suspect = len(_SUSPECT_CHAR.findall(joined)) + unmapped
    if "(cid:" in joined:
        suspect += sum(1 for t in texts if _CID.match(t))
    reason = None
    if suspect >= settings.min_suspect and suspect >= settings.suspect_share * n:
        # No counts in the reason: backends count glyphs differently (spaces), the finding is the same.
        reason = (f"over {settings.suspect_share:.0%} of its glyphs have no readable text (control or "
                  f"private-use characters, (cid:N), U+FFFD, glyphs without a Unicode mapping)")
    elif outside >= settings.min_suspect and outside >= settings.outside_share * n:
        reason = (f"over {settings.outside_share:.0%} of its glyphs lie outside the page box, "
                  f"where the page does not show them")
    return PageQuality(n, suspect, outside, reason is not None, reason)
