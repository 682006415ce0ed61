"""The prose grammar of facts.py, on sentences as the documents print them."""

from __future__ import annotations

from decimal import Decimal

from extract.datamodel import NarrativeSection
from extract.document.facts import clean_label, read_narrative, subject_of


def _facts(*texts: str, unit: str | None = None) -> dict[str, Decimal]:
    sections = [NarrativeSection(("第二部分", f"{i}、x"), t, ((0, 5),)) for i, t in enumerate(texts)]
    return {f.key: f.value for f in read_narrative(sections, unit).facts}


def test_scope_words_are_dropped_from_labels():
    assert clean_label("2023 年度收入总计", None) == "收入总计"
    assert clean_label("XX局（参公单位）机关运行经费支出", "XX局") == "机关运行经费支出"
    assert clean_label("单位全年安排的因公出国（境）团组", None) == "因公出国（境）团组"
    assert clean_label("1.一般公共预算财政拨款收入", None) == "一般公共预算财政拨款收入"


def test_an_expense_subject_drops_its_spending_words():
    assert subject_of("财政拨款“三公”经费支出") == "“三公”经费"
    assert subject_of("公务接待费支出") == "公务接待费"
    assert subject_of("基本支出") == "基本支出"


def test_changes_shares_and_measures_take_their_subject():
    got = _facts("2024 年度“三公”经费支出 9.18 万元，比上年减少 0.18 万元，下降 2.00%，"
                 "主要原因是：接待 3 批次减少。其中：公务接待费支出 0.38 万元，占 4.14%。",
                 "房屋 23,005.82 平方米，价值 7,696.93 万元。车辆 3 辆，价值 51.14 万元。")
    assert got == {"“三公”经费支出": Decimal("91800.00"), "“三公”经费较上年减少": Decimal("1800.00"),
                   "“三公”经费较上年下降": Decimal("0.02"), "公务接待费支出": Decimal("3800.00"),
                   "公务接待费占比": Decimal("0.0414"), "房屋（平方米）": Decimal("23005.82"),
                   "房屋价值": Decimal("76969300.00"), "车辆（辆）": Decimal("3"),
                   "车辆价值": Decimal("511400.00")}


def test_a_restated_figure_is_kept_once_and_a_threshold_is_not_a_figure():
    got = _facts("公务接待费支出 0.38 万元。", "公务接待费 0.38 万元，单价 100 万元（含）以上设备 2 台（套）。")
    assert got == {"公务接待费支出": Decimal("3800.00"),
                   "单价 100 万元（含）以上设备（台（套））": Decimal("2")}


def test_budget_and_outturn_phrasing_of_other_provinces():
    got = _facts("2024 年度“三公”经费财政拨款支出预算为 76.43 万元，支出决算为 46.21 万元，"
                 "完成预算的 60.46%。其中：因公出国（境）费决算为 4.69 万元，完成预算的 15.63%。")
    assert got == {"“三公”经费预算": Decimal("764300.00"), "“三公”经费支出决算": Decimal("462100.00"),
                   "“三公”经费预算完成率": Decimal("0.6046"), "因公出国（境）费决算": Decimal("46900.00"),
                   "因公出国（境）费预算完成率": Decimal("0.1563")}


def test_changes_against_a_named_year_and_classification_phrases():
    got = _facts("其他收入 878.44 万元，比 2023 年度决算数增加 326.11 万元，增长 59.04%。",
                 "本年支出合计 14572.53 万元，按功能分类支出划分为一般公共服务支出 10685.56 万元，占 73.33%。")
    assert got == {"其他收入": Decimal("8784400.00"), "其他收入较上年增加": Decimal("3261100.00"),
                   "其他收入较上年增长": Decimal("0.5904"), "本年支出合计": Decimal("145725300.00"),
                   "一般公共服务支出": Decimal("106855600.00"), "一般公共服务支出占比": Decimal("0.7333")}


def test_a_key_repeated_with_other_values_is_told_apart_by_its_conditions():
    got = _facts("在预留项目中，由中小企业中标的，采购金额 246.47 万元；在其他项目中，由中小企业中标的，"
                 "采购金额 4.79 万元。")
    assert got == {"在预留项目中由中小企业中标的采购金额": Decimal("2464700.00"),
                   "在其他项目中由中小企业中标的采购金额": Decimal("47900.00")}


def _read(*sections: tuple[str, str]):
    return read_narrative([NarrativeSection(("第二部分", heading), text, ((0, 5),)) for heading, text in sections],
                          None).facts


