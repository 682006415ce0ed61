from extract.backends.lattice import Glyph, Segment, dedupe_glyphs, glyphs_to_lines, layout_page
from gridkit import draw


def _cells(grid):
    return {(c.row, c.col, c.row_span, c.col_span): c for c in grid.cells}


def test_merged_cells_are_found_from_missing_rules():
    segs, glyphs = draw([(0, 0, 2, 1, "产出\n指标"), (0, 1, 1, 1, "数量"), (1, 1, 1, 1, "质量"),
                         (0, 2, 1, 2, "宽"), (1, 2, 1, 1, "a"), (1, 3, 1, 1, "b")],
                        [40, 40, 40, 40], 2)
    grids, lines = layout_page(1, segs, glyphs)
    assert len(grids) == 1 and lines == []
    cells = _cells(grids[0])
    assert set(cells) == {(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1), (0, 2, 1, 2), (1, 2, 1, 1), (1, 3, 1, 1)}
    assert cells[(0, 0, 2, 1)].lines == ("产出", "指标")
    assert cells[(0, 0, 2, 1)].text == "产出指标"
    assert cells[(0, 2, 1, 2)].text == "宽"


def test_open_bottom_marks_cells_that_continue_on_the_next_page():
    segs, glyphs = draw([(0, 0, 1, 1, "效益指"), (0, 1, 1, 1, "x")], [60, 60], 1, open_bottom=True)
    grid = layout_page(1, segs, glyphs)[0][0]
    assert [c.open_bottom for c in sorted(grid.cells, key=lambda c: c.col)] == [True, True]
    assert grid.cells[0].text == "效益指"  # text below the last horizontal rule is kept


def test_text_outside_tables_becomes_lines_and_two_tables_stay_apart():
    t1 = draw([(0, 0, 1, 1, "甲")], [50], 1, top=100)
    t2 = draw([(0, 0, 1, 1, "乙")], [50], 1, top=200)
    title = [Glyph(ch, 60 + 10 * i, 150, 70 + 10 * i, 160, 10) for i, ch in enumerate("项目支出绩效自评表")]
    grids, lines = layout_page(1, t1[0] + t2[0], t1[1] + t2[1] + title)
    assert [g.cells[0].text for g in grids] == ["甲", "乙"]
    assert [ln.text for ln in lines] == ["项目支出绩效自评表"]


def test_doubled_bold_glyphs_are_read_once():
    g = [Glyph("总", 10, 10, 20, 20, 10), Glyph("总", 10.35, 10, 20.35, 20, 10), Glyph("分", 20, 10, 30, 20, 10)]
    assert [x.text for x in dedupe_glyphs(g)] == ["总", "分"]


def test_lines_keep_printed_spaces_and_insert_one_for_a_wide_gap():
    glyphs = [Glyph(ch, x, 0, x + 5, 10, 10) for ch, x in (("5", 0), ("6", 5), ("0", 10), ("万", 30), ("元", 40))]
    assert glyphs_to_lines(glyphs)[0][0] == "560 万元"


def test_short_joined_rules_still_separate_cells():
    # a rule drawn in two pieces meeting in the middle is one rule
    segs = [Segment(True, 0, 0, 50), Segment(True, 0, 50, 100), Segment(True, 20, 0, 100),
            Segment(False, 0, 0, 20), Segment(False, 50, 0, 20), Segment(False, 100, 0, 20)]
    grid = layout_page(1, segs, [])[0][0]
    assert (grid.n_rows, grid.n_cols, len(grid.cells)) == (1, 2, 2)


def test_pages_shown_turned_by_rotate_are_read_as_shown():
    # A 600 x 800 page box; the corners of user space land where the turned page shows them.
    from extract.backends.pdfium_backend import display_map

    def shown(rotation, x, y):
        ax, bx, cx, ay, by, cy = display_map(rotation, 0, 0, 600, 800)
        return ax * x + bx * y + cx, ay * x + by * y + cy

    assert shown(0, 0, 800) == (0, 0) and shown(0, 600, 0) == (600, 800)
    # /Rotate 90: shown 800 wide and 600 high; user space's bottom-left is the top-left.
    assert shown(90, 0, 0) == (0, 0) and shown(90, 0, 800) == (800, 0) and shown(90, 600, 0) == (0, 600)
    assert shown(180, 600, 0) == (0, 0) and shown(180, 0, 800) == (600, 800)
    assert shown(270, 600, 800) == (0, 0) and shown(270, 0, 0) == (800, 600)


def test_a_column_open_at_both_ends_beside_the_table_is_read():
    """A side label merged over the whole page's rows, its top and bottom rules left off at the
    breaks: one lone vertical rule beside the table, touching no horizontal rule. Its cell is
    part of the grid, open above and below."""
    segs, glyphs = draw([(0, 0, 1, 1, "甲"), (0, 1, 1, 1, "乙"), (1, 0, 1, 1, "丙"), (1, 1, 1, 1, "丁")],
                        [40, 40], 2)
    segs.append(Segment(False, 36.0, 100.0, 140.0))  # the side column's left rule, x 36..50
    glyphs += [Glyph(ch, 39, 105 + 6 * i, 44, 110 + 6 * i, 5) for i, ch in enumerate("完成")]
    grids, lines = layout_page(1, segs, glyphs)
    (grid,) = grids
    side = [c for c in grid.cells if c.col == 0]
    assert [(c.row_span, c.text, c.open_top, c.open_bottom) for c in side] == [(2, "完成", True, True)]
    assert lines == []


def test_col_at_finds_the_column_a_scan_of_the_edges_finds():
    """TableGrid.col_at bisects its edges: the column the first edge pair holding x names, on
    edges, between them, outside, and with two equal edges (a zero-width column)."""
    import random

    from extract.datamodel import TableGrid

    def scanned(edges, x):
        return next((i for i in range(len(edges) - 1) if edges[i] <= x < edges[i + 1]), None)

    rng = random.Random(2)
    for _ in range(300):
        edges = sorted(rng.choice([rng.uniform(0, 500), float(rng.randint(0, 50) * 10)]) for _ in range(rng.randint(1, 9)))
        grid = TableGrid(1, (edges[0], 0.0, edges[-1], 10.0), tuple(edges), (0.0, 10.0), ())
        for x in [*edges, *(e + d for e in edges for d in (-0.01, 0.01)), -1.0, 600.0, rng.uniform(0, 500)]:
            assert grid.col_at(x) == scanned(edges, x), (edges, x)
