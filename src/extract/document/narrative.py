"""Split the prose of a document (text outside ruled tables) into sections under its headings.

A 部门决算 numbers its prose in three levels: 第一部分 / 第二部分 …, 一、二、…, （一）（二）….
Each heading opens a section; the lines under it are joined with no separator (Chinese
wraps anywhere, also inside a number: ``2,63`` + ``8.26``). Page furniture lines (``- 3 -``,
``3``, ``第 3 页``, ``5/36``: labels.is_page_furniture) are dropped. Where a ruled table stands between two lines, a
``TABLE_BREAK`` keeps the text before and after it apart. A heading printed with its first sentence on the same line
(``（一）机关运行经费支出情况。2023 年度…``) is split at the first full stop or colon.
"""

from __future__ import annotations


from ..datamodel import NarrativeSection, PageLayout
from ..labels import is_page_furniture
from ..textnorm import normalize_text
from ..vocabulary.atoms import GLOSSARY_HEADING, ITEM_NUMBER, PART_NUMBER, SUBITEM_NUMBER
from ..vocabulary.prose import HEADING_END, HEADING_ENDS

_LEVELS = (PART_NUMBER, ITEM_NUMBER, SUBITEM_NUMBER)
# Put where a ruled table interrupts the prose; the fact grammar treats it as a clause break.
TABLE_BREAK = "\n"
# A heading is a short line; a longer one that starts with （一） is the first line of a
# numbered paragraph (the 主要职能 list), not a heading.
_MAX_HEADING_CHARS = 40


def _heading_level(text: str) -> int | None:
    for level, pattern in enumerate(_LEVELS):
        if pattern.match(text):
            return level
    return None


def _split_heading(text: str) -> tuple[str, str]:
    """A heading line and whatever sentence follows it on the same line."""
    m = HEADING_END.search(text)
    if m and m.end() < len(text):
        return text[:m.start()], text[m.end():]
    return text.rstrip(HEADING_ENDS), ""


def in_glossary(section: NarrativeSection) -> bool:
    """Whether a section is part of the 名词解释, whose figures are examples, not the document's."""
    return bool(section.path) and GLOSSARY_HEADING in section.path[0]


def narrative_sections(pages: list[PageLayout]) -> list[NarrativeSection]:
    """The document's prose, one section per heading, in reading order."""
    sections: list[NarrativeSection] = []
    path: list[tuple[int, str]] = []
    text: list[str] = []
    starts: list[tuple[int, int]] = []
    lines: list[tuple[int, int, tuple[float, float, float, float]]] = []
    length = 0

    def close() -> None:
        nonlocal text, starts, lines, length
        if text:
            sections.append(NarrativeSection(tuple(h for _, h in path), "".join(text),
                                             tuple(starts), tuple(lines)))
        text, starts, lines, length = [], [], [], 0

    for page in pages:
        above = float("-inf")
        for line in page.text_lines:
            t = normalize_text(line.text).strip()
            if not t or is_page_furniture(t):
                continue
            if any(above <= g.bbox[1] and g.bbox[3] <= line.bbox[1] + 2 for g in page.grids) and text:
                # A table stood between this line and the last: its prose does not run on.
                text.append(TABLE_BREAK)
                length += len(TABLE_BREAK)
            above = line.bbox[3]
            level = _heading_level(t)
            if level is not None and len(t) <= _MAX_HEADING_CHARS:
                close()
                heading, rest = _split_heading(t)
                path = [(lv, h) for lv, h in path if lv < level] + [(level, heading)]
                t = rest
                if not t:
                    continue
            if not starts or starts[-1][1] != page.page_no:
                starts.append((length, page.page_no))
            lines.append((length, page.page_no, line.bbox))
            text.append(t)
            length += len(t)
    close()
    return sections
