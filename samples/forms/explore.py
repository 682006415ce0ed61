"""A form generator that explores: seeded 自评表 documents composed from independent dimensions,
each with its true records (tools/explore_forms.py scores the reader on them).

``draw_case(seed, index)`` draws one document from ``random.Random(f"explore:{seed}:{index}")``:
every dimension below is drawn independently of the others, and of what the reader can read (a
dimension that breaks the reader is a finding, never a reason to leave it out). ``write_case``
renders it and writes its truth beside it: the records in the shape samples/expected/*.json uses
(compared as tests/expected.py does), plus the drawn dimensions.

Dimensions, per document:

* producer (reportlab, fpdf2), font (WQY Zen Hei, WQY Micro Hei, AR PL UMing, AR PL UKai; Noto Sans
  and Serif CJK SC with fpdf2, which alone embeds their PostScript outlines), page size (A3, A4,
  A5 landscape, B4, B5, Letter, Legal, 16K) and orientation, /Rotate 90/180/270 with the content
  drawn upright (reportlab), margins and type sizes;
* ruling: cells as rectangles, as segments per cell side, or as merged lines (one segment per
  rule of the grid); rules left open or closed at page breaks; fake bold (glyphs drawn twice),
  Kangxi radicals (⼀ ⻔) in the text layer;
* page furniture: page numbers (- N -, N, 第 N 页, 第 N 页 共 M 页, N/M …), a running title and a
  date; a cover; each sheet on a new page or following the last one; 1–3 sheets;
* the indicator header repeated on continuation pages or not; the sheet's title repeated (as
  printed, or marked （续）) or not;
* a page break placed at a chosen row of one sheet: between rows, inside merged cells, inside a
  wrapped row (the row split over the pages), at the indicator header.

Per sheet: the kind (项目 / 部门整体); the title and how it is printed (lines above the grid,
letter-spaced or not, on two lines with the project's name, white-filled cells of the grid, ruled
cells of the grid) and its year line; every header label drawn from the reader's vocabulary
(extract.vocabulary.sheets, imported, never copied) with or without decorations ((A), （万元）,
(%), ①); the head fields (项目名称 / 专项名称 …, 主管部门, 实施单位, 部门名称 …, a 部门预算编码 in its
own row or beside the name, or none); the fund block (the seed's flat header in three column
orders, 全年预算数 / 全年执行数 over 总额 | 财政拨款 | 其他资金, 宁德's 预算安排 / 拨付情况 / 结余情况, a
年度主要任务 table with 主要内容 / 完成情况 text columns), with or without its side label; the fund
rows (total first or last, a 小计 with detail rows, a single row), 执行率 on the total row or on
every row, amounts with thousands separators or four decimals, placeholders (—, -, /, empty);
the goal block (side label with two headers, the side label split in 年度 / 总体目标, a full-width
label row above the headers, label cells left of each text); the indicator block: header one or
two rows deep (绩效指标 over the three levels; a target over 指标性质 | 指标值 | 度量单位, an actual
value over value | unit), column order (target before or after the actual value, the weight
before, between or after them, the score after the weight or last), a side label or none,
指标值设定依据 and 偏差原因分析 columns or not, level cells merged or repeated on every row,
equal texts merged, non-wrapping clipped cells (levels, or every indicator cell); the values
(operators as symbols, ASCII, words or full-width forms, units, qualitative values, spacing,
thousands separators), scores with or without decimals or 分; the 总分 row (weight and score,
score only, one merged cell, none), a 评价等级 row.

Each truth's own arithmetic holds (``arithmetic_problems``): the weights and the fund weight add
up to the 总分值, no score passes its weight, the scores add up to the 总分, the fund rows add up
to their total, 执行率 = 全年执行数 / 全年预算数 to the printed decimals.
"""

from __future__ import annotations

import dataclasses
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from dims import Dims

from extract.vocabulary.sheets import (
    BLOCK_LABELS, FUND_EXTRA_LABELS, FUND_HEADER, FUND_TOTAL_ROWS, FUND_WHOLE_COLUMN, GOAL_HEADER, GRADE_ROW,
    INDICATOR_HEADER, SHEET_FIELDS, TOTAL_ROW)
from extract.vocabulary.values import PLACEHOLDERS

from .drawing import (
    FONT_PATH, LEADING, MICROHEI, NOTO_SANS, NOTO_SERIF, PAD, POSTSCRIPT_OUTLINES, RENDERERS, UKAI, UMING, Layout,
    Measure, PageBreak, Paginator, Para, Table, font_face, heading, lay_out)
from .explore_content import DEPARTMENTS, HUNDRED, REGIONS, Content, Fund, Indicator, Value, draw_content
from .explore_grid import Grid

FONTS = (FONT_PATH, MICROHEI, UMING, UKAI, NOTO_SANS, NOTO_SERIF)
# Kangxi radicals reach a text layer through a font that maps ⼀ and ⻔ to the glyphs of 一 and 门;
# WQY Micro Hei has no such code points (drawing them would print nothing).
KANGXI_FONTS = (FONT_PATH, UMING, UKAI, NOTO_SANS, NOTO_SERIF)
PAGES = {"A3": (841.89, 1190.55), "A4": (595.28, 841.89), "A5": (419.53, 595.28), "B4": (708.66, 1000.63),
         "B5": (498.9, 708.66), "Letter": (612.0, 792.0), "Legal": (612.0, 1008.0), "16K": (521.57, 737.01)}
PROJECT_TITLES = ("项目支出绩效自评表", "项目支出绩效目标自评表", "项目绩效自评表", "项目支出绩效自评情况表",
                  "专项资金绩效自评表", "项目支出绩效自评结果表")
DEPARTMENT_TITLES = ("部门（单位）整体支出绩效自评表", "部门整体支出绩效自评表", "部门（单位）整体支出绩效目标自评表",
                     "单位整体支出绩效自评表", "部门整体绩效自评表")
YEAR_LINES = ("（{y}年度）", "（{y} 年度）", "{y}年度", "({y}年度)", "（{y}年）")
OPERATORS = {"symbol": {">=": "≥", "<=": "≤", "=": "="}, "ascii": {">=": ">=", "<=": "<=", "=": "="},
             "words": {">=": "大于等于", "<=": "小于等于", "=": "等于"},
             "fullwidth": {">=": "≧", "<=": "≦", "=": "＝"},
             "lenient": {">=": "不低于", "<=": "不超过", "=": "="}}
GRADES = ((90, ("优", "优秀", "优（S≧90）")), (80, ("良", "良好", "良（80≦S＜90）")),
          (60, ("中", "合格", "中（60≦S＜80）")), (0, ("差", "不合格", "差（S＜60）")))
PAGE_NUMBERS = ("", "- {n} -", "{n}", "第 {n} 页", "第{n}页 共{total}页", "{n}/{total}", "第 {n} 页 共 {total} 页")
DATES = ("2024/7/25", "2024-07-25 10:30", "2024/07/25")
# The block labels by block: the reader's own list, read by the words each block's label has.
FUND_SIDES = tuple(b for b in BLOCK_LABELS if "资金" in b)
TASK_SIDES = tuple(b for b in BLOCK_LABELS if "任务" in b)
GOAL_SIDES = tuple(b for b in BLOCK_LABELS if "目标" in b)
INDICATOR_SIDES = tuple(b for b in BLOCK_LABELS if "指标" in b)


