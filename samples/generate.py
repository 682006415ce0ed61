"""Generate the sample PDFs from samples/source/*.json.

The samples reproduce a published 部门决算公开说明 (cover, narrative, and its 24 绩效自评表)
with what makes these documents hard: ruled tables with true merged cells (level-1/level-2
indicator cells and vertical side labels spanning rows), long texts wrapping inside cells,
sheets and rows breaking across pages (a cell's text continuing on the next page), header rows
repeated or not on continuation pages. The layouts (two PDF producers, page sizes, how breaks
are drawn) are described in samples/forms/drawing.py.

Regenerating needs the Debian font package fonts-wqy-zenhei and `pip install -e .[samples]`:

    python samples/generate.py            # writes samples/pdf/*.pdf
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from pathlib import Path

from forms.drawing import (FONT_NAMES, FONT_PATH, LAYOUTS, RENDERERS, Cell, Layout, PageBreak,  # noqa: F401
                           Para, Table, paginate)

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- sheets -> tables


def _placeholder(value: str | None, kind: str) -> str:
    if value is not None:
        return value
    return "—" if kind == "project" else "-"


def _spans(values: list[str | None]) -> list[tuple[int, int]]:
    """Runs of equal consecutive values: (start, length)."""
    runs: list[tuple[int, int]] = []
    for i, v in enumerate(values):
        if runs and values[runs[-1][0]] == v and v:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def _goal_cells(s: dict, r: int, headers: tuple[str, str], split: int, n_cols: int) -> list[Cell]:
    """The 年度总体目标 block from row r: side label, the two headers (the second starting at
    column ``split``), the two texts under them."""
    return [Cell("年度总体目标", r, 0, rowspan=2), Cell(headers[0], r, 1, colspan=split - 1),
            Cell(headers[1], r, split, colspan=n_cols - split),
            Cell(s["goal_expected"], r + 1, 1, colspan=split - 1, align="left"),
            Cell(s["goal_actual"], r + 1, split, colspan=n_cols - split, align="left")]


def _funds_and_goals(s: dict, r: int, cells: list[Cell], side: str, source_header: str,
                     weight_header: str, kind: str) -> int:
    """The funds block and the 年度总体目标 block from row r; returns the next free row."""
    funds = s["funds"]
    cells.append(Cell(side, r, 0, rowspan=1 + len(funds)))
    cells += [Cell(source_header, r, 1, colspan=2)] + [Cell(h, r, 3 + i) for i, h in enumerate(
        ("年初预算数", "全年预算数", "全年执行数", weight_header, "执行率", "得分"))]
    r += 1
    for f in funds:
        cells.append(Cell(f["source"], r, 1, colspan=2))
        for i, key in enumerate(("initial_budget", "annual_budget", "executed", "weight",
                                 "execution_rate", "score")):
            cells.append(Cell(_placeholder(f[key], kind), r, 3 + i))
        r += 1
    cells += _goal_cells(s, r, ("预期目标", "实际完成情况"), split=5, n_cols=9)
    return r + 2


def project_table(s: dict, nowrap_levels: bool = False) -> Table:
    """项目支出绩效自评表: 9 columns (side label, 一级 … 偏差原因分析及改进措施)."""
    cells: list[Cell] = []
    r = 0
    cells += [Cell("项目名称", r, 0, colspan=2), Cell(s["project_name"], r, 2, colspan=7)]
    r += 1
    cells += [Cell("主管部门", r, 0, colspan=2), Cell(s["competent_dept"], r, 2, colspan=3),
              Cell("实施单位", r, 5), Cell(s["implementing_unit"], r, 6, colspan=3)]
    r += 1
    r = _funds_and_goals(s, r, cells, "项目资金（万元）", "", "分值", "project")
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("年度绩效指标完成情况", r, 0, rowspan=1 + len(inds)))
    for i, h in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                           "得分", "偏差原因分析及改进措施")):
        cells.append(Cell(h, r, 1 + i, bold=True))
    r += 1
    cells += _indicator_cells(inds, r, level_cols=(1, 2), value_cols={
        "level3": 3, "target": 4, "actual": 5, "weight": 6, "score": 7, "deviation": 8},
        nowrap=nowrap_levels)
    r += len(inds)
    cells += [Cell("总分", r, 0, colspan=6), Cell(s["total_weight"], r, 6),
              Cell(s["total_score"], r, 7), Cell("分", r, 8)]
    widths = ([0.06, 0.06, 0.07, 0.19, 0.13, 0.13, 0.06, 0.08, 0.22] if nowrap_levels else
              [0.06, 0.08, 0.10, 0.16, 0.13, 0.13, 0.06, 0.08, 0.20])
    return Table(widths, r + 1, cells, header_row)


def department_table(s: dict, nowrap_levels: bool = False) -> Table:
    """部门（单位）整体支出绩效目标自评表: its own column order (依据 before 分值权重)."""
    cells: list[Cell] = []
    r = 0
    cells += [Cell("部门（单位）名称", r, 0, colspan=2), Cell(s["unit_name"], r, 2, colspan=7)]
    r += 1
    r = _funds_and_goals(s, r, cells, "部门资金（万元）", "资金来源", "分值权重", "department")
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("一级指标", r, 0, colspan=2, bold=True))
    for i, h in enumerate(("二级指标", "三级指标", "预期指标值", "指标值设定依据", "分值权重",
                           "实际完成指标值", "得分")):
        cells.append(Cell(h, r, 2 + i, bold=True))
    r += 1
    cells += _indicator_cells(inds, r, level_cols=(0, 2), level1_span=2, value_cols={
        "level3": 3, "target": 4, "basis": 5, "weight": 6, "actual": 7, "score": 8},
        nowrap=nowrap_levels)
    r += len(inds)
    widths = ([0.05, 0.05, 0.06, 0.16, 0.14, 0.18, 0.08, 0.18, 0.10] if nowrap_levels else
              [0.05, 0.07, 0.10, 0.14, 0.14, 0.16, 0.08, 0.16, 0.10])
    return Table(widths, r, cells, header_row)


def _indicator_cells(inds: list[dict], first_row: int, level_cols: tuple[int, int],
                     value_cols: dict[str, int], level1_span: int = 1,
                     nowrap: bool = False) -> list[Cell]:
    """Indicator rows; equal consecutive level-1/level-2 labels (and deviations) become one
    merged cell, as in the source. ``nowrap``: the level cells print one clipped line."""
    cells: list[Cell] = []
    for start, n in _spans([i["level1"] for i in inds]):
        cells.append(Cell(inds[start]["level1"], first_row + start, level_cols[0], rowspan=n,
                          colspan=level1_span, nowrap=nowrap))
    for start, n in _spans([f'{i["level1"]}/{i["level2"]}' for i in inds]):
        cells.append(Cell(inds[start]["level2"], first_row + start, level_cols[1], rowspan=n,
                          nowrap=nowrap))
    if "deviation" in value_cols:
        for start, n in _spans([i["deviation"] for i in inds]):
            cells.append(Cell(inds[start]["deviation"] or "", first_row + start,
                              value_cols["deviation"], rowspan=n, align="left"))
    for k, ind in enumerate(inds):
        for key, col in value_cols.items():
            if key != "deviation":
                cells.append(Cell(ind[key] or "", first_row + k, col,
                                  align="left" if key == "level3" else "center"))
    return cells


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
    cells: list[Cell] = []
    name = s["project_name"] or s["unit_name"]
    cells += [Cell(s["title"], 0, 0, colspan=11, fill_only=True, bold=True),
              Cell(f"（{s['year']}年度）", 1, 0, colspan=11, fill_only=True)]
    r = 2
    cells += [Cell("专项名称", r, 0, colspan=2), Cell(name, r, 2, colspan=9)]
    r += 1
    if s["sheet_kind"] == "project":
        cells += [Cell("主管部门", r, 0, colspan=2), Cell(s["competent_dept"], r, 2, colspan=4),
                  Cell("实施单位", r, 6, colspan=2), Cell(s["implementing_unit"], r, 8, colspan=3)]
    else:
        cells += [Cell("部门（单位）名称", r, 0, colspan=2), Cell(s["unit_name"], r, 2, colspan=9)]
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
    cells += _goal_cells(s, r, ("预期目标（年初设定）", "目标实际完成情况"), split=6, n_cols=11)
    r += 2
    inds = s["indicators"]
    header_row = r
    cells.append(Cell("绩效指标", r, 0, rowspan=1 + len(inds)))
    last = ("偏差原因分析及改进措施", "deviation") if s["sheet_kind"] == "project" else ("指标值设定依据", "basis")
    for col, span, h in ((1, 1, "一级指标"), (2, 1, "二级指标"), (3, 2, "三级指标"), (5, 1, "年度指标值"),
                         (6, 1, "实际完成值"), (7, 1, "指标分值"), (8, 1, "自评得分"), (9, 2, last[0])):
        cells.append(Cell(h, r, col, colspan=span))
    r += 1
    for c in _indicator_cells(inds, r, level_cols=(1, 2), value_cols={
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
    cells: list[Cell] = []
    r = 0
    if project:
        cells += [Cell("项目名称", r, 0, colspan=2), Cell(s["project_name"], r, 2, colspan=10)]
        r += 1
        cells += [Cell("主管部门", r, 0, colspan=2), Cell(s["competent_dept"], r, 2, colspan=4),
                  Cell("实施单位", r, 6, colspan=2), Cell(s["implementing_unit"], r, 8, colspan=4)]
    else:
        cells += [Cell("部门（单位）名称", r, 0, colspan=2), Cell(s["unit_name"], r, 2, colspan=10)]
    r += 1
    funds = s["funds"]
    cells.append(Cell("项目资金（万元）" if project else "部门资金（万元）", r, 0, rowspan=1 + len(funds)))
    cells += [Cell(h, r, col, colspan=span) for col, span, h in (
        (1, 3, "资金来源"), (4, 1, "年初预算数"), (5, 1, "全年预算数"), (6, 1, "全年执行数"),
        (7, 1, "分值"), (8, 2, "执行率"), (10, 2, "得分"))]
    r += 1
    for f in funds:
        cells.append(Cell(f["source"], r, 1, colspan=3, align="left"))
        for key, col, span in (("initial_budget", 4, 1), ("annual_budget", 5, 1), ("executed", 6, 1),
                               ("weight", 7, 1), ("execution_rate", 8, 2), ("score", 10, 2)):
            cells.append(Cell(_placeholder(f[key], s["sheet_kind"]), r, col, colspan=span))
        r += 1
    cells += _goal_cells(s, r, ("预期目标", "实际完成情况"), split=6, n_cols=12)
    r += 2
    inds = s["indicators"]
    header_row = r
    last = ("未完成原因分析", "deviation") if project else ("指标值设定依据", "basis")
    for i, h in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
                           "实际完成值", "度量单位", "分值", "得分", last[0])):
        cells.append(Cell(h, r, 1 + i))
    cells.append(Cell("绩效指标", r, 0, rowspan=1 + len(inds)))
    r += 1
    cells += _indicator_cells(inds, r, level_cols=(1, 2), value_cols={"level3": 3, last[1]: 11})
    for k, ind in enumerate(inds):
        op, number, unit = split_value(ind["target"], with_op=True)
        _, actual, actual_unit = split_value(ind["actual"], with_op=False)
        for col, text in ((4, op), (5, number), (6, unit), (7, actual), (8, actual_unit),
                          (9, ind["weight"] or ""), (10, ind["score"] or "")):
            cells.append(Cell(text, r + k, col))
    r += len(inds)
    if s["total_weight"] is not None:
        cells += [Cell("总分", r, 0, colspan=9), Cell(s["total_weight"], r, 9),
                  Cell(s["total_score"], r, 10), Cell("", r, 11)]
        r += 1
    return Table([0.05, 0.08, 0.08, 0.15, 0.06, 0.07, 0.06, 0.09, 0.06, 0.07, 0.07, 0.16], r, cells, header_row)


def form_sheet(s: dict, form: str) -> dict:
    """The sheet's records as the form prints them: what extraction must give back."""
    out = {**s, "title": printed_title(s, form)}
    if form == "ningde":
        out["project_name"] = s["project_name"] or s["unit_name"]
        out["total_weight"] = None  # one merged cell under 指标分值 and 自评得分: the score
        out["evaluation_grade"] = grade_of(s["total_score"]) if s["total_score"] else None
        out["funds"] = [{"source": f["source"], "initial_budget": f["initial_budget"],
                         "annual_budget": f["annual_budget"], "executed": f["executed"],
                         "weight": f["weight"], "score": f["score"],
                         "execution_rate": f["rate"],
                         "extra": {"年中调整金额②": f["adjustment"], "本年度结余金额⑥=③-④": f["balance"],
                                   "资金结余率(%)⑦=⑥/③": f["balance_rate"]}}
                        for f in ningde_funds(s)]
    if form == "split":
        inds = []
        for ind in s["indicators"]:
            target = "".join(split_value(ind["target"], with_op=True))
            actual = "".join(split_value(ind["actual"], with_op=False))
            inds.append({**ind, "target": target or None, "actual": actual or None})
        out["indicators"] = inds
    return out


