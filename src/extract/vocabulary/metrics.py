"""The canonical names of the figures a 部门决算's prose states, and the table that names them.

Every province words the same figure its own way (收入支出总计 / 收、支总计; 财政拨款收支总决算;
政府采购金额 / 政府采购支出总额). The prose reader (``document.facts``) gives each figure its
**subject** (what it is of: 收入总计, “三公”经费, 公务接待费), its **measure** (what the clause says
it measures: "" for a 决算's own figure, actual, budget, initial_budget, change, count …) and its
**scope** (the budget family of the section it stands under: department, income, expenditure,
fiscal_grant, general_budget, three_public …). ``READINGS`` is the table that maps them to a
canonical ``METRICS`` name: one row per (subjects × measures × scopes) that states a metric.
Subjects are compared after ``document.metrics.phrase_key`` (no quotes, brackets, spaces or 、,
no leading 全年). A fallback row names its metric only where the document states it by no main
row (a 年初预算 is the 三公 budget only when no 全年预算 is stated).

A fact whose subject is in a row but whose measure or scope is not names no metric: a budget
figure never gives a 决算 metric, a figure of one section never stands for another's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prose import (
    ACTUAL, BUDGET, CHANGE, COUNT, DEPARTMENT_WIDE_SCOPES, INITIAL_BUDGET, MONEY_UNIT, SCOPE_NAMES,
    SEPARATE_SCOPES)


@dataclass(frozen=True)
class Metric:
    """A canonical figure: its name and its unit."""

    name: str
    unit: str  # 元, or a count unit (辆)
    signed_change: bool = False  # a change: 减少 / 下降 make it negative


# A 决算's own figure is stated with no measure word or with an actual one (决算, 决算数, 实际支出).
STATED = ("", ACTUAL)
# Any scope but the separate budget families (政府性基金, 国有资本经营): their figures stand for
# no other family's.
ANY_SCOPE = tuple(s for s in SCOPE_NAMES if s not in SEPARATE_SCOPES)


@dataclass(frozen=True)
class Reading:
    """One row of the table: a fact of one of ``subjects``, measured by one of ``measures``,
    under one of ``scopes``, states ``metric``."""

    metric: str
    subjects: tuple[str, ...]  # after phrase_key
    measures: tuple[str, ...] = STATED
    scopes: tuple[str, ...] = ANY_SCOPE
    fallback: bool = False  # names the metric only where no main row states it …
    blocked_by: tuple[str, ...] = ()  # … and the document states none of these subjects (not as 0)


_GENERAL = "一般公共预算财政拨款支出"
_GENERAL_BASIC = "一般公共预算财政拨款基本支出"
_CHANGE = "一般公共预算财政拨款支出较上年增减"

METRICS: tuple[Metric, ...] = (
    Metric("收入总计", MONEY_UNIT), Metric("支出总计", MONEY_UNIT),
    Metric("本年收入合计", MONEY_UNIT), Metric("本年支出合计", MONEY_UNIT),
    Metric("财政拨款收入", MONEY_UNIT), Metric("基本支出", MONEY_UNIT), Metric("项目支出", MONEY_UNIT),
    Metric("财政拨款收入支出总计", MONEY_UNIT), Metric(_GENERAL, MONEY_UNIT), Metric(_GENERAL_BASIC, MONEY_UNIT),
    Metric("人员经费", MONEY_UNIT), Metric("公用经费", MONEY_UNIT),
    Metric("三公经费决算数", MONEY_UNIT), Metric("三公经费预算数", MONEY_UNIT),
    Metric("因公出国（境）费决算数", MONEY_UNIT), Metric("公务用车购置及运行维护费决算数", MONEY_UNIT),
    Metric("公务用车购置费决算数", MONEY_UNIT), Metric("公务用车运行维护费决算数", MONEY_UNIT),
    Metric("公务接待费决算数", MONEY_UNIT), Metric("机关运行经费支出", MONEY_UNIT),
    Metric("政府采购支出总额", MONEY_UNIT), Metric("车辆数", "辆"),
    Metric(_CHANGE, MONEY_UNIT, signed_change=True),
)
METRIC_NAMES = tuple(m.name for m in METRICS)

# The whole department's figures, stated under its own sections (not under a family's).
_WHOLE = DEPARTMENT_WIDE_SCOPES

READINGS: tuple[Reading, ...] = (
    # 收入支出总计 / 收、支总计 state both totals at once.
    Reading("收入总计", ("收入总计", "收入支出总计", "收支总计", "总收入"), scopes=_WHOLE),
    Reading("支出总计", ("支出总计", "收入支出总计", "收支总计", "总支出"), scopes=_WHOLE),
    # … and under the 财政拨款 section, the 财政拨款 totals.
    Reading("财政拨款收入支出总计", ("收入总计", "支出总计", "收入支出总计", "收支总计"), scopes=("fiscal_grant",)),
    Reading("本年收入合计", ("本年收入合计", "本年收入"), scopes=_WHOLE),
    # Under 收入决算情况说明 / 支出决算情况说明 a bare 收入 (合计) / 支出 (合计) is the year's.
    Reading("本年收入合计", ("收入合计", "收入"), scopes=("income",)),
    Reading("本年支出合计", ("本年支出合计", "本年支出"), scopes=_WHOLE),
    Reading("本年支出合计", ("支出合计", "支出"), scopes=("expenditure",)),
    Reading("财政拨款收入", ("财政拨款收入",), scopes=_WHOLE),
    # The only 财政拨款 income of most units; never when another kind is stated.
    Reading("财政拨款收入", ("一般公共预算财政拨款收入",), scopes=_WHOLE, fallback=True,
            blocked_by=("政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")),
    Reading("基本支出", ("基本支出",), scopes=_WHOLE),
    Reading("项目支出", ("项目支出",), scopes=_WHOLE),
    # One side of the balanced total stated with the other is the total (收入总计 = 支出总计).
    Reading("财政拨款收入支出总计", ("财政拨款收入支出总计", "财政拨款收支总计", "财政拨款收支总",
                               "财政拨款收入支出总", "财政拨款收入总计", "财政拨款支出总计")),
    Reading(_GENERAL, (_GENERAL,)),
    Reading(_GENERAL, ("一般公共预算财政拨款",), measures=(ACTUAL,)),  # …财政拨款实际支出 / 决算数
    # Under a 一般公共预算 heading, its 财政拨款支出 and its bare 支出决算 are its own.
    Reading(_GENERAL, ("财政拨款支出",), scopes=("general_budget",)),
    Reading(_GENERAL, ("支出",), measures=(ACTUAL,), scopes=("general_budget",)),
    Reading(_GENERAL_BASIC, (_GENERAL_BASIC,)),
    Reading(_GENERAL_BASIC, ("财政拨款基本支出", "基本支出"), scopes=("general_budget_basic",)),
    Reading("人员经费", ("人员经费",)),
    Reading("公用经费", ("公用经费",)),
    Reading("三公经费决算数", ("三公经费",)),
    Reading("三公经费预算数", ("三公经费",), measures=(BUDGET,)),
    Reading("三公经费预算数", ("三公经费",), measures=(INITIAL_BUDGET,), fallback=True),
    Reading("因公出国（境）费决算数", ("因公出国费", "因公出国经费", "因公出国费用", "因公出国费用支出")),
    Reading("公务用车购置及运行维护费决算数", ("公务用车购置及运行维护费", "公务用车购置及运行费",
                                        "公务用车购置及运维费")),
    Reading("公务用车购置费决算数", ("公务用车购置费",)),
    Reading("公务用车运行维护费决算数", ("公务用车运行维护费", "公务用车运行费", "公务用车运维费")),
    Reading("公务接待费决算数", ("公务接待费",)),
    Reading("机关运行经费支出", ("机关运行经费", "机关运行费")),
    Reading("政府采购支出总额", ("政府采购支出总额", "政府采购金额", "政府采购支出", "政府采购总额",
                             "政府采购合同金额", "政府采购支出合计")),
    Reading("车辆数", ("共有车辆", "共有公务用车", "车辆", "公务用车", "公务用车保有量", "车辆保有量", "年末实际保有量",
                    "实际保有量", "年末公务用车保有量", "车辆总数", "公务用车总数", "公务车辆"),
            measures=(COUNT,)),
    Reading(_CHANGE, (_GENERAL,), measures=(CHANGE,)),
    Reading(_CHANGE, ("财政拨款支出", "支出", "一般公共预算财政拨款"), measures=(CHANGE,),
            scopes=("general_budget",)),
)

SUBJECTS_JOINER = "、"  # how the README's table lists a row's subjects

# --------------------------------------------------------------------------- phrase_key
# What phrase_key drops before comparing: quotes, 、 and spaces; bracketed words (（境）, (类));
# a leading 全年 or 年末, except in 年末实际 (年末实际保有量 is a phrasing of its own).
PHRASE_IGNORED = "“”\"'‘’「」、 \u3000"
BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
DROPPED_LEADING_WORDS = ("全年", "年末")
KEPT_LEADING_WORDS = ("年末实际",)
