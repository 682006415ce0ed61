"""Draw small ruled tables as segments and glyphs, for tests of the pure stages."""

from __future__ import annotations

from extract.backends.lattice import Glyph, Segment, layout_page
from extract.datamodel import PageLayout, TextLine

CHAR = 5.0  # glyph size: small enough for every test label to fit its cell
ROW = 20.0


def draw(cells: list[tuple[int, int, int, int, str]], col_widths: list[float], n_rows: int,
         top: float = 100.0, open_bottom: bool = False, open_top: bool = False
         ) -> tuple[list[Segment], list[Glyph]]:
    """Segments and glyphs of a table; each cell is (row, col, row_span, col_span, text).

    Text lines are separated by "\\n". ``open_bottom`` / ``open_top`` leave the table's outer
    rule off (a table continuing over a page break).
    """
    xs = [50.0]
    for w in col_widths:
        xs.append(xs[-1] + w)
    ys = [top + i * ROW for i in range(n_rows + 1)]
    segments: list[Segment] = []
    glyphs: list[Glyph] = []
    for r, c, rs, cs, text in cells:
        x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
        segments += [Segment(False, x0, y0, y1), Segment(False, x1, y0, y1)]
        if not (open_top and r == 0):
            segments.append(Segment(True, y0, x0, x1))
        if not (open_bottom and r + rs == n_rows):
            segments.append(Segment(True, y1, x0, x1))
        for i, line in enumerate(text.split("\n") if text else []):
            for k, ch in enumerate(line):
                gx = x0 + 2 + k * CHAR
                gy = y0 + 2 + i * (CHAR + 1)
                glyphs.append(Glyph(ch, gx, gy, gx + CHAR, gy + CHAR, CHAR))
    return segments, glyphs


def page(page_no: int, tables: list[tuple[list[Segment], list[Glyph]]],
         lines: list[tuple[str, float]] = ()) -> PageLayout:
    """A PageLayout with the given tables and free text lines (text, top)."""
    segments = [s for t in tables for s in t[0]]
    glyphs = [g for t in tables for g in t[1]]
    for text, top in lines:
        for k, ch in enumerate(text):
            glyphs.append(Glyph(ch, 60 + k * CHAR, top, 60 + (k + 1) * CHAR, top + CHAR, CHAR))
    grids, text_lines = layout_page(page_no, segments, glyphs)
    return PageLayout(page_no, 600, 800, tuple(text_lines), tuple(grids), len(glyphs))


__all__ = ["draw", "page", "TextLine"]
