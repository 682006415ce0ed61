"""自评表 in other provinces' forms. The real 宁德 2024 部门整体绩效自评表 (WPS 表格 export, in
../shared/real/selfeval, skipped when absent) must equal its hand-read gold field by field."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import shared_file
from extract.pipeline import process_document

NINGDE = ("real", "selfeval", "2024_宁德市人民政府办公室_部门整体绩效自评表.pdf")
GOLD = ("real", "selfeval", "ningde_2024_gold.json")
WAN = Decimal(10000)
# The gold's names for the fund columns that have no column of their own.
EXTRA_KEYS = {"年中调整金额②": "adjustment", "本年度结余金额⑥=③-④": "balance",
              "资金结余率(%)⑦=⑥/③": "balance_rate_pct"}


@pytest.fixture(scope="module", params=["pdfium", "pdfplumber"])
def ningde(request):
    return process_document(shared_file(*NINGDE), backend=request.param)


@pytest.fixture(scope="module")
def gold():
    return json.loads(shared_file(*GOLD).read_text(encoding="utf-8"))


def _dec(raw):
    return None if raw is None else Decimal(raw)


def test_ningde_sheet_head_equals_gold(ningde, gold):
    assert ningde.status == "ok" and len(ningde.sheets) == 1
    s, g = ningde.sheets[0].sheet, gold["sheet"]
    assert (s.sheet_kind, s.title, s.fiscal_year) == ("department", g["title"], g["year"])
    assert (s.project_name, s.unit_name, s.budget_code) == (g["special_name"], g["unit_name"], g["budget_code"])
    assert (s.goal_expected, s.goal_actual) == (g["goal_expected"], g["goal_actual"])
    assert s.total_score == Decimal(g["total_score"]) and s.total_score_raw == "92.33"
    assert s.total_weight is None  # one merged cell under 指标分值 and 自评得分: the score
    assert s.evaluation_grade == g["evaluation_grade"]
    assert s.layout_warnings == () and s.warnings == ()


def test_ningde_fund_rows_keep_every_printed_column(ningde, gold):
    funds = ningde.sheets[0].sheet.funds
    assert [f.source for f in funds] == [f["source"] for f in gold["funds"]]
    for got, want in zip(funds, gold["funds"]):
        assert got.initial_budget_raw == want["initial"]
        assert got.initial_budget_yuan == Decimal(want["initial"]) * WAN
        assert got.annual_budget_yuan == Decimal(want["subtotal"]) * WAN  # 小计③
        assert got.executed_yuan == Decimal(want["disbursed"]) * WAN  # 年度拨付金额④
        assert got.execution_rate == Decimal(want["disbursement_rate_pct"]) / 100  # 支出实现率⑤
        assert (got.weight, got.score) == (_dec(want["weight"]), _dec(want["score"]))
        extras = {EXTRA_KEYS[e.label]: e for e in got.extra_values}
        assert set(extras) == {"adjustment", "balance", "balance_rate_pct"}
        assert extras["adjustment"].raw == want["adjustment"]
        assert extras["adjustment"].value == Decimal(want["adjustment"]) * WAN
        assert extras["balance"].value == Decimal(want["balance"]) * WAN
        assert extras["balance_rate_pct"].raw == want["balance_rate_pct"]
        assert extras["balance_rate_pct"].value == Decimal(want["balance_rate_pct"]) / 100


def test_ningde_indicators_equal_gold_in_print_order(ningde, gold):
    got = ningde.sheets[0].sheet.indicators
    assert len(got) == len(gold["indicators"]) == 17
    for row, want in zip(got, gold["indicators"]):
        assert (row.level1, row.level2, row.level3) == (want["level1"], want["level2"], want["level3"])
        assert (row.target.raw, row.actual.raw) == (want["target"], want["actual"])
        assert (row.weight, row.score) == (Decimal(want["weight"]), Decimal(want["score"]))
        assert (row.deviation or "") == want["deviation"]
    # Clipped by the spreadsheet: the run's last glyph stays with its own cell.
    assert got[0].level1 == got[0].level2 == "一般性支出情况"
    assert got[3].target.op == "<=" and got[3].target.value == Decimal("38436700")


def test_ningde_checks_pass(ningde):
    checks = {c.check_id: (c.status, c.detail) for c in ningde.sheets[0].checks}
    assert all(status == "pass" for status, _ in checks.values()), checks
    assert checks["score_sum"][1] == "Σ scores 92.33 vs 总分 92.33"
    assert checks["weight_sum"][1] == "Σ weights 100 vs 100"
    # 合计 = the rows under 财政资金小计 (①②③) + 其他资金小计; the subtotal is not added twice.
    assert checks["fund_sum"][1] == "parts add up"


# --------------------------------------------------------------------------- sample forms

from conftest import FORM_SAMPLES  # noqa: E402
from expected import load_expected, sheet_diffs  # noqa: E402


def test_there_are_three_sample_forms_besides_the_seeds():
    assert [p.stem.removeprefix("seed_2023_") for p in FORM_SAMPLES] == [
        "form_a_ningde_a4l", "form_b_split_16k", "form_c_spreadsheet_b4"]


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("pdf", FORM_SAMPLES, ids=[p.stem for p in FORM_SAMPLES])
def test_sample_form_records_equal_expected(pdf, backend):
    expected = load_expected(pdf.stem)
    doc = process_document(pdf, backend=backend)
    assert (doc.status, doc.warnings) == ("ok", ())
    assert len(doc.sheets) == len(expected["sheets"]) == 24
    assert sum(len(c.sheet.indicators) for c in doc.sheets) == 216
    diffs = [d for got, want in zip(doc.sheets, expected["sheets"]) for d in sheet_diffs(got, want)]
    assert diffs == []
    assert all(c.sheet.layout_warnings == () for c in doc.sheets)


@pytest.fixture(scope="module")
def ningde_form():
    pdf = next(p for p in FORM_SAMPLES if "ningde" in p.stem)
    return process_document(pdf), load_expected(pdf.stem)


def test_ningde_form_keeps_extra_fund_columns_grade_and_title_from_grid_cells(ningde_form):
    doc, expected = ningde_form
    for got, want in zip(doc.sheets, expected["sheets"]):
        s = got.sheet
        assert s.title == want["title"]  # printed as the grid's first rows
        assert s.evaluation_grade == want["evaluation_grade"]
        for fund, want_fund in zip(s.funds, want["funds"]):
            assert {e.label: e.raw for e in fund.extra_values} == want_fund["extra"]
    first_project = doc.sheets[1].sheet
    assert first_project.project_name == "2021 年度博士后资助经费"  # 专项名称
    assert first_project.evaluation_grade == "优（S≧90）"
    adjustment = first_project.funds[0].extra_values[0]
    assert (adjustment.label, adjustment.value, adjustment.unit) == ("年中调整金额②", Decimal("0"), "元")


def test_split_form_composes_operator_value_and_unit_columns():
    pdf = next(p for p in FORM_SAMPLES if "split" in p.stem)
    sheet = process_document(pdf).sheets[1].sheet
    articles = sheet.indicators[1]  # >= | 14 | 篇 ; =31 | 篇
    assert (articles.target.raw, articles.target.op, articles.target.value, articles.target.unit) == (
        ">=14篇", ">=", Decimal(14), "篇")
    assert (articles.actual.raw, articles.actual.op, articles.actual.value) == ("=31篇", "=", Decimal(31))
    cost = sheet.indicators[4]  # <= | 560 | 万元
    assert (cost.target.value, cost.target.unit, cost.target.unit_raw) == (Decimal(5600000), "元", "万元")
    lasting = sheet.indicators[6]  # 定性 | 长期
    assert (lasting.target.raw, lasting.target.op, lasting.target.kind) == ("定性长期", None, "qualitative")
    assert sheet.indicators[0].deviation is None and sheet.layout_warnings == ()


def test_spreadsheet_form_joins_two_line_titles_and_keeps_clipped_labels_whole():
    pdf = next(p for p in FORM_SAMPLES if "spreadsheet" in p.stem)
    doc = process_document(pdf)
    assert doc.sheets[1].sheet.title == "2021年度博士后资助经费项目支出绩效自评表"
    assert doc.sheets[1].sheet.fiscal_year == 2023  # from （2023年度）, not the title's 2021
    levels = {i.level2 for c in doc.sheets for i in c.sheet.indicators}
    assert "经济成本指标" in levels and "社会效益指标" in levels
    assert not any("页" in (i.level3 or "") + (i.deviation or "") for c in doc.sheets
                   for i in c.sheet.indicators)  # the footer never enters a cell


# --------------------------------------------------------------------------- never silent

from extract.backends.lattice import Glyph, LatticeSettings, anchor_runs, drop_margin_furniture  # noqa: E402
from extract.labels import is_page_furniture, label_key  # noqa: E402
from extract.datamodel import DocumentLayout, DocumentSource  # noqa: E402
from extract.pipeline import extract_from_layout  # noqa: E402
from gridkit import draw, page  # noqa: E402


def test_a_sheet_page_the_reader_cannot_place_makes_the_document_partial():
    # Page 1: a 自评表 title over text with no ruled table under it; page 2: nothing of a sheet.
    pages = [page(1, [], [("项目支出绩效自评表", 40), ("（2023年度）", 60), ("项目名称 测试项目", 90)]),
             page(2, [draw([(0, 0, 1, 2, "说明")], [40, 40], 1)], [("附注", 40)])]
    doc = extract_from_layout(DocumentLayout(DocumentSource("x", "x.pdf", "x.pdf"), 2, None, tuple(pages)))
    assert doc.status == "partial"
    assert doc.warnings[0].startswith("page 1 prints the title '项目支出绩效自评表' but no 绩效自评表")


def test_clipped_run_stays_with_the_cell_where_it_starts():
    # 一般性支出情况 clipped at x=35: its last glyph overlaps the neighbour's first one.
    run = [Glyph(ch, 5 + 5 * i, 0, 10 + 5 * i, 6, 6) for i, ch in enumerate("一般性支出情况")]
    neighbour = [Glyph(ch, 36.5 + 5 * i, 0, 41.5 + 5 * i, 6, 6) for i, ch in enumerate("三公")]
    anchored = anchor_runs(run + neighbour)
    assert {(g.ax, g.ay) for g in anchored[:7]} == {(7.5, 3.0)}
    assert anchored[7].ax == 39.0 and anchored[8].ax == 39.0


def test_page_numbers_in_the_margin_are_dropped_but_not_table_text():
    footer = [Glyph(ch, 280 + 5 * i, 780, 285 + 5 * i, 790, 10) for i, ch in enumerate("第6页共9页")]
    cell = [Glyph(ch, 60 + 5 * i, 700, 65 + 5 * i, 710, 10) for i, ch in enumerate("核验6万")]
    kept = drop_margin_furniture(cell + footer, [], 800, LatticeSettings(is_furniture=is_page_furniture))
    assert "".join(g.text for g in kept) == "核验6万"
    assert is_page_furniture("5/36") and is_page_furniture("- 6 -") and not is_page_furniture("14条")


def test_numbers_of_a_table_row_left_open_in_the_margin_are_values_not_page_numbers():
    """An open table's last row reaches into the bottom margin: its lone numbers (分值 2, 得分 1,
    实际值 8) share the line with the row's other cells and stay; the page number below goes."""
    def piece(text, x, top):
        return [Glyph(ch, x + 5 * i, top, x + 5 * (i + 1), top + 10, 10) for i, ch in enumerate(text)]
    row = piece("覆盖乡镇数", 60, 740) + piece("2", 120, 740) + piece("1", 150, 740) + piece("8", 190, 740)
    kept = drop_margin_furniture(row + piece("3", 290, 780), [], 800, LatticeSettings(is_furniture=is_page_furniture))
    assert "".join(g.text for g in kept) == "覆盖乡镇数218"


def test_labels_compare_without_tags_circled_numbers_formulas_and_scores():
    assert label_key("预期目标（年初设定）") == "预期目标"
    assert label_key("小计③=①+②") == "小计"
    assert label_key("支出实现率(%)⑤=④/③") == "支出实现率"
    assert label_key("产出指标（50分）") == label_key("产出指标50分") == "产出指标"
    assert label_key("总分值、评价总分(S)") == "总分值、评价总分"