def test_the_figures_of_a_sentence_about_a_budget_are_budget_figures_and_name_no_actual_metric():
    """预算 20 万元，其中：公务接待费 9 万元 — the 9 is the 公务接待费 budget, not what was spent:
    its metric stays null, with the metric its key would have named and why. The bare 支出决算
    after the 其中 list is the 三公's (the subject the sentence gave its last measure), not
    公务接待费's."""
    facts = _read(("七、“三公”经费支出决算情况说明",
                   "2023 年度“三公”经费支出预算 20 万元，其中：公务接待费 9 万元；"
                   "支出决算 18 万元，其中：公务接待费 8 万元。"))
    got = [(f.key, f.value, f.measure, f.metric, f.metric_candidates) for f in facts]
    assert got == [
        ("“三公”经费预算", Decimal("200000"), "budget", "三公经费预算数", ()),
        ("公务接待费", Decimal("90000"), "budget", None, ("公务接待费决算数",)),
        ("“三公”经费支出决算", Decimal("180000"), "actual", "三公经费决算数", ()),
        ("公务接待费", Decimal("80000"), "", "公务接待费决算数", ())]
    assert facts[1].metric_doubt.startswith("a budget figure")
    assert {f.scope for f in facts} == {"three_public"} and facts[2].subject == "“三公”经费"


def test_a_figure_of_the_government_fund_section_never_stands_for_the_departments():
    facts = _read(("一、收入支出决算总体情况说明", "本年支出合计 500 万元。"),
                  ("六、政府性基金预算财政拨款收入支出决算情况说明", "本年支出合计 0 万元。"))
    whole, fund = facts
    assert (whole.scope, whole.metric) == ("department", "本年支出合计")
    assert (fund.scope, fund.metric, fund.metric_candidates) == ("government_fund", None, ("本年支出合计",))


def test_one_value_for_several_subjects_and_values_in_order():
    """均 gives each subject the one value; 分别 / 各是 give them the values in order; 收、支总计 is
    收入总计 and 支出总计; a value without its unit takes the one printed after the last."""
    heading = "一、收入支出决算总体情况说明"
    def metrics(text):
        return [(f.metric, f.value) for f in _read((heading, text))]
    assert metrics("2023 年度收入总计、支出总计均为 1,234.56 万元。") == [
        ("收入总计", Decimal("12345600.00")), ("支出总计", Decimal("12345600.00"))]
    assert metrics("收、支总计各是 100.00、120.00 万元。") == [
        ("收入总计", Decimal("1000000.00")), ("支出总计", Decimal("1200000.00"))]
    assert metrics("本年收入和本年支出分别为 300 万元、280 万元。") == [
        ("本年收入合计", Decimal("3000000")), ("本年支出合计", Decimal("2800000"))]
    # three values for two subjects: no distribution, and no figure the clause cannot key
    assert metrics("收入总计、支出总计分别为 1、2、3 万元。") == []


def test_a_bare_subject_after_its_counterpart_takes_its_qualifiers():
    """本年收入 X 万元，支出 Y 万元: the 支出 is 本年支出; not across a full stop."""
    heading = "一、收入支出决算总体情况说明"
    assert [(f.key, f.metric) for f in _read((heading, "本年收入 300 万元，支出 280 万元。"))] == [
        ("本年收入", "本年收入合计"), ("本年支出", "本年支出合计")]
    assert [(f.key, f.metric) for f in _read((heading, "收入总计 300 万元，支出 280 万元。"))] == [
        ("收入总计", "收入总计"), ("支出总计", "支出总计")]
    assert [(f.key, f.metric) for f in _read((heading, "本年收入 300 万元。支出 280 万元。"))][1] == ("支出", None)


def test_every_way_of_stating_none_gives_zero():
    """无…支出, 未发生…支出, …支出为零, 未配备公务用车: each a figure of 0 under its metric."""
    cases = [("八、机关运行经费支出情况说明", "2023年度未发生机关运行经费支出。", "机关运行经费支出"),
             ("七、“三公”经费支出决算情况说明", "“三公”经费支出为零。", "三公经费决算数"),
             ("九、政府采购支出情况说明", "政府采购支出为零。", "政府采购支出总额"),
             ("十、国有资产占有使用情况说明", "本单位未配备公务用车。", "车辆数")]
    for heading, text, metric in cases:
        (fact,) = _read((heading, text))
        assert (fact.metric, fact.metric_value) == (metric, Decimal(0)), text


