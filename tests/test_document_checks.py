"""Documents made comparable and checked against themselves (issue 10).

* facts.metric names the same figure the same way in every document: on the three shared 决算
  it equals the hand-read ../shared/real/final/metrics_gold.json (skipped without ../shared);
* the document checks D.fiscal_year, D.unit_name, D.required_tables, N.direction_words,
  N.shares and X.three_public_total: the careless-publisher sample fails exactly the ones its
  edits break, its unedited twin passes them all;
* a table printed over several pages with its title repeated on each is one table.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import DOCUMENT_SAMPLES, shared_file
from extract.checks.consistency import check_fiscal_year, check_unit_name, Place
from extract.datamodel import NarrativeSection
from extract.document.facts import read_narrative, scope_of_headings, subject_and_measure
from extract.document.metrics import metrics_of, phrase_key, readings_markdown
from extract.vocabulary.metrics import METRIC_NAMES
from extract.pipeline import process_document
from extract.checks.prose import _agrees, shares
from extract.document.statements import is_continued_table_title, match_title, other_table_title

FINAL_FILES = ("2024_国家信访局_部门决算.pdf", "2024_上海市普陀区财政局_部门决算.pdf",
               "2024_中共上海市普陀区委社会工作部_部门决算.pdf")
NEW_CHECKS = ("D.fiscal_year", "D.unit_name", "D.required_tables", "N.direction_words", "N.shares",
              "X.three_public_total")


@pytest.fixture(scope="module")
def finals():
    return {name: process_document(shared_file("real", "final", name)) for name in FINAL_FILES}


@pytest.fixture(scope="module")
def twins():
    twin, careless = (process_document(p) for p in DOCUMENT_SAMPLES)
    return twin, careless


def _checks(doc) -> dict[str, object]:
    return {c.check_id: c for c in doc.document_checks}


# ------------------------------------------------------------------ metrics on the shared 决算


@pytest.mark.parametrize("name", FINAL_FILES)
def test_metrics_equal_the_hand_read_gold(finals, name):
    gold = json.loads(shared_file("real", "final", "metrics_gold.json").read_text(encoding="utf-8"))[name]
    got: dict[str, set[Decimal]] = {}
    for fact in finals[name].narrative.facts:
        if fact.metric:
            got.setdefault(fact.metric, set()).add(fact.metric_value)
    for metric, want in gold.items():
        if metric.startswith("_"):
            continue
        if want is None:
            assert metric not in got, f"{metric}: the prose states none, got {got.get(metric)}"
            continue
        scale = Decimal(10000) if want.get("unit", "万元") == "万元" else Decimal(1)
        assert got.get(metric) == {Decimal(want["value"].replace(",", "")) * scale}, metric
    assert set(got) <= set(METRIC_NAMES)


def test_a_joint_total_gives_both_metrics_and_the_change_is_signed(finals):
    facts = finals["2024_国家信访局_部门决算.pdf"].narrative.facts
    joint = [f for f in facts if f.key == "收、支总计"]
    assert [f.metric for f in joint] == ["收入总计", "支出总计"]
    assert len({f.fact_no for f in facts}) == len(facts)  # renumbered, one row per metric
    change = next(f for f in facts if f.metric == "一般公共预算财政拨款支出较上年增减")
    assert (change.value, change.metric_value, change.key) == (Decimal("2874100.00"), Decimal("-2874100.00"),
                                                                "财政拨款支出较上年减少")


def test_none_stated_is_zero(finals):
    facts = finals["2024_中共上海市普陀区委社会工作部_部门决算.pdf"].narrative.facts
    none = next(f for f in facts if f.metric == "三公经费决算数")
    assert (none.value, none.value_raw, none.page) == (Decimal(0), "无", 20)


def _section(text: str, *path: str) -> NarrativeSection:
    return NarrativeSection(path or ("一、收入支出决算总体情况说明",), text, ((0, 1),))


def test_a_change_against_the_budget_is_not_a_change_against_last_year():
    facts = read_narrative([_section("机关运行经费支出 80.00 万元，比年初预算增加 5.00 万元。")], None).facts
    assert [(f.key, f.metric) for f in facts] == [("机关运行经费支出", "机关运行经费支出"),
                                                  ("机关运行经费较年初预算增加", None)]


@pytest.mark.parametrize("key,path,metric", [
    ("政府采购金额（以合同签订为准）", (), "政府采购支出总额"),
    ("财政拨款收支总决算", (), "财政拨款收入支出总计"),
    ("财政拨款支出", ("五、一般公共预算财政拨款支出决算情况说明",), "一般公共预算财政拨款支出"),
    ("财政拨款支出", ("四、财政拨款收入支出决算总体情况说明",), None),
    ("基本支出", ("六、一般公共预算财政拨款基本支出决算情况说明",), "一般公共预算财政拨款基本支出"),
    ("基本支出", ("三、支出决算情况说明",), "基本支出"),
    ("公务用车购置及运行费支出决算", (), "公务用车购置及运行维护费决算数"),
    ("公务用车购置费", (), "公务用车购置费决算数"),
])
def test_metric_phrasings(key, path, metric):
    """A key's subject and measure, its headings' scope, looked up in the table (READINGS)."""
    subject, measure = subject_and_measure(key)
    found = metrics_of(subject, measure, scope_of_headings(tuple(reversed(path))), "元")
    assert found.main == ([metric] if metric else [])


def test_phrase_key_ignores_quotes_brackets_and_spaces():
    assert phrase_key("财政拨款“三公”经费 支出") == phrase_key("财政拨款三公经费支出") == "财政拨款三公经费支出"
    assert phrase_key("因公出国（境）费") == "因公出国费"


# ------------------------------------------------------------------ checks on the shared 决算


def test_new_checks_pass_on_the_shared_documents_except_their_own_slips(finals):
    for name, doc in finals.items():
        checks = _checks(doc)
        for check_id in ("D.fiscal_year", "D.unit_name", "D.required_tables", "N.direction_words"):
            assert checks[check_id].status == "pass", (name, check_id, checks[check_id].detail)
    # 财政局 prints 一般公共服务支出（类）2106.66 万元，占 71.73% of 2940.05 (= 71.65%); the other
    # three shares of that sentence add up, so the document contradicts itself there.
    caizheng = _checks(finals["2024_上海市普陀区财政局_部门决算.pdf"])
    assert caizheng["N.shares"].status == "fail"
    assert caizheng["N.shares"].detail.startswith("p.21 （二）一般公共预算财政拨款支出决算结构情况: 2106.66 万元 占 71.73%")
    assert "11.11" not in caizheng["N.shares"].detail
    for name in ("2024_国家信访局_部门决算.pdf", "2024_中共上海市普陀区委社会工作部_部门决算.pdf"):
        assert _checks(finals[name])["N.shares"].status == "pass"
    # 社会工作部 states 无“三公”经费 and prints the 三公 table empty: they agree.
    shegong = _checks(finals["2024_中共上海市普陀区委社会工作部_部门决算.pdf"])
    assert shegong["X.three_public_total"].status == "pass"
    assert "46.21 万元" in _checks(finals["2024_国家信访局_部门决算.pdf"])["X.three_public_total"].detail
    # 基本支出: 社会工作部 states 105.58 万元 and prints its parts 95.36 + 10.23 (= 105.59): rounding,
    # not a contradiction; 信访局's parts add up exactly.
    assert shegong["X.basic_expenditure"].status == "pass"
    assert "105.58 万元 (Σ parts 105.59 万元, within their rounding)" in shegong["X.basic_expenditure"].detail
    xinfang = _checks(finals["2024_国家信访局_部门决算.pdf"])["X.basic_expenditure"]
    assert xinfang.status == "pass" and xinfang.detail.startswith("3 comparisons: 人员经费 7,967.72 万元")


def test_the_template_names_a_placeholder_unit():
    doc = process_document(shared_file("real", "final", "部门决算模板.pdf"))
    detail = _checks(doc)["D.unit_name"].detail
    assert _checks(doc)["D.unit_name"].status == "fail" and "placeholder '上海市XX局'" in detail


# ------------------------------------------------------------------ the careless publisher


def test_the_careless_publisher_fails_exactly_what_the_edits_break(twins):
    twin, careless = twins
    assert [c.check_id for c in twin.document_checks if c.status == "fail"] == []
    for check_id in NEW_CHECKS:
        assert _checks(twin)[check_id].status == "pass", check_id
    failed = [c.check_id for c in careless.document_checks if c.status == "fail"]
    assert sorted(failed) == sorted(["D.fiscal_year", "D.unit_name", "D.required_tables",
                                     "N.direction_words", "X.three_public_total", "X.grand_totals"])
    checks = _checks(careless)
    assert checks["D.fiscal_year"].detail == ("the document's year is 2024; p.2 heading "
                                              "'一、2023年度收入支出决算总体情况说明' says 2023; "
                                              "p.3 截至 '截至2023年12月31日' says 2023")
    assert "p.6 table title names a placeholder '示例市XX局'" in checks["D.unit_name"].detail
    assert checks["D.required_tables"].detail == "not printed: 支出决算表"
    assert checks["N.direction_words"].detail == ("p.3 （三）一般公共预算财政拨款支出决算具体情况: "
                                                  "决算 500.00 万元 大于 预算 520.00 万元 is not so")
    assert checks["X.three_public_total"].detail == (
        "“三公”经费 决算数 (table printed empty): prose 22.50 万元 ≠ table 0.00 万元; "
        "“三公”经费 预算数 (table printed empty): prose 25.00 万元 ≠ table 0.00 万元")
    assert "收入总计: prose 0.00 万元 ≠ table 1,280.00 万元" in checks["X.grand_totals"].detail


def test_the_twins_print_every_table_under_a_variant_title(twins):
    twin, careless = twins
    tables = {t.table: t for t in twin.statement_tables}
    assert all(t.standard and t.status in ("present", "empty") for t in tables.values())
    assert tables["财政拨款收入支出决算总表"].title == "表4财政拨款收支决算总表"
    assert tables["一般公共预算财政拨款支出决算表"].title == "表5一般公共预算财政拨款支出决算明细表（按功能分类）"
    assert tables["财政拨款“三公”经费支出决算表"].status == "present"
    assert {t.table: t.status for t in careless.statement_tables}["财政拨款“三公”经费支出决算表"] == "empty"


def test_a_table_repeating_its_title_on_every_page_is_one_table(twins):
    twin, _ = twins
    summary = [t for t in twin.statement_tables if t.table == "收入支出决算总表"]
    assert len(summary) == 1 and (summary[0].first_page, summary[0].last_page) == (4, 5)
    lines = [ln for ln in twin.statement_lines if ln.table == "收入支出决算总表"]
    by_page = {p: sorted({ln.row_no for ln in lines if ln.page == p}) for p in (4, 5)}
    assert by_page[4][0] == 1 and by_page[5][0] == by_page[4][-1] + 1 and by_page[5][-1] == 30
    totals = [ln for ln in lines if ln.label == "总计"]
    assert [ln.value_raw for ln in totals] == ["1,280.00", "1,280.00"] and {ln.page for ln in totals} == {5}


# ------------------------------------------------------------------ small pure functions


@pytest.mark.parametrize("title,name", [
    ("表4 财政拨款收支决算总表", "财政拨款收入支出决算总表"),
    ("附表3 一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款支出决算表"),
    ("一般公共预算财政拨款支出决算表（按功能分类）", "一般公共预算财政拨款支出决算表"),
    ("财政拨款“三公”经费及会议费、培训费支出决算表", "财政拨款“三公”经费支出决算表"),
    ("公开09表 财政拨款“三公”经费及会议费、培训费支出决算表", "财政拨款“三公”经费支出决算表"),
    ("收入支出决算总表（公开01表）", "收入支出决算总表"),
    ("部门公开表05 一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表"),
    ("上海市普陀区规划和自然资源局2024年度收入支出决算总表", "收入支出决算总表"),
    ("机关运行经费支出决算表", None),
    ("政府采购情况表", None),
])
def test_title_variants_map_to_the_whole_canonical_name(title, name):
    assert match_title(title) == name


def test_a_table_outside_the_canon_keeps_its_printed_title():
    assert other_table_title("表10 示例局2024年度机关运行经费支出决算表") == "机关运行经费支出决算表"
    assert other_table_title("项目支出绩效自评表") is None
    assert other_table_title("详见附表，单位：万元") is None
    assert is_continued_table_title("续表") and is_continued_table_title("收入决算表（续）")


@pytest.mark.parametrize("part,whole,printed,ok", [
    ("29.42", "307.82", "9.55", True),  # 9.557: cut
    ("29.42", "307.82", "9.56", True),  # rounded
    ("2106.66", "2940.05", "71.73", False),
    ("19572.91", "20451.35", "95.7", True),
])
def test_a_share_agrees_rounded_or_cut_to_its_printed_decimals(part, whole, printed, ok):
    assert _agrees(Decimal(part), Decimal(whole), printed) is ok


def test_shares_fail_when_no_stated_whole_gives_them():
    narrative = read_narrative([_section("本年支出合计 100.00 万元，其中：基本支出 60.00 万元，占 61.00%。")], None)
    check = shares((_section("本年支出合计 100.00 万元，其中：基本支出 60.00 万元，占 61.00%。"),), narrative)
    assert check.status == "fail" and "60.00 万元 占 61.00%" in check.detail


def test_year_and_unit_places_are_compared_with_the_document():
    places = [Place(3, "heading", "一、2023年度收入支出决算总体情况说明", "2023"),
              Place(4, "table title", "2024年度", "2024")]
    assert check_fiscal_year(2024, places).status == "fail"
    assert check_fiscal_year(2023, places[:1]).status == "pass"
    units = [Place(5, "prose", "我局2024年度", "我局"), Place(6, "table title", "信访局收入决算表", "信访局")]
    assert check_unit_name("国家信访局", units).status == "pass"
    assert check_unit_name("国家信访局", [Place(7, "编制 line", "编制单位：示例局", "示例局")]).status == "fail"


def test_a_structure_paragraph_gives_each_class_and_its_share(finals):
    """信访局 lists its 类 in one paragraph (主要用于以下方面：一般公共服务（类）支出 …，占 71.7%；…),
    not as numbered entries: every class is read, and they add up to the spending."""
    doc = finals["2024_国家信访局_部门决算.pdf"]
    structure = [(f.key, f.value_raw) for f in doc.narrative.facts if f.topic == "structure"]
    assert structure[:4] == [("一般公共服务（类）", "9846.82"), ("一般公共服务（类）占比", "71.7"),
                             ("教育（类）", "180.03"), ("教育（类）占比", "1.31")]
    assert len(structure) == 10
    checks = _checks(doc)
    assert checks["N.structure_sum"].status == "pass"
    # The items of 住房保障 add to 980.84 against the class's 980.85: the document's own 0.01 gap.
    assert checks["N.structure_vs_items"].detail == "住房保障: 980.85 万元 ≠ Σ items 980.84 万元"


def test_basic_expenditure_fails_where_the_prose_and_the_table_disagree_beyond_rounding():
    from extract.checks.crosscheck import basic_expenditure
    from extract.checks.evidence import DocumentEvidence
    from extract.datamodel import Narrative, NarrativeFact, StatementLine

    def fact(metric, wan_yuan, scope="general_budget"):
        value = Decimal(wan_yuan) * 10000
        return NarrativeFact(0, "六、一般公共预算财政拨款基本支出决算情况说明", "figure", metric, metric, value,
                             "元", wan_yuan, "万元", "", 1, metric=metric, metric_value=value, scope=scope)

    def line(label, raw):
        return StatementLine("一般公共预算财政拨款基本支出决算表", "", 1, None, label, "决算数",
                             Decimal(raw) * 10000, raw, "万元", 9)

    lines = (line("人员经费合计", "95.36"), line("公用经费合计", "10.23"))
    def verdict(*facts):
        return basic_expenditure(DocumentEvidence((), (), 2024, None, (), Narrative(tuple(facts), ()), (), lines))
    assert verdict(fact("人员经费", "95.36"), fact("一般公共预算财政拨款基本支出", "105.58")).status == "pass"
    wrong = verdict(fact("人员经费", "95.46"), fact("一般公共预算财政拨款基本支出", "105.68"))
    assert wrong.status == "fail" and wrong.detail.startswith("人员经费: prose 95.46 万元 ≠ table 95.36 万元")
    assert "Σ table parts 105.59 万元" in wrong.detail
    # a 人员经费 of another section (the whole department's) is not compared
    assert verdict(fact("人员经费", "99.99", scope="department")).status == "not_applicable"


def test_a_year_in_a_projects_name_is_not_the_title_stating_another_year():
    """…（2021年…补助资金）项目绩效自评表（2022年度）: the title's own year is the bracketed one
    it ends with; a line naming two years and none as its own states no year."""
    from extract.checks.consistency import stated_year
    assert stated_year("农村公路（2021年度中央补助资金）项目绩效自评表（2022年度）") == ["2022"]
    assert stated_year("一、2023年度收入支出决算总体情况说明") == ["2023"]
    assert stated_year("2022年和2023年项目对比") == []


def test_unit_names_a_sentence_fragment_is_none_and_a_placeholder_heading_is_named(tmp_path):
    from extract.checks.consistency import _fragment
    assert _fragment("组织对本部门") and not _fragment("本部门") and not _fragment("中共上海市普陀区委组织部")
    doc = process_document(shared_file("real", "final", "部门决算模板.pdf"))
    detail = _checks(doc)["D.unit_name"].detail
    assert "p.2 heading names a placeholder '第二部分上海市XX局2024年度部门决算表'" in detail


def test_the_readme_prints_the_metric_table_the_reader_uses():
    """The README's table of subjects × measures × scopes is READINGS itself."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert readings_markdown() in readme