def statement_table(spec: dict) -> Table:
    """A standard 决算 table: its header cells as given, then one row per data row.

    A data row is a list of cell texts, or {"cells": [...], "merge": [[col, colspan], …]} where
    a merged cell shows the text of its first column (合计 over the code and name columns).
    """
    cells = [Cell(text, r, c, rs, cs) for r, c, rs, cs, text in spec["header"]]
    n_cols = len(spec["widths"])
    for i, row in enumerate(spec["rows"]):
        r = spec["header_rows"] + i
        texts, merges = (row, []) if isinstance(row, list) else (row["cells"], row["merge"])
        covered = {c for start, span in merges for c in range(start + 1, start + span)}
        spans = {start: span for start, span in merges}
        for c in range(n_cols):
            if c not in covered:
                numeric = bool(texts[c]) and texts[c][0].isdigit() and not texts[c].isdigit()
                cells.append(Cell(texts[c], r, c, colspan=spans.get(c, 1),
                                  align="center" if numeric or c in spans else "left"))
    return Table(spec["widths"], spec["header_rows"] + len(spec["rows"]), cells)


def seed_form(s: dict, layout: Layout) -> list:
    """The seed's own form: title and year lines above the table."""
    title = s["title"]
    if layout.letter_spaced_title and s["sheet_kind"] == "project":
        title = " ".join(title)
    t = layout.title_size
    return [Para(title, t, "center", bold=True, indent=False, space_before=10),
            Para(f"（{s['year']} 年度）", layout.body_size, "center", indent=False),
            project_table(s) if s["sheet_kind"] == "project" else department_table(s)]


