"""The standard 决算 tables of the real PDFs in ../shared/real/final, read exactly.

The expected values below were read by eye from the rendered pages (收入支出决算总表 and
一般公共预算财政拨款支出决算表 of each document); every non-empty cell is listed. The tests
skip without ../shared.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import shared_file
from extract.pipeline import process_document
from extract.document.statements import match_title
from extract.vocabulary.statements import STATEMENT_TITLES

FILES = {"caizheng": "2024_上海市普陀区财政局_部门决算.pdf",
         "shegong": "2024_中共上海市普陀区委社会工作部_部门决算.pdf",
         "xinfang": "2024_国家信访局_部门决算.pdf"}

EXPECTED = {
    ("caizheng", "收入支出决算总表"): [
        (None, "一、一般公共预算财政拨款收入", {"收入/决算数": "2,940.05"}),
        (None, "一、一般公共服务支出", {"支出/决算数": "2,106.66"}),
        (None, "八、其他收入", {"收入/决算数": "6.20"}),
        (None, "八、社会保障和就业支出", {"支出/决算数": "326.71"}),
        (None, "九、卫生健康支出", {"支出/决算数": "60.99"}),
        (None, "十九、住房保障支出", {"支出/决算数": "445.69"}),
        (None, "本年收入合计", {"收入/决算数": "2,946.25"}),
        (None, "本年支出合计", {"支出/决算数": "2,940.05"}),
        (None, "年初结转和结余", {"收入/决算数": "49.14"}),
        (None, "年末结转和结余", {"支出/决算数": "55.34"}),
        (None, "总计", {"收入/决算数": "2,995.39", "支出/决算数": "2,995.39"}),
    ],
    ("caizheng", "一般公共预算财政拨款支出决算表"): [
        ('201', "一般公共服务支出", {"合计": "2,106.66", "基本支出": "1,503.52", "项目支出": "603.14"}),
        ('20106', "财政事务", {"合计": "2,106.66", "基本支出": "1,503.52", "项目支出": "603.14"}),
        ('2010601', "行政运行", {"合计": "1,511.89", "基本支出": "1,503.52", "项目支出": "8.37"}),
        ('2010602', "一般行政管理事务", {"合计": "10.00", "项目支出": "10.00"}),
        ('2010607', "信息化建设", {"合计": "135.25", "项目支出": "135.25"}),
        ('2010608', "财政委托业务支出", {"合计": "449.52", "项目支出": "449.52"}),
        ('208', "社会保障和就业支出", {"合计": "326.72", "基本支出": "326.72"}),
        ('20805', "行政事业单位养老支出", {"合计": "326.72", "基本支出": "326.72"}),
        ('2080501', "行政单位离退休", {"合计": "84.65", "基本支出": "84.65"}),
        ('2080505', "机关事业单位基本养老保险缴费支出", {"合计": "160.75", "基本支出": "160.75"}),
        ('2080506', "机关事业单位职业年金缴费支出", {"合计": "80.38", "基本支出": "80.38"}),
        ('2080599', "其他行政事业单位养老支出", {"合计": "0.94", "基本支出": "0.94"}),
        ('210', "卫生健康支出", {"合计": "60.99", "基本支出": "60.99"}),
        ('21011', "行政事业单位医疗", {"合计": "60.99", "基本支出": "60.99"}),
        ('2101101', "行政单位医疗", {"合计": "60.99", "基本支出": "60.99"}),
        ('221', "住房保障支出", {"合计": "445.69", "基本支出": "445.69"}),
        ('22102', "住房改革支出", {"合计": "445.69", "基本支出": "445.69"}),
        ('2210201', "住房公积金", {"合计": "187.19", "基本支出": "187.19"}),
        ('2210203', "购房补贴", {"合计": "258.50", "基本支出": "258.50"}),
        (None, "合计", {"合计": "2,940.05", "基本支出": "2,336.91", "项目支出": "603.14"}),
    ],
    ("shegong", "收入支出决算总表"): [
        (None, "一、一般公共预算财政拨款收入", {"收入/决算数": "307.82"}),
        (None, "一、一般公共服务支出", {"支出/决算数": "264.87"}),
        (None, "八、社会保障和就业支出", {"支出/决算数": "10.82"}),
        (None, "九、卫生健康支出", {"支出/决算数": "2.71"}),
        (None, "十九、住房保障支出", {"支出/决算数": "29.42"}),
        (None, "本年收入合计", {"收入/决算数": "307.82"}),
        (None, "本年支出合计", {"支出/决算数": "307.82"}),
        (None, "总计", {"收入/决算数": "307.82", "支出/决算数": "307.82"}),
    ],
    ("shegong", "一般公共预算财政拨款支出决算表"): [
        ('201', "一般公共服务支出", {"合计": "264.87", "基本支出": "62.63", "项目支出": "202.24"}),
        ('20139', "社会工作事务", {"合计": "264.87", "基本支出": "62.63", "项目支出": "202.24"}),
        ('2013901', "行政运行", {"合计": "51.32", "基本支出": "51.32"}),
        ('2013950', "事业运行", {"合计": "11.31", "基本支出": "11.31"}),
        ('2013999', "其他社会工作事务支出", {"合计": "202.24", "项目支出": "202.24"}),
        ('208', "社会保障和就业支出", {"合计": "10.82", "基本支出": "10.82"}),
        ('20805', "行政事业单位养老支出", {"合计": "10.82", "基本支出": "10.82"}),
        ('2080505', "机关事业单位基本养老保险缴费支出", {"合计": "6.18", "基本支出": "6.18"}),
        ('2080506', "机关事业单位职业年金缴费支出", {"合计": "4.64", "基本支出": "4.64"}),
        ('210', "卫生健康支出", {"合计": "2.71", "基本支出": "2.71"}),
        ('21011', "行政事业单位医疗", {"合计": "2.71", "基本支出": "2.71"}),
        ('2101101', "行政单位医疗", {"合计": "2.22", "基本支出": "2.22"}),
        ('2101102', "事业单位医疗", {"合计": "0.49", "基本支出": "0.49"}),
        ('221', "住房保障支出", {"合计": "29.42", "基本支出": "29.42"}),
        ('22102', "住房改革支出", {"合计": "29.42", "基本支出": "29.42"}),
        ('2210201', "住房公积金", {"合计": "17.70", "基本支出": "17.70"}),
        ('2210203', "购房补贴", {"合计": "11.72", "基本支出": "11.72"}),
        (None, "合计", {"合计": "307.82", "基本支出": "105.58", "项目支出": "202.24"}),
    ],
    ("xinfang", "收入支出决算总表"): [
        (None, "一、一般公共预算财政拨款收入", {"收入/金额": "19,572.91"}),
        (None, "一、一般公共服务支出", {"支出/金额": "10,685.56"}),
        (None, "五、教育支出", {"支出/金额": "180.03"}),
        (None, "八、其他收入", {"收入/金额": "878.44"}),
        (None, "八、社会保障和就业支出", {"支出/金额": "2,228.57"}),
        (None, "九、卫生健康支出", {"支出/金额": "497.53"}),
        (None, "十九、住房保障支出", {"支出/金额": "980.85"}),
        (None, "本年收入合计", {"收入/金额": "20,451.35"}),
        (None, "本年支出合计", {"支出/金额": "14,572.53"}),
        (None, "年初结转和结余", {"收入/金额": "1,615.24"}),
        (None, "年末结转和结余", {"支出/金额": "7,494.06"}),
        (None, "总计", {"收入/金额": "22,066.59", "支出/金额": "22,066.59"}),
    ],
    ("xinfang", "一般公共预算财政拨款支出决算表"): [
        (None, "合计", {"本年支出/小计": "13,733.80", "本年支出/基本支出": "10,234.37", "本年支出/项目支出": "3,499.42"}),
        ('201', "一般公共服务支出", {"本年支出/小计": "9,846.82", "本年支出/基本支出": "6,527.43", "本年支出/项目支出": "3,319.39"}),
        ('20140', "信访事务", {"本年支出/小计": "9,846.82", "本年支出/基本支出": "6,527.43", "本年支出/项目支出": "3,319.39"}),
        ('2014001', "行政运行", {"本年支出/小计": "5,757.63", "本年支出/基本支出": "5,757.63"}),
        ('2014002', "一般行政管理事务", {"本年支出/小计": "4.70", "本年支出/项目支出": "4.70"}),
        ('2014003', "机关服务", {"本年支出/小计": "229.19", "本年支出/基本支出": "229.19"}),
        ('2014004', "信访业务", {"本年支出/小计": "2,066.84", "本年支出/项目支出": "2,066.84"}),
        ('2014099', "其他信访事务支出", {"本年支出/小计": "1,788.46", "本年支出/基本支出": "540.61", "本年支出/项目支出": "1,247.85"}),
        ('205', "教育支出", {"本年支出/小计": "180.03", "本年支出/项目支出": "180.03"}),
        ('20508', "进修及培训", {"本年支出/小计": "180.03", "本年支出/项目支出": "180.03"}),
        ('2050803', "培训支出", {"本年支出/小计": "180.03", "本年支出/项目支出": "180.03"}),
        ('208', "社会保障和就业支出", {"本年支出/小计": "2,228.57", "本年支出/基本支出": "2,228.57"}),
        ('20805', "行政事业单位养老支出", {"本年支出/小计": "2,228.57", "本年支出/基本支出": "2,228.57"}),
        ('2080501', "行政单位离退休", {"本年支出/小计": "1,028.48", "本年支出/基本支出": "1,028.48"}),
        ('2080503', "离退休人员管理机构", {"本年支出/小计": "211.51", "本年支出/基本支出": "211.51"}),
        ('2080505', "机关事业单位基本养老保险缴费支出", {"本年支出/小计": "659.05", "本年支出/基本支出": "659.05"}),
        ('2080506', "机关事业单位职业年金缴费支出", {"本年支出/小计": "329.53", "本年支出/基本支出": "329.53"}),
        ('210', "卫生健康支出", {"本年支出/小计": "497.53", "本年支出/基本支出": "497.53"}),
        ('21011', "行政事业单位医疗", {"本年支出/小计": "497.53", "本年支出/基本支出": "497.53"}),
        ('2101101', "行政单位医疗", {"本年支出/小计": "497.53", "本年支出/基本支出": "497.53"}),
        ('221', "住房保障支出", {"本年支出/小计": "980.85", "本年支出/基本支出": "980.85"}),
        ('22102', "住房改革支出", {"本年支出/小计": "980.85", "本年支出/基本支出": "980.85"}),
        ('2210201', "住房公积金", {"本年支出/小计": "586.32", "本年支出/基本支出": "586.32"}),
        ('2210202', "提租补贴", {"本年支出/小计": "63.52", "本年支出/基本支出": "63.52"}),
        ('2210203', "购房补贴", {"本年支出/小计": "331.00", "本年支出/基本支出": "331.00"}),
    ],
}


@pytest.fixture(scope="module")
def documents():
    return {key: process_document(shared_file("real", "final", name)) for key, name in FILES.items()}


@pytest.mark.parametrize("key,table", sorted(EXPECTED))
def test_every_numeric_cell_is_read_exactly(documents, key, table):
    doc = documents[key]
    got: dict[tuple, dict[str, str]] = {}
    for ln in doc.statement_lines:
        if ln.table == table and ln.value_raw:
            got.setdefault((ln.code, ln.label), {})[ln.column_path] = ln.value_raw
            assert ln.unit_printed == "万元"
            assert ln.value_yuan == Decimal(ln.value_raw.replace(",", "")) * 10000
    want = {(code, label): values for code, label, values in EXPECTED[(key, table)]}
    assert got == want


@pytest.mark.parametrize("key", sorted(FILES))
def test_all_nine_tables_are_found_in_order_with_empty_ones_marked(documents, key):
    tables = [t for t in documents[key].statement_tables if t.standard]
    assert [t.table for t in tables] == [n for n in STATEMENT_TITLES if n != "财政拨款“三公”经费支出决算表"
                                         or key != "xinfang"] + (["财政拨款“三公”经费支出决算表"]
                                                                 if key == "xinfang" else [])
    status = {t.table: t.status for t in tables}
    assert status["政府性基金预算财政拨款收入支出决算表"] == "empty"
    assert status["国有资本经营预算财政拨款收入支出决算表"] == "empty"
    assert status["收入支出决算总表"] == status["一般公共预算财政拨款支出决算表"] == "present"
    assert "missing" not in status.values()
    # 信访局's 绩效评价报告 prints 表1：项目年度绩效指标表 (targets, text only) and 表2：综合评价得分情况表:
    # tables outside the canon, under their own names; the 上海 documents list their units in a
    # table under the heading 二、部门决算单位构成.
    others = [(t.table, t.title, t.status) for t in documents[key].statement_tables if not t.standard]
    assert others == ([("项目年度绩效指标表", "表1：项目年度绩效指标表", "present"),
                       ("综合评价得分情况表", "表2：综合评价得分情况表", "present")] if key == "xinfang" else
                      [("部门决算单位构成", "二、部门决算单位构成", "present")])


def test_a_table_continued_on_the_next_page_is_stitched(documents):
    doc = documents["caizheng"]
    table = {t.table: t for t in doc.statement_tables}["财政拨款收入支出决算总表"]
    assert (table.first_page, table.last_page) == (12, 14)
    totals = [ln for ln in doc.statement_lines if ln.table == table.table and ln.label == "总计"]
    assert [ln.value_raw for ln in totals if ln.value_raw] == ["2,961.68"] * 3
    assert {ln.page for ln in totals} == {13}


def test_template_tables_are_all_present_and_empty():
    doc = process_document(shared_file("real", "final", "部门决算模板.pdf"))
    standard = [t for t in doc.statement_tables if t.standard]
    assert [t.status for t in standard] == ["empty"] * 9
    assert [t.table for t in standard] == list(STATEMENT_TITLES)
    # The template's example list of units (决算单位构成) is the one table it fills in.
    units = [ln.value_raw for ln in doc.statement_lines if ln.table == "部门决算单位构成" and ln.column_path == "单位名称"]
    assert len(units) == 8 and all(u for u in units)


def test_cross_checks_pass_where_the_document_agrees_and_report_its_rounding_gaps(documents):
    checks = {c.check_id: c for c in documents["shegong"].document_checks}
    assert checks["T.total_sum"].status == checks["T.balance"].status == "pass"
    assert checks["X.summary_table"].status == checks["X.general_budget_total"].status == "pass"
    assert checks["X.items_table"].detail.startswith("9 comparisons: ")  # every 项 the prose explains
    # The 基本支出 table prints 302 商品和服务支出 10.23 over items that sum to 10.22.
    assert checks["T.class_subtotals"].status == "fail"
    assert "302: 10.23 万元 ≠ Σ 10.22 万元" in checks["T.class_subtotals"].detail
    caizheng = {c.check_id: c for c in documents["caizheng"].document_checks}
    assert caizheng["T.balance"].status == "pass"
    assert caizheng["X.summary_table"].status == caizheng["X.items_table"].status == "pass"
    assert caizheng["X.three_public_total"].status == "pass"
    # The prose prints 财政拨款收入支出总计 0.3 万元 (page 21); its table says 2,961.68.
    assert caizheng["X.grand_totals"].detail == "财政拨款收入支出总计: prose 0.30 万元 ≠ table 2,961.68 万元"
    xinfang = {c.check_id: c for c in documents["xinfang"].document_checks}
    assert xinfang["X.summary_table"].detail.startswith("11 comparisons: ")  # 本年收入合计, 其他收入 …
    assert xinfang["X.three_public_total"].status == "pass"  # 46.21 万元 in prose and table
    assert xinfang["T.balance"].status == "pass"
    # 合计 2,940.05 over 类 rows that sum to 2,940.06: printed, reported, not corrected.
    assert "一般公共预算财政拨款支出决算表 合计: 合计 2,940.05 万元 ≠ Σ 类 2,940.06 万元" \
        in caizheng["T.total_sum"].detail


@pytest.mark.parametrize("title,name", [
    ("一般公共预算财政拨款“三公”经费支出决算表", "财政拨款“三公”经费支出决算表"),
    ("财政拨款收入支出决算总表", "财政拨款收入支出决算总表"),
    ("上海市XX局2024年度收入支出决算总表", "收入支出决算总表"),
    ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"),
    ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算表"),
    ("项目支出绩效自评表", None),
])
def test_titles_match_the_most_specific_table_name(title, name):
    assert match_title(title) == name
