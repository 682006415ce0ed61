"""Reassembly on small synthetic sheets drawn as rulings and glyphs (see gridkit.py)."""

from decimal import Decimal

import pytest

from extract.datamodel import DocumentLayout, DocumentSource, join_cell_lines
from extract.pipeline import extract_from_layout
from extract.sheets.reassembly import reassemble_cells
from extract.sheets.records import build_record
from extract.sheets.tables import find_sheets
from extract.checks.registry import check_sheet as validate_sheet
from gridkit import draw, page

WIDTHS = [40, 50, 60, 50, 50, 50, 50, 60]
HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
TITLE = [("项目支出绩效自评表", 40), ("（2023年度）", 60)]


def _first_page(open_bottom: bool):
    cells = [
        (0, 0, 1, 2, "项目名称"), (0, 2, 1, 6, "测试项目"),
        (1, 0, 1, 2, "主管部门"), (1, 2, 1, 2, "某局"), (1, 4, 1, 1, "实施单位"), (1, 5, 1, 3, "某中心"),
        (2, 0, 1, 2, ""), *[(2, 2 + i, 1, 1, h) for i, h in enumerate(
            ["年初预算数", "全年预算数（A）", "全年执行数", "分值", "执行率（B/A）", "得分"])],
        (3, 0, 1, 2, "年度资金总额"), *[(3, 2 + i, 1, 1, v) for i, v in enumerate(
            ["100.00", "100.00", "90.00", "10", "90.00%", "9"])],
        (4, 0, 1, 2, "其中：当年财\n政拨款"), *[(4, 2 + i, 1, 1, v) for i, v in enumerate(
            ["100.00", "100.00", "90.00", "—", "—", "—"])],
        (5, 0, 1, 4, "预期目标"), (5, 4, 1, 4, "实际完成情况"),
        (6, 0, 1, 4, "目标一"), (6, 4, 1, 4, "完成一"),
        *[(7, i, 1, 1, h) for i, h in enumerate(HEAD)],
        (8, 0, 2, 1, "产出\n指标"), (8, 1, 2, 1, "数量指标"),
        *[(8, 2 + i, 1, 1, v) for i, v in enumerate(["培训人数", ">=300人", "366人", "40", "40", ""])],
        *[(9, 2 + i, 1, 1, v) for i, v in enumerate(["培训\n班次", ">=4次", "4次", "20", "20", ""])],
        (10, 0, 1, 1, "效益指\n标"), (10, 1, 1, 1, "社会效\n益指标"),
        *[(10, 2 + i, 1, 1, v) for i, v in enumerate(["信访工作\n质量", "有所提\n高", "着力", "30", "25", "数据\n支撑"])],
    ]
    return draw(cells, WIDTHS, 11, top=80, open_bottom=open_bottom)


def _second_page(open_top: bool, repeat_header: bool):
    cells = []
    r = 0
    if repeat_header:
        cells += [(0, i, 1, 1, h) for i, h in enumerate(HEAD)]
        r = 1
    cells += [(r, 0, 1, 1, ""), (r, 1, 1, 1, ""), (r, 2, 1, 1, "水平"), (r, 3, 1, 1, ""),
              (r, 4, 1, 1, "提升"), (r, 5, 1, 1, ""), (r, 6, 1, 1, ""), (r, 7, 1, 1, "不足")]
    cells += [(r + 1, 0, 1, 5, "总分"), (r + 1, 5, 1, 1, "100"), (r + 1, 6, 1, 1, "94"), (r + 1, 7, 1, 1, "分")]
    return draw(cells, WIDTHS, r + 2, top=50, open_top=open_top and not repeat_header)


