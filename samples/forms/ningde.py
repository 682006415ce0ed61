"""宁德's form, as a WPS 表格 export prints it (layout form_a_ningde_a4l).

Title rows inside the grid (white-filled cells, no border), 专项名称, the 预算安排 / 拨付情况 /
结余情况 fund block (①–⑦, 支出实现率 without %), 预期目标（年初设定） / 目标实际完成情况, 指标分值 /
自评得分, 总分值、评价总分(S) in one cell and 评价等级.
"""

from __future__ import annotations

from decimal import Decimal

from .drawing import Cell, Layout, Table
from .sheets import dept_row, goal_cells, indicator_cells, name_row

N_COLS = 11
GRADES = ((90, "优（S≧90）"), (80, "良（80≦S＜90）"), (60, "中（60≦S＜80）"), (0, "差（S＜60）"))


def grade_of(total_score: str) -> str:
    return next(g for floor, g in GRADES if float(total_score) >= floor)


def _yuan_diff(a: str, b: str) -> str:
    return f"{Decimal(a) - Decimal(b):.2f}"


def ningde_funds(s: dict) -> list[dict]:
    """The seed's fund rows in 宁德's fund block: ① 年初, ② 年中调整 = ③ − ①, ③ 小计 = 全年预算,
    ④ 年度拨付 = 全年执行, ⑤ 支出实现率 (printed without %), ⑥ 结余 = ③ − ④, ⑦ 结余率 = ⑥ / ③."""
    out = []
    for f in s["funds"]:
        balance = _yuan_diff(f["annual_budget"], f["executed"])
        annual = Decimal(f["annual_budget"])
        out.append({**f, "adjustment": _yuan_diff(f["annual_budget"], f["initial_budget"]),
                    "rate": f["execution_rate"].rstrip("%") if f["execution_rate"] else None,
                    "balance": balance,
                    "balance_rate": f"{Decimal(balance) / annual * 100:.2f}" if annual else "0.00"})
    return out


def ningde_table(s: dict) -> Table:
    """11 columns: side label, fund source, ①–⑦, 分值, 得分."""
    cells = [Cell(s["title"], 0, 0, colspan=N_COLS, fill_only=True, bold=True),
             Cell(f"（{s['year']}年度）", 1, 0, colspan=N_COLS, fill_only=True)]
    r = 2
    cells += name_row("专项名称", s["project_name"] or s["unit_name"], r, N_COLS)
    r += 1
    if s["sheet_kind"] == "project":
        cells += dept_row(s, r, N_COLS, unit_cols=(6, 8))
    else:
        cells += name_row("部门（单位）名称", s["unit_name"], r, N_COLS)
    r += 1
    funds = ningde_funds(s)
    cells.append(Cell("财政资金安排和使用情况", r, 0, rowspan=2 + len(funds)))
    cells += [Cell("", r, 1, rowspan=2), Cell("预算安排", r, 2, colspan=3), Cell("拨付情况", r, 5, colspan=2),
              Cell("结余情况", r, 7, colspan=2), Cell("分值", r, 9, rowspan=2), Cell("得分", r, 10, rowspan=2)]
    for i, h in enumerate(("年初部门预算安排金额（含历年结余结转）①", "年中调整金额②", "小计③=①+②",
                           "年度拨付金额④", "支出实现率(%)⑤=④/③", "本年度结余金额⑥=③-④",
                           "资金结余率(%)⑦=⑥/③")):
        cells.append(Cell(h, r + 1, 2 + i))
    r += 2
    for f in funds:
        cells.append(Cell(f["source"], r, 1, align="left"))
        for i, key in enumerate(("initial_budget", "adjustment", "annual_budget", "executed", "rate",
                                 "balance", "balance_rate", "weight", "score")):
            cells.append(Cell(f[key] or "", r, 2 + i))
        r += 1
    cells += goal_cells(s, r, ("预期目标（年初设定）", "目标实际完成情况"), split=6, n_cols=N_COLS)
    r += 2
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("绩效指标", r, 0, rowspan=1 + len(inds)))
    last = ("偏差原因分析及改进措施", "deviation") if s["sheet_kind"] == "project" else ("指标值设定依据", "basis")
    for col, span, h in ((1, 1, "一级指标"), (2, 1, "二级指标"), (3, 2, "三级指标"), (5, 1, "年度指标值"),
                         (6, 1, "实际完成值"), (7, 1, "指标分值"), (8, 1, "自评得分"), (9, 2, last[0])):
        cells.append(Cell(h, r, col, colspan=span))
    r += 1
    for c in indicator_cells(inds, r, level_cols=(1, 2), value_cols={
            "level3": 3, "target": 5, "actual": 6, "weight": 7, "score": 8, last[1]: 9}):
        if c.col in (3, 9):
            c.colspan = 2
        cells.append(c)
    r += len(inds)
    if s["total_score"] is not None:
        cells += [Cell("总分值、评价总分(S)", r, 0, colspan=7), Cell(s["total_score"], r, 7, colspan=4)]
        cells += [Cell("评价等级", r + 1, 0, colspan=2), Cell(grade_of(s["total_score"]), r + 1, 2, colspan=9)]
        r += 2
    return Table([0.05, 0.11, 0.09, 0.09, 0.08, 0.09, 0.09, 0.09, 0.09, 0.11, 0.11], r, cells, header_row)


def sheet_flow(s: dict, layout: Layout) -> list:
    """The grid alone: its title and year are rows of it."""
    return [ningde_table(s)]


def printed_sheet(s: dict) -> dict:
    """The sheet's records as this form prints them: 专项名称 for a department too, no total weight
    (one merged cell under 指标分值 and 自评得分 holds the score), the grade, and each fund row's
    ②, ⑥ and ⑦ as extra columns."""
    return {**s, "project_name": s["project_name"] or s["unit_name"], "total_weight": None,
            "evaluation_grade": grade_of(s["total_score"]) if s["total_score"] else None,
            "funds": [{"source": f["source"], "initial_budget": f["initial_budget"],
                       "annual_budget": f["annual_budget"], "executed": f["executed"],
                       "weight": f["weight"], "score": f["score"],
                       "execution_rate": f["rate"],
                       "extra": {"年中调整金额②": f["adjustment"], "本年度结余金额⑥=③-④": f["balance"],
                                 "资金结余率(%)⑦=⑥/③": f["balance_rate"]}}
                      for f in ningde_funds(s)]}
