"""Glyphs as columns (lattice.Glyphs) give exactly what one tuple per glyph gave: generated
pages — ruled tables with merged and open cells, rules drawn in pieces, wrapped and clipped
text, fake-bold copies, spaces, CJK and ASCII runs, glyphs in equal positions, page numbers in
the margins — laid out by the column lattice and by the tuple lattice it replaced
(reference_lattice.py) must agree cell for cell and line for line."""

from __future__ import annotations

import random

import numpy as np
import pytest

import reference_lattice as ref
from extract.backends import lattice
from extract.backends.lattice import Glyph, Glyphs, LatticeSettings, Segment
from extract.backends.textlayer import assess_page
from extract.datamodel import TextLine
from extract.labels import is_page_furniture

CJK = "项目名称资金执行率得分预算数万元分值指标全年度一般公共支出（）：、，⼀⽀⻔１２\u00a0"  # the last fold (textnorm)
ASCII = "0123456789.%-/ABCxyz"
SPACES = [" ", " ", "\u3000", "\t", ""]


def _text(rng: random.Random) -> str:
    pools = [CJK, ASCII, CJK + ASCII]
    pool = rng.choice(pools)
    out = "".join(rng.choice(pool) for _ in range(rng.randint(1, 14)))
    if rng.random() < 0.3:
        k = rng.randrange(len(out) + 1)
        out = out[:k] + rng.choice(SPACES) + out[k:]
    return out


def _run(rng: random.Random, text: str, x: float, top: float, size: float, link: int | None = None,
         ) -> list[tuple]:
    """Glyphs of ``text`` from x on one baseline; sizes and gaps jittered, some pairs tied."""
    out = []
    for ch in text:
        w = size * (0.5 if ch.isascii() else 1.0)
        jitter = rng.choice([0.0, 0.0, 0.3, -0.3, 1.5])
        t = top + rng.choice([0.0, 0.0, 0.5, -0.5, size * 0.6])
        out.append((ch, x, t, x + w, t + size, size * rng.choice([1.0, 1.0, 0.9]), -1.0, -1.0,
                    rng.choice([0, 0, 0, 1, 2]) if link is None else link))
        if rng.random() < 0.05:  # fake bold: drawn twice, a fraction of a point apart
            d = rng.choice([0.0, 0.3, 0.9, 1.2])
            out.append((ch, x + d, t, x + w + d, t + size, size, -1.0, -1.0, out[-1][8]))
        x += w + jitter + (rng.choice([0.0, size * 0.5, size * 1.2]) if rng.random() < 0.1 else 0.0)
    return out


def _page(rng: random.Random) -> tuple[list[tuple], list[tuple], float]:
    """Raw segments (horizontal, at, start, end) and glyphs (Glyph fields) of a generated page."""
    height = rng.choice([842.0, 595.0, 1190.0])
    segments: list[tuple] = []
    glyphs: list[tuple] = []
    top = rng.uniform(30, 120)
    for _ in range(rng.randint(0, 3)):
        n_cols, n_rows = rng.randint(1, 6), rng.randint(1, 8)
        xs = [rng.uniform(20, 60)]
        for _ in range(n_cols):
            xs.append(xs[-1] + rng.uniform(25, 140))
        ys = [top]
        for _ in range(n_rows):
            ys.append(ys[-1] + rng.uniform(12, 45))
        open_top, open_bottom = rng.random() < 0.2, rng.random() < 0.2
        for r, y in enumerate(ys):
            if (r == 0 and open_top) or (r == n_rows and open_bottom):
                continue
            for c in range(n_cols):
                if 0 < r < n_rows and rng.random() < 0.15:
                    continue  # a merged cell: no rule between two rows
                a, b = xs[c], xs[c + 1]
                if rng.random() < 0.2:  # drawn in two pieces, slightly off each other
                    m = (a + b) / 2
                    segments += [(True, y + rng.uniform(-1, 1), a, m), (True, y + rng.uniform(-1, 1), m - 0.5, b)]
                else:
                    segments.append((True, y + rng.choice([0.0, 0.4]), a, b))
        for c, x in enumerate(xs):
            for r in range(n_rows):
                if 0 < c < n_cols and rng.random() < 0.15:
                    continue  # a merged cell: no rule between two columns
                segments.append((False, x + rng.choice([0.0, 0.4]), ys[r], ys[r + 1]))
        for r in range(n_rows):
            for c in range(n_cols):
                if rng.random() < 0.2:
                    continue
                size = rng.choice([7.5, 9.0, 10.5, 12.0])
                lines = rng.randint(1, 3)
                for k in range(lines):
                    glyphs += _run(rng, _text(rng), xs[c] + 2, ys[r] + 2 + k * (size + 1), size)
        top = ys[-1] + rng.uniform(10, 80)
    for _ in range(rng.randint(0, 4)):  # prose and titles between and below the tables
        glyphs += _run(rng, _text(rng), rng.uniform(40, 200), rng.uniform(0, height - 12), 10.5, 0)
    for text in rng.sample(["第3页", "- 7 -", "2/15", "共9页", "附件1"], 2):  # margins
        glyphs += _run(rng, text, rng.uniform(200, 400), rng.choice([8.0, height - 20]), 9.0, 0)
    rng.shuffle(glyphs) if rng.random() < 0.1 else None  # a producer's odd content order
    return segments, glyphs, height