def test_three_public_total_compares_the_budget_too_and_an_empty_table_is_zero():
    """A prose 三公 budget over a table printed empty fails, though the prose states no spending;
    a budget stated as a 年初预算 only is not compared with the table's (全年) 预算数."""
    from extract.checks.crosscheck import three_public_total
    from extract.checks.evidence import DocumentEvidence
    from extract.datamodel import Narrative, NarrativeFact, StatementLine, StatementTable

    def fact(metric, wan_yuan, measure):
        value = Decimal(wan_yuan) * 10000
        return NarrativeFact(0, "七、“三公”经费支出决算情况说明", "figure", metric, metric, value, "元",
                             wan_yuan, "万元", "", 1, metric=metric, metric_value=value, measure=measure,
                             scope="three_public")

    def line(column, raw):
        return StatementLine("财政拨款“三公”经费支出决算表", "", 1, None, "", column,
                             Decimal(raw) * 10000, raw, "万元", 9)

    empty = (StatementTable("财政拨款“三公”经费支出决算表", "", "empty", True, "万元", 9, 9, 0, None),)

    def verdict(facts, tables=(), lines=()):
        return three_public_total(DocumentEvidence((), (), 2024, None, (), Narrative(tuple(facts), ()),
                                                   tables, lines))
    budget = fact("三公经费预算数", "25.00", "budget")
    failed = verdict([budget], tables=empty)
    assert failed.status == "fail" and failed.detail == (
        "“三公”经费 预算数 (table printed empty): prose 25.00 万元 ≠ table 0.00 万元")
    assert verdict([fact("三公经费预算数", "25.00", "initial_budget")], tables=empty).status == "not_applicable"
    printed = (line("合计/预算数", "25.00"), line("合计/决算数", "22.50"))
    assert verdict([budget, fact("三公经费决算数", "22.50", "")], lines=printed).status == "pass"
    off = verdict([fact("三公经费预算数", "26.00", "budget")], lines=printed)
    assert off.status == "fail" and off.detail == "“三公”经费 预算数: prose 26.00 万元 ≠ table 25.00 万元"


