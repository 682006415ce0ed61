"""Glyphs on real PDFs, through both backends: lines are joined by the glyphs' font boxes (their
baseline and size), not by their ink, and a run a spreadsheet clips at its cell's edge stays in
the cell where it starts. Each PDF is drawn here with reportlab in every CJK font the machine has
(the generator's fonts, ``samples/forms``), so the glyph metrics vary."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.backends import open_backend

FONTS = [f for f in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                     "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc")
         if Path(f).exists()]
pytestmark = pytest.mark.skipif(not FONTS, reason="no CJK TrueType font installed (.ci/run installs them)")
SIZE = 10.0
LEAD = 14.0


def _cell_grid(pdf: Path, font: str, lines_left: list[str], right: str, clip_left: str | None = None) -> None:
    """One row of two ruled cells, 100 pt wide, 3 lines high: ``lines_left`` printed as the
    left cell's wrapped lines, ``right`` in the right cell; ``clip_left`` a run printed from the
    left cell's edge and clipped there (it runs on under the right cell's text, unseen)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("cjk", font, subfontIndex=0))
    c = canvas.Canvas(str(pdf), pagesize=(400, 300))
    x0, top, w, h = 50, 250, 100, 3 * LEAD + 6
    c.rect(x0, top - h, w, h)
    c.rect(x0 + w, top - h, w, h)
    c.setFont("cjk", SIZE)
    for i, line in enumerate(lines_left):
        c.drawString(x0 + 3, top - 3 - SIZE - i * LEAD, line)
    c.drawString(x0 + w + 3, top - 3 - SIZE - (2 * LEAD if clip_left else 0), right)  # on the clipped run's line
    if clip_left:
        c.saveState()
        path = c.beginPath()
        path.rect(x0, top - h, w, h)
        c.clipPath(path, stroke=0, fill=0)
        c.drawString(x0 + 3, top - 3 - SIZE - 2 * LEAD, clip_left)
        c.restoreState()
    c.save()


def _cells(pdf: Path, backend: str) -> list[str]:
    reader = open_backend(backend, str(pdf))
    try:
        layout = reader.read_page(1)
    finally:
        reader.close()
    (grid,) = layout.grids
    return [cell.text for cell in sorted(grid.cells, key=lambda c: c.col)]


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("font", FONTS, ids=[Path(f).stem for f in FONTS])
@pytest.mark.parametrize("lines", [["为进", "一步提高"], ["为进一", "步提高"], ["规范一", "二、三"]],
                         ids=["thin-glyph-opens-a-line", "thin-glyph-ends-a-line", "thin-and-low-glyphs"])
def test_a_thin_glyph_stays_on_its_line(tmp_path, backend, font, lines):
    """一 (a thin stroke), 、 and 二 have small ink boxes; by their font box they stay on their own
    line, so the wrapped cell reads in order."""
    pdf = tmp_path / "thin.pdf"
    _cell_grid(pdf, font, lines, "完成")
    assert _cells(pdf, backend) == ["".join(lines), "完成"]


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("font", FONTS[:2], ids=[Path(f).stem for f in FONTS[:2]])
def test_a_run_clipped_at_its_cell_edge_stays_in_its_cell(tmp_path, backend, font):
    """A non-wrapping spreadsheet cell prints its whole run and clips it at the edge: the run's
    hidden tail lies under the next cell's text, and belongs to the cell it starts in."""
    pdf = tmp_path / "clip.pdf"
    _cell_grid(pdf, font, ["指标值"], "=98%", clip_left=">=90%（按年度统计口径计算）")
    assert _cells(pdf, backend) == ["指标值>=90%（按年度统计口径计算）", "=98%"]


@pytest.mark.parametrize("font", FONTS[:2], ids=[Path(f).stem for f in FONTS[:2]])
def test_a_clipped_run_that_ends_where_the_next_cell_starts_its_text_stays_apart(tmp_path, font):
    """The hidden tail of a clipped run may end just where the next cell's own text begins, as
    if one run: the clip paths keep them apart (pdfium reads them; pdfminer, under pdfplumber,
    does not, so this holds for the default backend)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("cjk", font, subfontIndex=0))
    clipped, right = "产出指标（按年度统计口径）", "时效指标"
    pdf = tmp_path / "abut.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(400, 300))
    x0, top, w, h = 50, 250, 60, 20
    c.rect(x0, top - h, w, h)
    c.rect(x0 + w, top - h, 2 * w, h)
    c.setFont("cjk", SIZE)
    end = x0 + 3 + pdfmetrics.stringWidth(clipped, "cjk", SIZE)
    assert x0 + w < end < x0 + 3 * w  # the run runs on into the next cell
    for text, x, box in ((clipped, x0 + 3, (x0, top - h, w, h)), (right, end + 0.05 * SIZE, (x0 + w, top - h, 2 * w, h))):
        c.saveState()
        path = c.beginPath()
        path.rect(*box)
        c.clipPath(path, stroke=0, fill=0)
        c.drawString(x, top - 4 - SIZE, text)
        c.restoreState()
    c.save()
    assert _cells(pdf, "pdfium") == [clipped, right]


@pytest.mark.parametrize("font", FONTS[:2], ids=[Path(f).stem for f in FONTS[:2]])
@pytest.mark.parametrize("right", ["合格", "28分"], ids=["other-glyphs", "a-hidden-glyph-on-its-twin"])
def test_a_clipped_run_goes_on_past_a_space(tmp_path, font, right):
    """≦2588.72 元/平方米 clipped after the space: the hidden 元/平方米 is the rest of the run (the
    clip hides it, in the run's own text object), not text of the cell it lies over — which a
    space alone would make it (pdfium reads clip paths; pdfplumber does not). A hidden 2 lying
    on the next cell's own 2 is no fake-bold copy of it."""
    pdf = tmp_path / "space.pdf"
    clipped = "合计年度指标≦2588.72 元/平方米"  # the space falls past the cell's edge
    _cell_grid(pdf, font, ["指标值"], right, clip_left=clipped)
    assert _cells(pdf, "pdfium") == ["指标值" + clipped, right]