def ningde_form(s: dict, layout: Layout) -> list:
    """A WPS 表格 export in 宁德's form: title rows inside the grid, 专项名称, the 预算安排 /
    拨付情况 / 结余情况 fund block, 指标分值 / 自评得分, 总分值、评价总分(S) and 评价等级."""
    return [ningde_table(s)]


def split_form(s: dict, layout: Layout) -> list:
    """Targets printed as 指标性质 | 指标值 | 度量单位, the actual value with its own unit column,
    未完成原因分析 for the deviation."""
    t = layout.title_size
    return [Para(s["title"], t, "center", bold=True, indent=False, space_before=10),
            Para(f"（{s['year']}年度）", layout.body_size, "center", indent=False),
            split_table(s)]


def spreadsheet_form(s: dict, layout: Layout) -> list:
    """A spreadsheet export: the title on two lines, level-1/level-2 cells that do not wrap
    and clip their text at the cell's edge, a running header and footer (see the layout)."""
    t = layout.title_size
    first = s["project_name"] or s["unit_name"]
    return [Para(first, t, "center", bold=True, indent=False, space_before=10),
            Para(s["title"], t, "center", bold=True, indent=False, space_before=0),
            Para(f"（{s['year']}年度）", layout.body_size, "center", indent=False),
            project_table(s, nowrap_levels=True) if s["sheet_kind"] == "project"
            else department_table(s, nowrap_levels=True)]