@pytest.mark.parametrize("seed", range(6))
def test_column_lattice_equals_the_tuple_lattice(seed):
    rng = random.Random(seed)
    new_settings = LatticeSettings(is_furniture=is_page_furniture)
    old_settings = ref.LatticeSettings(is_furniture=is_page_furniture)
    for case in range(60):
        raw_segments, raw_glyphs, height = _page(rng)
        new_grids, new_lines = lattice.layout_page(1, [Segment(*s) for s in raw_segments],
                                                   [Glyph(*g) for g in raw_glyphs], height, new_settings)
        old_grids, old_lines = ref.layout_page(1, [ref.Segment(*s) for s in raw_segments],
                                               [ref.Glyph(*g) for g in raw_glyphs], height, old_settings)
        where = f"seed {seed} case {case}"
        assert new_grids == old_grids, where
        assert new_lines == old_lines, where
        assert (lattice.text_lines([Glyph(*g) for g in raw_glyphs], height, new_settings)
                == ref.text_lines([ref.Glyph(*g) for g in raw_glyphs], height, old_settings)), where


def test_lines_folded_at_once_as_line_by_line(monkeypatch):
    """_printed_lines folds the code points of all its lines in one call and slices the lines
    out; where a fold would change a length it folds line by line: the same texts either way."""
    rng = random.Random(5)
    pages = [_page(rng) for _ in range(20)]

    def lines(page):
        segments, glyphs, height = page
        grids, text = lattice.layout_page(1, [Segment(*s) for s in segments], [Glyph(*g) for g in glyphs], height)
        return [c.lines for g in grids for c in g.cells], text

    at_once = [lines(p) for p in pages]
    assert any("一" in ln or "1" in ln for cells, _ in at_once for c in cells for ln in c)  # folded
    fold = lattice.normalize_text
    monkeypatch.setattr(lattice, "normalize_text", lambda t: fold(t).replace("一", "一一"))
    doubled = [lines(p) for p in pages]
    assert doubled != at_once
    assert doubled == [([tuple(ln.replace("一", "一一") for ln in c) for c in cells],
                        [TextLine(t.text.replace("一", "一一"), t.bbox) for t in text]) for cells, text in at_once]


def test_generated_pages_exercise_what_the_lattice_decides():
    """The generator is no empty proof: its pages have merged cells, copies dropped, anchored
    clipped runs, spaces inserted, margins dropped."""
    rng = random.Random(0)
    seen = {"merged": 0, "copies": 0, "space": 0, "margin": 0, "multi_line_cell": 0}
    settings = LatticeSettings(is_furniture=is_page_furniture)
    for _ in range(60):
        segments, glyphs, height = _page(rng)
        g = Glyphs.of([Glyph(*x) for x in glyphs])
        prepared = lattice.prepare_glyphs(g, settings)
        printable = sum(1 for x in glyphs if x[0].strip() or x[0] == " ")
        seen["copies"] += printable - len(prepared)
        seen["margin"] += len(prepared) - len(lattice.drop_margin_furniture(prepared, [], height, settings))
        grids, lines = lattice.layout_page(1, [Segment(*s) for s in segments], g, height, settings)
        cells = [c for grid in grids for c in grid.cells]
        seen["merged"] += sum(c.row_span > 1 or c.col_span > 1 for c in cells)
        seen["multi_line_cell"] += sum(len(c.lines) > 1 for c in cells)
        seen["space"] += sum(" " in ln for c in cells for ln in c.lines)
    assert all(n > 0 for n in seen.values()), seen


def test_glyphs_index_iterate_and_take_like_the_tuples():
    tuples = [Glyph("总", 10, 10, 20, 20, 10), Glyph("a", 20, 10, 25, 20, 10, 3.0, 4.0, 2)]
    g = Glyphs.of(tuples)
    assert list(g) == tuples and g[1] == tuples[1] and len(g[1:]) == 1
    assert g.ascii.tolist() == [False, True]
    assert list(g.take(g.x0 > 15)) == tuples[1:]
    assert len(Glyphs.of([])) == 0 and lattice.layout_page(1, [], []) == ([], [])


