"""A form that splits the values (layout form_b_split_16k): targets printed as 指标性质 | 指标值 |
度量单位 (定性 for a text target), the actual value with its own 度量单位, 未完成原因分析 for the
deviation, in narrow cells that wrap numbers.
"""

from __future__ import annotations

import re

from .drawing import Cell, Layout, Table
from .sheets import fund_cells, goal_cells, indicator_cells, title_lines, total_cells, unit_rows

N_COLS = 12
_VALUE = re.compile(r"^(>=|<=|>|<|=)?\s*(-?\d+(?:\.\d+)?)?\s*(.*)$")


def split_value(value: str | None, with_op: bool) -> tuple[str, str, str]:
    """A seed value as (operator, number, unit) columns; text stays whole (定性 in the operator
    column of a target)."""
    if not value:
        return ("", "", "")
    op, number, unit = _VALUE.match(value).groups()
    if number is None:
        return ("定性" if with_op else "", value, "")
    if with_op:
        return (op or "", number, unit)
    return ("", (op or "") + number, unit)


def split_table(s: dict) -> Table:
    """The seed's sheet with the target in three columns and the actual value in two."""
    project = s["sheet_kind"] == "project"
    cells, r = unit_rows(s, N_COLS, unit_cols=(6, 8))
    funds, r = fund_cells(s, r, ("资金来源", "分值"), [(1, 3), (4, 1), (5, 1), (6, 1), (7, 1), (8, 2), (10, 2)],
                          source_align="left")
    cells += funds + goal_cells(s, r, ("预期目标", "实际完成情况"), split=6, n_cols=N_COLS)
    r += 2
    inds = s["indicators"]
    header_row = r
    last = ("未完成原因分析", "deviation") if project else ("指标值设定依据", "basis")
    for i, h in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
                           "实际完成值", "度量单位", "分值", "得分", last[0])):
        cells.append(Cell(h, r, 1 + i))
    cells.append(Cell("绩效指标", r, 0, rowspan=1 + len(inds)))
    r += 1
    cells += indicator_cells(inds, r, level_cols=(1, 2), value_cols={"level3": 3, last[1]: 11})
    for k, ind in enumerate(inds):
        op, number, unit = split_value(ind["target"], with_op=True)
        _, actual, actual_unit = split_value(ind["actual"], with_op=False)
        for col, text in ((4, op), (5, number), (6, unit), (7, actual), (8, actual_unit),
                          (9, ind["weight"] or ""), (10, ind["score"] or "")):
            cells.append(Cell(text, r + k, col))
    r += len(inds)
    if s["total_weight"] is not None:
        cells += total_cells(s, r, 9, "")
        r += 1
    return Table([0.05, 0.08, 0.08, 0.15, 0.06, 0.07, 0.06, 0.09, 0.06, 0.07, 0.07, 0.16], r, cells, header_row)


def sheet_flow(s: dict, layout: Layout) -> list:
    """Title and year lines above the table."""
    return title_lines([s["title"]], f"（{s['year']}年度）", layout) + [split_table(s)]


def printed_sheet(s: dict) -> dict:
    """The sheet's records as this form prints them: target and actual value read back from their
    columns, without the spaces around the number."""
    inds = []
    for ind in s["indicators"]:
        target = "".join(split_value(ind["target"], with_op=True))
        actual = "".join(split_value(ind["actual"], with_op=False))
        inds.append({**ind, "target": target or None, "actual": actual or None})
    return {**s, "indicators": inds}
