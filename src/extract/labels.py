"""The vocabulary of the self-evaluation sheets: header labels by column role, row labels,
sheet titles; and the numbering of headings.

Provinces word the same column differently (年度指标值 / 预期指标值 / 指标值, 分值 / 指标分值 /
分值权重 / 权重（%）, 全年预算数（A）…). Every variant is listed here and nowhere else, and is
compared by ``label_key``: spaces, full-width forms, circled numbers (①–⑳), formulas
(⑤=④/③), bracketed tags (（年初设定）, （A）, (%), （万元）) and a score inside a label (产出指标
（50分）, 产出指标50分) are ignored, so 预期目标（年初设定） and 小计③=①+② compare as 预期目标 and 小计.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .textnorm import compact

# --------------------------------------------------------------------------- the funds block
# 项目资金 / 部门资金 / 财政资金安排和使用情况 / 年度主要任务: one row per fund source (or task).

FUND_HEADER = {
    "source": ("资金来源", "项目资金", "资金", "任务名称", "资金名称", "资金性质"),
    "initial_budget": ("年初预算数", "年初预算", "预算数", "年初部门预算安排金额", "年初预算安排金额",
                       "年初预算安排", "年初部门预算安排"),
    "annual_budget": ("全年预算数", "全年预算", "调整后预算数", "小计", "预算安排小计",
                      "全年预算数总额", "调整后预算"),
    "executed": ("全年执行数", "全年执行", "执行数", "实际执行数", "年度拨付金额", "实际支出数",
                 "全年执行数总额", "实际支出"),
    "weight": ("分值", "分值权重", "权重", "指标分值"),
    "execution_rate": ("执行率", "预算执行率", "支出实现率", "资金执行率"),
    "score": ("得分", "自评得分", "评分"),
}
# The roles whose presence marks the funds header row.
FUND_HEADER_KEYS = ("initial_budget", "annual_budget", "executed")
# Printed fund columns with no column of their own, kept in extra_values without a warning.
FUND_EXTRA_LABELS = ("年中调整金额", "年中调整", "本年度结余金额", "结余金额", "资金结余率", "结余率",
                     "财政拨款", "其他资金", "中央财政资金", "上级补助", "预算安排", "拨付情况",
                     "结余情况")
# Under a two-level amount header (全年预算数 over 总额 | 财政拨款 | 其他资金), the column that
# carries the parent's role; its siblings are kept as extra values.
FUND_WHOLE_COLUMN = ("总额", "合计", "小计", "金额")

# The heading numbering (第一部分, 一、, （一）) is an atom of the vocabulary; re-exported here
# until every reader imports it from there.
from .vocabulary.atoms import ITEM_NUMBER, NUMERALS, PART_NUMBER, SUBITEM_NUMBER  # noqa: E402,F401

# --------------------------------------------------------------------------- 年度总体目标

GOAL_HEADER = {
    "expected": ("预期目标", "年度目标", "年初目标", "预期目标年初设定", "年度绩效目标", "绩效目标"),
    "actual": ("实际完成情况", "目标实际完成情况", "实际完成", "完成情况", "实际完成目标",
               "年度目标完成情况", "目标完成情况", "全年实际完成情况"),
}

# --------------------------------------------------------------------------- 绩效指标

INDICATOR_HEADER = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标内容", "指标名称"),
    "target_op": ("指标性质", "指标方向", "运算符号", "比较符"),
    "target": ("年度指标值", "预期指标值", "指标值", "年度目标值", "目标值", "年初指标值",
               "预期目标值", "年度指标值A", "计划指标值"),
    "target_unit": ("度量单位", "计量单位", "单位", "指标单位"),
    "actual": ("实际完成值", "实际完成指标值", "全年实际值", "实际值", "完成值", "实际完成情况",
               "全年实际完成值", "实际完成指标值B"),
    "weight": ("分值", "分值权重", "权重", "指标分值"),
    "score": ("得分", "自评得分", "评分"),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析及整改措施", "偏差原因分析",
                  "未完成原因分析及改进措施", "未完成原因分析", "偏差原因及改进措施",
                  "未完成原因和改进措施", "偏差原因和改进措施", "未完成原因", "偏差原因"),
    "basis": ("指标值设定依据", "设定依据"),
}
INDICATOR_HEADER_KEYS = ("level1", "level2", "level3")
# An operator column (指标性质 ≥) stands before its value, a unit column (度量单位) after it; an
# actual value may have a unit column of its own.
VALUE_PARTS = {"target_op": "op", "target_unit": "unit"}

# Level-1/level-2 labels seen so far: tell a label cut by a page break (满意度指 | 标) from two.
LEVEL_LABELS = ("产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
                "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标", "社会效益指标",
                "生态效益指标", "可持续影响指标", "服务对象满意度指标", "服务对象满意度",
                "一般性支出情况", "履职效能", "管理效率", "运行成本", "社会效应", "可持续发展能力")

# Label cells of the sheet head; the value is the next cell to the right.
SHEET_FIELDS = {
    "project_name": ("项目名称", "专项名称", "项目专项名称", "专项资金名称"),
    "competent_dept": ("主管部门", "主管部门及代码"),
    "implementing_unit": ("实施单位",),
    "unit_name": ("部门名称", "单位名称", "部门单位名称", "预算单位名称", "预算单位"),
    "budget_code": ("部门预算编码", "预算编码", "单位编码", "部门编码", "单位代码", "部门预算代码"),
}

# The row that sums the sheet's scores (its 分值 and 得分 columns).
TOTAL_ROW = ("总分", "合计得分", "总得分", "总分值、评价总分", "评价总分", "总分值", "合计", "总计",
             "自评总分", "综合得分")
# The row that grades the sheet; its value is kept as printed (优（S≧90）).
GRADE_ROW = ("评价等级", "自评等级", "绩效等级", "等级", "评价结果", "自评结果")
# Fund rows that hold the sum of the others; subtotals sum the rows printed under them.
FUND_TOTAL_ROWS = ("年度资金总额", "合计", "总计", "资金总额", "金额合计")
FUND_SUBTOTAL = "小计"
# Side labels of the sheet's blocks: printed in the first column, never a value.
BLOCK_LABELS = ("年度总体目标", "绩效指标", "年度绩效指标完成情况", "项目资金", "部门资金",
                "财政资金安排和使用情况", "年度主要任务", "年度主要任务完成情况", "资金情况")

_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
_FORMULA = re.compile(r"[=＝][^（）()]*$")
_NO_CIRCLED = {ord(c): None for c in _CIRCLED}
_BRACKETED = re.compile(r"\([^()]*\)")
_SCORE = re.compile(r"\d+(?:\.\d+)?分$")


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """A label as compared with the vocabulary (see the module docstring). Cached: the same
    cell texts are compared against several tables, page after page."""
    t = _FORMULA.sub("", compact(text)).translate(_NO_CIRCLED)
    t = unicodedata.normalize("NFKC", t)  # full-width brackets and ％ to ASCII
    previous = None
    while previous != t:  # nested brackets, innermost first
        previous, t = t, _BRACKETED.sub("", t)
    t = t.replace("%", "")
    return _SCORE.sub("", t).rstrip(":：、")


def _keyed(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label_key(v): role for role, variants in table.items() for v in variants}


_KEYED: dict[int, dict[str, str]] = {}


@lru_cache(maxsize=None)
def _keys(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a label list, computed once per list."""
    return tuple(dict.fromkeys(label_key(v) for v in labels))


