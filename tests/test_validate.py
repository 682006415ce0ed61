"""The arithmetic checks report what the document says; they never change a value."""

from dataclasses import replace
from decimal import Decimal

from extract.datamodel import FundRow, IndicatorRow, ParsedValue, SheetRecord
from extract.checks.registry import check_sheet as validate_sheet

D = Decimal


def _fund(source, initial, annual, executed, weight=None, rate=None, score=None):
    y = lambda v: None if v is None else D(v) * 10000  # noqa: E731
    return FundRow(source, initial, annual, executed, weight, rate, score, y(initial), y(annual), y(executed),
                   None if weight is None else D(weight), None if rate is None else D(rate.rstrip("%")) / 100,
                   None if score is None else D(score), (1,))


def _ind(n, weight, score):
    return IndicatorRow(n, "产出指标", "数量指标", f"指标{n}", ParsedValue(None), ParsedValue(None),
                        weight, score, D(weight), D(score), None, None, (1,))


def _sheet(**kw):
    base = SheetRecord(
        sheet_no=1, sheet_kind="project", title="项目支出绩效自评表", fiscal_year=2023, project_name="p",
        competent_dept=None, implementing_unit=None, unit_name=None, fund_unit="万元",
        funds=(_fund("年度资金总额", "20.00", "20.00", "19.99", "10", "99.95%", "9.99"),
               _fund("其中：当年财政拨款", "20.00", "20.00", "19.99"), _fund("其他资金", "0.00", "0.00", "0.00")),
        goal_expected=None, goal_actual=None,
        indicators=(_ind(1, "50", "50"), _ind(2, "40", "40")),
        total_weight_raw="100", total_score_raw="99.99", total_weight=D(100), total_score=D("99.99"), pages=(1,))
    return replace(base, **kw)


def _status(checked):
    return {c.check_id: c.status for c in checked.checks}


def test_a_consistent_sheet_passes_every_check():
    assert _status(validate_sheet(_sheet())) == {
        "score_sum": "pass", "weight_sum": "pass", "execution_rate": "pass", "fund_sum": "pass",
        "score_le_weight": "pass"}


def test_inconsistent_figures_are_reported_and_kept():
    sheet = _sheet(total_score=D("98"), total_score_raw="98",
                   funds=(_fund("年度资金总额", "20.00", "20.00", "19.99", "10", "96.19%", "9.99"),
                          _fund("其中：当年财政拨款", "20.00", "20.01", "19.99"),
                          _fund("其他资金", "0.00", "0.00", "0.00")))
    checked = validate_sheet(sheet)
    assert checked.failed_checks == ("score_sum", "execution_rate", "fund_sum")
    assert checked.sheet.total_score == D("98")  # what the document prints
    detail = {c.check_id: c.detail for c in checked.checks}
    assert "99.99" in detail["score_sum"] and "98" in detail["score_sum"]
    assert "99.95% vs printed 96.19%" in detail["execution_rate"]


def test_missing_total_is_not_applicable_not_a_failure():
    checked = validate_sheet(_sheet(total_score=None, total_score_raw=None, total_weight=None, total_weight_raw=None))
    assert _status(checked)["score_sum"] == "not_applicable"
    assert _status(checked)["weight_sum"] == "pass"  # 50 + 40 + 10 = 100


def test_score_above_weight_fails():
    checked = validate_sheet(_sheet(indicators=(_ind(1, "50", "51"), _ind(2, "40", "39"))))
    assert "score_le_weight" in checked.failed_checks
