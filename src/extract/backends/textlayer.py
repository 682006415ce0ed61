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
from collections.abc import Iterable, Sequence

from ..datamodel import PageQuality

SUSPECT_SHARE = 0.10
OUTSIDE_SHARE = 0.25  # spreadsheet exports print a few clipped glyphs past the edge
MIN_SUSPECT = 5
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


def assess_page(glyphs: Iterable[Sequence], width: float, height: float, unmapped: int = 0) -> PageQuality:
    """Count a page's suspect glyphs and glyphs outside the page box (top-left coordinates).

    A glyph is any sequence starting (text, x0, top, x1, bottom): a backend's lattice.Glyph.

    ``unmapped`` is the number of glyphs the backend knows have no Unicode mapping (pdfium's
    FPDFText_HasUnicodeMapError) among those not already suspect by their text.
    """
    n = outside = 0
    texts = []
    for g in glyphs:
        text, x0, top, x1, bottom = g[0], g[1], g[2], g[3], g[4]
        n += 1
        texts.append(text)
        outside += x1 < 0 or bottom < 0 or top > height or x0 > width
    joined = "".join(texts)
    suspect = len(_SUSPECT_CHAR.findall(joined)) + unmapped
    if "(cid:" in joined:
        suspect += sum(1 for t in texts if _CID.match(t))
    reason = None
    if suspect >= MIN_SUSPECT and suspect >= SUSPECT_SHARE * n:
        # No counts in the reason: backends count glyphs differently (spaces), the finding is the same.
        reason = ("over 10% of its glyphs have no readable text (control or private-use characters, "
                  "(cid:N), U+FFFD, glyphs without a Unicode mapping)")
    elif outside >= MIN_SUSPECT and outside >= OUTSIDE_SHARE * n:
        reason = "over 25% of its glyphs lie outside the page box, where the page does not show them"
    return PageQuality(n, suspect, outside, reason is not None, reason)