def match_role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The role whose label equals the cell text (after ``label_key``), or None."""
    keyed = _KEYED.get(id(table))
    if keyed is None:
        keyed = _KEYED[id(table)] = _keyed(table)
    key = label_key(text)
    return keyed.get(key) if key else None


def _in(text: str, labels: tuple[str, ...]) -> bool:
    return label_key(text) in _keys(labels)


def is_total_label(text: str) -> bool:
    return _in(text, TOTAL_ROW)


def is_grade_label(text: str) -> bool:
    return _in(text, GRADE_ROW)


def is_block_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(k) for k in _keys(BLOCK_LABELS))


def is_known_fund_extra(label: str) -> bool:
    """A kept fund column the vocabulary knows (the label may be a path: 全年预算数/财政拨款)."""
    return any(_in(part, FUND_EXTRA_LABELS) for part in (label, *label.split("/")))


def is_fund_total(label: str) -> bool:
    key = label_key(label)
    return any(key.startswith(k) for k in _keys(FUND_TOTAL_ROWS))


def is_whole_column(text: str) -> bool:
    return _in(text, FUND_WHOLE_COLUMN)


def is_level_label(text: str) -> bool:
    return _in(text, LEVEL_LABELS)


def header_roles(texts: list[str], table: dict[str, tuple[str, ...]]) -> set[str]:
    """The roles a row of header cells names."""
    return {r for r in (match_role(t, table) for t in texts) if r is not None}


def is_indicator_header(texts: list[str]) -> bool:
    """A row heading the indicator block: at least two of 一级/二级/三级指标."""
    roles = header_roles(texts, INDICATOR_HEADER)
    return sum(k in roles for k in INDICATOR_HEADER_KEYS) >= 2


def is_self_evaluation_header(texts: list[str]) -> bool:
    """An indicator header that also asks what was achieved or scored. (A table of targets
    alone — 一级/二级/三级指标 | 指标值, as a 绩效评价报告 prints — is not a 自评表.)"""
    return is_indicator_header(texts) and bool(
        header_roles(texts, INDICATOR_HEADER) & {"actual", "weight", "score"})


_YEAR_LINE = re.compile(r"[（(]?(?:19|20)\d{2}年度?[）)]?")
_UNIT_LINE = re.compile(r"(单位|金额单位)[:：]")


def is_year_line(text: str) -> bool:
    """A line that only names a year: （2023 年度）, 2023年度."""
    return bool(_YEAR_LINE.fullmatch(compact(text)))


def is_unit_line(text: str) -> bool:
    """A line that states the unit of a table: 单位：万元."""
    return bool(_UNIT_LINE.match(compact(text)))


def is_fund_subtotal(label: str) -> bool:
    return label_key(label).endswith(FUND_SUBTOTAL)


_SHEET_TITLE = re.compile(r"自评(?:表|情况表|结果表)(?:[（(]续[）)]|续表)?[)）]?$")
_CONTINUED_TITLE = re.compile(r"(?:[（(]续[）)]|续表)$")


def sheet_kind_of_title(title: str) -> str | None:
    """project / department for a self-evaluation sheet title, None for anything else."""
    t = compact(title)
    if not _SHEET_TITLE.search(t) or len(t) > 80:
        return None
    if "整体支出" in t or "部门整体" in t or "单位整体" in t or "部门（单位）" in t or "整体绩效" in t:
        return "department"
    return "project"


def is_continued_title(title: str) -> bool:
    """A title that says the sheet continues (项目支出绩效自评表（续）)."""
    return bool(_CONTINUED_TITLE.search(compact(title)))


# Page furniture: what a word processor, a spreadsheet or a browser prints on every page.
_PAGE_FURNITURE = [re.compile(p) for p in (
    r"^[-—–－]*\d{1,4}[-—–－]*$",                          # 6, - 6 -
    r"^第\d{1,4}页(共\d{1,4}页)?$",                        # 第 6 页, 第6页共36页
    r"^(第\d{1,4}页/)?共\d{1,4}页$",
    r"^\d{1,4}/\d{1,4}$",                                 # 5/36
    r"^(?i:page)\d{1,4}(of\d{1,4})?$",
    r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}(\d{1,2}:\d{2}(:\d{2})?)?$",        # 2024/7/25 10:30
    r"^(?i:file|https?):/{2,3}\S*$",                       # the address a browser prints
    r"^[A-Za-z]:[\\/]\S*$",                               # a file path
)]


def is_page_furniture(text: str) -> bool:
    """Page numbers, dates, addresses and paths a producer prints in the page margins."""
    t = compact(text)
    return bool(t) and any(p.match(t) for p in _PAGE_FURNITURE)
