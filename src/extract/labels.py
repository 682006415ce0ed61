"""Header labels of the self-evaluation sheets, by column role; the numbering of headings.

Real documents vary the wording (年度指标值 / 预期指标值, 分值 / 分值权重, 全年预算数（A）…);
every variant seen so far is listed here and nowhere else. Labels are compared after
textnorm.compact() and after dropping a trailing parenthesised tag such as （A） or （B/A）.
"""

from __future__ import annotations

import re

from .textnorm import compact

FUND_HEADER = {
    "source": ("资金来源", "项目资金", "资金"),
    "initial_budget": ("年初预算数", "年初预算", "预算数"),
    "annual_budget": ("全年预算数", "全年预算", "调整后预算数"),
    "executed": ("全年执行数", "全年执行", "执行数", "实际执行数"),
    "weight": ("分值", "分值权重", "权重"),
    "execution_rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
# The roles whose presence marks the funds header row.
FUND_HEADER_KEYS = ("initial_budget", "annual_budget", "executed")

# The numbering a 部门决算 prints before its headings and table rows, level by level:
# 第一部分, 一、, （一）.
NUMERALS = "一二三四五六七八九十"
PART_NUMBER = re.compile(rf"^第[{NUMERALS}]+部分")
ITEM_NUMBER = re.compile(rf"^[{NUMERALS}]+、")
SUBITEM_NUMBER = re.compile(rf"^[（(][{NUMERALS}]+[)）]")

GOAL_HEADER = {
    "expected": ("预期目标", "年度目标", "总体目标"),
    "actual": ("实际完成情况", "实际完成", "完成情况"),
}

INDICATOR_HEADER = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标",),
    "target": ("年度指标值", "预期指标值", "指标值", "年度目标值", "目标值"),
    "actual": ("实际完成值", "实际完成指标值", "全年实际值", "实际值", "完成值"),
    "weight": ("分值", "分值权重", "权重"),
    "score": ("得分",),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析及整改措施", "偏差原因分析", "未完成原因分析及改进措施"),
    "basis": ("指标值设定依据", "设定依据"),
}
INDICATOR_HEADER_KEYS = ("level1", "level2", "level3")

# Label cells of the sheet head; the value is the next cell to the right.
SHEET_FIELDS = {
    "project_name": ("项目名称",),
    "competent_dept": ("主管部门", "主管部门及代码"),
    "implementing_unit": ("实施单位",),
    "unit_name": ("部门（单位）名称", "部门(单位)名称", "单位名称", "部门名称"),
}

TOTAL_ROW = ("总分", "合计得分", "总得分")
# Fund rows that hold the sum of the others.
FUND_TOTAL_ROWS = ("年度资金总额", "合计", "总计", "资金总额")

_TAG = re.compile(r"[（(][A-Za-z/＋+\-×*]+[）)]$")


def clean_label(text: str) -> str:
    """A header cell's text as compared with the label tables."""
    return _TAG.sub("", compact(text)).rstrip("：:")


def match_role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The role whose label equals the cell text; exact matches win over prefix matches."""
    label = clean_label(text)
    if not label:
        return None
    for role, variants in table.items():
        if label in variants:
            return role
    return None


def is_total_label(text: str) -> bool:
    return clean_label(text) in TOTAL_ROW


def is_fund_total(label: str) -> bool:
    cleaned = clean_label(label)
    return any(cleaned.startswith(v) for v in FUND_TOTAL_ROWS)


_SHEET_TITLE = re.compile(r"自评表[)）]?$")


def sheet_kind_of_title(title: str) -> str | None:
    """project / department for a self-evaluation sheet title, None for anything else."""
    t = compact(title)
    if not _SHEET_TITLE.search(t) or len(t) > 60:
        return None
    if "整体支出" in t or "部门整体" in t or "单位整体" in t or "部门（单位）" in t:
        return "department"
    return "project"
