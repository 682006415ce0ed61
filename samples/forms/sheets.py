"""The blocks of a 绩效自评表 that the forms build alike, each form placing them in its own columns.

A sheet is one entry of a source's ``sheets`` in the seed's vocabulary (sheet_kind project or
department, funds, goal_expected / goal_actual, indicators, totals). The blocks, top to bottom:
the unit rows, the funds block, the 年度总体目标 block, the indicator rows and the 总分 row; above
the grid, the title lines and the year.
"""

from __future__ import annotations

from .drawing import Cell, Layout, Para, heading

# The fund values in the order every form prints them; None: the form names the weight's header.
FUND_COLUMNS = (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"),
                ("executed", "全年执行数"), ("weight", None), ("execution_rate", "执行率"),
                ("score", "得分"))


def placeholder(value: str | None, kind: str) -> str:
    if value is not None:
        return value
    return "—" if kind == "project" else "-"


def spans(values: list[str | None]) -> list[tuple[int, int]]:
    """Runs of equal consecutive values: (start, length)."""
    runs: list[tuple[int, int]] = []
    for i, v in enumerate(values):
        if runs and values[runs[-1][0]] == v and v:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def title_lines(titles: list[str], year: str, layout: Layout) -> list[Para]:
    """The sheet's title lines (one title, or a title printed on two lines) and its year line."""
    return [heading(text, layout.title_size, space_before=0 if i else 10) for i, text in enumerate(titles)] + [
        Para(year, layout.body_size, "center", indent=False)]


def name_row(label: str, value: str, r: int, n_cols: int) -> list[Cell]:
    """A label over the first two columns, its value over the rest (项目名称, 部门（单位）名称)."""
    return [Cell(label, r, 0, colspan=2), Cell(value, r, 2, colspan=n_cols - 2)]


def dept_row(s: dict, r: int, n_cols: int, unit_cols: tuple[int, int]) -> list[Cell]:
    """主管部门 and its name, 实施单位 and its name; ``unit_cols``: the columns those two start at."""
    label, value = unit_cols
    return [Cell("主管部门", r, 0, colspan=2), Cell(s["competent_dept"], r, 2, colspan=label - 2),
            Cell("实施单位", r, label, colspan=value - label),
            Cell(s["implementing_unit"], r, value, colspan=n_cols - value)]


def unit_rows(s: dict, n_cols: int, unit_cols: tuple[int, int]) -> tuple[list[Cell], int]:
    """The first rows: 项目名称 and the 主管部门 row (a project), 部门（单位）名称 (a department);
    returns the cells and the next free row."""
    if s["sheet_kind"] == "project":
        return name_row("项目名称", s["project_name"], 0, n_cols) + dept_row(s, 1, n_cols, unit_cols), 2
    return name_row("部门（单位）名称", s["unit_name"], 0, n_cols), 1


def fund_cells(s: dict, r: int, headers: tuple[str, str], cols: list[tuple[int, int]],
               source_align: str = "center") -> tuple[list[Cell], int]:
    """The funds block from row r: the side label down the block, a header row, one row per fund.
    ``headers``: the fund source's and the weight's; ``cols``: (column, colspan) of the source and
    of each value (FUND_COLUMNS). Returns the cells and the next free row."""
    funds = s["funds"]
    side = "项目资金（万元）" if s["sheet_kind"] == "project" else "部门资金（万元）"
    titles = [headers[0]] + [h or headers[1] for _, h in FUND_COLUMNS]
    cells = [Cell(side, r, 0, rowspan=1 + len(funds))]
    cells += [Cell(h, r, col, colspan=span) for h, (col, span) in zip(titles, cols)]
    (source_col, source_span), value_cols = cols[0], cols[1:]
    for row, f in enumerate(funds, start=r + 1):
        cells.append(Cell(f["source"], row, source_col, colspan=source_span, align=source_align))
        cells += [Cell(placeholder(f[key], s["sheet_kind"]), row, col, colspan=span)
                  for (key, _), (col, span) in zip(FUND_COLUMNS, value_cols)]
    return cells, r + 1 + len(funds)


def goal_cells(s: dict, r: int, headers: tuple[str, str], split: int, n_cols: int) -> list[Cell]:
    """The 年度总体目标 block from row r: side label, the two headers (the second starting at
    column ``split``), the two texts under them."""
    return [Cell("年度总体目标", r, 0, rowspan=2), Cell(headers[0], r, 1, colspan=split - 1),
            Cell(headers[1], r, split, colspan=n_cols - split),
            Cell(s["goal_expected"], r + 1, 1, colspan=split - 1, align="left"),
            Cell(s["goal_actual"], r + 1, split, colspan=n_cols - split, align="left")]


def indicator_cells(inds: list[dict], first_row: int, level_cols: tuple[int, int],
                    value_cols: dict[str, int], level1_span: int = 1,
                    nowrap: bool = False) -> list[Cell]:
    """Indicator rows; equal consecutive level-1/level-2 labels (and deviations) become one
    merged cell, as in the source. ``nowrap``: the level cells print one clipped line."""
    cells: list[Cell] = []
    for start, n in spans([i["level1"] for i in inds]):
        cells.append(Cell(inds[start]["level1"], first_row + start, level_cols[0], rowspan=n,
                          colspan=level1_span, nowrap=nowrap))
    for start, n in spans([f'{i["level1"]}/{i["level2"]}' for i in inds]):
        cells.append(Cell(inds[start]["level2"], first_row + start, level_cols[1], rowspan=n,
                          nowrap=nowrap))
    if "deviation" in value_cols:
        for start, n in spans([i["deviation"] for i in inds]):
            cells.append(Cell(inds[start]["deviation"] or "", first_row + start,
                              value_cols["deviation"], rowspan=n, align="left"))
    for k, ind in enumerate(inds):
        for key, col in value_cols.items():
            if key != "deviation":
                cells.append(Cell(ind[key] or "", first_row + k, col,
                                  align="left" if key == "level3" else "center"))
    return cells


def total_cells(s: dict, r: int, col: int, last: str) -> list[Cell]:
    """The 总分 row: the label over the columns before ``col``, the total weight, the total score,
    then ``last``."""
    return [Cell("总分", r, 0, colspan=col), Cell(s["total_weight"], r, col),
            Cell(s["total_score"], r, col + 1), Cell(last, r, col + 2)]
