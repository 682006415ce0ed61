from decimal import Decimal

import pytest

from extract.normalize import parse_amount, parse_decimal, parse_percent, parse_value, parse_year


def test_amounts_in_wan_yuan_are_exact_yuan():
    assert parse_amount("2049.89", "万元") == Decimal("20498900.00")
    assert parse_amount("1,005.01", "万元") == Decimal("10050100.00")
    assert parse_amount("12.5", "元") == Decimal("12.5")
    assert isinstance(parse_amount("0.01", "万元"), Decimal)


@pytest.mark.parametrize("raw", [None, "", "—", "-", "--", "——", " 空 "])
def test_placeholders_are_null(raw):
    assert parse_decimal(raw) is None
    assert parse_amount(raw, "万元") is None
    assert parse_value(raw).kind == "empty"


def test_points_and_percentages():
    assert parse_decimal("99.99分") == Decimal("99.99")
    assert parse_percent("93.85%") == Decimal("0.9385")
    assert parse_percent("１００％") == Decimal("1")
    assert parse_decimal("很好") is None


@pytest.mark.parametrize("raw, op, value, unit, unit_raw", [
    (">=2.20 万人次", ">=", Decimal("22000"), "人次", "万人次"),
    ("≥110人", ">=", Decimal("110"), "人", "人"),
    ("<=560 万元", "<=", Decimal("5600000"), "元", "万元"),
    ("≤1.4元", "<=", Decimal("1.4"), "元", "元"),
    ("=100%", "=", Decimal("1"), "ratio", "%"),
    ("＞＝95％", ">=", Decimal("0.95"), "ratio", "%"),
    ("98%", None, Decimal("0.98"), "ratio", "%"),
    ("=14.3238 万人次", "=", Decimal("143238"), "人次", "万人次"),
    ("不低于90%", ">=", Decimal("0.9"), "ratio", "%"),
    ("72万册", None, Decimal("720000"), "册", "万册"),
    ("=66 间", "=", Decimal("66"), "间", "间"),
])
def test_indicator_values_split_into_operator_number_unit(raw, op, value, unit, unit_raw):
    v = parse_value(raw)
    assert (v.raw, v.op, v.value, v.unit, v.unit_raw, v.kind) == (raw, op, value, unit, unit_raw, "numeric")


@pytest.mark.parametrize("raw", ["提高", "长期", "有所提高", "保障", "=2023年 10月31 日前", "次年2月份前"])
def test_qualitative_values_keep_text_and_no_number(raw):
    v = parse_value(raw)
    assert v.kind == "qualitative" and v.value is None and v.raw == raw


def test_year_from_title_line():
    assert parse_year("（2023 年度）") == 2023
    assert parse_year("国家信访局2024年度部门决算") == 2024
    assert parse_year("项目支出绩效自评表") is None


def test_a_year_is_read_from_a_letter_spaced_title():
    from extract.normalize import parse_year
    assert parse_year("2 0 2 4 年 度 项 目 支 出 绩 效 自 评 结 果 表") == 2024
    assert parse_year("（2023 年度）") == 2023 and parse_year("项目支出绩效自评表") is None
