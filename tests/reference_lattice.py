"""The lattice's glyph and cell algorithms as they were before glyphs became columns (commit
773267e): one Python tuple per glyph, atomic cells merged by union-find, rules snapped and
joined one by one, positions clustered value by value. Kept as the reference the column version must match exactly
(test_glyph_columns.py compares the two on generated pages); not used by the package. The parts
that did not change are imported from it."""


from __future__ import annotations

from bisect import bisect_right
from itertools import repeat
from operator import itemgetter

import numpy as np

from extract.datamodel import BBox, GridCell, TableGrid, TextLine
from extract.textnorm import normalize_text
# What did not change when glyphs became columns is taken from the package itself: the rules
# (grouping, coverage), the settings, the Glyph and Segment tuples.
from extract.backends.lattice import (  # noqa: F401 - the functions below use them
    DEFAULT_LATTICE, RUN_BREAKS, RUN_BY_GEOMETRY, RUN_JOINS, Glyph, LatticeSettings, Segment, _coverage,
    _inside, _rule_unions, group_into_tables, rules_box)

_X0 = itemgetter(1)


def _cluster(values: list[float], tolerance: float) -> list[float]:
    """Representative positions of values that lie within ``tolerance`` of a neighbour."""
    clusters: list[list[float]] = []
    for v in sorted(values):
        if clusters and v - clusters[-1][-1] <= tolerance:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    return [sum(c) / len(c) for c in clusters]


def _snap(v: float, anchors: list[float]) -> float:
    """The anchor nearest to ``v``; ``anchors`` are sorted (as ``_cluster`` returns them)."""
    i = bisect_right(anchors, v)
    if i == 0:
        return anchors[0]
    if i == len(anchors) or v - anchors[i - 1] <= anchors[i] - v:
        return anchors[i - 1]
    return anchors[i]


def snap_and_join(segments: list[Segment], tolerance: float = DEFAULT_LATTICE.snap_tolerance) -> list[Segment]:
    """Snap rules to shared positions and join collinear pieces that touch or overlap."""
    out: list[Segment] = []
    for horizontal in (True, False):
        group = [s for s in segments if s.horizontal == horizontal]
        if not group:
            continue
        anchors = _cluster([s.at for s in group], tolerance)
        by_pos: dict[float, list[Segment]] = {}
        for s in group:
            by_pos.setdefault(_snap(s.at, anchors), []).append(s)
        for pos, segs in by_pos.items():
            segs.sort(key=lambda s: s.start)
            start, end = segs[0].start, segs[0].end
            for s in segs[1:]:
                if s.start <= end + tolerance:
                    end = max(end, s.end)
                else:
                    out.append(Segment(horizontal, pos, start, end))
                    start, end = s.start, s.end
            out.append(Segment(horizontal, pos, start, end))
    return out


def _touching_pairs(segments: list[Segment], tol: float) -> list[tuple[int, int]]:
    """Every (horizontal, vertical) pair of rules that cross or touch, pair by pair."""
    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = [i for i, s in enumerate(segments) if not s.horizontal]
    return [(i, j) for i in hs for j in vs if _touches(segments[i], segments[j], tol)]


def _touches(h: Segment, v: Segment, tol: float) -> bool:
    return (h.start - tol <= v.at <= h.end + tol) and (v.start - tol <= h.at <= v.end + tol)


