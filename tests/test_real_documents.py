"""Real published PDFs from ../shared (skipped when it is absent). Expected values were read by
eye from the pages (国家信访局 2024, pages 30–36)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import shared_file
from extract.pipeline import process_document

D = Decimal
XINFANG = ("real", "final", "2024_国家信访局_部门决算.pdf")

# project, pages, (年初预算, 全年预算, 全年执行) of 年度资金总额 in 万元, 执行率, indicator rows, 总分
XINFANG_SHEETS = [
    ("信访干部培训专项", (30, 31), ("180.61", "180.03", "180.03"), "100.00%", 10, "98"),
    ("信访研究宣传立法专项", (32, 33), ("493.76", "536.2", "413.57"), "77.13%", 10, "94.7"),
    ("资产运行维护", (34,), ("120.00", "120.00", "120.00"), "100%", 9, "98"),
    ("信息化运行维护", (35, 36), ("1638.67", "1639.34", "1032.99"), "63.01%", 8, "90.5"),
]


@pytest.fixture(scope="module", params=["pdfium", "pdfplumber", "camelot"])
def xinfang(request):
    return process_document(shared_file(*XINFANG), backend=request.param)


def test_xinfang_has_four_complete_project_sheets(xinfang):
    assert xinfang.status == "ok"
    assert xinfang.fiscal_year == 2024
    got = [(c.sheet.project_name, c.sheet.pages, (c.sheet.funds[0].initial_budget_raw,
            c.sheet.funds[0].annual_budget_raw, c.sheet.funds[0].executed_raw),
            c.sheet.funds[0].execution_rate_raw, len(c.sheet.indicators), c.sheet.total_score_raw)
           for c in xinfang.sheets]
    assert got == XINFANG_SHEETS


def test_xinfang_checks_pass_on_every_sheet(xinfang):
    for c in xinfang.sheets:
        assert [ch.status for ch in c.checks] == ["pass"] * 5, (c.sheet.project_name, c.checks)


def test_xinfang_rows_continuing_over_page_breaks(xinfang):
    training = xinfang.sheets[0].sheet
    row9 = training.indicators[8]
    # Page 31 starts with this row; its level-1/level-2 cells continue from page 30.
    assert (row9.level1, row9.level2, row9.level3) == ("效益指标", "社会效益指标", "信访系统干部整体素质")
    assert (row9.target.raw, row9.target.kind, row9.weight, row9.score) == ("有所提高", "qualitative", D(10), D(9))
    assert row9.deviation.startswith("干部业务能力增强") and row9.pages == (31,)
    assert [f.source for f in training.funds] == ["年度资金总额：", "其中：财政拨款", "上年结转", "其他资金"]
    assert training.funds[2].annual_budget_yuan == D("394200.00")
    it = xinfang.sheets[3].sheet
    row5 = it.indicators[4]
    assert row5.level3 == "系统持续稳定运行时间比率（运行小时数/全年总小时数）"
    assert (row5.target.op, row5.target.value, row5.actual.value, row5.score) == (">=", D("0.995"), D("0.95"), D("8.8"))


def test_scanned_pdf_without_ocr_fails_with_no_text_layer():
    doc = process_document(shared_file("real", "scanned", "2022_长沙市市场监督管理局_绩效评价结果_扫描件.pdf"), ocr="off")
    assert (doc.status, doc.error_class) == ("failed", "no_text_layer")
    assert "--ocr auto" in doc.error_message


@pytest.mark.parametrize("name", ["2024_上海市普陀区财政局_部门决算.pdf", "2024_中共上海市普陀区委社会工作部_部门决算.pdf",
                                  "部门决算模板.pdf"])
def test_final_accounts_without_sheets_are_read_with_a_warning(name):
    doc = process_document(shared_file("real", "final", name))
    assert doc.status == "ok" and doc.sheets == ()
    assert doc.warnings == ("no 绩效自评表 found in this document",)


@pytest.mark.parametrize("name", ["2026_北京市民政局_部门预算.pdf", "2025_上海市普陀区商务委员会_部门预算.pdf"])
def test_budget_documents_are_skipped_as_another_kind(name):
    doc = process_document(shared_file("real", "budget", name))
    assert (doc.status, doc.error_class, doc.document_kind) == ("skipped", "not_final_accounts", "部门预算")
    assert doc.kind_evidence.startswith("cover p.1: ") and "部门预算" in doc.kind_evidence
    assert doc.error_message.startswith("document kind 部门预算, not a 决算")
    # A budget's prose and tables are not 决算 figures: none is read.
    assert doc.narrative.facts == () and doc.statement_tables == () and doc.document_checks == ()


def test_the_archive_excerpt_is_skipped_as_budgets():
    """A city portal's archive is mostly budgets: every one is ``skipped`` with its kind named
    (苏州's covers say 单位预算公开, the others 部门预算), none read as a 决算."""
    folder = shared_file("real", "archive")
    docs = {p.name: process_document(p) for p in sorted(folder.glob("*.pdf"))}
    assert len(docs) == 43
    got = {name: (d.status, d.error_class) for name, d in docs.items()}
    assert set(got.values()) == {("skipped", "not_final_accounts")}, got
    kinds = {name: d.document_kind for name, d in docs.items()}
    assert set(kinds.values()) == {"部门预算", "单位预算"}
    assert all(d.kind_evidence.startswith("cover p.1: ") and d.document_kind in d.kind_evidence
               for d in docs.values())