def test_summary_table_compares_only_the_whole_departments_own_figures():
    """年末结转和结余 0 of the 政府性基金 section is not the 总表's row; the department's is."""
    from extract.checks.crosscheck import summary_table
    from extract.checks.evidence import DocumentEvidence
    from extract.datamodel import Narrative, NarrativeFact, StatementLine
    from extract.vocabulary.statements import SUMMARY_TABLE

    def fact(wan_yuan, scope):
        value = Decimal(wan_yuan) * 10000
        return NarrativeFact(0, "", "figure", "年末结转和结余", "年末结转和结余", value, "元", wan_yuan, "万元",
                             "", 1, scope=scope)
    lines = (StatementLine(SUMMARY_TABLE, "", 30, None, "年末结转和结余", "决算数", Decimal(120000), "12.00",
                           "万元", 2),)

    def verdict(*facts):
        return summary_table(DocumentEvidence((), (), 2024, None, (), Narrative(facts, ()), (), lines))
    assert verdict(fact("0", "government_fund")).status == "not_applicable"
    assert verdict(fact("12.00", "department"), fact("0", "government_fund")).status == "pass"
    assert verdict(fact("13.00", "expenditure")).status == "fail"


def test_cross_tables_compares_the_same_class_across_tables():
    """The 总表's 支出 side and 支出决算表's 本年支出合计 print the same 类 amounts; a 款 row or a
    class named in one table only is not compared."""
    from extract.checks.crosscheck import cross_tables
    from extract.checks.evidence import DocumentEvidence
    from extract.datamodel import Narrative, StatementLine

    def line(table, code, label, column, raw):
        return StatementLine(table, "", 1, code, label, column, Decimal(raw) * 10000, raw, "万元", 3)

    def verdict(*lines):
        return cross_tables(DocumentEvidence((), (), 2024, None, (), Narrative((), ()), (), lines))
    summary = (line("收入支出决算总表", None, "一、一般公共服务支出", "支出/决算数", "326.71"),
               line("收入支出决算总表", None, "二、教育支出", "支出/决算数", "10.00"))
    agree = (line("支出决算表", "201", "一般公共服务支出", "本年支出合计", "326.71"),
             line("支出决算表", "20101", "人大事务", "本年支出合计", "1.00"))
    assert verdict(*summary, *agree).status == "pass"
    off = verdict(*summary, line("支出决算表", "201", "一般公共服务支出", "本年支出合计", "326.72"))
    assert off.status == "fail" and off.detail == (
        "一般公共服务 (收入支出决算总表 p.3 / 支出决算表 p.3): 326.71 万元 ≠ 326.72 万元")
    assert verdict(*summary).status == "not_applicable"


