"""Normalize the code points different PDF producers put in a text layer.

WPS and some Word exports write Kangxi radicals (⼀ U+2F00 for 一) and CJK radical supplement
forms (⻔ U+2ED4 for 门) where the document means the ordinary ideograph; the glyph looks the
same, the text does not compare. Full-width digits and letters also turn up in numbers.
Chinese full-width punctuation （），：。＜＞ is the documents' normal form and is kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .vocabulary.glyphs import RADICAL_SUPPLEMENT

_WHITESPACE = re.compile(r"\s+")


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0x2F00 <= code <= 0x2FD5 or 0xF900 <= code <= 0xFAFF:
        # Kangxi radicals and CJK compatibility ideographs decompose to the unified ideograph.
        return unicodedata.normalize("NFKC", ch)
    if 0x2E80 <= code <= 0x2EFF:
        return RADICAL_SUPPLEMENT.get(ch, unicodedata.normalize("NFKC", ch))
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)  # full-width digits and Latin letters
    return ch


# One translation table for every folded code point: str.translate runs in C.
_FOLD = {code: _fold_char(chr(code))
         for block in ((0x2E80, 0x2EFF), (0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0xFF10, 0xFF5A))
         for code in range(block[0], block[1] + 1) if _fold_char(chr(code)) != chr(code)}
_FOLD.update({code: " " for code in (0x00A0, *range(0x2000, 0x200C), 0x3000, 0xFEFF)})


def normalize_text(text: str) -> str:
    """Fold producer-specific code points; keep Chinese punctuation and inner spaces."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """Text with all whitespace removed: for matching labels and titles letter-spaced in print.
    Cached: a cell's text is compacted by several readers of the sheet (labels, units, cuts)."""
    return _WHITESPACE.sub("", normalize_text(text))