@pytest.mark.parametrize("open_break", [True, False], ids=["open-rules", "closed-rules"])
@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header"])
def test_row_split_by_a_page_break_is_one_indicator(open_break, repeat_header):
    pages = [page(1, [_first_page(open_break)], TITLE + [("1", 760)]),
             page(2, [_second_page(open_break, repeat_header)], [("2", 760)])]
    sheets = find_sheets(pages)
    assert len(sheets) == 1 and [g.page_no for g in sheets[0].grids] == [1, 2]
    record = build_record(reassemble_cells(sheets[0]))
    assert (record.project_name, record.competent_dept, record.implementing_unit) == ("测试项目", "某局", "某中心")
    assert [f.source for f in record.funds] == ["年度资金总额", "其中：当年财政拨款"]
    assert record.funds[0].executed_yuan == Decimal("900000.00")
    assert (record.goal_expected, record.goal_actual) == ("目标一", "完成一")
    rows = [(i.level1, i.level2, i.level3, i.target.raw, i.actual.raw, i.weight, i.score, i.deviation, i.pages)
            for i in record.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训人数", ">=300人", "366人", Decimal(40), Decimal(40), None, (1,)),
        ("产出指标", "数量指标", "培训班次", ">=4次", "4次", Decimal(20), Decimal(20), None, (1,)),
        ("效益指标", "社会效益指标", "信访工作质量水平", "有所提高", "着力提升", Decimal(30), Decimal(25),
         "数据支撑不足", (1, 2)),
    ]
    assert (record.total_weight, record.total_score) == (Decimal(100), Decimal(94))
    assert validate_sheet(record).failed_checks == ()


@pytest.mark.parametrize("open_break", [True, False], ids=["open-rules", "closed-rules"])
def test_label_cell_printed_in_two_parts_over_a_page_break_is_joined_for_every_row(open_break):
    """Open rules say the cell continues; where the break closes it, the vocabulary of level
    labels tells 效益指 | 标 from two labels."""
    head = [(0, i, 1, 1, h) for i, h in enumerate(HEAD)]
    p1 = draw(head + [(1, 0, 1, 1, "效益指"), (1, 1, 1, 1, "社会效益指标"),
                      *[(1, 2 + i, 1, 1, v) for i, v in enumerate(["甲", "提高", "提高", "10", "10", ""])]],
              WIDTHS, 2, top=80, open_bottom=open_break)
    p2 = draw([(0, 0, 1, 1, "标"), (0, 1, 1, 1, ""),
               *[(0, 2 + i, 1, 1, v) for i, v in enumerate(["乙", "提高", "提高", "10", "10", ""])],
               (1, 0, 1, 5, "总分"), (1, 5, 1, 1, "20"), (1, 6, 1, 1, "20"), (1, 7, 1, 1, "")],
              WIDTHS, 2, top=50, open_top=open_break)
    sheets = find_sheets([page(1, [p1], TITLE), page(2, [p2])])
    record = build_record(reassemble_cells(sheets[0]))
    assert [(i.level1, i.level2, i.level3) for i in record.indicators] == [
        ("效益指标", "社会效益指标", "甲"), ("效益指标", "社会效益指标", "乙")]


def test_a_table_after_prose_does_not_continue_the_sheet():
    p1 = draw([(0, i, 1, 1, h) for i, h in enumerate(HEAD)]
              + [(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "10", "10", ""])],
              WIDTHS, 2, top=80)
    other = draw([(0, 0, 1, 8, "收入支出决算总表")], WIDTHS, 1, top=80)
    sheets = find_sheets([page(1, [p1], TITLE), page(2, [other], [("附件：部门决算报表说明如下", 40)])])
    assert len(sheets) == 1 and len(sheets[0].grids) == 1


def test_join_cell_lines_joins_chinese_without_space_and_keeps_inner_spaces():
    assert join_cell_lines(["2023 年完成了", "自治州博士", "后 560 万元"]) == "2023 年完成了自治州博士后 560 万元"
    assert join_cell_lines(["Excel", "export"]) == "Excel export"


