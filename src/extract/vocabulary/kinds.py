"""What kind of document this is: the kinds (document/kinds.py decides), the words that name
them on a cover or in a heading, and the titles of budget tables.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- the kinds
DEPARTMENT_FINAL = "部门决算"
UNIT_FINAL = "单位决算"
DEPARTMENT_BUDGET = "部门预算"
UNIT_BUDGET = "单位预算"
SELF_EVALUATION_KIND = "绩效自评报告"  # a set of 自评表 (or a 自评报告)
PERFORMANCE_TARGETS = "绩效目标表"
PERFORMANCE_EVALUATION = "绩效评价报告"  # a finance bureau's evaluation of a unit's spending (评价结果)
OTHER_KIND = "other"  # no cover, table or heading names a kind
# The kinds whose prose figures, standard tables and cross-checks are read.
FINAL_KINDS = (DEPARTMENT_FINAL, UNIT_FINAL)
KINDS = (DEPARTMENT_FINAL, UNIT_FINAL, DEPARTMENT_BUDGET, UNIT_BUDGET, SELF_EVALUATION_KIND,
         PERFORMANCE_TARGETS, PERFORMANCE_EVALUATION, OTHER_KIND)

# --------------------------------------------------------------------------- the words naming them
# Words that name a kind on a cover or in a heading, most specific first.
KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DEPARTMENT_FINAL, re.compile(r"部门决算")),
    (UNIT_FINAL, re.compile(r"单位决算")),
    # Before the budgets: an evaluation's title block goes on to speak of 部门预算项目.
    (PERFORMANCE_EVALUATION, re.compile(r"绩效评价(?:结果|报告)")),
    (DEPARTMENT_BUDGET, re.compile(r"部门预算")),
    (UNIT_BUDGET, re.compile(r"单位预算")),
    (SELF_EVALUATION_KIND, re.compile(r"自评表|自评报告|绩效自评")),
    (PERFORMANCE_TARGETS, re.compile(r"绩效目标(?:申报)?表")),
)
# The title of a budget table: …预算总表, …预算表, …预算表（…）, …预算明细表.
# A document whose cover names another kind than a 决算 is surveyed first (text only): its pages
# are laid out (tables read) only where they print one of these words (a 自评表, a table of
# indicators, a header asking what was achieved or scored may be on them) or a standard 决算
# table's title; the others cannot change what is read of it (pipeline.read_layout).
LAYOUT_WORDS = ("指标", "自评", "绩效", "实际", "完成值", "分值", "权重", "得分", "评分")
BUDGET_TABLE_TITLE = re.compile(r"预算(?:总)?表$|预算表[（(]|预算明细表$")
