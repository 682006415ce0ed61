"""Ruled tables from ruling segments and glyph boxes: the grid algorithm shared by backends.

    segments -> snap_and_join -> group_into_tables -> grid edges -> merge atomic cells
             -> place glyphs in cells -> lines of text

Merged cells are found, not guessed: two neighbouring atomic cells belong to one printed cell
when no ruling separates them. A cell whose outer ruling is missing at the table's top or
bottom is marked open there (it continues on the neighbouring page). Nothing here knows which
library produced the segments and glyphs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from ..datamodel import BBox, GridCell, TableGrid, TextLine
from ..textnorm import normalize_text
from .native import line_starts as native_line_starts


@dataclass(frozen=True)
class LatticeSettings:
    """The tolerances of the grid algorithm (as pdfplumber's ``TableSettings``), in PDF points
    or shares; validated on construction. The defaults were measured on the samples and the
    real documents in ../shared (Word, WPS, ONLYOFFICE, spreadsheet and browser exports)."""

    # Rulings drawn by Word/WPS/LibreOffice land within ~1 pt of each other where they meet;
    # 3 pt also absorbs double borders and line-width offsets without merging real
    # neighbouring rules (table rows are never closer than a text line, ~9 pt).
    snap_tolerance: float = 3.0
    # A border counts as drawn when rulings cover this share of it; dashed or slightly short
    # rules still separate cells.
    coverage_share: float = 0.6
    # A table needs at least this many rules each way (a box of 2 x 2 rules is one cell).
    min_rules: int = 2
    # Vertical rules shorter than a line of small text are underlines or decoration, not cell sides.
    min_row_height: float = 8.0
    # Glyphs drawn twice at (almost) the same spot fake bold type; one copy is kept.
    duplicate_glyph_distance: float = 1.0
    # Consecutive glyphs of one printed run touch: the gap between them, as a share of the
    # glyph height, lies within these bounds. Text in two neighbouring cells is kept apart by
    # padding.
    run_gap_min: float = -0.2
    run_gap_max: float = 0.15
    # Share of the page height at its top and foot where running headers and footers are printed.
    margin_band: float = 0.1
    # What the genre calls page furniture (page numbers, dates, addresses): supplied by the
    # caller (``labels.is_page_furniture``), since nothing here knows the documents' words.
    # None keeps every margin glyph.
    is_furniture: Callable[[str], bool] | None = None

    def __post_init__(self) -> None:
        if not (self.snap_tolerance > 0 and 0 < self.coverage_share <= 1 and self.min_rules >= 1
                and self.min_row_height >= 0 and self.duplicate_glyph_distance >= 0
                and self.run_gap_min < self.run_gap_max and 0 <= self.margin_band < 0.5):
            raise ValueError(f"LatticeSettings out of range: {self}")


DEFAULT_LATTICE = LatticeSettings()


# Segment and Glyph are NamedTuples, not frozen dataclasses: a page has thousands of glyphs,
# and a tuple is several times cheaper to build.
class Segment(NamedTuple):
    """A horizontal (y fixed) or vertical (x fixed) ruling from ``start`` to ``end``."""

    horizontal: bool
    at: float
    start: float
    end: float


# Glyph.run_link: how a glyph stands to the glyph before it in content-stream order.
RUN_BY_GEOMETRY = 0  # nothing known: the glyphs' positions decide whether the run goes on
RUN_BREAKS = 1  # visible, in another text object, outside the clip the glyph before was under
RUN_JOINS = 2  # hidden by its clip, in the same text object: the rest of the run, past a space too


class Glyph(NamedTuple):
    """One glyph, as a backend or a test writes it down; pages travel as ``Glyphs`` (columns).
    ``ax``/``ay`` is the point that decides its cell, set by ``anchor_runs``
    (``prepare_glyphs``) before any grid is built. ``run_link``: what the clip paths say of
    the glyph and the one before it (``RUN_BY_GEOMETRY``, ``RUN_BREAKS``, ``RUN_JOINS``; see
    ``anchor_runs``); ``RUN_BY_GEOMETRY`` where the backend cannot read clip paths."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    ax: float = -1.0
    ay: float = -1.0
    run_link: int = 0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def object_array(items: list) -> np.ndarray:
    """A 1-d object array of ``items`` (np.array would make a 2-d one of equal-length strings)."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


@dataclass(frozen=True, eq=False)
class Glyphs:
    """A page's glyphs as columns, in content-stream order: one numpy array per field of
    ``Glyph`` (``text`` an object array of str), plus ``ascii`` (text.isascii()). A page has
    thousands of glyphs and the lattice reads each several times: columns are filtered,
    sorted and compared in numpy, with no Python object per glyph on the way (issue 21).
    Indexing gives a ``Glyph``, iterating ``Glyph`` s (tests, small pieces)."""

    text: np.ndarray
    x0: np.ndarray
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    ax: np.ndarray
    ay: np.ndarray
    run_link: np.ndarray
    ascii: np.ndarray

    @classmethod
    def from_columns(cls, text: np.ndarray | list[str], x0, top, x1, bottom, size,
                     run_link=None, ax=None, ay=None) -> "Glyphs":
        text = text if isinstance(text, np.ndarray) else object_array(list(text))
        n = len(text)
        floats = [np.asarray(c, dtype=np.float64) for c in (x0, top, x1, bottom, size)]
        unset = np.full(n, -1.0)
        links = np.zeros(n, dtype=np.int8) if run_link is None else np.asarray(run_link, dtype=np.int8)
        ascii = np.fromiter(map(str.isascii, text), dtype=bool, count=n)
        return cls(text, *floats, unset if ax is None else np.asarray(ax, dtype=np.float64),
                   unset if ay is None else np.asarray(ay, dtype=np.float64), links, ascii)

    @classmethod
    def of(cls, glyphs: "Glyphs | list[Glyph]") -> "Glyphs":
        """``glyphs`` (``Glyph`` s, each with its nine fields) as columns; themselves when they are."""
        if isinstance(glyphs, Glyphs):
            return glyphs
        glyphs = list(glyphs)
        if not glyphs:
            return cls.from_columns([], [], [], [], [], [])
        text, x0, top, x1, bottom, size, ax, ay, link = zip(*glyphs)
        return cls.from_columns(list(text), x0, top, x1, bottom, size, link, ax, ay)

    def __len__(self) -> int:
        return len(self.text)

    def take(self, index: np.ndarray) -> "Glyphs":
        """The glyphs at ``index`` (positions or a mask), in that order."""
        return Glyphs(*(getattr(self, f)[index] for f in _GLYPH_COLUMNS))

    def without(self, index: list[int]) -> "Glyphs":
        """The glyphs less those at ``index`` (positions), in order."""
        keep = np.ones(len(self), dtype=bool)
        keep[index] = False
        return self.take(keep)

    def anchored(self, ax: np.ndarray, ay: np.ndarray) -> "Glyphs":
        return replace(self, ax=ax, ay=ay)

    def __getitem__(self, k: int | slice) -> "Glyph | Glyphs":
        if isinstance(k, slice):
            return self.take(np.arange(len(self))[k])
        return Glyph(self.text[k], *(float(getattr(self, f)[k]) for f in _GLYPH_FLOATS),
                     int(self.run_link[k]))

    def __iter__(self):
        return (self[k] for k in range(len(self)))


_GLYPH_FLOATS = ("x0", "top", "x1", "bottom", "size", "ax", "ay")
_GLYPH_COLUMNS = ("text", *_GLYPH_FLOATS, "run_link", "ascii")


# --------------------------------------------------------------------------- segments


_TRUE = np.ones(1, dtype=bool)


def _first_and(follows: np.ndarray) -> np.ndarray:
    """True, then ``follows``: where runs start, the first always (np.r_ costs ten times more)."""
    return np.concatenate((_TRUE, follows))


def _cluster(values: list[float] | np.ndarray, tolerance: float) -> list[float]:
    """Representative positions of values that lie within ``tolerance`` of a neighbour: in
    sorted order a value joins the cluster of the one before it when it lies within
    ``tolerance`` of it; a cluster's position is its mean, summed in that order by Python's
    own ``sum`` (numpy's pairwise sums could round otherwise)."""
    ordered = np.sort(np.asarray(values, dtype=np.float64))
    if not len(ordered):
        return []
    starts = np.flatnonzero(_first_and(np.diff(ordered) > tolerance)).tolist()
    flat = ordered.tolist()
    return [sum(flat[a:b]) / (b - a) for a, b in zip(starts, [*starts[1:], len(flat)])]


def snap_and_join(segments: list[Segment] | np.ndarray, tolerance: float = DEFAULT_LATTICE.snap_tolerance
                  ) -> list[Segment]:
    """Snap rules to shared positions and join collinear pieces that touch or overlap.

    ``segments``: Segments, or a rule table — an (n, 4) array of their fields (horizontal as
    1.0 or 0.0), as the pdfium backend reads a page's rules.

    Each rule goes to the anchor (``_cluster``) nearest its position, ties to the lower; the
    rules of an anchor, by start, join while one starts within ``tolerance`` of the end reached
    so far. Out: horizontal rules first, anchors in the order their first rule comes, pieces
    left to right (top to bottom). Worked out on columns: the only arithmetic is the end + the
    tolerance a start is compared with, so every coordinate out is one that came in."""
    out: list[Segment] = []
    table = np.asarray(segments, dtype=np.float64).reshape(-1, 4)  # horizontal, at, start, end
    for horizontal in (True, False):
        rows = table[table[:, 0] == float(horizontal)]
        if not len(rows):
            continue
        at, start, end = rows[:, 1], rows[:, 2], rows[:, 3]
        anchors = _cluster(at, tolerance)
        # The nearest anchor, ties to the lower. Before the first anchor or past the last,
        # below and above are the same anchor.
        grid = np.asarray(anchors)
        i = np.searchsorted(grid, at, side="right")
        below, above = np.clip(i - 1, 0, len(grid) - 1), np.clip(i, 0, len(grid) - 1)
        anchor = np.where(at - grid[below] <= grid[above] - at, below, above)
        # anchors in order of their first rule; a stable sort keeps equal starts in input order
        first_rule = np.full(len(grid), len(rows))
        np.minimum.at(first_rule, anchor, np.arange(len(rows)))
        order = np.lexsort((start, first_rule[anchor]))
        anchor, start, end = anchor[order], start[order], end[order]
        # The end reached before each rule within its anchor: a running maximum over integer
        # keys (anchor rank, end rank), exact, that never reaches back into another anchor.
        ends, end_rank = np.unique(end, return_inverse=True)
        anchor_rank = np.cumsum(_first_and(anchor[1:] != anchor[:-1]))
        reached = ends[np.maximum.accumulate(anchor_rank * len(ends) + end_rank) % len(ends)]
        new_piece = _first_and((anchor[1:] != anchor[:-1]) | (start[1:] > reached[:-1] + tolerance))
        first = np.flatnonzero(new_piece)
        pieces = zip(grid[anchor[first]].tolist(), start[first].tolist(), np.maximum.reduceat(end, first).tolist())
        out += [Segment(horizontal, pos, a, b) for pos, a, b in pieces]
    return out


def _touching_pairs(segments: list[Segment], tol: float) -> list[tuple[int, int]]:
    """Every (horizontal, vertical) pair of rules that cross or touch, within ``tol`` (as
    indexes into ``segments``), compared as arrays: a page's every pair is asked."""
    horizontal = np.array([s.horizontal for s in segments], dtype=bool)
    hs, vs = np.flatnonzero(horizontal), np.flatnonzero(~horizontal)
    if not len(hs) or not len(vs):
        return []
    at, start, end = (np.array([s[k] for s in segments]) for k in (1, 2, 3))
    h_at, h_start, h_end = at[hs, None], start[hs, None], end[hs, None]
    v_at, v_start, v_end = at[vs], start[vs], end[vs]
    touch = ((h_start - tol <= v_at) & (v_at <= h_end + tol)
             & (v_start - tol <= h_at) & (h_at <= v_end + tol))
    i, j = np.nonzero(touch)
    return list(zip(hs[i].tolist(), vs[j].tolist()))


def group_into_tables(segments: list[Segment], settings: LatticeSettings = DEFAULT_LATTICE) -> list[list[Segment]]:
    """Connected groups of rules (rules that cross or touch), each a candidate table."""
    tolerance = settings.snap_tolerance
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _touching_pairs(segments, tolerance):
        parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segments):
        groups.setdefault(find(i), []).append(s)
    _attach_open_columns(list(groups.values()), tolerance)
    tables = []
    for group in groups.values():
        if not group:
            continue
        n_h = sum(1 for s in group if s.horizontal)
        tall_v = sum(1 for s in group if not s.horizontal and s.end - s.start >= settings.min_row_height)
        # A one-row fragment at a page break has a single horizontal rule (the other is open).
        if (n_h >= settings.min_rules or n_h == 1) and tall_v >= settings.min_rules:
            tables.append(group)
    return sorted(tables, key=lambda g: min(s.at for s in g if s.horizontal))


def _attach_open_columns(groups: list[list[Segment]], tolerance: float) -> None:
    """A column whose one cell is open at both ends (a side label merged over the whole page's
    rows, its top and bottom rules left off at the breaks) is drawn by a lone vertical rule
    beside the table, touching no horizontal rule: it joins the table whose rows it spans
    exactly, next to it (within a fifth of the table's width), so its cell is read. Groups are
    changed in place; the lone rule's own group is emptied."""
    lone = [g for g in groups if len(g) == 1 and not g[0].horizontal]
    tables = [g for g in groups if any(s.horizontal for s in g)]
    for group in lone:
        rule = group[0]
        for table in tables:
            hs = [s for s in table if s.horizontal]
            top, bottom = min(s.at for s in hs), max(s.at for s in hs)
            left, right = min(s.start for s in hs), max(s.end for s in hs)
            near = min(abs(rule.at - left), abs(rule.at - right)) <= (right - left) / 5
            outside = rule.at < left - tolerance or rule.at > right + tolerance
            spans = abs(rule.start - top) <= 2 * tolerance and abs(rule.end - bottom) <= 2 * tolerance
            if near and outside and spans:
                table.append(rule)
                group.clear()
                break


# --------------------------------------------------------------------------- grid


def _rule_unions(positions: list[float], rules: list[Segment], tol: float) -> dict[float, list[tuple[float, float]]]:
    """For each grid line position, the stretches its rules cover (overlapping rules merged),
    worked out once per table rather than once per cell border."""
    out: dict[float, list[tuple[float, float]]] = {}
    for p in positions:
        merged: list[list[float]] = []
        for a, b in sorted((s.start, s.end) for s in rules if abs(s.at - p) <= tol):
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1][1] = b
            else:
                merged.append([a, b])
        out[p] = [(a, b) for a, b in merged]
    return out