def test_department_task_table_with_two_level_amount_headers_gives_fund_rows():
    """年度主要任务 | 任务名称 | 全年预算数/全年执行数 each over 总额 | 财政拨款 | 其他资金 | 分值 |
    执行率 | 得分, closed by a 金额合计 row: the 总额 columns are the amounts, the others kept."""
    cells = [
        (0, 0, 1, 2, "部门（单位）名称"), (0, 2, 1, 9, "某局"),
        (1, 0, 4, 1, "年度主要任务"), (1, 1, 2, 1, "任务名称"), (1, 2, 1, 3, "全年预算数（万元）"),
        (1, 5, 1, 3, "全年执行数（万元）"), (1, 8, 2, 1, "分值"), (1, 9, 2, 1, "执行率"), (1, 10, 2, 1, "得分"),
        *[(2, 2 + i, 1, 1, h) for i, h in enumerate(["总额", "财政拨款", "其他资金"] * 2)],
        (3, 1, 1, 1, "任务一"), *[(3, 2 + i, 1, 1, v) for i, v in enumerate(["100", "80", "20", "90", "72", "18"])],
        (3, 8, 1, 1, ""), (3, 9, 1, 1, ""), (3, 10, 1, 1, ""),
        (4, 1, 1, 1, "任务二"), *[(4, 2 + i, 1, 1, v) for i, v in enumerate(["50", "50", "0", "50", "50", "0"])],
        (4, 8, 1, 1, ""), (4, 9, 1, 1, ""), (4, 10, 1, 1, ""),
        (5, 0, 1, 2, "金额合计"), *[(5, 2 + i, 1, 1, v) for i, v in enumerate(
            ["150", "130", "20", "140", "122", "18", "10", "93.33%", "9"])],
        (6, 0, 1, 5, "预期目标"), (6, 5, 1, 6, "实际完成情况"), (7, 0, 1, 5, "目标"), (7, 5, 1, 6, "完成"),
        *[(8, c, 1, s, h) for c, s, h in ((0, 2, "一级指标"), (2, 2, "二级指标"), (4, 2, "指标内容"),
                                          (6, 2, "指标值"), (8, 1, "完成值"), (9, 1, "分值"), (10, 1, "得分"))],
        *[(9, c, 1, s, v) for c, s, v in ((0, 2, "产出指标"), (2, 2, "数量指标"), (4, 2, "人数"),
                                          (6, 2, ">=10人"), (8, 1, "12人"), (9, 1, "90"), (10, 1, "85"))],
    ]
    pages = [page(1, [draw(cells, [40] * 11, 10, top=80)], [("部门整体支出绩效自评表", 40), ("（2023年度）", 60)])]
    checked = validate_sheet(build_record(reassemble_cells(find_sheets(pages)[0])))
    s = checked.sheet
    assert [f.source for f in s.funds] == ["任务一", "任务二", "金额合计"]
    assert [f.annual_budget_raw for f in s.funds] == ["100", "50", "150"]
    assert [f.executed_yuan for f in s.funds] == [Decimal(900000), Decimal(500000), Decimal(1400000)]
    total = s.funds[2]
    assert (total.weight, total.execution_rate, total.score) == (Decimal(10), Decimal("0.9333"), Decimal(9))
    assert [(e.label, e.raw) for e in total.extra_values] == [
        ("全年预算数（万元）/财政拨款", "130"), ("全年预算数（万元）/其他资金", "20"),
        ("全年执行数（万元）/财政拨款", "122"), ("全年执行数（万元）/其他资金", "18")]
    assert [(i.level3, i.target.raw, i.weight) for i in s.indicators] == [("人数", ">=10人", Decimal(90))]
    status = {c.check_id: c.status for c in checked.checks}
    assert status == {"score_sum": "not_applicable", "weight_sum": "pass", "execution_rate": "pass",
                      "fund_sum": "pass", "score_le_weight": "pass"}
    assert s.layout_warnings == ()


def test_a_title_saying_continued_continues_the_open_sheet():
    p1 = draw([(0, i, 1, 1, h) for i, h in enumerate(HEAD)]
              + [(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "60", "60", ""])],
              WIDTHS, 2, top=80)
    p2 = draw([(0, i, 1, 1, v) for i, v in enumerate(["效益指标", "社会效益指标", "乙", "好", "好", "40", "40", ""])]
              + [(1, 0, 1, 5, "总分"), (1, 5, 1, 1, "100"), (1, 6, 1, 1, "100"), (1, 7, 1, 1, "")],
              WIDTHS, 2, top=80)
    sheets = find_sheets([page(1, [p1], TITLE), page(2, [p2], [("项目支出绩效自评表（续）", 40)])])
    assert len(sheets) == 1 and [g.page_no for g in sheets[0].grids] == [1, 2]
    record = build_record(reassemble_cells(sheets[0]))
    assert [i.level3 for i in record.indicators] == ["甲", "乙"] and record.total_score == Decimal(100)


