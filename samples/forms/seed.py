"""The seed's own form (the published document's): title and year lines above a 9-column grid.

Printed in the a4/b5/letter layouts (drawing.LAYOUTS); the spreadsheet form prints the same two
grids with level cells that do not wrap.
"""

from __future__ import annotations

from .drawing import Cell, Layout, Table
from .sheets import fund_cells, goal_cells, indicator_cells, title_lines, total_cells, unit_rows


def _upper_rows(s: dict, source_header: str, weight_header: str) -> tuple[list[Cell], int]:
    """The rows above the indicators: the unit rows, the funds block (source over two columns,
    then six values) and the 年度总体目标 block; returns the cells and the next free row."""
    cells, r = unit_rows(s, 9, unit_cols=(5, 6))
    funds, r = fund_cells(s, r, (source_header, weight_header), [(1, 2)] + [(3 + i, 1) for i in range(6)])
    return cells + funds + goal_cells(s, r, ("预期目标", "实际完成情况"), split=5, n_cols=9), r + 2


def project_table(s: dict, nowrap_levels: bool = False) -> Table:
    """项目支出绩效自评表: 9 columns (side label, 一级 … 偏差原因分析及改进措施)."""
    cells, r = _upper_rows(s, "", "分值")
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("年度绩效指标完成情况", r, 0, rowspan=1 + len(inds)))
    for i, h in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                           "得分", "偏差原因分析及改进措施")):
        cells.append(Cell(h, r, 1 + i, bold=True))
    r += 1
    cells += indicator_cells(inds, r, level_cols=(1, 2), value_cols={
        "level3": 3, "target": 4, "actual": 5, "weight": 6, "score": 7, "deviation": 8},
        nowrap=nowrap_levels)
    r += len(inds)
    cells += total_cells(s, r, 6, "分")
    widths = ([0.06, 0.06, 0.07, 0.19, 0.13, 0.13, 0.06, 0.08, 0.22] if nowrap_levels else
              [0.06, 0.08, 0.10, 0.16, 0.13, 0.13, 0.06, 0.08, 0.20])
    return Table(widths, r + 1, cells, header_row)


def department_table(s: dict, nowrap_levels: bool = False) -> Table:
    """部门（单位）整体支出绩效目标自评表: its own column order (依据 before 分值权重), no 总分."""
    cells, r = _upper_rows(s, "资金来源", "分值权重")
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("一级指标", r, 0, colspan=2, bold=True))
    for i, h in enumerate(("二级指标", "三级指标", "预期指标值", "指标值设定依据", "分值权重",
                           "实际完成指标值", "得分")):
        cells.append(Cell(h, r, 2 + i, bold=True))
    r += 1
    cells += indicator_cells(inds, r, level_cols=(0, 2), level1_span=2, value_cols={
        "level3": 3, "target": 4, "basis": 5, "weight": 6, "actual": 7, "score": 8},
        nowrap=nowrap_levels)
    r += len(inds)
    widths = ([0.05, 0.05, 0.06, 0.16, 0.14, 0.18, 0.08, 0.18, 0.10] if nowrap_levels else
              [0.05, 0.07, 0.10, 0.14, 0.14, 0.16, 0.08, 0.16, 0.10])
    return Table(widths, r, cells, header_row)


def grid(s: dict, nowrap_levels: bool = False) -> Table:
    """The sheet's grid: the project's or the department's."""
    return project_table(s, nowrap_levels) if s["sheet_kind"] == "project" else department_table(s, nowrap_levels)


def sheet_flow(s: dict, layout: Layout) -> list:
    """Title and year lines above the table; the project title letter-spaced where the layout says."""
    title = s["title"]
    if layout.letter_spaced_title and s["sheet_kind"] == "project":
        title = " ".join(title)
    return title_lines([title], f"（{s['year']} 年度）", layout) + [grid(s)]


def printed_sheet(s: dict) -> dict:
    """The sheet's records as this form prints them: the seed's own."""
    return dict(s)