def printed_title(s: dict, form: str) -> str:
    """The sheet's title as the form prints it (a two-line title is one title)."""
    if form == "spreadsheet":
        return (s["project_name"] or s["unit_name"]).replace(" ", "") + s["title"]
    return s["title"]


def document_flow(source: dict, layout: Layout) -> list[Para | Table | PageBreak]:
    flow: list[Para | Table | PageBreak] = []
    t = layout.title_size
    flow.append(Para(source["cover"][0], t + 4, "center", bold=True, indent=False, space_before=160))
    flow.append(Para(source["cover"][1], t + 6, "center", bold=True, indent=False, space_before=30))
    flow.append(PageBreak())
    for p in source["narrative_before"]:
        heading = p.startswith("第") and "部分" in p[:6]
        flow.append(Para(p, t if heading else layout.body_size, "center" if heading else "left",
                         bold=heading, indent=not heading))
    for i, s in enumerate(source["sheets"]):
        if layout.sheet_on_new_page or i == 0:
            flow.append(PageBreak())
        flow += FORMS[layout.form](s, layout)
    for spec in source.get("statements", []):
        flow.append(PageBreak())
        heading = (Para(spec.get("title", spec["name"]), t, "center", bold=True, indent=False, space_before=10),
                   Para(f"单位：{spec['unit']}", layout.body_size, "left", indent=False))
        flow += heading
        table = statement_table(spec)
        if spec.get("repeat_title"):
            table.title_lines = heading
        flow.append(table)
        if spec.get("note"):
            flow.append(Para(spec["note"], layout.body_size, "left", indent=False))
    flow.append(PageBreak())
    for p in source["narrative_after"]:
        heading = p.startswith("第") and "部分" in p[:6]
        flow.append(Para(p, t if heading else layout.body_size, "center" if heading else "left",
                         bold=heading, indent=not heading))
    return flow