def test_an_indicator_column_outside_the_vocabulary_is_named_in_layout_warnings():
    head = HEAD[:7] + ["备注说明"]
    p1 = draw([(0, i, 1, 1, h) for i, h in enumerate(head)]
              + [(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "10", "10", "另见附件"])],
              WIDTHS, 2, top=80)
    record = build_record(reassemble_cells(find_sheets([page(1, [p1], TITLE)])[0]))
    assert record.indicators[0].level3 == "甲" and record.indicators[0].deviation is None
    assert record.layout_warnings == (
        "indicator column '备注说明' is not a known label: not read",
        "page 1: cell '另见附件' at (400, 100, 460, 120) was not read")


def test_lines_repeated_in_the_margins_of_many_pages_are_not_prose():
    from extract.document.furniture import strip_running_lines
    pages = [page(n, [], [("某局2023年度部门决算公开", 10), ("项目支出绩效自评表", 60), (f"第{n}页", 790)])
             for n in range(1, 5)]
    kept = [[ln.text for ln in p.text_lines] for p in strip_running_lines(pages)]
    # The running title, and 第N页 (the same line with its digits ignored); the sheet title stays.
    assert kept == [["项目支出绩效自评表"]] * 4
    assert strip_running_lines(pages[:2]) == pages[:2]  # two pages: too few to call it running


# ------------------------------------------------------------------ every printed cell accounted for


def test_every_printed_cell_of_a_sheet_is_placed():
    pages = [page(1, [_first_page(True)], TITLE), page(2, [_second_page(True, True)])]
    sheet = find_sheets(pages)[0]
    rows = reassemble_cells(sheet)
    printed = sum(1 for g in sheet.grids for c in g.cells if c.text.strip())
    assert rows.cells_printed == printed == 73
    assert rows.unplaced == () and rows.cells_placed == printed


def test_a_column_the_reader_cannot_place_leaves_its_cells_named_and_the_document_partial():
    head = HEAD[:-1] + ["佐证材料"]  # a column label outside the vocabulary
    cells = [*[(0, i, 1, 1, h) for i, h in enumerate(head)],
             (1, 0, 1, 1, "产出指标"), (1, 1, 1, 1, "数量指标"),
             *[(1, 2 + i, 1, 1, v) for i, v in enumerate(["培训人数", ">=300人", "366人", "90", "90", "签到表"])],
             (2, 0, 1, 5, "总分"), (2, 5, 1, 1, "90"), (2, 6, 1, 1, "90"), (2, 7, 1, 1, "")]
    pages = [page(1, [draw(cells, WIDTHS, 3, top=80)], TITLE)]
    rows = reassemble_cells(find_sheets(pages)[0])
    assert [(u.page, u.text) for u in rows.unplaced] == [(1, "签到表")]
    assert rows.cells_placed == rows.cells_printed - 1
    assert any(w.startswith("page 1: cell '签到表' at (") and w.endswith("was not read") for w in rows.layout_warnings)
    doc = extract_from_layout(DocumentLayout(DocumentSource("x", "x.pdf", "x.pdf"), 1, None, tuple(pages)))
    assert doc.status == "partial" and "cells_unplaced" in doc.warning_codes
    assert any("1 of " in w and "'签到表'" in w for w in doc.warnings)
    assert doc.sheets[0].sheet.unplaced == rows.unplaced


@pytest.mark.parametrize("placeholder", ["—", "/", "无"])
def test_a_deviation_printed_as_a_placeholder_states_none(placeholder):
    cells = [*[(0, i, 1, 1, h) for i, h in enumerate(HEAD)],
             *[(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "90", "90", placeholder])],
             *[(2, i, 1, 1, v) for i, v in enumerate(["产出指标", "质量指标", "乙", "1", "1", "10", "8", "数据不全"])]]
    record = build_record(reassemble_cells(find_sheets([page(1, [draw(cells, WIDTHS, 3, top=80)], TITLE)])[0]))
    assert [i.deviation for i in record.indicators] == [None, "数据不全"]
    assert "deviation" in record.indicators[0].cell_boxes  # where it was printed is kept


# ------------------------------------------------------------------ header bands, text columns, breaks