def test_a_name_holding_a_joiner_stays_whole_where_the_values_say_so():
    facts = _read(("七、“三公”经费支出决算情况说明", "其中：因公出国（境）费、公务用车购置及运行维护费、"
                                             "公务接待费分别为 1 万元、2 万元、3 万元。"))
    assert [(f.metric, f.value) for f in facts] == [
        ("因公出国（境）费决算数", Decimal("10000")), ("公务用车购置及运行维护费决算数", Decimal("20000")),
        ("公务接待费决算数", Decimal("30000"))]


def test_a_bare_total_under_the_income_or_spending_section_is_the_years():
    assert [f.metric for f in _read(("二、收入决算情况说明", "2023年度收入合计 300 万元。"))] == ["本年收入合计"]
    assert [f.metric for f in _read(("三、支出决算情况说明", "2023年度支出 280 万元。"))] == ["本年支出合计"]
    assert [f.metric for f in _read(("五、一般公共预算财政拨款支出决算情况说明", "支出 280 万元。"))] == [None]


def test_an_enumerated_counterpart_takes_the_first_subjects_qualifiers():
    """财政拨款收入总计、支出总计均为 X: the second is 财政拨款's too; 本年度 is no part of a subject."""
    facts = _read(("四、财政拨款收入支出决算总体情况说明", "2024 年度财政拨款收入总计、支出总计均为 11579.01 万元。"))
    assert [(f.key, f.metric) for f in facts] == [("财政拨款收入总计", "财政拨款收入支出总计"),
                                                  ("财政拨款支出总计", "财政拨款收入支出总计")]
    facts = _read(("一、部门决算收支总体情况", "本部门本年度收入总计和支出总计均是 426,453,447.33 元。"))
    assert [(f.metric, f.value) for f in facts] == [("收入总计", Decimal("426453447.33")),
                                                    ("支出总计", Decimal("426453447.33"))]


def test_a_measure_sharing_words_with_its_subject_says_them_once():
    """一般公共预算财政拨款支出年初预算 A，支出决算 B: B is the 一般公共预算财政拨款支出决算, not a
    支出支出决算; 决算数 and 实际支出 name the same figure."""
    heading = "五、一般公共预算财政拨款支出决算情况说明"
    facts = _read((heading, "2024年度一般公共预算财政拨款支出年初预算为 100 万元，支出决算为 90 万元。"))
    assert [(f.key, f.measure, f.metric) for f in facts] == [
        ("一般公共预算财政拨款支出年初预算", "initial_budget", None),
        ("一般公共预算财政拨款支出决算", "actual", "一般公共预算财政拨款支出")]
    for text in ("一般公共预算财政拨款支出决算数 90 万元。", "一般公共预算财政拨款实际支出 90 万元。"):
        assert [f.metric for f in _read((heading, text))] == ["一般公共预算财政拨款支出"]


def test_operating_costs_worded_as_their_fiscal_grant_spending():
    facts = _read(("八、机关运行经费支出情况说明", "2024年度本部门机关运行经费财政拨款支出 120 万元。"))
    assert [(f.metric, f.value) for f in facts] == [("机关运行经费支出", Decimal("1200000"))]


def test_the_metric_follows_from_subject_measure_and_scope():
    """The same words name another metric under another section, and a joiner inside a name
    (购置及运行维护费) is not one between subjects."""
    got = [(f.subject, f.measure, f.scope, f.metric, f.value) for f in _read(
        ("一、收入支出决算总体情况说明", "本部门收入、支出总计都是 100 万元。"),
        ("四、财政拨款收入支出决算总体情况说明", "2024 年度收、支总计是 80 万元。"),
        ("八、财政拨款“三公”经费支出决算情况说明",
         "财政拨款“三公”经费实际支出 18.65 万元，预算 21.92 万元。其中：因公出国（境）经费、"
         "公务用车购置及运行维护费和公务接待费分别是 5.85、12.54、0.26 万元。"))]
    assert got == [
        ("收入总计", "", "department", "收入总计", Decimal("1000000")),
        ("支出总计", "", "department", "支出总计", Decimal("1000000")),
        ("收、支总计", "", "fiscal_grant", "财政拨款收入支出总计", Decimal("800000")),
        ("“三公”经费", "actual", "three_public", "三公经费决算数", Decimal("186500.00")),
        ("“三公”经费", "budget", "three_public", "三公经费预算数", Decimal("219200.00")),
        ("因公出国（境）经费", "", "three_public", "因公出国（境）费决算数", Decimal("58500")),
        ("公务用车购置及运行维护费", "", "three_public", "公务用车购置及运行维护费决算数", Decimal("125400")),
        ("公务接待费", "", "three_public", "公务接待费决算数", Decimal("2600"))]


