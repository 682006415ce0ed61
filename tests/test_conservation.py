"""Nothing read in silence: every printed cell of every sheet ends in a record, a recognised
label, or a doubt that names it (and then the document is ``partial``, never ``ok``).

On the committed samples and the shared documents every cell is placed; a document where one
is not must say so (tests/test_reassembly.py builds such a sheet).
"""

from __future__ import annotations

import pytest

from conftest import DOCUMENT_SAMPLES, FORM_SAMPLES, SAMPLE_FILES, SHARED
from extract.pipeline import process_document

SHARED_SHEETS = sorted((SHARED / "real").glob("*/*.pdf")) if (SHARED / "real").is_dir() else []
SHARED_SHEETS = [p for p in SHARED_SHEETS if p.parent.name in ("final", "selfeval")]
FILES = SAMPLE_FILES + FORM_SAMPLES + DOCUMENT_SAMPLES + SHARED_SHEETS


@pytest.mark.parametrize("pdf", FILES, ids=[p.stem for p in FILES])
def test_every_printed_cell_is_placed_or_named(pdf):
    doc = process_document(pdf)
    for checked in doc.sheets:
        sheet = checked.sheet
        printed = sum(1 for _ in sheet.unplaced) + sheet.cells_placed
        assert printed == sheet.cells_printed
        if sheet.indicators:
            assert sheet.cells_printed > len(sheet.indicators)  # the ledger counted the grid
        for cell in sheet.unplaced:  # named, with its page and box
            assert cell.describe() in sheet.layout_warnings
    unplaced = [c for s in doc.sheets for c in s.sheet.unplaced]
    if unplaced:
        assert doc.status == "partial" and "cells_unplaced" in doc.warning_codes
    else:
        assert "cells_unplaced" not in doc.warning_codes
    # What the team has been shown is read whole.
    assert unplaced == [], [c.describe() for c in unplaced[:5]]


def test_the_shared_documents_are_covered_when_present():
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    assert len(SHARED_SHEETS) == 5  # four 决算 (template included) and the 宁德 自评表


# ------------------------------------------------------------------ every grid claimed or named

from extract.datamodel import DocumentLayout, DocumentSource  # noqa: E402
from extract.pipeline import extract_from_layout  # noqa: E402
from gridkit import draw, page  # noqa: E402

COVER = [("示例局2024年度部门决算", 40)]


def _document(*pages):
    return extract_from_layout(DocumentLayout(DocumentSource("x", "x.pdf", "x.pdf"), len(pages), None, pages))


def test_a_grid_no_sheet_or_table_claims_is_named_and_the_document_partial():
    # A ruled box of text under no title and no heading: nothing reads it.
    grid = draw([(0, 0, 1, 1, "签字"), (0, 1, 1, 1, "盖章"), (1, 0, 1, 2, "某某")], [60, 60], 2, top=300)
    doc = _document(page(1, [], COVER), page(2, [grid], [("说明文字。", 200)]))
    assert doc.status == "partial" and "grid_unclaimed" in doc.warning_codes
    warning = doc.warnings[doc.warning_codes.index("grid_unclaimed")]
    assert warning.startswith("page 2: a ruled table of 2 x 2 cells at (") and "'签字 | 盖章'" in warning


def test_a_table_under_a_prose_heading_is_read_under_that_heading():
    # 决算单位构成 prints its units as a table with no title of its own, under the heading.
    grid = draw([(0, 0, 1, 1, "序号"), (0, 1, 1, 1, "单位名称"), (0, 2, 1, 1, "备注"),
                 (1, 0, 1, 1, "1"), (1, 1, 1, 1, "示例局（本级）"), (1, 2, 1, 1, ""),
                 (2, 0, 1, 1, "2"), (2, 1, 1, 1, "示例中心"), (2, 2, 1, 1, "并入本级")], [30, 120, 80], 3, top=300)
    lines = [("二、部门决算单位构成（仅有一个单位的部门，本部分内容", 200), ("为“机构设置”）", 220),
             ("纳入编制范围的单位包括：", 240)]
    doc = _document(page(1, [], COVER), page(2, [grid], lines))
    assert "grid_unclaimed" not in doc.warning_codes and doc.status == "ok"
    table = next(t for t in doc.statement_tables if t.table == "部门决算单位构成")
    assert (table.status, table.standard, table.line_count) == ("present", False, 4)
    got = [(ln.row_no, ln.column_path, ln.value_raw) for ln in doc.statement_lines if ln.table == table.table]
    assert got == [(1, "单位名称", "示例局（本级）"), (1, "备注", None), (2, "单位名称", "示例中心"), (2, "备注", "并入本级")]


def test_a_table_whose_rows_give_no_value_is_named():
    # A one-column table of labels (项目 heads a label column): its rows hold no value to read.
    grid = draw([(0, 0, 1, 1, "项目"), (1, 0, 1, 1, "甲事项"), (2, 0, 1, 1, "乙事项")], [120], 3, top=300)
    doc = _document(page(1, [], COVER), page(2, [grid], [("其他事项情况表", 270)]))
    assert doc.status == "partial" and "table_unread" in doc.warning_codes
    assert doc.warnings[doc.warning_codes.index("table_unread")] == \
        "其他事项情况表 (pages 2-2) prints 2 cells below its first row but no value was read from it"
