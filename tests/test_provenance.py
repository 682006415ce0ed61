"""Every record knows the page and box it was read from (issue 11)."""

from __future__ import annotations

from collections import defaultdict

import pdfplumber
import pytest

from conftest import SAMPLE_FILES, STATEMENT_SAMPLES
from extract.pipeline import process_document
from extract.outputs.writer import document_rows

A4, B5 = SAMPLE_FILES[0], SAMPLE_FILES[1]  # a4_reportlab draws every cell as a rectangle


@pytest.fixture(scope="module")
def drawn() -> dict[str, dict[int, list[tuple[float, float, float, float]]]]:
    """The rectangles each sample draws, by page (pdfplumber, top-left origin)."""
    out = {}
    for pdf in (A4, STATEMENT_SAMPLES[0]):
        with pdfplumber.open(pdf) as doc:
            out[pdf.name] = {i + 1: [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects]
                             for i, page in enumerate(doc.pages)}
    return out


def _near(box: dict, rects: list[tuple[float, float, float, float]], tolerance: float = 2.0) -> bool:
    return any(max(abs(box[k] - r[i]) for i, k in enumerate(("x0", "y0", "x1", "y1"))) <= tolerance
               for r in rects)


def test_sheet_cells_lie_on_the_cells_drawn_in_the_pdf(drawn):
    rows = document_rows(process_document(A4), "pdfium", "test")
    rects = drawn[A4.name]
    checked = 0
    for dataset in ("sheets", "sheet_funds", "indicators"):
        for row in rows[dataset]:
            for box in row["cell_boxes"]:
                assert _near(box, rects[box["page"]]), (dataset, box)
                checked += 1
    assert checked > 2000
    # The flat columns are the record's first piece.
    ind = rows["indicators"][0]
    assert (ind["page"], ind["x0"], ind["y0"]) == (ind["boxes"][0]["page"], ind["boxes"][0]["x0"], ind["boxes"][0]["y0"])


def test_statement_lines_lie_on_their_cells(drawn):
    rows = document_rows(process_document(STATEMENT_SAMPLES[0]), "pdfium", "test")
    rects = drawn[STATEMENT_SAMPLES[0].name]
    lines = [ln for ln in rows["statement_lines"] if ln["value_raw"]]
    assert lines and all(_near(ln, rects[ln["page"]]) for ln in lines)
    # 行政运行 合计 of 一般公共预算财政拨款支出决算表: one known cell, its box.
    cell = next(ln for ln in lines if ln["code"] == "2010601" and ln["column_path"] == "本年支出/合计"
                and ln["table_name"] == "一般公共预算财政拨款支出决算表")
    assert cell["value_raw"] == "500.00" and cell["x1"] > cell["x0"] and cell["y1"] > cell["y0"]


def test_a_value_joined_over_a_page_break_keeps_both_pieces():
    rows = document_rows(process_document(B5), "pdfium", "test")
    split = [r for r in rows["indicators"] if len({b["page"] for b in r["boxes"]}) == 2]
    assert split, "the B5 sample splits rows over page breaks"
    row = split[0]
    pages = [b["page"] for b in row["boxes"]]
    assert pages[1] == pages[0] + 1
    by_column = defaultdict(set)
    for b in row["cell_boxes"]:
        by_column[b["column"]].add(b["page"])
    assert any(len(p) == 2 for p in by_column.values())  # one cell's text on both pages


def test_a_fact_points_at_the_line_holding_its_number():
    doc = process_document(STATEMENT_SAMPLES[0])
    rows = document_rows(doc, "pdfium", "test")
    fact = next(f for f in rows["facts"] if f["key"] == "收入总计")
    with pdfplumber.open(STATEMENT_SAMPLES[0]) as pdf:
        page = pdf.pages[fact["page"] - 1]
        text = page.crop((fact["x0"] - 1, fact["y0"] - 1, fact["x1"] + 1, fact["y1"] + 1)).extract_text()
    assert "1,280.00" in text.replace(" ", "")