def test_a_broad_heading_gives_way_to_the_family_an_outer_heading_names():
    from extract.document.facts import scope_of_headings
    assert scope_of_headings(("（一）财政拨款支出决算总体情况", "五、一般公共预算财政拨款支出决算情况说明")) \
        == "general_budget"
    assert scope_of_headings(("（二）一般公共预算财政拨款基本支出", "五、一般公共预算财政拨款支出决算情况说明")) \
        == "general_budget_basic"
    assert scope_of_headings(("三、支出决算情况说明",)) == "expenditure"
    assert scope_of_headings(("（一）机关运行经费", "第二部分")) == "operating_costs"


def test_items_under_a_heading_of_other_words_are_items_not_facts():
    """五（三） headed 明细情况, or printed inside 五 itself with （1） numbers: its 类/款/项
    entries are items (N.items_sum reads them), and the first item's 支出决算 is not taken as
    一般公共预算财政拨款支出."""
    from extract.datamodel import NarrativeSection
    parent = "五、一般公共预算财政拨款支出决算情况说明"
    entries = ("（1）一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 50 万元，"
               "支出决算为 56 万元。（2）教育（类）普通教育（款）小学（项）。支出决算为 44 万元。")
    for path, text in (((parent, "（三）一般公共预算财政拨款支出决算明细情况"), entries),
                       ((parent,), "一般公共预算财政拨款支出 100 万元。" + entries)):
        narrative = read_narrative([NarrativeSection(path, text, ((0, 5),))], None)
        assert [(i.item_name, i.amount_yuan) for i in narrative.expenditure_items] == [
            ("行政运行", Decimal("560000")), ("小学", Decimal("440000"))]
        assert [(f.metric, f.value) for f in narrative.facts if f.metric] == (
            [("一般公共预算财政拨款支出", Decimal("1000000"))] if len(path) == 1 else [])


def test_a_change_stated_as_level_is_zero_unless_the_sentence_states_an_amount():
    heading = "五、一般公共预算财政拨款支出决算情况说明"
    level = _read((heading, "一般公共预算财政拨款支出决算 90 万元，一般公共预算财政拨款与上年持平。"))
    assert [(f.key, f.value_raw, f.metric, f.metric_value) for f in level][1] == (
        "一般公共预算财政拨款较上年持平", "持平", "一般公共预算财政拨款支出较上年增减", Decimal(0))
    # 持平 beside an amount that changed (N.direction_words flags it): no level figure
    both = _read((heading, "一般公共预算财政拨款支出决算 90 万元，与上年持平，增加 2 万元。"))
    assert [f.value_raw for f in both if f.measure == "change"] == ["2"]
    assert _read((heading, "一般公共预算财政拨款支出与上年基本持平。")) == ()


def test_bare_measures_and_totals_of_other_wordings():
    """支出预算 after a subject's 决算 is that subject's budget; 收入、支出总计 is both totals;
    采购金额合计 is the 采购金额."""
    facts = _read(("八、“三公”经费支出决算情况说明", "三公经费支出决算是 49.18 万元，支出预算是 57.93 万元。"),
                  ("一、收入支出决算总体情况说明", "收入、支出总计为 422,283,329.83 元。"),
                  ("十、政府采购支出情况说明", "政府采购金额合计 2477.33 万元。"))
    assert [(f.metric, f.value) for f in facts] == [
        ("三公经费决算数", Decimal("491800.00")), ("三公经费预算数", Decimal("579300.00")),
        ("收入总计", Decimal("422283329.83")), ("支出总计", Decimal("422283329.83")),
        ("政府采购支出总额", Decimal("24773300.00"))]


def test_a_fallback_is_not_used_where_the_document_states_what_rules_it_out():
    """一般公共预算财政拨款收入 is the 财政拨款收入 only where no other 财政拨款 income is stated."""
    heading = "二、收入决算情况说明"
    alone = _read((heading, "一般公共预算财政拨款收入 80 万元，政府性基金预算财政拨款收入 0 万元。"))
    assert alone[0].metric == "财政拨款收入"
    both = _read((heading, "一般公共预算财政拨款收入 80 万元，政府性基金预算财政拨款收入 5 万元。"))
    assert (both[0].metric, both[0].metric_candidates) == (None, ("财政拨款收入",))
    assert both[0].metric_doubt == "a fallback ruled out: the document states 政府性基金预算财政拨款收入"