# --------------------------------------------------------------------------- drawing dimensions


def _plain(x: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form."""
    s = format(x, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _none_if_placeholder(text: str | None) -> str | None:
    return None if text is None or text.strip() in PLACEHOLDERS else text


def _joined(parts: list[str]) -> str | None:
    """A value printed in several columns as the records keep it: the printed parts in order,
    placeholders left out."""
    kept = [p.strip() for p in parts if _none_if_placeholder(p) is not None]
    return "".join(kept) or None


# --------------------------------------------------------------------------- printing values


@dataclass
class Style:
    """How a sheet prints its values."""

    ops: str
    spaced: bool
    thousands_values: bool
    amounts: str  # 2dp / thousands / 4dp
    zero: str  # how a zero amount is printed
    rate_places: int
    rate_percent: bool
    placeholder: str
    scores: str  # plain / 2dp / points

    def op(self, op: str) -> str:
        return OPERATORS[self.ops].get(op, "")

    def number(self, x: Decimal) -> str:
        return f"{x:,}" if self.thousands_values and x >= 1000 else _plain(x) if x == x.to_integral() else str(x)

    def value(self, v: Value) -> str:
        if v.text:
            return v.text
        sp = " " if self.spaced else ""
        op = self.op(v.op)
        return f"{op}{sp if op else ''}{self.number(v.number)}{sp}{v.unit}".rstrip()

    def amount(self, x: Decimal) -> str:
        if x == 0 and self.zero != "as_number":
            return self.zero
        return {"2dp": f"{x:.2f}", "thousands": f"{x:,.2f}", "4dp": f"{x:.4f}"}[self.amounts]

    def rate(self, executed: Decimal, annual: Decimal) -> str:
        if not annual:
            return self.placeholder
        pct = (executed / annual * HUNDRED).quantize(Decimal(1).scaleb(-self.rate_places), ROUND_HALF_UP)
        return f"{pct}%" if self.rate_percent else str(pct)

    def points(self, x: Decimal) -> str:
        s = f"{x:.2f}" if self.scores == "2dp" else _plain(x)
        return s + "分" if self.scores == "points" else s


def _decorate(d: Dims, name: str, label: str, tags: tuple[str, ...], p: float = 0.3) -> str:
    """A header label, now and then with a tag printed after it ((A), （万元）, (%)); a label that
    ends in its own letter (年度指标值A) gets none."""
    if label[-1:].isascii() and label[-1:].isalpha():
        return label
    tag = d.pick(name + ".tag", ("",) + tags, [1 - p] + [p / len(tags)] * len(tags)) if tags else ""
    return label + tag


# --------------------------------------------------------------------------- the sheet


@dataclass
class Col:
    """One column of a block: its header label (under ``parent`` in a two-row header), its
    relative width, and what it prints in each row."""

    key: str
    label: str
    width: float
    get: object = None  # row -> printed text
    parent: str | None = None
    align: str = "center"
    merge: bool = False  # equal consecutive texts merged into one cell
    merge_key: object = None  # row -> what must be equal for rows to merge (default: the text)
    nowrap: bool = False


@dataclass
class SheetPrint:
    items: list  # the flow: paragraphs and the table
    table: Table
    truth: dict
    blocks: dict[int, str]
    dims: dict


def _header(g: Grid, r: int, cols: list[Col], xs: list[float], bold: bool) -> int:
    """A block's header, one row deep or two where a column has a parent; returns its depth."""
    depth = 2 if any(c.parent for c in cols) else 1
    i = 0
    while i < len(cols):
        c = cols[i]
        if c.parent:
            j = i
            while j + 1 < len(cols) and cols[j + 1].parent == c.parent:
                j += 1
            g.add(r, xs[i], xs[j + 1], c.parent, bold=bold)
            for k in range(i, j + 1):
                g.add(r + 1, xs[k], xs[k + 1], cols[k].label, bold=bold)
            i = j + 1
        else:
            g.add(r, xs[i], xs[i + 1], c.label, rowspan=depth, bold=bold)
            i += 1
    return depth


def _rows(g: Grid, r: int, cols: list[Col], xs: list[float], items: list, first_col: int = 0) -> None:
    """One row per item; a merging column's equal consecutive texts become one cell."""
    for k, c in enumerate(cols[first_col:], start=first_col):
        texts = [c.get(it) for it in items]
        keys = [c.merge_key(it) for it in items] if c.merge_key else texts
        i = 0
        while i < len(texts):
            n = 1
            if c.merge and texts[i]:
                while i + n < len(texts) and keys[i + n] == keys[i]:
                    n += 1
            g.add(r + i, xs[k], xs[k + 1], texts[i], rowspan=n, align=c.align, nowrap=c.nowrap)
            i += n


def _fund_truth(source: str, cols: dict[str, str | None], role: str, weight: Decimal, score: Decimal) -> dict:
    """A fund row's truth: amounts as decimals of 万元 (the expected files' raw amounts are the
    printed decimals; ``printed`` keeps the printed text where it is not that: thousands
    separators, a placeholder), weight and score as numbers, placeholders as None."""
    out = {"source": source}
    printed = {}
    for key, col in (("initial_budget", "initial"), ("annual_budget", "annual"), ("executed", "executed")):
        text = (cols.get(col) or "").strip()
        raw = _none_if_placeholder(text)
        out[key] = raw.replace(",", "") if raw else None
        if text and text != out[key]:
            printed[key] = text
    out["weight"] = _plain(weight) if _none_if_placeholder(cols.get("weight")) else None
    out["execution_rate"] = _none_if_placeholder(cols.get("rate"))
    out["score"] = _plain(score) if _none_if_placeholder(cols.get("score")) else None
    out["role"] = role
    if printed:
        out["printed"] = printed
    return out


def _fund_block(g: Grid, r: int, c: Content, d: Dims, st: Style, bold: bool) -> tuple[int, list[dict]]:
    """The funds block from row r (its form drawn here); returns the next row and the truth rows."""
    form = d.d["fund_form"]
    project = c.kind == "project"
    total_label = d.pick("fund.total_label", FUND_TOTAL_ROWS)
    every_row_rate = d.chance("fund.rate_on_every_row", 0.2)
    order = d.pick("fund.order", ("weight rate score", "rate weight score", "weight score rate"))
    money = lambda label, tag: _decorate(d, f"fund.label.{tag}", label, ("（万元）",) if tag else ())  # noqa: E731

    def role_label(role: str) -> str:
        return d.pick(f"fund.label.{role}", FUND_HEADER[role])

    def is_total(f: Fund) -> bool:
        return f.role in ("total", "total_single")

    def tail(f: Fund) -> dict[str, str]:
        """weight, rate, score: on the total row; the rate on every row where the form says."""
        out = {"weight": st.points(c.fund_weight) if is_total(f) else st.placeholder,
               "score": st.points(c.fund_score) if is_total(f) else st.placeholder,
               "rate": st.rate(f.executed, f.annual) if is_total(f) or every_row_rate else st.placeholder}
        return out
    tails = [Col(k, {"weight": role_label("weight"),
                     "rate": _decorate(d, "fund.label.rate", role_label("execution_rate"),
                                       ("（B/A）", "(%)", "（%）")),
                     "score": role_label("score")}[k], 0.07) for k in order.split()]
    if d.d["fund.label.rate.tag"] in ("(%)", "（%）"):
        st = dataclasses.replace(st, rate_percent=d.chance("fund.rate_percent_under_percent_label", 0.3))
    source_label = d.pick("fund.label.source", ("",) + FUND_HEADER["source"]) if form != "task" else "任务名称"
    cols: list[Col] = [Col("source", source_label, 0.16 if form != "task" else 0.12)]
    amounts = lambda f: {"initial": st.amount(f.initial) if f.initial is not None else st.placeholder,  # noqa: E731
                         "annual": st.amount(f.annual), "executed": st.amount(f.executed)}
    if form == "flat":
        cols += [Col("initial", money(role_label("initial_budget"), "initial"), 0.1),
                 Col("annual", money(role_label("annual_budget") + d.pick("fund.tag.A", ("", "（A）")), "annual"), 0.1),
                 Col("executed", money(role_label("executed") + d.pick("fund.tag.B", ("", "（B）")), "executed"), 0.1)]
    elif form == "two_level" or (form == "task" and d.chance("fund.task_two_level", 0.5)):
        if form != "task" or d.chance("fund.task_initial", 0.3):
            cols.append(Col("initial", money(role_label("initial_budget"), "initial"), 0.09))
        whole = d.pick("fund.label.whole", FUND_WHOLE_COLUMN)
        for key, role in (("annual", "annual_budget"), ("executed", "executed")):
            parent = money(role_label(role), key)
            cols += [Col(key, whole, 0.08, parent=parent), Col(key + "_fin", "财政拨款", 0.08, parent=parent),
                     Col(key + "_other", "其他资金", 0.08, parent=parent)]
    elif form == "ningde":
        plan, paid, left = "预算安排", "拨付情况", "结余情况"
        adjust = d.pick("fund.label.adjustment", tuple(x for x in FUND_EXTRA_LABELS if x.startswith("年中调整")))
        balance = d.pick("fund.label.balance", tuple(x for x in FUND_EXTRA_LABELS if x.endswith("结余金额")))
        balance_rate = d.pick("fund.label.balance_rate", tuple(x for x in FUND_EXTRA_LABELS if x.endswith("结余率")))
        cols += [Col("initial", role_label("initial_budget") + "①", 0.1, parent=plan),
                 Col("adjust", adjust + "②", 0.08, parent=plan),
                 Col("annual", role_label("annual_budget") + "③=①+②", 0.08, parent=plan),
                 Col("executed", role_label("executed") + "④", 0.08, parent=paid),
                 Col("rate", role_label("execution_rate") + "(%)⑤=④/③", 0.08, parent=paid),
                 Col("balance", balance + "⑥=③-④", 0.08, parent=left),
                 Col("balance_rate", balance_rate + "(%)⑦=⑥/③", 0.08, parent=left)]
        tails = [t for t in tails if t.key != "rate"]
        st = dataclasses.replace(st, rate_percent=False)
    else:  # a task table with flat amounts
        if d.chance("fund.task_initial", 0.3):
            cols.append(Col("initial", money(role_label("initial_budget"), "initial"), 0.09))
        cols += [Col("annual", money(role_label("annual_budget"), "annual"), 0.1),
                 Col("executed", money(role_label("executed"), "executed"), 0.1)]
    if form == "task":
        cols.insert(1, Col("text", "主要内容", 0.2, align="left"))
        if d.chance("fund.task_done_column", 0.5):
            cols.insert(2, Col("done", "完成情况", 0.12, align="left"))
    cols += tails

    side = None
    if form == "task":
        side = d.pick("fund.side_label", TASK_SIDES)
    elif d.chance("fund.has_side_label", 0.8):
        other = "部门" if project else "项目"  # a project's funds are never 部门资金, nor a department's 项目资金
        side = d.pick("fund.side_label", tuple(b for b in FUND_SIDES if other not in b)) + d.pick(
            "fund.side_unit", ("（万元）", ""))
    x_side = d.d.get("side_width", 0.06) if side else 0.0
    xs = g.columns([c.width for c in cols], x_side, 1.0)

    def printed(f: Fund) -> dict[str, str]:
        out = {**amounts(f), **tail(f)}
        if form == "ningde":
            left = f.annual - f.executed
            out.update(adjust=st.amount(f.annual - f.initial), balance=st.amount(left),
                       balance_rate=st.rate(left, f.annual).rstrip("%") if f.annual else st.placeholder)
        out.update(annual_fin=st.amount(f.fin_share), annual_other=st.amount(f.annual - f.fin_share),
                   executed_fin=st.amount(f.exec_fin_share), executed_other=st.amount(f.executed - f.exec_fin_share),
                   text=f.text, done=f.done)
        return out

    source_align = d.pick("fund.source_align", ("center", "left"))
    depth = _header(g, r, cols, xs, bold)
    first = r
    r += depth
    truth = []
    text_cols = [k for k, c in enumerate(cols) if c.key in ("source", "text", "done")]
    for f in c.funds:
        values = printed(f)
        source = total_label if f.role == "total" else f.source
        if form == "task" and f.role == "total":
            g.add(r, xs[0], xs[text_cols[-1] + 1], source)
            start = text_cols[-1] + 1
        else:
            g.add(r, xs[0], xs[1], source, align=source_align)
            start = 1
        for k in range(start, len(cols)):
            g.add(r, xs[k], xs[k + 1], values.get(cols[k].key, ""),
                  align=cols[k].align)
        truth.append(_fund_truth(source, {c_.key: values.get(c_.key) for c_ in cols}, f.role,
                                 c.fund_weight, c.fund_score))
        if form == "task":
            keys = {c_.key for c_ in cols}
            truth[-1].update(task_name=source,
                             task_content=(values.get("text") or None) if "text" in keys and start == 1 else None,
                             completion=(values.get("done") or None) if "done" in keys and start == 1 else None)
        if form == "ningde":
            truth[-1]["extra"] = {c_.label: values[c_.key] for c_ in cols
                                  if c_.key in ("adjust", "balance", "balance_rate")}
        r += 1
    if side:
        g.add(first, 0.0, x_side, side, rowspan=r - first)
    g.mark(first, r, "funds")
    return r, truth


def _goal_block(g: Grid, r: int, c: Content, d: Dims, bold: bool) -> int:
    form = d.d["goal_form"]
    expected = d.pick("goal.label.expected", GOAL_HEADER["expected"])
    actual = d.pick("goal.label.actual", GOAL_HEADER["actual"])
    side = d.pick("goal.side_label", GOAL_SIDES)
    sw = d.d.get("side_width", 0.06)
    first = r
    if form == "labels_left":  # 预期目标 | text / 实际完成情况 | text, under the side label
        xs = g.snap([0.0, sw, sw + 0.1, 1.0])
        g.add(r, xs[0], xs[1], side, rowspan=2)
        g.add(r, xs[1], xs[2], expected, bold=bold)
        g.add(r, xs[2], xs[3], c.goal_expected, align="left")
        g.add(r + 1, xs[1], xs[2], actual, bold=bold)
        g.add(r + 1, xs[2], xs[3], c.goal_actual, align="left")
        r += 2
    else:
        split = d.d.get("goal.split", 0.5)
        if form == "full_width":
            g.add(r, 0.0, 1.0, side, bold=bold)
            r += 1
            xs = g.snap([0.0, split, 1.0])
        else:
            xs = g.snap([0.0, sw, split, 1.0])
            if form == "side":
                g.add(r, xs[0], xs[1], side, rowspan=2)
            else:  # the side label split in two cells: 年度 / 总体目标
                g.add(r, xs[0], xs[1], side[:2])
                g.add(r + 1, xs[0], xs[1], side[2:])
            xs = xs[1:]
        g.add(r, xs[0], xs[1], expected, bold=bold)
        g.add(r, xs[1], xs[2], actual, bold=bold)
        g.add(r + 1, xs[0], xs[1], c.goal_expected, align="left")
        g.add(r + 1, xs[1], xs[2], c.goal_actual, align="left")
        r += 2
    g.mark(first, r, "goals")
    return r


# Header labels outside the vocabulary, by role: what the reader must read from the cells.
UNSEEN_LABELS = {"weight": ("赋分", "标准分值", "分数设定"), "score": ("评定分", "考评得分值", "实得分数"),
                 "target": ("目标数值", "计划达到值"), "actual": ("完成数值", "实现数值"),
                 "deviation": ("情况说明",), "basis": ("依据来源",)}
UNSEEN_LABEL_SHARE = 0.1


def _indicator_columns(c: Content, d: Dims, st: Style) -> tuple[list[Col], dict]:
    """The indicator block's columns in print order and the parts of each value."""
    project = c.kind == "project"
    # A label no form seen so far uses (a province's own words) for one role, now and then:
    # drawn from a stream of its own, so every other dimension of every case stays as it was.
    unseen = random.Random(f"unseen {c.kind} {c.unit_name} {c.project_name} {c.total_weight} {c.total_score}")
    unseen_role = unseen.choice(sorted(UNSEEN_LABELS)) if unseen.random() < UNSEEN_LABEL_SHARE else ""
    unseen_label = unseen.choice(UNSEEN_LABELS[unseen_role]) if unseen_role else ""
    d.d["ind.label.unseen"] = f"{unseen_role}={unseen_label}" if unseen_role else ""

    def label(role: str) -> str:
        printed = d.pick(f"ind.label.{role}", INDICATOR_HEADER[role])
        return unseen_label if role == unseen_role else printed
    jitter = lambda w: w * d.rng.uniform(0.8, 1.25)  # noqa: E731
    target_parts = d.pick("ind.target_parts", ("one", "op|value|unit", "value|unit", "op|value"), [5, 2, 1, 1])
    actual_parts = d.pick("ind.actual_parts", ("one", "value|unit"), [4, 1])
    two_rows = d.chance("ind.two_row_header", 0.4)
    qualitative_op = d.pick("ind.qualitative_op", ("定性", ""))
    nowrap = d.pick("ind.nowrap", ("none", "levels", "all"), [6, 2, 1])
    merge_levels = d.pick("ind.level_cells", ("merged", "repeated"), [5, 1]) == "merged"
    merge_texts = d.chance("ind.equal_texts_merged", 0.4)

    def op_part(v: Value) -> str:
        return (qualitative_op if v.text else st.op(v.op))

    def number_part(v: Value, with_op: bool, with_unit: bool) -> str:
        if v.text:
            return v.text
        sp = " " if st.spaced else ""
        op = st.op(v.op) if with_op else ""
        return f"{op}{sp if op else ''}{st.number(v.number)}" + (f"{sp}{v.unit}" if with_unit else "")

    empty_unit = d.pick("ind.unit_of_a_text_value", ("", "—", "/"))

    def unit_part(v: Value) -> str:
        return v.unit if not v.text else empty_unit

    level_parent = None
    side = None
    if d.chance("ind.has_side_label", 0.5):
        side = d.pick("ind.side_label", INDICATOR_SIDES)
    elif two_rows and d.chance("ind.levels_under_parent", 0.6):
        level_parent = d.pick("ind.level_parent", INDICATOR_SIDES)
    cols = [Col("level1", label("level1"), jitter(0.07), lambda i: i.level1, level_parent, merge=merge_levels,
                nowrap=nowrap != "none"),
            Col("level2", label("level2"), jitter(0.08), lambda i: i.level2, level_parent, merge=merge_levels,
                merge_key=lambda i: (i.level1, i.level2), nowrap=nowrap != "none"),
            Col("level3", label("level3"), jitter(0.16), lambda i: i.level3, level_parent, align="left",
                nowrap=nowrap == "all")]
    target_label = _decorate(d, "ind.label.target", label("target"), ("（A）",), 0.1)
    actual_label = _decorate(d, "ind.label.actual", label("actual"), ("（B）",), 0.1)
    t_parent = target_label if two_rows and target_parts != "one" else None
    a_parent = actual_label if two_rows and actual_parts != "one" else None
    nw = nowrap == "all"
    if target_parts == "one":
        target = [Col("target", target_label, jitter(0.11), lambda i: st.value(i.target), nowrap=nw)]
    else:
        parts = target_parts.split("|")
        value_label = d.pick("ind.label.target_value", INDICATOR_HEADER["target"]) if t_parent else target_label
        target = []
        if "op" in parts:
            target.append(Col("target_op", label("target_op"), jitter(0.05), lambda i: op_part(i.target),
                              t_parent, nowrap=nw))
        target.append(Col("target", value_label, jitter(0.07),
                          lambda i: number_part(i.target, "op" not in parts, "unit" not in parts), t_parent, nowrap=nw))
        if "unit" in parts:
            target.append(Col("target_unit", label("target_unit"), jitter(0.05), lambda i: unit_part(i.target),
                              t_parent, nowrap=nw))
    if actual_parts == "one":
        actual = [Col("actual", actual_label, jitter(0.11), lambda i: st.value(i.actual), nowrap=nw)]
    else:
        value_label = d.pick("ind.label.actual_value", ("指标值", "完成值", "实际值")) if a_parent else actual_label
        actual = [Col("actual", value_label, jitter(0.08), lambda i: number_part(i.actual, True, False), a_parent,
                      nowrap=nw),
                  Col("actual_unit", d.pick("ind.label.actual_unit", INDICATOR_HEADER["target_unit"]), jitter(0.05),
                      lambda i: unit_part(i.actual), a_parent, nowrap=nw)]
    weight = [Col("weight", label("weight"), jitter(0.05), lambda i: st.points(i.weight), nowrap=nw)]
    score = [Col("score", label("score"), jitter(0.05), lambda i: st.points(i.score), nowrap=nw)]
    values = d.pick("ind.value_order", ("target actual", "actual target")).split()
    groups = {"target": target, "actual": actual}
    order = [groups[values[0]], groups[values[1]]]
    weight_at = d.pick("ind.weight_at", ("after", "before", "between"), [3, 1, 1])
    score_at = d.pick("ind.score_at", ("after weight", "last"), [3, 1])
    seq = order[0] + order[1]
    if weight_at == "before":
        seq = weight + seq
    elif weight_at == "between":
        seq = order[0] + weight + order[1]
    else:
        seq = seq + weight
    if score_at == "after weight":
        k = next(n for n, col in enumerate(seq) if col.key == "weight")
        seq = seq[:k + 1] + score + seq[k + 1:]
    else:
        seq = seq + score
    basis = d.pick("ind.basis_column", ("none", "after target", "last"), [2, 1, 1] if project else [1, 2, 1])
    if basis != "none":
        col = Col("basis", label("basis"), jitter(0.11), lambda i: i.basis,
                  align="left", merge=merge_texts)
        if basis == "after target":
            k = max(n for n, c_ in enumerate(seq) if c_.key.startswith("target"))
            seq = seq[:k + 1] + [col] + seq[k + 1:]
        else:
            seq.append(col)
    if d.chance("ind.deviation_column", 0.85 if project else 0.3):
        empty = d.pick("ind.deviation_when_none", ("", "无", "—", "/"))
        seq.append(Col("deviation", label("deviation"), jitter(0.14),
                       lambda i: i.deviation or empty, align="left", merge=merge_texts))
    return cols + seq, {"side": side, "target_parts": target_parts, "actual_parts": actual_parts}


def _indicator_truth(i: Indicator, printed: dict[str, str]) -> dict:
    def field(key: str) -> str | None:
        return _none_if_placeholder(printed.get(key))
    return {"level1": i.level1, "level2": i.level2, "level3": i.level3,
            "target": _joined([printed.get(k, "") for k in ("target_op", "target", "target_unit")]),
            "actual": _joined([printed.get(k, "") for k in ("actual", "actual_unit")]),
            "weight": _plain(i.weight), "score": _plain(i.score),
            "deviation": field("deviation"), "basis": field("basis")}


def _grade(score: Decimal, d: Dims) -> str:
    style = d.pick("grade.style", (0, 1, 2))
    return next(names[style] for floor, names in GRADES if score >= floor)


def compose_sheet(c: Content, d: Dims, layout: Layout, unit_name: str) -> SheetPrint:
    """One sheet: its paragraphs and grid, drawn with the sheet's dimensions, and its truth."""
    project = c.kind == "project"
    bold = d.chance("headers_bold", 0.5)
    st = Style(ops=d.pick("values.operators", tuple(OPERATORS)), spaced=d.chance("values.spaced", 0.4),
               thousands_values=d.chance("values.thousands", 0.15),
               amounts=d.pick("amounts.format", ("2dp", "thousands", "4dp"), [6, 2, 1]),
               zero=d.pick("amounts.zero", ("as_number", "0", "0.00", "—", ""), [5, 1, 1, 1, 1]),
               rate_places=d.pick("rate.places", (2, 1, 0), [5, 1, 1]), rate_percent=True,
               placeholder=d.pick("placeholder", ("—", "-", "", "/", "——")),
               scores=d.pick("scores.format", ("plain", "2dp", "points"), [5, 2, 1]))
    d.d["side_width"] = round(d.rng.uniform(0.04, 0.08), 3)
    d.d["goal.split"] = round(d.rng.uniform(0.35, 0.6), 3)
    title = d.pick("title.text", PROJECT_TITLES if project else DEPARTMENT_TITLES)
    title_style = d.pick("title.style", ("lines", "two_lines", "grid_filled", "grid_ruled"), [8, 1, 2, 1])
    year_style = d.pick("title.year", YEAR_LINES + ("in_title",), [2, 2, 1, 1, 1, 1])
    if year_style == "in_title":
        title = f"{c.year}年度{title}"
    year_line = year_style.format(y=c.year) if year_style != "in_title" else None
    unit_line = d.pick("title.unit_line", ("", "单位：万元", "金额单位：万元"), [4, 1, 1])
    printed_title = title
    if title_style == "lines" and d.chance("title.letter_spaced", 0.2):
        printed_title = " ".join(title)
    first_line = c.project_name if project else unit_name
    truth_title = (first_line + title) if title_style == "two_lines" else title

    cols, parts = _indicator_columns(c, d, st)
    side = parts["side"]
    x_side = d.d["side_width"] if side else 0.0
    g = Grid()
    xs = g.columns([col.width for col in cols], x_side, 1.0)
    r = 0
    if title_style.startswith("grid"):
        filled = title_style == "grid_filled"
        g.add(r, 0.0, 1.0, title, bold=True, fill_only=filled)
        r += 1
        if year_line:
            g.add(r, 0.0, 1.0, year_line, fill_only=filled)
            r += 1
        g.mark(0, r, "title")

    # the head: 项目名称 (主管部门, 实施单位) or the unit's name, and the 部门预算编码
    fields = {"project_name": None, "competent_dept": None, "implementing_unit": None, "unit_name": None}
    code_at = d.pick("field.budget_code", ("none", "own_row", "same_row"), [6, 1, 1])
    a = xs[2] if not side else xs[1]
    colon = d.pick("field.colon", ("", "："), [5, 1])
    head_first = r
    name_label, name_value = ((d.pick("field.project_name", SHEET_FIELDS["project_name"]), c.project_name) if project
                              else (d.pick("field.unit_name", SHEET_FIELDS["unit_name"]), unit_name))
    if code_at == "same_row":
        hx = g.snap([0.0, a, 0.62, 0.76, 1.0])
        g.add(r, hx[0], hx[1], name_label + colon)
        g.add(r, hx[1], hx[2], name_value)
        g.add(r, hx[2], hx[3], d.pick("field.budget_code_label", SHEET_FIELDS["budget_code"]) + colon)
        g.add(r, hx[3], hx[4], c.budget_code)
    else:
        hx = g.snap([0.0, a, 1.0])
        g.add(r, hx[0], hx[1], name_label + colon)
        g.add(r, hx[1], hx[2], name_value)
    r += 1
    fields["project_name" if project else "unit_name"] = name_value
    if project:
        hx = g.snap([0.0, a, 0.5, 0.64, 1.0])
        dept_label = d.pick("field.competent_dept", SHEET_FIELDS["competent_dept"])
        impl_label = d.pick("field.implementing_unit", SHEET_FIELDS["implementing_unit"])
        g.add(r, hx[0], hx[1], dept_label + colon)
        g.add(r, hx[1], hx[2], c.competent_dept)
        g.add(r, hx[2], hx[3], impl_label + colon)
        g.add(r, hx[3], hx[4], c.implementing_unit)
        fields.update(competent_dept=c.competent_dept, implementing_unit=c.implementing_unit)
        r += 1
    if code_at == "own_row":
        hx = g.snap([0.0, a, 1.0])
        g.add(r, hx[0], hx[1], d.pick("field.budget_code_label", SHEET_FIELDS["budget_code"]) + colon)
        g.add(r, hx[1], hx[2], c.budget_code)
        r += 1
    g.mark(head_first, r, "head")

    r, funds = _fund_block(g, r, c, d, st, bold)
    r = _goal_block(g, r, c, d, bold)

    header_row = r
    depth = _header(g, r, cols, xs, bold)
    r += depth
    inds = c.indicators
    _rows(g, r, cols, xs, inds)
    if side:
        g.add(header_row, 0.0, x_side, side, rowspan=depth + len(inds))
    g.mark(header_row, header_row + depth, "indicator_header")
    g.mark(header_row + depth, header_row + depth + len(inds), "indicators")
    truth_inds = [_indicator_truth(i, {col.key: col.get(i) for col in cols}) for i in inds]
    r += len(inds)

    # the 总分 row, the 评价等级 row
    total_form = d.d["total.form"]
    keys = [col.key for col in cols]
    kw, ks = keys.index("weight"), keys.index("score")
    if total_form == "merged_score" and ks != kw + 1:
        total_form = d.d["total.form"] = "score_only"
    total_weight = total_score = None
    grade = None
    if total_form != "none":
        first = min(kw, ks)
        label = d.pick("total.label", TOTAL_ROW)
        g.add(r, 0.0, xs[first], label)
        k = first
        while k < len(cols):
            if total_form == "merged_score" and k == kw:
                g.add(r, xs[k], xs[k + 2], st.points(c.total_score))
                k += 2
                continue
            text = {kw: st.points(c.total_weight) if total_form == "weight_score" else "",
                    ks: st.points(c.total_score)}.get(k, "")
            g.add(r, xs[k], xs[k + 1], text)
            k += 1
        total_score = _plain(c.total_score)
        total_weight = _plain(c.total_weight) if total_form == "weight_score" else None
        g.mark(r, r + 1, "total")
        r += 1
        if d.chance("grade.row", 0.3):
            grade = _grade(c.total_score, d)
            g.add(r, 0.0, xs[2], d.pick("grade.label", GRADE_ROW))
            g.add(r, xs[2], 1.0, grade)
            g.mark(r, r + 1, "grade")
            r += 1

    # the paragraphs above the grid and the title repeated on continuation pages
    paras: list = []
    if title_style == "lines":
        paras.append(heading(printed_title, layout.title_size))
    elif title_style == "two_lines":
        paras += [heading(first_line, layout.title_size), heading(title, layout.title_size, space_before=0)]
    if year_line and not title_style.startswith("grid"):
        paras.append(Para(year_line, layout.body_size, "center", indent=False))
    if unit_line:
        paras.append(Para(unit_line, layout.body_size, "left", indent=False))
    repeat_title = d.pick("title.repeated", ("no", "as printed", "（续）"), [3, 1, 1]) \
        if title_style in ("lines", "two_lines") else "no"
    repeated = ()
    if repeat_title != "no":
        suffix = "" if repeat_title == "as printed" else "（续）"
        last_title = max(n for n, p in enumerate(paras) if p.bold)
        repeated = tuple(heading(p.text + suffix, p.size, p.space_before) if n == last_title else p
                         for n, p in enumerate(paras))
    table = g.table(repeat_row=header_row, repeat_rows=depth, title_lines=repeated)

    truth = {"sheet_kind": c.kind, "title": truth_title, "project_name": fields["project_name"],
             "competent_dept": fields["competent_dept"], "implementing_unit": fields["implementing_unit"],
             "unit_name": fields["unit_name"], "goal_expected": c.goal_expected, "goal_actual": c.goal_actual,
             "total_weight": total_weight, "total_score": total_score, "fiscal_year": c.year,
             "funds": funds, "indicators": truth_inds,
             "budget_code": c.budget_code if code_at != "none" else None, "evaluation_grade": grade}
    failed, not_applicable = own_checks(truth)
    truth.update(failed_checks=failed, not_applicable_checks=not_applicable)
    d.d["n_indicators"] = len(inds)
    d.d["n_funds"] = len(funds)
    return SheetPrint(paras + [table], table, truth, g.blocks, d.d)


# --------------------------------------------------------------------------- the truth's arithmetic


def _d(raw: str | None) -> Decimal | None:
    if raw is None:
        return None
    return Decimal(raw.replace(",", "").rstrip("%").removesuffix("分"))


def _execution_row(funds: list[dict]) -> dict | None:
    total = next((f for f in funds if f["role"] in ("total", "total_single")), None)
    for f in [total, *funds]:
        if f is not None and (f["weight"] is not None or f["score"] is not None):
            return f
    return None


def own_checks(sheet: dict) -> tuple[list[str], list[str]]:
    """The sheet's checks as its own arithmetic decides them (the ids of extract's
    sheets/validate.py, as its docstring defines them; computed here from the truth, so that a
    reader's mistake cannot change them): (failed, not_applicable)."""
    failed, na = [], []
    funds, inds = sheet["funds"], sheet["indicators"]
    exec_row = _execution_row(funds)
    total = next((f for f in funds if f["role"] == "total"), None)
    rate_row = next((f for f in funds if f["role"] in ("total", "total_single")), funds[0] if funds else None)
    if sheet["total_score"] is None:
        na.append("score_sum")
    elif exec_row is None or exec_row["score"] is None or sum(_d(i["score"]) for i in inds) + _d(
            exec_row["score"]) != _d(sheet["total_score"]):
        failed.append("score_sum")
    if not inds:
        na.append("weight_sum")
    else:
        want = _d(sheet["total_weight"]) if sheet["total_weight"] is not None else HUNDRED
        if exec_row is None or exec_row["weight"] is None or sum(_d(i["weight"]) for i in inds) + _d(
                exec_row["weight"]) != want:
            failed.append("weight_sum")
    rate = exec_row["execution_rate"] if exec_row else None
    if rate_row is None or rate is None or not _d(rate_row["annual_budget"] or "0"):
        na.append("execution_rate")
    else:
        places = len(rate.rstrip("%").split(".")[1]) if "." in rate else 0
        computed = (_d(rate_row["executed"]) / _d(rate_row["annual_budget"]) * HUNDRED).quantize(
            Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if computed != _d(rate):
            failed.append("execution_rate")
    if total is None or len(funds) < 2:
        na.append("fund_sum")
    else:
        parts = [f for f in funds if f["role"] in ("part", "detail")]
        for key in ("initial_budget", "annual_budget", "executed"):
            values = [_d(f[key]) for f in parts]
            if total[key] is None and all(v is None for v in values):
                continue
            if _d(total[key]) != sum((v for v in values if v is not None), Decimal(0)):
                failed.append("fund_sum")
                break
    if any(_d(i["score"]) > _d(i["weight"]) for i in inds):
        failed.append("score_le_weight")
    return failed, na


def arithmetic_problems(sheet: dict) -> list[str]:
    """What does not add up in a truth sheet (nothing, for every sheet the explorer draws)."""
    out = []
    inds = sheet["indicators"]
    exec_row = _execution_row(sheet["funds"])
    weights = sum((_d(i["weight"]) for i in inds), Decimal(0)) + _d(exec_row["weight"])
    want = _d(sheet["total_weight"]) if sheet["total_weight"] is not None else HUNDRED
    if weights != want:
        out.append(f"Σ weights {weights} ≠ 总分值 {want}")
    out += [f"indicator {n}: score {i['score']} > weight {i['weight']}" for n, i in enumerate(inds, 1)
            if _d(i["score"]) > _d(i["weight"])]
    if _d(exec_row["score"]) > _d(exec_row["weight"]):
        out.append("fund score above its weight")
    if sheet["total_score"] is not None:
        scores = sum((_d(i["score"]) for i in inds), Decimal(0)) + _d(exec_row["score"])
        if scores != _d(sheet["total_score"]):
            out.append(f"Σ scores {scores} ≠ 总分 {sheet['total_score']}")
    failed, _ = own_checks(sheet)
    out += [f"check {c} fails" for c in failed]
    return out


# --------------------------------------------------------------------------- the document


@dataclass
class Case:
    seed: int
    index: int
    layout: Layout
    dims: dict  # {"document": {...}, "sheets": [{...}, …]}
    sheets: list[SheetPrint]
    cover: list
    furniture: dict
    truth: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"explore_s{self.seed}_{self.index:04d}"


def _layout(d: Dims) -> Layout:
    producer = d.pick("producer", ("reportlab", "fpdf2"), [2, 1])
    fonts = [f for f in FONTS if producer == "fpdf2" or f not in POSTSCRIPT_OUTLINES]
    font = d.pick("font", fonts)
    size = d.pick("page", tuple(PAGES))
    w, h = PAGES[size]
    landscape = d.chance("landscape", 0.35) if size != "A5" else d.chance("landscape", 1.0)
    if landscape:
        w, h = h, w
    rotate = d.pick("rotate", (0, 90, 180, 270), [8, 1, 1, 1]) if producer == "reportlab" else d.pick("rotate", (0,))
    text_w = w - 2 * 40
    low, high = (6.5, 8.5) if text_w < 450 else (7, 9.5) if text_w < 650 else (7.5, 10.5)
    cell = round(d.rng.uniform(low, high), 1)
    d.d["cell_size"] = cell
    margin_x = round(d.rng.uniform(24, 64))
    margin_top = round(d.rng.uniform(30, 72))
    margin_bottom = round(d.rng.uniform(30, 64))
    d.d["margins"] = [margin_x, margin_top, margin_bottom]
    ruling = d.pick("ruling", ("rects", "lines", "merged_lines"))
    return Layout(
        name="explore", producer=producer, page_w=w, page_h=h, margin_x=margin_x, margin_top=margin_top,
        margin_bottom=margin_bottom, body_size=round(cell + d.rng.uniform(1, 3), 1), cell_size=cell,
        title_size=round(d.rng.uniform(13, 18), 1), repeat_header=d.chance("repeat_header", 0.6),
        open_breaks=d.chance("open_breaks", 0.4), sheet_on_new_page=d.chance("sheet_on_new_page", 0.5),
        letter_spaced_title=False, fake_bold=d.chance("fake_bold", 0.3),
        kangxi=d.chance("kangxi", 0.15) if font in KANGXI_FONTS else d.pick("kangxi", (False,)),
        page_number_style="", form="explore", font_path=font, sources=(),
        ruling="rects" if ruling == "rects" else "lines", rotate=rotate)


def draw_case(seed: int, index: int) -> Case:
    """Case ``index`` of seed ``seed``: the layout, the sheets and their truth (not yet rendered)."""
    rng = random.Random(f"explore:{seed}:{index}")
    doc_dims: dict = {}
    d = Dims(rng, doc_dims)
    layout = _layout(d)
    year = d.pick("year", (2019, 2020, 2021, 2022, 2023, 2024))
    unit_name = rng.choice(REGIONS) + rng.choice(DEPARTMENTS)
    kinds = []
    if d.chance("department_sheet", 0.4):
        kinds.append("department")
    kinds += ["project"] * d.pick("project_sheets", (0, 1, 2) if kinds else (1, 2), [1, 2, 1] if kinds else [2, 1])
    cover = []
    if d.chance("cover", 0.3):
        cover = [heading(unit_name, layout.title_size + 4, space_before=160),
                 heading(f"{year}年度部门决算", layout.title_size + 6, space_before=30), PageBreak()]
    furniture = {"page_number": d.pick("page_number", PAGE_NUMBERS),
                 "page_number_at": d.pick("page_number_at", ("bottom centre", "bottom right", "top right"), [4, 2, 1]),
                 "running_title": d.chance("running_title", 0.25), "date": d.pick("date", ("",) + DATES, [5, 1, 1, 1])}
    sheets_dims: list[dict] = []
    sheets = []
    for kind in kinds:
        sd: dict = {"kind": kind}
        sdims = Dims(rng, sd)
        department = kind == "department"
        fund_form = sdims.pick("fund_form", ("flat", "two_level", "ningde") + (("task",) if department else ()),
                               [5, 2, 2, 2] if department else [5, 2, 2])
        shape = sdims.pick("fund_rows", ("total_first", "total_last", "subtotals", "single"),
                           [4, 3, 1, 1] if kind == "project" else [2, 4, 1, 1])
        sdims.pick("goal_form", ("side", "split_side", "full_width", "labels_left"), [5, 1, 1, 1])
        total_form = sdims.pick("total.form", ("weight_score", "score_only", "merged_score", "none"),
                                [6, 1, 1, 1] if kind == "project" else [3, 1, 1, 3])
        # A 总分值 other than 100 only where the 总分 row prints it (unprinted, it means 100)
        total_weight = sdims.pick("total_weight", (100, 50, 120), [23, 1, 1]) if total_form == "weight_score" else 100
        content = draw_content(rng, kind, year, unit_name,
                               {"task_table": fund_form == "task", "fund_rows": shape, "total_weight": total_weight})
        sheets.append(compose_sheet(content, sdims, layout, unit_name))
        sheets_dims.append(sd)
    doc_dims["n_sheets"] = len(sheets)
    doc_dims["break"] = "natural"
    case = Case(seed, index, layout, {"document": doc_dims, "sheets": sheets_dims}, sheets, cover, furniture)
    case.truth = {"unit_name": unit_name, "fiscal_year": year, "form": "explore",
                  "case": {"seed": seed, "index": index}, "dimensions": case.dims,
                  "sheets": [s.truth for s in sheets]}
    return case


# --------------------------------------------------------------------------- measuring, breaking, rendering

_MEASURES: dict[str, Measure] = {}


class OutlineMeasure(Measure):
    """Glyph advances read with fontTools (a font reportlab cannot load: PostScript outlines)."""

    def __init__(self, font_path: str) -> None:
        from fontTools.ttLib import TTFont
        self.font, face = font_face(font_path)
        font = TTFont(font_path, fontNumber=face, lazy=True)
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"]
        self._adv = {cp: hmtx[g][0] / upm for cp, g in font.getBestCmap().items()}

    def width(self, s: str, size: float) -> float:
        return sum(self._adv.get(ord(ch), 1.0) for ch in s) * size


def measure(font_path: str) -> Measure:
    if font_path not in _MEASURES:
        _MEASURES[font_path] = OutlineMeasure(font_path) if font_path in POSTSCRIPT_OUTLINES else Measure(font_path)
    return _MEASURES[font_path]


_CMAPS: dict[str, set[int]] = {}


def unprintable(case: Case, pages: list) -> str:
    """Characters the case draws that its font has no glyph for (a generator error: the page
    would not show what the text layer says)."""
    from fontTools.ttLib import TTFont
    from .drawing import KANGXI
    path = case.layout.font_path
    if path not in _CMAPS:
        _CMAPS[path] = set(TTFont(path, fontNumber=font_face(path)[1], lazy=True).getBestCmap())
    drawn = {ch for page in pages for t in page.texts + page.clipped for ch in t[3]}
    if case.layout.kangxi:
        drawn = {ch.translate(KANGXI) for ch in drawn}
    return "".join(sorted(ch for ch in drawn if ord(ch) not in _CMAPS[path] and not ch.isspace()))


def missing_fonts(case: Case) -> list[str]:
    return [case.layout.font_path] if not Path(case.layout.font_path).exists() else []


class _Recording(Paginator):
    """A paginator that keeps each table's placements (page, row, top, bottom, …)."""

    def __init__(self, layout: Layout, m: Measure) -> None:
        super().__init__(layout, m)
        self.placed: list[tuple[Table, list]] = []

    def _draw_table(self, t, xs, wrapped, lead, size, placements) -> None:
        self.placed.append((t, list(placements)))
        super()._draw_table(t, xs, wrapped, lead, size, placements)


def _plan_break(case: Case, m: Measure) -> tuple[int, float] | None:
    """Where to start one sheet so that the page's foot cuts the row the break dimension chose:
    (the sheet, the space to leave above it), or None (the break falls where the content does)."""
    rng = random.Random(f"explore:{case.seed}:{case.index}:break")
    kind = rng.choices(("natural", "between rows", "inside merged cell", "inside wrapped row", "at indicator header"),
                       [3, 2, 2, 2, 1])[0]
    dims = case.dims["document"]
    dims["break"] = kind
    if kind == "natural":
        return None
    k = rng.randrange(len(case.sheets))
    sheet = case.sheets[k]
    l = case.layout
    tall = dataclasses.replace(l, page_h=l.page_h * 60)
    p = _Recording(tall, m)
    lay_out(p, [PageBreak()] + sheet.items)
    t, placements = p.placed[0]
    rows = {pl[1]: (pl[2], pl[3]) for pl in placements if not pl[6]}
    lead = l.cell_size * LEADING
    bottom = l.page_h - l.margin_bottom
    head = sheet.table.repeat_row
    candidates = []
    for r, (top, bot) in sorted(rows.items()):
        h = bot - top
        block = sheet.blocks.get(r, "?")
        if r == 0:
            continue
        if kind == "between rows":
            candidates.append((r, top + 0.5 * lead, block))
        elif kind == "at indicator header" and r == head:
            candidates.append((r, top + 0.5 * lead, block))
        elif kind == "inside merged cell":
            spanning = [c for c in t.cells if c.rowspan > 1 and c.row < r < c.row + c.rowspan]
            if spanning:  # a cell merged in the indicator rows (a level, a text) or a block's side label
                inner = any(sheet.blocks.get(c.row) == "indicators" for c in spanning)
                candidates.append((r, top + 0.5 * lead, block + (" (indicator cell)" if inner else " (side label)")))
        elif kind == "inside wrapped row" and not (head <= r < head + t.repeat_rows):
            lines = int((h - 2 * PAD) / lead + 1e-6)
            if lines >= 3:
                n = rng.randint(2, lines - 1)
                candidates.append((r, top + 2 * PAD + n * lead + 0.3 * lead, block + f" ({n} of {lines} lines)"))
    candidates = [c for c in candidates if c[1] < bottom - 2]
    if not candidates:
        dims["break"] = kind + ": no row on the first page"
        return None
    r, cut, block = rng.choice(candidates)
    dims["break"] = f"{kind}: {block}"
    dims["break_sheet"] = k
    dims["break_row"] = r
    return k, bottom - cut


def _merge_lines(lines: list[tuple], rects: list[tuple]) -> list[tuple]:
    """Every rule as one segment: cell sides and rectangles merged where they touch or overlap."""
    segs = list(lines)
    for x0, top, x1, bottom in rects:
        segs += [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
    horizontal: dict[float, list] = {}
    vertical: dict[float, list] = {}
    for x0, y0, x1, y1 in segs:
        if abs(y0 - y1) < 1e-6:
            horizontal.setdefault(round(y0, 3), []).append(tuple(sorted((x0, x1))))
        else:
            vertical.setdefault(round(x0, 3), []).append(tuple(sorted((y0, y1))))
    out = []
    for at, make in ((horizontal, lambda a, b, y: (a, y, b, y)), (vertical, lambda a, b, x: (x, a, x, b))):
        for pos, runs in sorted(at.items()):
            runs.sort()
            start, end = runs[0]
            for a, b in runs[1:]:
                if a <= end + 0.01:
                    end = max(end, b)
                else:
                    out.append(make(start, end, pos))
                    start, end = a, b
            out.append(make(start, end, pos))
    return out


def paginate_case(case: Case) -> list:
    """The case's pages: the flow laid out (with the planned break), then the page furniture and
    the ruling."""
    l = case.layout
    m = measure(l.font_path)
    plan = _plan_break(case, m)
    flow = list(case.cover)
    for k, sheet in enumerate(case.sheets):
        if l.sheet_on_new_page or (plan and plan[0] == k):
            flow.append(PageBreak())
        if plan and plan[0] == k:
            flow.append(Para("", 1, indent=False, space_before=max(plan[1] - 1.6, 0)))
        flow += sheet.items
    p = Paginator(l, m)
    lay_out(p, flow)
    pages = p.pages
    f = case.furniture
    title = f"{case.truth['unit_name']}{case.truth['fiscal_year']}年度部门决算"
    for n, page in enumerate(pages, start=1):
        if f["page_number"]:
            label = f["page_number"].format(n=n, total=len(pages))
            w = m.width(label, 9)
            x = {"bottom centre": (l.page_w - w) / 2}.get(f["page_number_at"], l.page_w - l.margin_x - w)
            y = l.margin_top / 2 if f["page_number_at"] == "top right" else l.page_h - l.margin_bottom / 2
            page.texts.append((x, y, 9, label, False))
        if f["running_title"]:
            page.texts.append((l.margin_x, l.margin_top / 2 - 2, 8, title, False))
        if f["date"]:
            at_top = f["page_number_at"] != "top right"
            y = l.margin_top / 2 - 2 if at_top else l.page_h - l.margin_bottom / 2
            x = l.page_w - l.margin_x - m.width(f["date"], 8) if at_top else l.margin_x
            page.texts.append((x, y, 8, f["date"], False))
        if case.dims["document"]["ruling"] == "merged_lines":
            page.lines, page.rects = _merge_lines(page.lines, page.rects), []
    return pages


def write_case(case: Case, out_dir: Path) -> tuple[Path, Path]:
    """Render the case's PDF and write its truth (the records and the drawn dimensions)."""
    import logging
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # fpdf2 subsetting Noto's tables
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{case.name}.pdf"
    pages = paginate_case(case)
    missing = unprintable(case, pages)
    if missing:
        raise ValueError(f"{case.layout.font_path} has no glyph for {missing!r}")
    case.dims["document"]["pages"] = len(pages)
    RENDERERS[case.layout.producer](pages, case.layout, pdf, case.truth["unit_name"] + " 绩效自评表")
    truth = out_dir / f"{case.name}.json"
    truth.write_text(json.dumps(case.truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return pdf, truth


def cases(seed: int, n: int):
    for index in range(n):
        yield draw_case(seed, index)


__all__ = ["Case", "FONTS", "arithmetic_problems", "cases", "draw_case", "missing_fonts", "own_checks",
           "paginate_case", "write_case"]
