"""``extract review``: static pages showing what was read where (issue 11).

The browser test opens a review page in headless Chromium (Debian package ``chromium``; .ci/run
installs it where it can) and compares the overlay boxes of one sample sheet with its records;
it skips, with the reason, where no Chromium is installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from conftest import SAMPLE_FILES
from extract.cli import main

A4 = SAMPLE_FILES[0]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, Path, dict]:
    base = tmp_path_factory.mktemp("review")
    out, to = base / "out", base / "pages"
    assert main(["run", str(A4), "--out", str(out)]) == 0
    assert main(["review", str(out), "--to", str(to)]) == 0
    doc = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pylist()[0]
    return out, to, doc


def _indicators(out: Path, sheet_no: int) -> list[dict]:
    table = ds.dataset(out / "indicators", format="parquet", partitioning="hive").to_table().to_pylist()
    return [r for r in table if r["sheet_no"] == sheet_no]


def _expected_boxes(rows: list[dict]) -> Counter:
    column = {"target": "target_raw", "actual": "actual_raw", "weight": "weight_raw", "score": "score_raw"}
    return Counter((b["column"], str(r.get(column.get(b["column"], b["column"])) or ""))
                   for r in rows for b in r["cell_boxes"])


def _boxes_in(page: str, sheet_no: int) -> Counter:
    found = Counter()
    for tag in re.findall(r'<div class="box"[^>]*>', page):
        attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', tag))
        if attrs["dataset"] == "indicators" and attrs["sheet"] == str(sheet_no):
            found[(html.unescape(attrs["column"]), html.unescape(attrs["value"]))] += 1
    return found


def test_review_writes_an_index_and_a_page_per_document_with_page_images(reviewed):
    out, to, doc = reviewed
    index = (to / "index.html").read_text(encoding="utf-8")
    assert f'href="{doc["doc_id"]}.html"' in index and A4.name in index
    images = sorted((to / doc["doc_id"]).glob("p-*.jpg"))
    assert len(images) == doc["page_count"] == 37
    page = (to / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    assert page.count('loading="lazy"') == 37
    assert "N.income_total" in page and 'class="fail"' in page  # the seed's own 0.01 gaps, highlighted
    assert not list(out.rglob("*.html"))  # nothing written into the output


def test_overlay_boxes_equal_the_records_of_a_sheet(reviewed):
    out, to, doc = reviewed
    page = (to / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    rows = _indicators(out, 3)
    assert sum(_expected_boxes(rows).values()) > 20
    assert _boxes_in(page, 3) == _expected_boxes(rows)


def test_a_moved_pdf_is_named_and_found_with_pdf_root(reviewed, tmp_path, capsys):
    out, _, doc = reviewed
    moved = tmp_path / "moved"
    shutil.copytree(out, moved / "out")
    docs = moved / "out" / "documents"
    import pyarrow.parquet as pq
    for f in docs.rglob("*.parquet"):
        t = pq.read_table(f).to_pylist()
        for r in t:
            r["source_path"] = "/nowhere/" + r["file_name"]
        pq.write_table(pq.read_table(f).from_pylist(t, schema=pq.read_table(f).schema), f)
    assert main(["review", str(moved / "out"), "--to", str(tmp_path / "a")]) == 0
    assert "the source PDF is not at /nowhere/" in capsys.readouterr().err
    assert "Page images are missing" in (tmp_path / "a" / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    assert main(["review", str(moved / "out"), "--to", str(tmp_path / "b"), "--pdf-root", str(A4.parent),
                 "--doc", doc["doc_id"][:12]]) == 0
    assert len(list((tmp_path / "b" / doc["doc_id"]).glob("*.jpg"))) == 37
    assert main(["review", str(moved / "out"), "--doc", "nope.pdf"]) == 2


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
def test_chromium_shows_the_overlay_of_a_sheet(reviewed, tmp_path):
    out, to, doc = reviewed
    url = (to / f"{doc['doc_id']}.html").as_uri()
    flags = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert _boxes_in(dom, 3) == _expected_boxes(_indicators(out, 3))
    shot = tmp_path / "review.png"
    subprocess.run(flags + ["--window-size=1400,1000", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _sheet_with_a_column_nobody_reads(path: Path) -> None:
    """A one-page 自评表 whose last column (佐证材料) is outside the vocabulary."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if not FONT.exists():
        pytest.skip(f"{FONT} missing (apt-get install fonts-wqy-zenhei)")
    pdfmetrics.registerFont(TTFont("Zen", str(FONT)))
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "佐证材料"],
            ["产出指标", "数量指标", "培训人数", ">=300人", "366人", "90", "90", "签到表"]]
    c = canvas.Canvas(str(path), pagesize=(842, 595))
    c.setFont("Zen", 14)
    c.drawString(300, 540, "项目支出绩效自评表")
    c.setFont("Zen", 9)
    xs = [40 + 90 * i for i in range(9)]
    ys = [500, 470, 440, 410]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for i, text in enumerate(row):
            c.drawString(xs[i] + 4, ys[r] - 18, text)
    c.drawString(xs[0] + 4, ys[2] - 18, "总分")
    c.drawString(xs[5] + 4, ys[2] - 18, "90")
    c.drawString(xs[6] + 4, ys[2] - 18, "90")
    c.save()


def test_cells_nobody_read_are_drawn_and_listed(tmp_path):
    pdf = tmp_path / "in" / "sheet.pdf"
    pdf.parent.mkdir()
    _sheet_with_a_column_nobody_reads(pdf)
    out, to = tmp_path / "out", tmp_path / "pages"
    assert main(["run", str(pdf), "--out", str(out)]) == 0
    assert main(["review", str(out), "--to", str(to)]) == 0
    doc = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pylist()[0]
    assert doc["status"] == "partial" and "cells_unplaced" in doc["warning_codes"]
    sheet = ds.dataset(out / "sheets", format="parquet", partitioning="hive").to_table().to_pylist()[0]
    assert [c["text"] for c in sheet["unplaced_cells"]] == ["签到表"]
    assert sheet["cells_placed"] == sheet["cells_printed"] - 1
    page = (to / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    assert page.count('class="box unplaced"') == 1 and 'data-value="签到表"' in page
    assert "<b>not read</b>" in page and "签到表</li>" in page
    if CHROMIUM is not None:  # and what a browser shows of it
        flags = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu"]
        dom = subprocess.run(flags + ["--dump-dom", (to / f"{doc['doc_id']}.html").as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
        assert dom.count('class="box unplaced"') == 1 and "签到表</li>" in dom