def test_level_headers_under_a_block_label_keep_their_roles():
    """绩效指标 printed as a parent over 一级指标 | 二级指标 | 三级指标 (not as a side label
    down the rows): the children keep their roles."""
    cells = [(0, 0, 1, 3, "绩效指标"), *[(0, 3 + i, 2, 1, h) for i, h in enumerate(HEAD[3:])],
             *[(1, i, 1, 1, h) for i, h in enumerate(HEAD[:3])],
             *[(2, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "90", "90", ""])],
             (3, 0, 1, 5, "总分"), (3, 5, 1, 1, "90"), (3, 6, 1, 1, "90"), (3, 7, 1, 1, "")]
    rows = reassemble_cells(find_sheets([page(1, [draw(cells, WIDTHS, 4, top=80)], TITLE)])[0])
    record = build_record(rows)
    assert [(i.level1, i.level2, i.level3, i.weight) for i in record.indicators] == [
        ("产出指标", "数量指标", "甲", Decimal(90))]
    assert rows.unplaced == ()


def test_a_task_table_reads_its_text_columns_as_text_and_its_total_row_merged_over_them():
    """年度主要任务 | 任务名称 | 主要内容 | 完成情况 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分,
    closed by a 合计 label merged over the three text columns."""
    head = ["任务名称", "主要内容", "完成情况", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    cells = [(0, 0, 1, 2, "部门（单位）名称"), (0, 2, 1, 7, "某局"),
             (1, 0, 4, 1, "年度主要任务"), *[(1, 1 + i, 1, 1, h) for i, h in enumerate(head)],
             *[(2, 1 + i, 1, 1, v) for i, v in enumerate(["培训", "业务培训", "已完成", "100", "90", "", "", ""])],
             *[(3, 1 + i, 1, 1, v) for i, v in enumerate(["执法", "劳动监察", "—", "50", "50", "", "", ""])],
             (4, 1, 1, 3, "合计"), *[(4, 4 + i, 1, 1, v) for i, v in enumerate(["150", "140", "10", "93.33%", "9"])],
             (5, 0, 1, 4, "预期目标"), (5, 4, 1, 5, "实际完成情况"), (6, 0, 1, 4, "目标"), (6, 4, 1, 5, "完成"),
             *[(7, i, 1, 1, h) for i, h in enumerate(HEAD[:7])], (7, 7, 1, 2, HEAD[7]),
             *[(8, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "90", "85"])],
             (8, 7, 1, 2, "")]
    pages = [page(1, [draw(cells, [40] * 9, 9, top=80)], [("部门整体支出绩效自评表", 40), ("（2023年度）", 60)])]
    rows = reassemble_cells(find_sheets(pages)[0])
    checked = validate_sheet(build_record(rows))
    funds = checked.sheet.funds
    assert [(f.source, f.task_name, f.task_content, f.completion) for f in funds] == [
        ("培训", "培训", "业务培训", "已完成"), ("执法", "执法", "劳动监察", None), ("合计", "合计", None, None)]
    assert [f.executed_yuan for f in funds] == [Decimal(900000), Decimal(500000), Decimal(1400000)]
    assert all(f.extra_values == () for f in funds)
    assert checked.sheet.warnings == () and rows.unplaced == ()
    assert {c.check_id: c.status for c in checked.checks}["fund_sum"] == "pass"


def _merged_basis_over_a_break(open_break: bool, repeat_header: bool = False):
    """Two pages; the last row of the first and the first row of the second share one 依据
    cell (its text printed on the first page), the break's rules open over it only, or closed."""
    head = HEAD[:7] + ["指标值设定依据"]
    p1 = draw([*[(0, i, 1, 1, h) for i, h in enumerate(head)],
               *[(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "40", "40", "计划标准"])],
               *[(2, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "乙", "1", "1", "30", "30", "历史标准"])]],
              WIDTHS, 3, top=80)
    if open_break:  # the 依据 cell left open at the foot of page 1
        x0, x1 = 50.0 + sum(WIDTHS[:7]), 50.0 + sum(WIDTHS)
        p1 = ([s for s in p1[0] if not (s.horizontal and s.at == 140 and s.start == x0 and s.end == x1)], p1[1])
    r = 1 if repeat_header else 0
    cells = [*([(0, i, 1, 1, h) for i, h in enumerate(head)] if repeat_header else []),
             *[(r, i, 1, 1, v) for i, v in enumerate(["效益指标", "社会效益指标", "丙", "1", "1", "30", "30", ""])],
             (r + 1, 0, 1, 5, "总分"), (r + 1, 5, 1, 1, "100"), (r + 1, 6, 1, 1, "100"), (r + 1, 7, 1, 1, "")]
    p2 = draw(cells, WIDTHS, r + 2, top=50)
    if open_break and not repeat_header:  # and open at the top of page 2, over that cell only
        x0, x1 = 50.0 + sum(WIDTHS[:7]), 50.0 + sum(WIDTHS)
        p2 = ([s for s in p2[0] if not (s.horizontal and s.at == 50 and s.start == x0 and s.end == x1)], p2[1])
    return [page(1, [p1], TITLE), page(2, [p2])]


