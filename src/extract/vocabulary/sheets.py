"""The vocabulary of the 绩效自评表: header labels by column role, row labels, sheet titles.

Provinces word the same column differently (年度指标值 / 预期指标值 / 指标值, 分值 / 指标分值 /
分值权重 / 权重（%）, 全年预算数（A）…). Every variant is listed here and nowhere else; the
readers compare them by ``labels.label_key`` (spaces, full-width forms, circled numbers,
formulas, bracketed tags and a score inside a label ignored).
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- the funds block
# 项目资金 / 部门资金 / 财政资金安排和使用情况 / 年度主要任务: one row per fund source (or task).

# The source column's labels that say its rows are tasks (a 年度主要任务 table), not funds.
TASK_NAME_LABELS = ("任务名称", "主要任务", "任务", "工作任务")

FUND_HEADER = {
    "source": ("资金来源", "项目资金", "资金", "资金名称", "资金性质") + TASK_NAME_LABELS,
    "initial_budget": ("年初预算数", "年初预算", "预算数", "年初部门预算安排金额", "年初预算安排金额",
                       "年初预算安排", "年初部门预算安排"),
    "annual_budget": ("全年预算数", "全年预算", "调整后预算数", "小计", "预算安排小计",
                      "全年预算数总额", "调整后预算"),
    "executed": ("全年执行数", "全年执行", "执行数", "实际执行数", "年度拨付金额", "实际支出数",
                 "全年执行数总额", "实际支出"),
    "weight": ("分值", "分值权重", "权重", "指标分值"),
    "execution_rate": ("执行率", "预算执行率", "支出实现率", "资金执行率"),
    "score": ("得分", "自评得分", "评分"),
    # The text columns of a 年度主要任务 table: what a task is and how far it got.
    "task_content": ("主要内容", "任务内容", "主要工作内容", "工作内容", "主要任务内容", "实施内容"),
    "completion": ("完成情况", "任务完成情况", "完成进度", "实际完成情况", "主要任务完成情况"),
}
# How a row label begins that is a part of the row above (其中：当年财政拨款): never the rest of
# a label a page break cut.
SUB_ROW_MARKS = ("其中",)
# The fund roles that hold text, not amounts.
FUND_TEXT_ROLES = ("task_content", "completion")
# A funds block that labels itself in 元 (the default is 万元): 资金（元）, 单位：元.
FUND_UNIT_YUAN_MARKS = ("（元）", "(元)", "单位：元", "单位:元")
# A kept fund column whose label says it is a rate (资金结余率, 执行率%), not an amount.
RATE_LABEL_MARKS = ("率", "%", "％")
# The roles whose presence marks the funds header row.
FUND_HEADER_KEYS = ("initial_budget", "annual_budget", "executed")
# Printed fund columns with no column of their own, kept in extra_values without a warning.
FUND_EXTRA_LABELS = ("年中调整金额", "年中调整", "本年度结余金额", "结余金额", "资金结余率", "结余率",
                     "财政拨款", "其他资金", "中央财政资金", "上级补助", "预算安排", "拨付情况",
                     "结余情况")
# Under a two-level amount header (全年预算数 over 总额 | 财政拨款 | 其他资金), the column that
# carries the parent's role; its siblings are kept as extra values.
FUND_WHOLE_COLUMN = ("总额", "合计", "小计", "金额")


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
                "一般性支出情况", "履职效能", "管理效率", "运行成本", "社会效应", "可持续发展能力",
                # Schemes without 指标 (效果指标 | 经济效益 …, 满意度 | 服务对象满意度) and a
                # department's own level-2 labels.
                "效果指标", "经济效益", "社会效益", "生态效益", "可持续影响", "满意度", "预算管理", "资产管理",
                "内部控制", "人员队伍建设", "制度建设", "经济成本", "社会成本", "生态环境成本")

# What every level-1/level-2 label ends with (产出指标, 满意度指标): a cut label's tail.
LEVEL_LABEL_SUFFIX = "指标"

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
# The name messages give the 总分 row.
TOTAL_ROW_NAME = TOTAL_ROW[0]
# Side labels of the sheet's blocks: printed in the first column, never a value.
BLOCK_LABELS = ("年度总体目标", "绩效指标", "年度绩效指标完成情况", "项目资金", "部门资金",
                "财政资金安排和使用情况", "年度主要任务", "年度主要任务完成情况", "资金情况")

# --------------------------------------------------------------------------- sheet titles
# A 自评表 title, possibly marked as continued.
SHEET_TITLE = re.compile(r"自评(?:表|情况表|结果表)(?:[（(]续[）)]|续表)?[)）]?$")
# Words of a title that make it the department's sheet (部门（单位）整体支出绩效自评表), not a project's.
DEPARTMENT_TITLE_WORDS = ("整体支出", "部门整体", "单位整体", "部门（单位）", "整体绩效")

# --------------------------------------------------------------------------- label keys
# What label_key drops from a printed label: a formula after = with the column's number before it
# (小计③=①+②; 执行率5=④/③ where OCR read ⑤ as a plain 5), a score (产出指标50分).
LABEL_FORMULA = re.compile(r"\d*[=＝][^（）()]*$")
LABEL_SCORE = re.compile(r"\d+(?:\.\d+)?分$")
LABEL_TRAILING_PUNCTUATION = ":：、"  # 项目名称： compares as 项目名称