FORMS = {"seed": seed_form, "ningde": ningde_form, "split": split_form, "spreadsheet": spreadsheet_form}


def generate(source_path: Path, layout: Layout, out_dir: Path) -> Path:
    source = json.loads(source_path.read_text(encoding="utf-8"))
    pages = paginate(document_flow(source, layout), layout)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{source_path.stem}_{layout.name}.pdf"
    RENDERERS[layout.producer](pages, layout, path, f"{source['unit_name']} {source['fiscal_year']} 年度部门决算")
    return path


def write_expected(layout: Layout) -> Path:
    """samples/expected/seed_2023_<layout>.json: the seed's expected sheets as this form prints
    them (form_sheet), for the forms other than the seed's own."""
    seed = json.loads((HERE / "expected" / "seed_2023.json").read_text(encoding="utf-8"))
    out = {"unit_name": seed["unit_name"], "fiscal_year": seed["fiscal_year"], "form": layout.form,
           "sheets": [form_sheet(s, layout.form) for s in seed["sheets"]]}
    path = HERE / "expected" / f"seed_2023_{layout.name}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(HERE / "pdf"))
    ap.add_argument("--layout", choices=sorted(LAYOUTS), action="append")
    args = ap.parse_args()
    for source in sorted((HERE / "source").glob("*.json")):
        for name in args.layout or sorted(LAYOUTS):
            if source.stem not in LAYOUTS[name].sources:
                continue
            path = generate(source, LAYOUTS[name], Path(args.out))
            print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size // 1024} KiB)")
            if LAYOUTS[name].form != "seed":
                print(f"wrote {write_expected(LAYOUTS[name]).relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