def test_a_text_cell_merged_over_a_page_break_goes_to_the_rows_on_both_pages():
    pages = _merged_basis_over_a_break(open_break=True)
    rows = reassemble_cells(find_sheets(pages)[0])
    assert [i.basis for i in build_record(rows).indicators] == ["计划标准", "历史标准", "历史标准"]
    assert rows.doubtful == ()


@pytest.mark.parametrize("repeat_header", [False, True], ids=["no-header", "header-repeated"])
def test_an_empty_cell_a_closed_break_may_continue_is_named_and_the_document_partial(repeat_header):
    """Closed at the break (as Word draws a merged cell), the rules cannot say whether the empty
    依据 cell continues the one above; every other row prints one: the reader says so."""
    pages = _merged_basis_over_a_break(open_break=False, repeat_header=repeat_header)
    rows = reassemble_cells(find_sheets(pages)[0])
    assert [i.basis for i in build_record(rows).indicators] == ["计划标准", "历史标准", None]
    assert len(rows.doubtful) == 1 and "'历史标准'" in rows.doubtful[0] and rows.doubtful[0].startswith("page 2:")
    doc = extract_from_layout(DocumentLayout(DocumentSource("x", "x.pdf", "x.pdf"), 2, None, tuple(pages)))
    assert doc.status == "partial" and "cells_doubtful" in doc.warning_codes


def test_an_empty_cell_after_a_break_in_a_column_that_has_empty_cells_is_no_doubt():
    pages = _merged_basis_over_a_break(open_break=False)
    p1 = draw([*[(0, i, 1, 1, h) for i, h in enumerate(HEAD[:7] + ["指标值设定依据"])],
               *[(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "40", "40", ""])],
               *[(2, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "乙", "1", "1", "30", "30", "历史标准"])]],
              WIDTHS, 3, top=80)
    rows = reassemble_cells(find_sheets([page(1, [p1], TITLE), pages[1]])[0])
    assert [i.basis for i in build_record(rows).indicators] == [None, "历史标准", None] and rows.doubtful == ()


def test_a_row_sharing_the_cut_rows_cell_on_the_new_page_shares_its_text():
    """乙's row is cut by the break (its name goes on: 乙 | 续); on the new page its 依据 cell spans
    丙's row too, empty (the text was printed before the break). Closed rules say nothing, but
    the cut row's cells all go on over the break: 丙 shares 乙's 依据."""
    head = HEAD[:7] + ["指标值设定依据"]
    p1 = draw([*[(0, i, 1, 1, h) for i, h in enumerate(head)],
               *[(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "40", "40", "计划标准"])],
               *[(2, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "乙", "1", "1", "30", "30", "历史标准"])]],
              WIDTHS, 3, top=80)
    p2 = draw([*[(0, i, 1, 1, v) for i, v in enumerate(["", "", "续", "", "", "", ""])], (0, 7, 2, 1, ""),
               *[(1, i, 1, 1, v) for i, v in enumerate(["效益指标", "社会效益指标", "丙", "1", "1", "30", "30"])],
               (2, 0, 1, 5, "总分"), (2, 5, 1, 1, "100"), (2, 6, 1, 1, "100"), (2, 7, 1, 1, "")],
              WIDTHS, 3, top=50)
    rows = reassemble_cells(find_sheets([page(1, [p1], TITLE), page(2, [p2])])[0])
    assert [(i.level3, i.basis) for i in build_record(rows).indicators] == [
        ("甲", "计划标准"), ("乙续", "历史标准"), ("丙", "历史标准")]


# ------------------------------------------------------------------ header bands by meaning

from extract.sheets.reassembly import _read_header, _row_views, _sections  # noqa: E402
from extract.vocabulary.sheets import FUND_HEADER, FUND_WHOLE_COLUMN, INDICATOR_HEADER  # noqa: E402