def _coverage(covered: list[tuple[float, float]], start: float, end: float) -> float:
    """Share of [start, end] that the stretches ``covered`` (disjoint, sorted) cover."""
    length = end - start
    if length <= 0:
        return 1.0
    total = 0.0
    for a, b in covered:
        if b > start and a < end:
            total += (b if b < end else end) - (a if a > start else start)
    return total / length


def _merge_atomic_cells(xs: list[float], ys: list[float], vs_at: dict[float, list[tuple[float, float]]],
                        hs_at: dict[float, list[tuple[float, float]]], coverage_share: float
                        ) -> list[tuple[int, int, int, int]]:
    """Union atomic cells that no rule separates; return (row, col, row_span, col_span).
    ``vs_at``/``hs_at``: what the rules cover on each grid line (_rule_unions)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows <= 0 or n_cols <= 0:
        return []
    # open_right[r, c]: no rule between cells (r, c) and (r, c + 1); open_down: (r, c) and (r + 1, c).
    open_right = (_coverages([vs_at[x] for x in xs[1:-1]], ys) < coverage_share).T
    open_down = _coverages([hs_at[y] for y in ys[1:-1]], xs) < coverage_share
    label = _components(open_right, open_down).ravel()
    # Each union once, in the order its first cell comes row by row (its label), with its
    # bounding span and whether it fills it.
    order = np.argsort(label, kind="stable")
    first = np.flatnonzero(_first_and(label[order][1:] != label[order][:-1]))
    rows, cols = order // n_cols, order % n_cols
    r0, r1 = np.minimum.reduceat(rows, first), np.maximum.reduceat(rows, first)
    c0, c1 = np.minimum.reduceat(cols, first), np.maximum.reduceat(cols, first)
    count = np.diff(np.append(first, len(order)))
    spans = list(zip(r0.tolist(), c0.tolist(), (r1 - r0 + 1).tolist(), (c1 - c0 + 1).tolist()))
    boxes = [span for span, n in zip(spans, count.tolist()) if n != span[2] * span[3]]
    if not boxes:
        return sorted(spans)
    # An L-shaped union (a broken rule) is taken as its bounding box; drop what lies inside one.
    # Rectangular unions are disjoint, so only those bounding boxes can contain another span.
    boxes.sort(key=lambda s: -(s[2] * s[3]))
    kept_boxes: list[tuple[int, int, int, int]] = []
    for b in boxes:
        if not any(_inside(b, k) for k in kept_boxes):
            kept_boxes.append(b)
    return sorted(kept_boxes + [s for s in spans if s not in boxes
                                and not any(_inside(s, k) for k in kept_boxes)])


def _coverages(lines: list[list[tuple[float, float]]], edges: list[float]) -> np.ndarray:
    """``_coverage`` on each grid line (its covered stretches) of every stretch between
    consecutive ``edges``, as a lines x stretches array: the same sums in the same order (a
    line's k-th covered stretch added in round k; a line with fewer adds nothing)."""
    start, end = np.array(edges[:-1]), np.array(edges[1:])
    depth = max(map(len, lines), default=0)
    a = np.full((len(lines), depth), np.nan)  # a line's missing stretches: NaN, hitting nothing
    b = np.full((len(lines), depth), np.nan)
    for i, covered in enumerate(lines):
        for k, (lo, hi) in enumerate(covered):
            a[i, k], b[i, k] = lo, hi
    total = np.zeros((len(lines), len(start)))
    for k in range(depth):
        lo, hi = a[:, k:k + 1], b[:, k:k + 1]
        hit = (hi > start) & (lo < end)
        total += np.where(hit, np.minimum(hi, end) - np.maximum(lo, start), 0.0)
    length = end - start
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(length > 0, total / length, 1.0)


def _components(open_right: np.ndarray, open_down: np.ndarray) -> np.ndarray:
    """For each atomic cell, the row-major index of the first cell of its union (cells joined
    through open sides): each cell takes the lowest label across its open sides, and the label
    of the cell its label names, until nothing changes."""
    n_rows, n_cols = open_right.shape[0], open_down.shape[1]
    label = np.arange(n_rows * n_cols).reshape(n_rows, n_cols)
    while True:
        new = label.copy()
        across = np.minimum(label[:, :-1], label[:, 1:])
        new[:, :-1] = np.where(open_right, np.minimum(new[:, :-1], across), new[:, :-1])
        new[:, 1:] = np.where(open_right, np.minimum(new[:, 1:], across), new[:, 1:])
        down = np.minimum(new[:-1, :], new[1:, :])
        new[:-1, :] = np.where(open_down, np.minimum(new[:-1, :], down), new[:-1, :])
        new[1:, :] = np.where(open_down, np.minimum(new[1:, :], down), new[1:, :])
        new = new.ravel()[new]  # jump to the label's own label: long unions settle in few rounds
        if np.array_equal(new, label):
            return label
        label = new


def _inside(s: tuple[int, int, int, int], k: tuple[int, int, int, int]) -> bool:
    return k[0] <= s[0] and s[0] + s[2] <= k[0] + k[2] and k[1] <= s[1] and s[1] + s[3] <= k[1] + k[3]


def dedupe_glyphs(glyphs: Glyphs | list[Glyph], distance: float = DEFAULT_LATTICE.duplicate_glyph_distance
                  ) -> Glyphs:
    """Drop the second copy of a glyph printed twice to fake bold type.

    Sorted by (text, top, x0), a copy lands right after its original; only the last few kept
    glyphs of the same text need comparing. Most pages have no copy at all: a vectorised look
    at the sorted neighbours finds the texts that might, and only those are walked. A glyph
    its clip hides (``RUN_JOINS``) is no copy of a visible one: a clipped run's hidden 成本
    may lie right on the next cell's own 成本.
    """
    glyphs = Glyphs.of(glyphs)
    doubtful = _texts_with_close_copies(glyphs, distance)
    if not doubtful:
        return glyphs
    d = distance
    candidates = np.flatnonzero(np.fromiter(map(doubtful.__contains__, glyphs.text), dtype=bool,
                                            count=len(glyphs)))
    hidden = (glyphs.run_link[candidates] == RUN_JOINS).tolist()
    drop: list[int] = []
    recent: list[tuple[str, float, float, int, bool]] = []
    for key in sorted(zip(glyphs.text[candidates].tolist(), glyphs.top[candidates].tolist(),
                          glyphs.x0[candidates].tolist(), candidates.tolist(), hidden)):
        text, top, x0, i, is_hidden = key
        if recent and recent[-1][0] != text:
            recent.clear()
        for t in recent[-4:]:
            if abs(t[2] - x0) <= d and abs(t[1] - top) <= d and t[4] == is_hidden:
                drop.append(i)
                break
        else:
            recent.append(key)
    return glyphs.without(drop) if drop else glyphs


def _texts_with_close_copies(glyphs: Glyphs, distance: float, window: int = 4) -> set[str]:
    """Texts with two glyphs within ``distance`` of each other among ``window``
    neighbours in (text, top, x0) order: where dedupe_glyphs can drop anything. Texts are
    compared by hash: a collision only sends one more text to the exact walk."""
    if len(glyphs) < 2:
        return set()
    text_id = np.fromiter(map(hash, glyphs.text), dtype=np.int64, count=len(glyphs))
    order = np.lexsort((glyphs.x0, glyphs.top, text_id))
    text_id, top, x0 = text_id[order], glyphs.top[order], glyphs.x0[order]
    close = np.zeros(len(order), dtype=bool)
    for k in range(1, min(window, len(order) - 1) + 1):
        near = ((text_id[k:] == text_id[:-k]) & (np.abs(top[k:] - top[:-k]) <= distance)
                & (np.abs(x0[k:] - x0[:-k]) <= distance))
        close[k:] |= near
    return set(glyphs.text[order[close]].tolist())


def anchor_runs(glyphs: Glyphs | list[Glyph], settings: LatticeSettings = DEFAULT_LATTICE) -> Glyphs:
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
    g = Glyphs.of(glyphs)
    if not len(g):
        return g
    x0, top, x1, bottom, size = g.x0, g.top, g.x1, g.bottom, g.size
    blank = g.text == " "
    h = bottom - top
    h = np.where(h > 0, h, np.where(size != 0, size, 1.0))
    gap = x0[1:] - x1[:-1]
    h1 = h[1:]
    continues = np.zeros(len(g), dtype=bool)  # the first glyph always starts a run
    continues[1:] = (~blank[1:] & ~blank[:-1]
                     & (np.abs(top[1:] - top[:-1]) <= 0.2 * h1)
                     & (np.abs(bottom[1:] - bottom[:-1]) <= 0.2 * h1)
                     & (settings.run_gap_min * h1 <= gap) & (gap <= settings.run_gap_max * h1))
    if g.run_link.any():
        link = g.run_link
        continues = np.where(link == RUN_BREAKS, False, np.where(link == RUN_JOINS, True, continues))
        continues[0] = False
    index = np.arange(len(g))
    first = np.maximum.accumulate(np.where(continues, 0, index))  # each glyph's run start
    return g.anchored(((x0 + x1) / 2)[first], ((top + bottom) / 2)[first])


def prepare_glyphs(glyphs: Glyphs | list[Glyph], settings: LatticeSettings = DEFAULT_LATTICE) -> Glyphs:
    """The glyphs a page's layout is built from: no blanks but spaces, no fake-bold copies,
    each anchored to its run."""
    g = Glyphs.of(glyphs)
    n = len(g)
    blank = np.fromiter(map(str.isspace, g.text), dtype=bool, count=n)  # what strip() empties
    empty = np.fromiter(map(len, g.text), dtype=np.int64, count=n) == 0
    kept = g.take((~blank & ~empty) | (g.text == " "))
    return anchor_runs(dedupe_glyphs(kept, settings.duplicate_glyph_distance), settings)


def glyphs_to_lines(glyphs: Glyphs | list[Glyph]) -> list[tuple[str, BBox]]:
    """Group glyphs into printed lines (by vertical overlap), left to right, top to bottom."""
    g = Glyphs.of(glyphs)
    texts, boxes, _ = _printed_lines(g, np.lexsort((g.x0, g.top + g.bottom)))
    return list(zip(texts, boxes))


def _line_starts(top: np.ndarray, bottom: np.ndarray, group: np.ndarray | None) -> list[int]:
    """``line_starts_python``, in C where the native library is installed (native.py; the same
    steps in doubles, tests/test_native_reader.py compares the two)."""
    starts = native_line_starts(top, bottom, group)
    if starts is None:
        return line_starts_python(top.tolist(), bottom.tolist(), None if group is None else group.tolist())
    return starts


def line_starts_python(top: list[float], bottom: list[float], group: list[int] | None) -> list[int]:
    """Where each printed line starts among glyphs in line order (by group, then top + bottom,
    then x0): a glyph goes on the line being built when its centre lies within the line's
    extent so far and the two overlap by half the lower of their heights; a line never spans
    two groups (cells). The one loop over glyphs the lattice keeps: each step depends on the
    extent the steps before it grew."""
    starts: list[int] = []
    line_top = line_bottom = 0.0  # extent of the line being built
    last_group = None
    for k, (g_top, g_bottom) in enumerate(zip(top, bottom)):
        same_group = group is None or group[k] == last_group
        if starts and same_group:
            cy = (g_top + g_bottom) / 2
            if line_top <= cy <= line_bottom:
                # Written out rather than min()/max(): this runs once per glyph of every page.
                overlap = ((line_bottom if line_bottom < g_bottom else g_bottom)
                           - (line_top if line_top > g_top else g_top))
                height = line_bottom - line_top if line_bottom - line_top > 1.0 else 1.0
                if overlap >= 0.5 * (height if height < g_bottom - g_top else g_bottom - g_top):
                    if g_top < line_top:
                        line_top = g_top
                    if g_bottom > line_bottom:
                        line_bottom = g_bottom
                    continue
        starts.append(k)
        line_top, line_bottom = g_top, g_bottom
        if group is not None:
            last_group = group[k]
    return starts


def _printed_lines(g: Glyphs, order: np.ndarray, group: np.ndarray | None = None
                   ) -> tuple[list[str], list[BBox], list[int]]:
    """The printed lines of the glyphs at ``order`` (positions in line order, ``_line_starts``):
    each line's text, box and group (-1 without groups).

    A line reads left to right (a stable sort by x0); a space goes between two glyphs that
    are not spaces where the gap passes 0.3 of the larger size — for two CJK glyphs only where
    it passes the whole size (ideographs are set apart by their own width). The box is the
    leftmost glyph's x0, the highest top, the rightmost x1 and the lowest bottom."""
    n = len(order)
    if not n:
        return [], [], []
    in_group = None if group is None else group[order]
    starts = _line_starts(g.top[order], g.bottom[order], in_group)
    line = np.zeros(n, dtype=np.int64)
    line[starts[1:]] = 1
    line = np.cumsum(line)
    by_x = np.lexsort((g.x0[order], line))
    seq, line = order[by_x], line[by_x]
    text, x0, x1, size, ascii = g.text[seq], g.x0[seq], g.x1[seq], g.size[seq], g.ascii[seq]
    blank = text == " "
    gap = x0[1:] - x1[:-1]
    larger = np.where(size[:-1] > size[1:], size[:-1], size[1:])
    cjk = ~(ascii[:-1] & ascii[1:])
    space = ((line[1:] == line[:-1]) & ~blank[1:] & ~blank[:-1] & (gap > 0.3 * larger)
             & (~cjk | (gap > larger)))
    pieces = text.tolist()
    for k in (np.flatnonzero(space) + 1).tolist():
        pieces[k] = " " + pieces[k]
    first = np.asarray(starts)
    ends = [*starts[1:], n]
    # One fold for all the lines (normalize_text maps a code point to one code point): each
    # line is then a slice of it.
    whole = "".join(pieces)
    folded = normalize_text(whole)
    if len(folded) == len(whole):
        offset = list(accumulate(map(len, pieces), initial=0))
        texts = [folded[offset[a]:offset[b]] for a, b in zip(starts, ends)]
    else:
        texts = [normalize_text("".join(pieces[a:b])) for a, b in zip(starts, ends)]
    boxes = list(zip(x0[first].tolist(), np.minimum.reduceat(g.top[seq], first).tolist(),
                     np.maximum.reduceat(x1, first).tolist(),
                     np.maximum.reduceat(g.bottom[seq], first).tolist()))
    groups = [-1] * len(starts) if in_group is None else group[seq[first]].tolist()
    return texts, boxes, groups


def build_grid(page_no: int, rules: list[Segment], glyphs: Glyphs | list[Glyph],
               settings: LatticeSettings = DEFAULT_LATTICE) -> TableGrid:
    """One table's cells with their text, from its rules and the glyphs inside its box."""
    glyphs = Glyphs.of(glyphs)
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
    inside: list[list[str]] = [[] for _ in spans]
    if len(glyphs):
        # Each glyph to the cell holding its anchor; one sort puts every cell's glyphs in line
        # order, and the lines of every cell are read in one pass.
        col = np.searchsorted(np.array(xs), glyphs.ax, side="right") - 1
        row = np.searchsorted(np.array(ys), glyphs.ay, side="right") - 1
        placed = (col >= 0) & (col < len(xs) - 1) & (row >= 0) & (row < len(ys) - 1)
        cell = np.full(len(glyphs), -1, dtype=np.int64)
        cell[placed] = owner[row[placed], col[placed]]
        order = np.lexsort((glyphs.x0, glyphs.top + glyphs.bottom, cell))
        order = order[cell[order] >= 0]
        texts, _, cells_of = _printed_lines(glyphs, order, cell)
        for text, k in zip(texts, cells_of):
            inside[k].append(text)
    cells = []
    for k, (r, c, rs, cs) in enumerate(spans):
        box = (xs[c], ys[r], xs[c + cs], ys[r + rs])
        open_top = r == 0 and _coverage(hs_at[ys[0]], box[0], box[2]) < coverage_share
        open_bottom = r + rs == len(ys) - 1 and _coverage(hs_at[ys[-1]], box[0], box[2]) < coverage_share
        cells.append(GridCell(r, c, rs, cs, box, tuple(inside[k]), open_top, open_bottom))
    return TableGrid(page_no, (xs[0], ys[0], xs[-1], ys[-1]), tuple(xs), tuple(ys), tuple(cells))


def rules_box(rules: list[Segment]) -> BBox:
    """The box a table's rules reach. With its outer rule missing at a page break, a table
    ends where its vertical rules do, not at its last horizontal rule."""
    return (min(s.start if s.horizontal else s.at for s in rules),
            min(s.at if s.horizontal else s.start for s in rules),
            max(s.end if s.horizontal else s.at for s in rules),
            max(s.at if s.horizontal else s.end for s in rules))


def glyphs_in_box(glyphs: Glyphs | list[Glyph], box: BBox, margin: float = 1.0) -> Glyphs:
    """The glyphs whose anchor lies in ``box`` (give or take ``margin``): a clipped run that
    reaches past a table's edge still belongs to the table."""
    glyphs = Glyphs.of(glyphs)
    return glyphs.take(_in_box(glyphs.ax, glyphs.ay, box, margin))


def drop_margin_furniture(glyphs: Glyphs | list[Glyph], rules: list[Segment], page_height: float,
                          settings: LatticeSettings = DEFAULT_LATTICE) -> Glyphs:
    """The glyphs without the page numbers, dates and addresses printed in the page margins.

    A table left open at a page break reaches down to the foot of the page, where the page
    number would fall into its last cell: a margin line (top or bottom ``margin_band`` of the
    page, outside every horizontal rule) is dropped piece by piece when the piece is page
    furniture (``settings.is_furniture``; without one nothing is dropped).
    """
    glyphs = Glyphs.of(glyphs)
    is_furniture = settings.is_furniture
    if is_furniture is None:
        return glyphs
    rule_ys = [r.at for r in rules if r.horizontal]
    lowest = max(rule_ys, default=0.0)
    highest = min(rule_ys, default=page_height)
    top_band = min(page_height * settings.margin_band, highest)
    bottom_band = max(page_height * (1 - settings.margin_band), lowest)
    margin = np.flatnonzero((glyphs.bottom <= top_band) | (glyphs.top >= bottom_band))
    if not len(margin):
        return glyphs
    # The margin glyphs alone, as plain lists (a few per page), by their place among them.
    text, top, bottom, x0, x1 = (getattr(glyphs, f)[margin].tolist() for f in ("text", "top", "bottom", "x0", "x1"))
    drop: list[int] = []
    rows: list[list[int]] = []  # by vertical overlap: digits and ideographs have other boxes
    for i in sorted(range(len(margin)), key=lambda i: top[i] + bottom[i]):
        last = rows[-1][-1] if rows else None
        if last is not None and top[i] < bottom[last] and top[last] < bottom[i]:
            rows[-1].append(i)
        else:
            rows.append([i])
    for row in rows:
        row.sort(key=x0.__getitem__)
        pieces = [[row[0]]]
        for i in row[1:]:
            last = pieces[-1][-1]
            if x0[i] - x1[last] <= 2 * max(bottom[i] - top[i], 1.0):
                pieces[-1].append(i)
            else:
                pieces.append([i])
        # A line whose every piece is furniture is the margin's (第 2 页, a date beside it); a
        # line that also prints anything else is a row of the open table (覆盖乡镇数 | 2 | 1 | 8):
        # its numbers are values, not page numbers.
        if all(is_furniture("".join(text[i] for i in piece)) for piece in pieces):
            drop.extend(margin[i] for piece in pieces for i in piece)
    return glyphs.without(drop) if drop else glyphs


def layout_page(page_no: int, segments: list[Segment] | np.ndarray, glyphs: Glyphs | list[Glyph],
                page_height: float | None = None, settings: LatticeSettings = DEFAULT_LATTICE
                ) -> tuple[list[TableGrid], list[TextLine]]:
    """All ruled tables of a page, and the text lines that fall outside every table.

    With ``page_height``, page furniture in the margins is dropped first.
    """
    glyphs = prepare_glyphs(glyphs, settings)
    tables = group_into_tables(snap_and_join(segments, settings.snap_tolerance), settings)
    if page_height:
        glyphs = drop_margin_furniture(glyphs, [s for t in tables for s in t], page_height, settings)
    grids = []
    for rules in tables:
        box = rules_box(rules)
        if box[2] - box[0] < 2 * settings.snap_tolerance or box[3] - box[1] < 2 * settings.snap_tolerance:
            continue  # a box drawn around a word, a border line pair: not a table
        grids.append(build_grid(page_no, rules, glyphs_in_box(glyphs, box), settings))
    return grids, text_outside(grids, glyphs)


def text_lines(glyphs: Glyphs | list[Glyph], page_height: float | None = None,
               settings: LatticeSettings = DEFAULT_LATTICE) -> list[TextLine]:
    """Every printed line of a page, no table read (a table's rows are lines too): layout_page's
    text as a survey of the page sees it."""
    glyphs = prepare_glyphs(glyphs, settings)
    if page_height:
        glyphs = drop_margin_furniture(glyphs, [], page_height, settings)
    return _text_lines(glyphs)


def text_outside(grids: list[TableGrid], glyphs: Glyphs | list[Glyph]) -> list[TextLine]:
    """The printed lines of the glyphs that fall outside every table (titles, prose)."""
    glyphs = Glyphs.of(glyphs)
    inside = np.zeros(len(glyphs), dtype=bool)
    for grid in grids:
        inside |= _in_box(glyphs.ax, glyphs.ay, grid.bbox)
    return _text_lines(glyphs.take(~inside))


def _text_lines(glyphs: Glyphs) -> list[TextLine]:
    return [TextLine(text, bbox) for text, bbox in glyphs_to_lines(glyphs) if text.strip()]


def _in_box(ax: np.ndarray, ay: np.ndarray, box: BBox, margin: float = 1.0) -> np.ndarray:
    """glyphs_in_box as a mask over the anchors."""
    x0, y0, x1, y1 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    return (x0 <= ax) & (ax <= x1) & (y0 <= ay) & (ay <= y1)