def test_cross_tables_catches_the_shared_documents_one_class_printed_two_ways(finals):
    detail = _checks(finals["2024_上海市普陀区财政局_部门决算.pdf"])["T.cross_tables"].detail
    assert detail.startswith("社会保障和就业 (收入支出决算总表 p.6 / 支出决算表 p.10): 326.71 万元 ≠ 326.72 万元")
    for name in ("2024_国家信访局_部门决算.pdf", "2024_中共上海市普陀区委社会工作部_部门决算.pdf"):
        assert _checks(finals[name])["T.cross_tables"].status == "pass"


def test_items_sum_reads_items_under_any_heading_of_the_general_budget_section():
    """Items 0.03 万元 off the stated total fail N.items_sum whatever their heading says."""
    from extract.checks.crosscheck import items_sum
    from extract.checks.evidence import DocumentEvidence
    parent = "五、一般公共预算财政拨款支出决算情况说明"

    def verdict(second_item):
        narrative = read_narrative([
            NarrativeSection(("第二部分", parent), "一般公共预算财政拨款支出 100.00 万元。", ((0, 5),)),
            NarrativeSection(("第二部分", parent, "（三）主要支出事项"),
                             "1.一般公共服务（类）人大事务（款）行政运行（项）。支出决算为 56.00 万元。"
                             f"2.教育（类）普通教育（款）小学（项）。支出决算为 {second_item} 万元。", ((0, 5),))],
            None)
        return items_sum(DocumentEvidence((), (), 2024, None, (), narrative, (), ()))
    assert verdict("44.00").status == "pass"
    off = verdict("43.97")
    assert off.status == "fail" and "99.97" in off.detail and "100.00" in off.detail