def test_text_layer_assessment_reads_the_columns():
    page = [Glyph(ch, 10 * i, 10, 10 * i + 8, 20, 10) for i, ch in enumerate("\x01\x02\x03\x04\x05ab")]
    quality = assess_page(page, 600, 800)
    assert (quality.glyphs, quality.suspect, quality.damaged) == (7, 5, True)
    outside = [Glyph("字", -50, 10, -40, 20, 10)] * 6 + [Glyph("字", 10, 10, 20, 20, 10)]
    assert assess_page(Glyphs.of(outside), 600, 800).outside == 6


def _rules(rng: random.Random) -> list[Segment]:
    """Rules as producers draw them: on a few shared lines, each a little off (a snap away or
    further), in pieces that touch, overlap, leave gaps or repeat, at rounded coordinates."""
    lines = [rng.choice([0.0, 10.0, 10.5, 20.0, 33.3, 50.0, 50.25]) for _ in range(5)]
    out = []
    for _ in range(rng.randint(0, 80)):
        at = rng.choice(lines) + rng.choice([0.0, 0.0, 0.2, 0.5, 1.0, 1.5, -0.7, rng.uniform(-3, 3)])
        start = round(rng.uniform(0, 100), rng.choice([0, 1, 3]))
        out.append(Segment(rng.random() < 0.5, at, start, start + rng.choice([0.0, 0.5, 1.0, 5.0, 20.0,
                                                                              rng.uniform(0, 50)])))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_rules_snap_and_join_on_columns_as_one_by_one(seed):
    """snap_and_join on columns against the rule-by-rule reference: the same pieces, in the
    same order, with the same coordinates (ties between anchors, equal starts, a piece that
    reaches back over the one before)."""
    rng = random.Random(seed)
    for _ in range(100):
        rules, tolerance = _rules(rng), rng.choice([0.5, 1.0, 2.0, 3.0])
        joined = ref.snap_and_join(rules, tolerance)
        assert lattice.snap_and_join(rules, tolerance) == joined
        table = np.array(rules, dtype=np.float64).reshape(-1, 4)  # as the pdfium backend reads them
        assert lattice.snap_and_join(table, tolerance) == joined
    # A tie: the rule at 3 lies 1.5 from its own line's anchor (1.5) and from the next (4.5).
    tie = [Segment(True, float(at), 0.0, 10.0 + seed) for at in (0, 1, 2, 4.5)] + [Segment(True, 3.0, 20.0, 30.0)]
    assert lattice.snap_and_join(tie, 1.0) == ref.snap_and_join(tie, 1.0)


@pytest.mark.parametrize("seed", range(10))
def test_rule_positions_cluster_on_arrays_as_one_by_one(seed):
    """_cluster on a sorted array against the value-by-value reference: the same clusters and
    the same means to the last bit, for chains that creep past the tolerance, gaps of exactly
    the tolerance, and clusters of many values (where a pairwise sum would round otherwise)."""
    rng = random.Random(seed)
    for _ in range(200):
        tolerance = rng.choice([0.5, 1.0, 2.0, 3.0])
        values: list[float] = []
        for _ in range(rng.randint(0, 12)):
            v = rng.uniform(0, 800)
            for _ in range(rng.choice([1, 1, 2, 5, 9, 30])):
                values.append(v)
                v += rng.choice([0.0, 0.1, 1 / 3, tolerance, tolerance * 0.999, rng.uniform(0, tolerance)])
        rng.shuffle(values)
        assert lattice._cluster(values, tolerance) == ref._cluster(values, tolerance)
        assert lattice._cluster(np.array(values), tolerance) == ref._cluster(values, tolerance)


@pytest.mark.parametrize("seed", range(10))
def test_touching_rules_found_as_arrays_as_pair_by_pair(seed):
    """The pairs of rules group_into_tables joins, found on arrays, against the pair-by-pair
    reference: the same pairs in the same order (rules that end exactly a tolerance short)."""
    rng = random.Random(seed)
    for _ in range(100):
        rules, tolerance = _rules(rng), rng.choice([0.5, 1.0, 2.0])
        rules += [Segment(not s.horizontal, s.start - tolerance, s.at - 5.0, s.at + 5.0) for s in rules[:3]]
        assert lattice._touching_pairs(rules, tolerance) == ref._touching_pairs(rules, tolerance)