_LEVELS = ["一级指标", "二级指标", "三级指标"]
_ROLE_LABELS = [(role, label) for role, labels in INDICATOR_HEADER.items()
                if role not in ("level1", "level2", "level3", "target_op", "target_unit") for label in labels]


def _band_roles(cells, n_cols):
    """The column roles of a sheet's two-row indicator header (with one data row under it)."""
    data = [(2, c, 1, 1, v) for c, v in enumerate(["产出指标", "数量指标", "甲"] + ["1"] * (n_cols - 3))]
    pages = [page(1, [draw(cells + data, [70] * n_cols, 3, top=80)], TITLE)]
    parts = _sections(_row_views(find_sheets(pages)[0]))
    header = _read_header(parts.indicator_band, INDICATOR_HEADER)
    return set(header.centers), header.unknown


@pytest.mark.parametrize("parent", ["绩效指标", "指标完成情况明细", "指标分值"],
                         ids=["block-label", "unknown-words", "another-role"])
@pytest.mark.parametrize("role,label", _ROLE_LABELS, ids=[f"{r}-{lb}" for r, lb in _ROLE_LABELS])
def test_children_with_roles_of_their_own_keep_them_under_any_parent(parent, role, label):
    """A parent spanning columns that carry roles of their own (绩效指标 over 一级 | 二级 | 三级
    | 分值 …): each child keeps its role, whatever the parent says."""
    other = "得分" if role != "score" else "分值"
    cells = [(0, 0, 1, 5, parent), *[(1, c, 1, 1, t) for c, t in enumerate(_LEVELS + [label, other])]]
    roles, unknown = _band_roles(cells, 5)
    assert {"level1", "level2", "level3", role} <= roles and unknown == []


@pytest.mark.parametrize("value", ["target", "actual"])
@pytest.mark.parametrize("parent", [0, -1], ids=["first-label", "last-label"])
def test_children_that_are_parts_of_one_value_take_the_parents_role(value, parent):
    """年度指标值 over 指标性质 | 指标值 | 度量单位; 实际完成值 over 指标值 | 单位: the parts of one
    value. The value column takes the parent's role, the operator and unit columns their part."""
    label = INDICATOR_HEADER[value][parent]
    parts = [INDICATOR_HEADER["target_op"][0], "指标值", INDICATOR_HEADER["target_unit"][0]]
    other = "实际完成值" if value == "target" else "年度指标值"
    cells = [*[(0, c, 2, 1, t) for c, t in enumerate(_LEVELS)], (0, 3, 1, 3, label), (0, 6, 2, 1, other),
             *[(1, 3 + i, 1, 1, t) for i, t in enumerate(parts)]]
    roles, unknown = _band_roles(cells, 7)
    assert {value, f"{value}_op", f"{value}_unit"} <= roles and unknown == []


@pytest.mark.parametrize("whole", FUND_WHOLE_COLUMN)
@pytest.mark.parametrize("role", ["initial_budget", "annual_budget", "executed"])
def test_an_amount_parent_over_its_whole_and_its_parts_gives_the_whole_its_role(role, whole):
    """全年预算数 over 总额 | 财政拨款 | 其他资金: the whole is the row's amount, the parts are kept."""
    label = FUND_HEADER[role][0]
    others = [r for r in ("initial_budget", "annual_budget", "executed") if r != role][:1]
    cells = [(0, 0, 2, 1, "资金来源"), (0, 1, 1, 3, label), (0, 4, 2, 1, FUND_HEADER[others[0]][0]),
             *[(1, 1 + i, 1, 1, t) for i, t in enumerate([whole, "财政拨款", "其他资金"])]]
    rows = [(2, c, 1, 1, v) for c, v in enumerate(["年度资金总额", "100", "80", "20", "90"])]
    table = draw(cells + rows + [(3, 0, 1, 5, "年度总体目标"), *[(4, c, 1, 1, t) for c, t in enumerate(
        ["一级指标", "二级指标", "三级指标", "分值", "得分"])], *[(5, c, 1, 1, v) for c, v in enumerate(
        ["产出指标", "数量指标", "甲", "100", "90"])]], [40] * 5, 6, top=80)
    record = build_record(reassemble_cells(find_sheets([page(1, [table], TITLE)])[0]))
    (fund,) = record.funds
    assert getattr(fund, f"{role}_raw") == "100"
    assert [(e.label.split("/")[-1], e.raw) for e in fund.extra_values] == [("财政拨款", "80"), ("其他资金", "20")]