def test_unit_name_accepts_the_units_the_document_lists_and_fails_a_dropped_district():
    from extract.checks.consistency import own_units
    from extract.datamodel import StatementLine
    cover = "上海市普陀区财政局"
    listed = own_units((StatementLine("部门决算单位构成", "", 1, None, "", "单位名称", None, "上海市普陀区国库收付中心",
                                      None, 3),
                        StatementLine("部门决算单位构成", "", 1, None, "", "备注", None, "预算不单列", None, 3)))
    assert listed == ("上海市普陀区国库收付中心",)
    subordinate = Place(5, "prose", "上海市普陀区国库收付中心2024年度…", "上海市普陀区国库收付中心")
    assert check_unit_name(cover, [subordinate]).status == "fail"  # a unit the document does not list
    assert check_unit_name(cover, [subordinate], listed).status == "pass"
    for agreeing in ("普陀区财政局", "财政局", "上海市普陀区财政局（本级）", "本部门"):
        assert check_unit_name(cover, [Place(3, "table title", "", agreeing)]).status == "pass", agreeing
    for other in ("上海市财政局", "上海市普陀区财政"):  # its district dropped; clipped
        verdict = check_unit_name(cover, [Place(3, "table title", "", other)])
        assert verdict.status == "fail" and f"names '{other}', the cover '{cover}'" in verdict.detail


