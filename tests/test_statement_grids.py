"""statements.py on small drawn tables: titles, header paths, split codes, continuation pages."""

from __future__ import annotations

from decimal import Decimal

from gridkit import draw, page
from extract.document.statements import read_statements

WIDTHS = [30.0, 30.0, 30.0, 120.0, 60.0, 60.0]


def _general_budget(top: float, rows: list[tuple[str, str, str, str, str, str]], header: bool = True,
                    open_bottom: bool = False, open_top: bool = False):
    cells = []
    r = 0
    if header:
        cells += [(0, 0, 1, 4, "项目"), (0, 4, 1, 2, "本年支出"),
                  (1, 0, 1, 1, "类"), (1, 1, 1, 1, "款"), (1, 2, 1, 1, "项"), (1, 3, 1, 1, "科目名称"),
                  (1, 4, 1, 1, "合计"), (1, 5, 1, 1, "基本支出")]
        r = 2
    for row in rows:
        cells += [(r, c, 1, 1, text) for c, text in enumerate(row)]
        r += 1
    return draw(cells, WIDTHS, r, top=top, open_bottom=open_bottom, open_top=open_top)


def test_codes_split_over_columns_header_paths_and_a_continuation_page():
    first = page(1, [_general_budget(120, [("201", "", "", "一般公共服务支出", "12.50", "2.50"),
                                           ("201", "06", "", "财政事务", "12.50", "2.50")],
                                      open_bottom=True)],
                 lines=[("一般公共预算财政拨款支出决算表", 60), ("单位：万元", 90)])
    second = page(2, [_general_budget(60, [("201", "06", "01", "行政运行", "12.50", "2.50"),
                                           ("合计", "", "", "", "12.50", "2.50")],
                                      header=False, open_top=True)])
    tables, lines = read_statements([first, second])
    table = {t.table: t for t in tables}["一般公共预算财政拨款支出决算表"]
    assert (table.status, table.first_page, table.last_page, table.unit_printed) == ("present", 1, 2, "万元")
    got = [(ln.row_no, ln.code, ln.label, ln.column_path, ln.value_yuan, ln.page) for ln in lines]
    assert got == [
        (1, "201", "一般公共服务支出", "本年支出/合计", Decimal("125000.00"), 1),
        (1, "201", "一般公共服务支出", "本年支出/基本支出", Decimal("25000.00"), 1),
        (2, "20106", "财政事务", "本年支出/合计", Decimal("125000.00"), 1),
        (2, "20106", "财政事务", "本年支出/基本支出", Decimal("25000.00"), 1),
        (3, "2010601", "行政运行", "本年支出/合计", Decimal("125000.00"), 2),
        (3, "2010601", "行政运行", "本年支出/基本支出", Decimal("25000.00"), 2),
        (4, None, "合计", "本年支出/合计", Decimal("125000.00"), 2),
        (4, None, "合计", "本年支出/基本支出", Decimal("25000.00"), 2),
    ]
    assert sum(t.status == "missing" for t in tables) == 8


def test_two_tables_on_one_page_each_get_their_own_title_and_an_all_blank_table_is_empty():
    upper = _general_budget(120, [("201", "", "", "一般公共服务支出", "1.00", "")])
    lower = _general_budget(300, [("", "", "", "", "", "")])
    tables, lines = read_statements([page(1, [upper, lower], lines=[
        ("一般公共预算财政拨款支出决算表", 60), ("单位：元", 90),
        ("政府性基金预算财政拨款收入支出决算表", 260)])])
    status = {t.table: (t.status, t.unit_printed) for t in tables}
    assert status["一般公共预算财政拨款支出决算表"] == ("present", "元")
    assert status["政府性基金预算财政拨款收入支出决算表"][0] == "empty"
    assert {ln.table for ln in lines if ln.value_raw} == {"一般公共预算财政拨款支出决算表"}
    assert [ln.value_yuan for ln in lines if ln.value_raw] == [Decimal("1.00")]


def test_a_continuation_that_lost_a_rule_keeps_its_columns_and_a_header_cell_gives_the_unit():
    header = [(0, 0, 1, 4, "项目"), (0, 4, 1, 2, "本年支出（万元）"),
              (1, 0, 1, 1, "类"), (1, 1, 1, 1, "款"), (1, 2, 1, 1, "项"), (1, 3, 1, 1, "科目名称"),
              (1, 4, 1, 1, "合计"), (1, 5, 1, 1, "基本支出")]
    data = [(2, c, 1, 1, t) for c, t in enumerate(("201", "", "", "一般公共服务支出", "12.50", "2.50"))]
    first = page(1, [draw(header + data, WIDTHS, 3, top=120, open_bottom=True)],
                 lines=[("一般公共预算财政拨款支出决算表（公开05表）", 60)])
    # On the next page the rule between 款 and 项 is gone (no 项 printed there).
    rest = [(0, c, 1, 1, t) for c, t in enumerate(("201", "06", "财政事务", "12.50", "2.50"))]
    second = page(2, [draw(rest, [30.0, 60.0, 120.0, 60.0, 60.0], 1, top=60, open_top=True)])
    tables, lines = read_statements([first, second])
    table = tables[0]
    assert (table.table, table.unit_printed, table.last_page) == ("一般公共预算财政拨款支出决算表", "万元", 2)
    assert [(ln.code, ln.label, ln.column_path, ln.value_raw) for ln in lines if ln.page == 2] == [
        ("20106", "财政事务", "本年支出（万元）/合计", "12.50"),
        ("20106", "财政事务", "本年支出（万元）/基本支出", "2.50")]


def test_a_table_without_a_unit_keeps_its_printed_values_and_no_yuan():
    tables, lines = read_statements([page(1, [_general_budget(120, [("201", "", "", "一般公共服务支出", "1.00", "")])],
                                          lines=[("一般公共预算财政拨款支出决算表", 60)])])
    assert tables[0].unit_printed is None
    assert [(ln.value_raw, ln.value_yuan) for ln in lines if ln.value_raw] == [("1.00", None)]
