"""Roles for indicator columns headed by labels the vocabulary does not know, from their cells
(``sheets/inference.py``), and through reassembly on a drawn sheet."""

from decimal import Decimal

from extract.datamodel import DocumentLayout, DocumentSource
from extract.pipeline import extract_from_layout
from extract.sheets.inference import infer_roles
from extract.sheets.reassembly import reassemble_cells
from extract.sheets.records import build_record
from extract.sheets.tables import find_sheets
from gridkit import draw, page

TARGETS = [">=300人", "=100%", "提高"]
ACTUALS = ["366人", "98%", "提高"]


def _roles(found):
    return {(f.label, f.role, f.proven) for f in found}


def test_weights_add_up_to_the_total_row_and_scores_stay_within_them():
    unknown = {"赋分": ["40", "30", "30"], "评定": ["40", "25", "30"]}
    found = infer_roles(unknown, {"target": TARGETS, "actual": ACTUALS}, {"赋分": "100", "评定": "95"})
    assert _roles(found) == {("赋分", "weight", True), ("评定", "score", True)}


def test_a_score_column_is_proven_against_known_weights():
    found = infer_roles({"评定": ["40", "25", "30"]}, {"weight": ["40", "30", "30"]}, {"评定": "95"})
    assert _roles(found) == {("评定", "score", True)}


def test_numbers_that_do_not_add_up_get_no_role():
    found = infer_roles({"赋分": ["40", "30", "20"]}, {"target": TARGETS}, {"赋分": "100"})
    assert found == []  # 90, not the 100 printed under it: not proven, not given
    # two columns that fit the weights and neither passes the other: no guess
    found = infer_roles({"甲列": ["40", "30", "30"], "乙列": ["40", "30", "30"]}, {}, {"甲列": "100", "乙列": "100"})
    assert found == []


def test_operators_make_a_target_and_values_in_its_units_an_actual():
    found = infer_roles({"目标数值": TARGETS, "完成数值": ACTUALS}, {"weight": ["40", "30", "30"]}, {})
    assert _roles(found) == {("目标数值", "target", False), ("完成数值", "actual", False)}


def test_text_is_the_one_text_role_missing_and_none_when_both_are():
    texts = ["部分项目延期实施", "—", "宣传力度不够"]
    assert _roles(infer_roles({"情况说明": texts}, {"deviation": ["—"] * 3}, {})) == {("情况说明", "basis", False)}
    assert infer_roles({"情况说明": texts}, {}, {}) == []


HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "完成数值", "赋分", "评定分", "偏差原因分析及改进措施"]
WIDTHS = [40, 50, 60, 50, 50, 50, 50, 60]


def _sheet():
    rows = [["产出指标", "数量指标", "培训人数", ">=300人", "366人", "60", "60", "—"],
            ["效益指标", "社会效益指标", "满意度", ">=90%", "85%", "40", "30", "宣传不足"]]
    cells = [*[(0, i, 1, 1, h) for i, h in enumerate(HEAD)],
             *[(1 + r, i, 1, 1, v) for r, row in enumerate(rows) for i, v in enumerate(row)],
             (3, 0, 1, 5, "总分"), (3, 5, 1, 1, "100"), (3, 6, 1, 1, "90"), (3, 7, 1, 1, "")]
    return [page(1, [draw(cells, WIDTHS, 4, top=80)], [("项目支出绩效自评表", 40), ("（2023年度）", 60)])]


def test_a_sheet_with_new_labels_reads_every_column_and_says_which_role_it_gave():
    pages = _sheet()
    rows = reassemble_cells(find_sheets(pages)[0])
    record = build_record(rows)
    assert [(i.actual.raw, i.weight, i.score) for i in record.indicators] == [
        ("366人", Decimal(60), Decimal(60)), ("85%", Decimal(40), Decimal(30))]
    assert (record.total_weight, record.total_score) == (Decimal(100), Decimal(90))
    assert rows.unplaced == ()
    assert "indicator column '赋分' is not a known label: read as weight, proven by the sheet sums" in rows.layout_warnings
    assert "indicator column '评定分' is not a known label: read as score, proven by the sheet sums" in rows.layout_warnings
    # the actual column is read from the look of its cells: read, and doubted
    assert rows.doubtful == ("indicator column '完成数值' is not a known label: read as actual, from the look of its cells",)
    doc = extract_from_layout(DocumentLayout(DocumentSource("x", "x.pdf", "x.pdf"), 1, None, tuple(pages)))
    assert doc.status == "partial" and doc.warning_codes == ("cells_doubtful",)


def test_the_total_may_count_the_funds_weight_and_score():
    """总分 100 = the funds' 分值 10 + the indicators' 90; 得分 95 = 9 + 86."""
    unknown = {"赋分": ["40", "30", "20"], "评定": ["40", "26", "20"]}
    found = infer_roles(unknown, {"target": TARGETS}, {"赋分": "100", "评定": "95"},
                        fund_weights=(Decimal(10),), fund_scores=(Decimal(9),))
    assert _roles(found) == {("赋分", "weight", True), ("评定", "score", True)}
    assert infer_roles(unknown, {"target": TARGETS}, {"赋分": "100", "评定": "95"}) == []  # without them: no proof