def test_a_placeholder_anywhere_in_the_prose_fails_unit_name():
    from extract.checks.consistency import unit_places
    section = NarrativeSection(("第一部分 概况", "一、部门职责"), "根据有关规定，纳入XX局决算编制范围的单位共 2 家。",
                               ((0, 4),))
    places = unit_places([], (section,))
    assert [(p.page, p.value) for p in places] == [(4, "纳入XX局")]
    assert check_unit_name("上海市普陀区财政局", places).status == "fail"


def test_part_tables_compares_the_whole_departments_basic_spending_with_the_expenditure_table():
    """Prose 基本支出 5,377.64 against 支出决算表's 合计 row 5,364.75 is a contradiction; the
    same figure of a 一般公共预算 section is another figure and not compared."""
    from extract.checks.crosscheck import part_tables
    from extract.checks.evidence import DocumentEvidence
    from extract.datamodel import Narrative, NarrativeFact, StatementLine

    def fact(wan_yuan, scope):
        value = Decimal(wan_yuan) * 10000
        return NarrativeFact(0, "", "figure", "基本支出", "基本支出", value, "元", wan_yuan, "万元", "", 2,
                             metric="基本支出", metric_value=value, scope=scope)
    lines = (StatementLine("支出决算表", "", 9, None, "合计", "基本支出", Decimal("53647500"), "5,364.75", "万元", 8),)

    def verdict(*facts):
        return part_tables(DocumentEvidence((), (), 2024, None, (), Narrative(facts, ()), (), lines))
    assert verdict(fact("5364.75", "expenditure")).status == "pass"
    off = verdict(fact("5377.64", "department"))
    assert off.status == "fail" and off.detail == "基本支出 (p.2 / 支出决算表 p.8): prose 5,377.64 万元 ≠ table 5,364.75 万元"
    assert verdict(fact("5377.64", "general_budget")).status == "not_applicable"


def test_units_the_prose_lists_as_its_own_agree_with_the_cover():
    from extract.checks.consistency import own_units
    section = NarrativeSection(("第一部分 部门概况", "二、机构设置"),
                               "本部门所属单位包括：上海市普陀区国库收付中心、上海市普陀区财政局财政所和本级。", ((0, 2),))
    listed = own_units((), (section,))
    assert listed == ("上海市普陀区国库收付中心", "上海市普陀区财政局财政所")
    place = Place(9, "prose", "", "上海市普陀区国库收付中心")
    assert check_unit_name("上海市普陀区财政局", [place], listed).status == "pass"
    assert check_unit_name("上海市普陀区财政局", [place]).status == "fail"


def test_a_placeholder_amount_is_no_placeholder_unit():
    from extract.checks.consistency import unit_places
    section = NarrativeSection(("第二部分", "一、收入支出决算总体情况说明"), "收入总计 XXX 万元，增长 XX%。", ((0, 4),))
    assert unit_places([], (section,)) == []