@pytest.mark.parametrize("second_title", ["项目支出绩效自评表（续）", "项目支出绩效自评表"], ids=["continued", "repeated"])
def test_a_title_over_the_rows_left_after_the_total_continues_the_sheet(second_title):
    """The 总分 row ends page 1; the 评价等级 row is printed on page 2 under the title again."""
    p1 = draw([*[(0, i, 1, 1, h) for i, h in enumerate(HEAD)],
               *[(1, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "100", "90", ""])],
               (2, 0, 1, 5, "总分"), (2, 5, 1, 1, "100"), (2, 6, 1, 1, "90"), (2, 7, 1, 1, "")], WIDTHS, 3, top=80)
    p2 = draw([(0, 0, 1, 2, "评价等级"), (0, 2, 1, 6, "优")], WIDTHS, 1, top=80)
    sheets = find_sheets([page(1, [p1], TITLE), page(2, [p2], [(second_title, 40), ("（2023年度）", 60)])])
    assert len(sheets) == 1 and [g.page_no for g in sheets[0].grids] == [1, 2]
    assert build_record(reassemble_cells(sheets[0])).evaluation_grade == "优"


def test_a_parent_row_with_a_new_label_two_rows_deep_is_the_headers_not_the_goals():
    """年度总体目标 | text, then 绩效指标 over 一级 | 二级 | 三级 beside 分值 and 实得分数 two rows deep
    (a label the vocabulary does not know): the parent row is the indicator header's."""
    cells = [(0, 0, 2, 1, "年度总体目标"), (0, 1, 1, 2, "预期目标"), (0, 3, 1, 2, "实际完成情况"),
             (1, 1, 1, 2, "完成培训任务"), (1, 3, 1, 2, "已完成"),
             (2, 0, 1, 3, "绩效指标"), (2, 3, 2, 1, "分值"), (2, 4, 2, 1, "实得分数"),
             *[(3, i, 1, 1, h) for i, h in enumerate(_LEVELS)],
             *[(4, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "90", "90"])],
             (5, 0, 1, 3, "总分"), (5, 3, 1, 1, "90"), (5, 4, 1, 1, "90")]
    rows = reassemble_cells(find_sheets([page(1, [draw(cells, [70] * 5, 6, top=80)], TITLE)])[0])
    record = build_record(rows)
    assert (record.goal_expected, record.goal_actual) == ("完成培训任务", "已完成")
    assert [(i.level3, i.weight, i.score) for i in record.indicators] == [("甲", Decimal(90), Decimal(90))]


def test_a_sub_row_at_the_top_of_a_page_is_its_own_row_even_without_amounts():
    """上级补助资金 | 244.12 ends page 1; 其中：当年财政拨款, its amounts blank, opens page 2 (closed rules): a row
    of its own (其中 never continues a label), not the rest of the one above."""
    head = ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "x"]
    p1 = draw([*[(0, i, 1, 1, h) for i, h in enumerate(head[:7])], (0, 7, 1, 1, ""),
               *[(1, i, 1, 1, v) for i, v in enumerate(["上级补助资金", "244.12", "244.12", "200", "—", "—", "—", ""])]],
              WIDTHS, 2, top=80)
    p2 = draw([*[(0, i, 1, 1, v) for i, v in enumerate(["其中：当年财政拨款", "", "", "", "", "", "", ""])],
               (1, 0, 1, 8, "年度总体目标"), *[(2, i, 1, 1, h) for i, h in enumerate(HEAD)],
               *[(3, i, 1, 1, v) for i, v in enumerate(["产出指标", "数量指标", "甲", "1", "1", "90", "90", ""])]],
              WIDTHS, 4, top=50)
    record = build_record(reassemble_cells(find_sheets([page(1, [p1], TITLE), page(2, [p2])])[0]))
    assert [(f.source, f.annual_budget_raw, f.annual_budget_yuan) for f in record.funds] == [
        ("上级补助资金", "244.12", Decimal("2441200.00")), ("其中：当年财政拨款", None, None)]