def _merge_atomic_cells(xs: list[float], ys: list[float], vs_at: dict[float, list[tuple[float, float]]],
                        hs_at: dict[float, list[tuple[float, float]]], coverage_share: float
                        ) -> list[tuple[int, int, int, int]]:
    """Union atomic cells that no rule separates; return (row, col, row_span, col_span).
    ``vs_at``/``hs_at``: what the rules cover on each grid line (_rule_unions)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and _coverage(vs_at[xs[c + 1]], ys[r], ys[r + 1]) < coverage_share:
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < n_rows and _coverage(hs_at[ys[r + 1]], xs[c], xs[c + 1]) < coverage_share:
                parent[find((r + 1, c))] = find((r, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        members.setdefault(find(k), []).append(k)
    spans, boxes = [], []
    for ks in members.values():
        r0, r1 = min(k[0] for k in ks), max(k[0] for k in ks)
        c0, c1 = min(k[1] for k in ks), max(k[1] for k in ks)
        span = (r0, c0, r1 - r0 + 1, c1 - c0 + 1)
        spans.append(span)
        if len(ks) != span[2] * span[3]:
            boxes.append(span)
    # An L-shaped union (a broken rule) is taken as its bounding box; drop what lies inside one.
    # Rectangular unions are disjoint, so only those bounding boxes can contain another span.
    boxes.sort(key=lambda s: -(s[2] * s[3]))
    kept_boxes: list[tuple[int, int, int, int]] = []
    for b in boxes:
        if not any(_inside(b, k) for k in kept_boxes):
            kept_boxes.append(b)
    return sorted(kept_boxes + [s for s in spans if s not in boxes
                                and not any(_inside(s, k) for k in kept_boxes)])


def dedupe_glyphs(glyphs: list[Glyph], distance: float = DEFAULT_LATTICE.duplicate_glyph_distance) -> list[Glyph]:
    """Drop the second copy of a glyph printed twice to fake bold type.

    Sorted by (text, top, x0), a copy lands right after its original; only the last few kept
    glyphs of the same text need comparing. Most pages have no copy at all: a vectorised look
    at the sorted neighbours finds the texts that might, and only those are walked. A glyph
    its clip hides (``RUN_JOINS``) is no copy of a visible one: a clipped run's hidden 成本
    may lie right on the next cell's own 成本.
    """
    doubtful = _texts_with_close_copies(glyphs, distance)
    if not doubtful:
        return list(glyphs)
    d = distance
    drop: set[int] = set()
    recent: list[tuple[str, float, float, int, bool]] = []
    for key in sorted((g.text, g.top, g.x0, i, g.run_link == RUN_JOINS)
                      for i, g in enumerate(glyphs) if g.text in doubtful):
        text, top, x0, i, hidden = key
        if recent and recent[-1][0] != text:
            recent.clear()
        for t in recent[-4:]:
            if abs(t[2] - x0) <= d and abs(t[1] - top) <= d and t[4] == hidden:
                drop.add(i)
                break
        else:
            recent.append(key)
    return [g for i, g in enumerate(glyphs) if i not in drop] if drop else list(glyphs)


def _texts_with_close_copies(glyphs: list[Glyph], distance: float, window: int = 4) -> set[str]:
    """Texts with two glyphs within ``distance`` of each other among ``window``
    neighbours in (text, top, x0) order: where dedupe_glyphs can drop anything. Texts are
    compared by hash: a collision only sends one more text to the exact walk."""
    if len(glyphs) < 2:
        return set()
    texts, x0s, tops = list(zip(*glyphs))[:3]
    text_id = np.fromiter(map(hash, texts), dtype=np.int64, count=len(texts))
    top = np.array(tops)
    x0 = np.array(x0s)
    order = np.lexsort((x0, top, text_id))
    text_id, top, x0 = text_id[order], top[order], x0[order]
    close = np.zeros(len(order), dtype=bool)
    for k in range(1, min(window, len(order) - 1) + 1):
        near = ((text_id[k:] == text_id[:-k]) & (np.abs(top[k:] - top[:-k]) <= distance)
                & (np.abs(x0[k:] - x0[:-k]) <= distance))
        close[k:] |= near
    return {texts[i] for i in order[close].tolist()}


def anchor_runs(glyphs: list[Glyph], settings: LatticeSettings = DEFAULT_LATTICE) -> list[Glyph]:
    """Give every glyph the centre of the first glyph of its printed run as its anchor.

    A spreadsheet cell that does not wrap prints its whole text as one run and clips it at
    the cell's edge (WPS 表格, Excel, Calc exports): the clipped glyphs stay in the text layer,
    over the neighbouring cell. They belong to the cell where the run starts. A run is a
    sequence of glyphs in content-stream order on one line, each starting where the previous
    one ends; placing by the anchor keeps the run whole and out of the neighbour. Where the
    backend reads clip paths (``Glyph.run_link``), they decide: the next cell's text starts a
    run of its own even where the clipped run happens to end just before it, and a hidden
    glyph goes on with its run even after a space (≦2588.72 元/平方米).
    """
    if not glyphs:
        return []
    every = list(zip(*glyphs))
    columns = every[:6]  # text, x0, top, x1, bottom, size: vectorised below
    links = every[8]
    texts = columns[0]
    x0, top, x1, bottom, size = (np.array(c, dtype=np.float64) for c in columns[1:])
    blank = np.array([t == " " for t in texts])
    h = bottom - top
    h = np.where(h > 0, h, np.where(size != 0, size, 1.0))
    gap = x0[1:] - x1[:-1]
    h1 = h[1:]
    continues = np.zeros(len(texts), dtype=bool)  # the first glyph always starts a run
    continues[1:] = (~blank[1:] & ~blank[:-1]
                     & (np.abs(top[1:] - top[:-1]) <= 0.2 * h1)
                     & (np.abs(bottom[1:] - bottom[:-1]) <= 0.2 * h1)
                     & (settings.run_gap_min * h1 <= gap) & (gap <= settings.run_gap_max * h1))
    if any(links):
        link = np.array(links)
        continues = np.where(link == RUN_BREAKS, False, np.where(link == RUN_JOINS, True, continues))
        continues[0] = False
    index = np.arange(len(texts))
    first = np.maximum.accumulate(np.where(continues, 0, index))  # each glyph's run start
    ax = ((x0 + x1) / 2)[first].tolist()
    ay = ((top + bottom) / 2)[first].tolist()
    return list(map(tuple.__new__, repeat(Glyph), zip(*columns, ax, ay, links)))


def prepare_glyphs(glyphs: list[Glyph], settings: LatticeSettings = DEFAULT_LATTICE) -> list[Glyph]:
    """The glyphs a page's layout is built from: no blanks but spaces, no fake-bold copies,
    each anchored to its run."""
    kept = [g for g in glyphs if g.text.strip() or g.text == " "]
    return anchor_runs(dedupe_glyphs(kept, settings.duplicate_glyph_distance), settings)


def glyphs_to_lines(glyphs: list[Glyph]) -> list[tuple[str, BBox]]:
    """Group glyphs into printed lines (by vertical overlap), left to right, top to bottom."""
    return _lines_in_order(sorted(glyphs, key=_line_order))


def _line_order(g: Glyph) -> tuple[float, float]:
    return (g.top + g.bottom, g.x0)


def _lines_in_order(glyphs: list[Glyph]) -> list[tuple[str, BBox]]:
    """glyphs_to_lines for glyphs already in _line_order (build_grid sorts a table's at once)."""
    if not glyphs:
        return []
    rows: list[list[Glyph]] = []
    top = bottom = 0.0  # extent of the line being built
    row: list[Glyph] = []
    for g in glyphs:
        g_top, g_bottom = g[2], g[4]
        cy = (g_top + g_bottom) / 2
        if row and top <= cy <= bottom:
            # Written out rather than min()/max(): this runs once per glyph of every page.
            overlap = (bottom if bottom < g_bottom else g_bottom) - (top if top > g_top else g_top)
            height = bottom - top if bottom - top > 1.0 else 1.0
            if overlap >= 0.5 * (height if height < g_bottom - g_top else g_bottom - g_top):
                row.append(g)
                if g_top < top:
                    top = g_top
                if g_bottom > bottom:
                    bottom = g_bottom
                continue
        row = [g]
        rows.append(row)
        top, bottom = g_top, g_bottom
    return [_line(row) for row in rows]


def _line(row: list[Glyph]) -> tuple[str, BBox]:
    row.sort(key=_X0)
    parts: list[str] = []
    prev: Glyph | None = None
    for g in row:
        text = g[0]
        if prev is not None and text != " " and prev[0] != " ":
            gap = g[1] - prev[3]
            size = prev[5] if prev[5] > g[5] else g[5]
            if gap > 0.3 * size:
                cjk = not (prev[0].isascii() and text.isascii())
                if not cjk or gap > size:
                    parts.append(" ")
        parts.append(text)
        prev = g
    bbox = (row[0][1], min([g[2] for g in row]), max([g[3] for g in row]), max([g[4] for g in row]))
    return normalize_text("".join(parts)), bbox


def build_grid(page_no: int, rules: list[Segment], glyphs: list[Glyph],
               settings: LatticeSettings = DEFAULT_LATTICE) -> TableGrid:
    """One table's cells with their text, from its rules and the glyphs inside its box."""
    tolerance, coverage_share = settings.snap_tolerance, settings.coverage_share
    hs = [s for s in rules if s.horizontal]
    vs = [s for s in rules if not s.horizontal]
    x_min = min(min(s.start for s in hs), min(s.at for s in vs))
    x_max = max(max(s.end for s in hs), max(s.at for s in vs))
    y_min = min(min(s.start for s in vs), min(s.at for s in hs))
    y_max = max(max(s.end for s in vs), max(s.at for s in hs))
    xs = _cluster([s.at for s in vs] + [x_min, x_max], tolerance)
    ys = _cluster([s.at for s in hs] + [y_min, y_max], tolerance)
    vs_at, hs_at = _rule_unions(xs, vs, tolerance), _rule_unions(ys, hs, tolerance)
    spans = _merge_atomic_cells(xs, ys, vs_at, hs_at, coverage_share)
    owner = np.full((len(ys) - 1, len(xs) - 1), -1, dtype=np.int64)
    for k in range(len(spans) - 1, -1, -1):  # the first span listed owns a shared atomic cell
        r, c, rs, cs = spans[k]
        owner[r:r + rs, c:c + cs] = k
    inside: list[list[Glyph]] = [[] for _ in spans]
    if glyphs:
        # Each glyph to the cell holding its anchor; one sort puts every cell's glyphs in line order.
        ax, ay = _anchors(glyphs)
        col = np.searchsorted(np.array(xs), ax, side="right") - 1
        row = np.searchsorted(np.array(ys), ay, side="right") - 1
        placed = (col >= 0) & (col < len(xs) - 1) & (row >= 0) & (row < len(ys) - 1)
        cell = np.full(len(glyphs), -1, dtype=np.int64)
        cell[placed] = owner[row[placed], col[placed]]
        mid = np.fromiter((g[2] + g[4] for g in glyphs), dtype=np.float64, count=len(glyphs))
        x0 = np.fromiter((g[1] for g in glyphs), dtype=np.float64, count=len(glyphs))
        order = np.lexsort((x0, mid, cell))
        for i, k in zip(order.tolist(), cell[order].tolist()):
            if k >= 0:
                inside[k].append(glyphs[i])
    cells = []
    for k, (r, c, rs, cs) in enumerate(spans):
        box = (xs[c], ys[r], xs[c + cs], ys[r + rs])
        lines = tuple(text for text, _ in _lines_in_order(inside[k]))
        open_top = r == 0 and _coverage(hs_at[ys[0]], box[0], box[2]) < coverage_share
        open_bottom = r + rs == len(ys) - 1 and _coverage(hs_at[ys[-1]], box[0], box[2]) < coverage_share
        cells.append(GridCell(r, c, rs, cs, box, lines, open_top, open_bottom))
    return TableGrid(page_no, (xs[0], ys[0], xs[-1], ys[-1]), tuple(xs), tuple(ys), tuple(cells))


def glyphs_in_box(glyphs: list[Glyph], box: BBox, margin: float = 1.0) -> list[Glyph]:
    """The glyphs whose anchor lies in ``box`` (give or take ``margin``): a clipped run that
    reaches past a table's edge still belongs to the table."""
    return [glyphs[i] for i in np.flatnonzero(_in_box(*_anchors(glyphs), box, margin)).tolist()]


def drop_margin_furniture(glyphs: list[Glyph], rules: list[Segment], page_height: float,
                          settings: LatticeSettings = DEFAULT_LATTICE) -> list[Glyph]:
    """The glyphs without the page numbers, dates and addresses printed in the page margins.

    A table left open at a page break reaches down to the foot of the page, where the page
    number would fall into its last cell: a margin line (top or bottom ``margin_band`` of the
    page, outside every horizontal rule) is dropped piece by piece when the piece is page
    furniture (``settings.is_furniture``; without one nothing is dropped).
    """
    is_furniture = settings.is_furniture
    if is_furniture is None:
        return glyphs
    rule_ys = [r.at for r in rules if r.horizontal]
    lowest = max(rule_ys, default=0.0)
    highest = min(rule_ys, default=page_height)
    top_band = min(page_height * settings.margin_band, highest)
    bottom_band = max(page_height * (1 - settings.margin_band), lowest)
    margin = [i for i, g in enumerate(glyphs) if g.bottom <= top_band or g.top >= bottom_band]
    if not margin:
        return glyphs
    drop: set[int] = set()
    rows: list[list[int]] = []  # by vertical overlap: digits and ideographs have other boxes
    for i in sorted(margin, key=lambda i: glyphs[i].top + glyphs[i].bottom):
        g, last = glyphs[i], glyphs[rows[-1][-1]] if rows else None
        if last is not None and g.top < last.bottom and last.top < g.bottom:
            rows[-1].append(i)
        else:
            rows.append([i])
    for row in rows:
        row.sort(key=lambda i: glyphs[i].x0)
        pieces = [[row[0]]]
        for i in row[1:]:
            g, last = glyphs[i], glyphs[pieces[-1][-1]]
            if g.x0 - last.x1 <= 2 * max(g.bottom - g.top, 1.0):
                pieces[-1].append(i)
            else:
                pieces.append([i])
        # A line whose every piece is furniture is the margin's (第 2 页, a date beside it); a
        # line that also prints anything else is a row of the open table (覆盖乡镇数 | 2 | 1 | 8):
        # its numbers are values, not page numbers.
        if all(is_furniture("".join(glyphs[i].text for i in piece)) for piece in pieces):
            drop.update(i for piece in pieces for i in piece)
    return [g for i, g in enumerate(glyphs) if i not in drop] if drop else glyphs


def layout_page(page_no: int, segments: list[Segment], glyphs: list[Glyph],
                page_height: float | None = None, settings: LatticeSettings = DEFAULT_LATTICE
                ) -> tuple[list[TableGrid], list[TextLine]]:
    """All ruled tables of a page, and the text lines that fall outside every table.

    With ``page_height``, page furniture in the margins is dropped first.
    """
    glyphs = prepare_glyphs(glyphs, settings)
    tables = group_into_tables(snap_and_join(segments, settings.snap_tolerance), settings)
    if page_height:
        glyphs = drop_margin_furniture(glyphs, [s for t in tables for s in t], page_height, settings)
    ax, ay = _anchors(glyphs)
    inside = np.zeros(len(glyphs), dtype=bool)
    grids = []
    for rules in tables:
        x0, y0, x1, y1 = rules_box(rules)
        if x1 - x0 < 2 * settings.snap_tolerance or y1 - y0 < 2 * settings.snap_tolerance:
            continue  # a box drawn around a word, a border line pair: not a table
        in_table = np.flatnonzero(_in_box(ax, ay, (x0, y0, x1, y1))).tolist()
        grid = build_grid(page_no, rules, [glyphs[i] for i in in_table], settings)
        grids.append(grid)
        inside |= _in_box(ax, ay, grid.bbox)
    return grids, _text_lines([glyphs[i] for i in np.flatnonzero(~inside).tolist()])


def text_lines(glyphs: list[Glyph], page_height: float | None = None,
               settings: LatticeSettings = DEFAULT_LATTICE) -> list[TextLine]:
    """Every printed line of a page, no table read (a table's rows are lines too): layout_page's
    text as a survey of the page sees it."""
    glyphs = prepare_glyphs(glyphs, settings)
    if page_height:
        glyphs = drop_margin_furniture(glyphs, [], page_height, settings)
    return _text_lines(glyphs)


def text_outside(grids: list[TableGrid], glyphs: list[Glyph]) -> list[TextLine]:
    """The printed lines of the glyphs that fall outside every table (titles, prose)."""
    ax, ay = _anchors(glyphs)
    inside = np.zeros(len(glyphs), dtype=bool)
    for grid in grids:
        inside |= _in_box(ax, ay, grid.bbox)
    return _text_lines([glyphs[i] for i in np.flatnonzero(~inside).tolist()])


def _text_lines(glyphs: list[Glyph]) -> list[TextLine]:
    return [TextLine(text, bbox) for text, bbox in glyphs_to_lines(glyphs) if text.strip()]


def _anchors(glyphs: list[Glyph]) -> tuple[np.ndarray, np.ndarray]:
    n = len(glyphs)
    return (np.fromiter((g[6] for g in glyphs), dtype=np.float64, count=n),
            np.fromiter((g[7] for g in glyphs), dtype=np.float64, count=n))


def _in_box(ax: np.ndarray, ay: np.ndarray, box: BBox, margin: float = 1.0) -> np.ndarray:
    """glyphs_in_box as a mask over the anchors."""
    x0, y0, x1, y1 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    return (x0 <= ax) & (ax <= x1) & (y0 <= ay) & (ay <= y1)
