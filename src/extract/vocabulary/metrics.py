"""The canonical names of the figures a 部门决算's prose states, as data: ``METRICS``.

Every province words the same figure its own way (收入支出总计 / 收、支总计; 财政拨款收支总决算;
政府采购金额 / 政府采购支出总额). Each ``Metric`` here is one canonical name with the fact keys
(``Phrasing``) that state it, compared after ``document.metrics.phrase_key`` (no quotes,
brackets, spaces or 、, no leading 全年). A phrasing can be bound to the headings it is printed
under, and a metric can have fallback phrasings, used only when the document states none of the
main ones. ``document.metrics`` names a fact's metric with these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prose import MONEY_UNIT


@dataclass(frozen=True)
class Phrasing:
    """One way a document states a metric: a fact key, maybe bound to the headings above it."""

    key: str  # a fact key, after phrase_key
    under: str = ""  # a heading of the fact's section path must contain this (after phrase_key)
    not_under: str = ""  # … and none may contain this


@dataclass(frozen=True)
class Metric:
    """A canonical figure: its name, its unit and the phrasings that state it."""

    name: str
    unit: str  # 元, or a count unit (辆)
    phrasings: tuple[Phrasing, ...]
    fallbacks: tuple[Phrasing, ...] = ()  # used only when no main phrasing is stated
    signed_change: bool = False  # a change: 减少 / 下降 make it negative
    # What the figure measures: "actual" (a 决算数), "budget" (a 预算数), "" for a figure a 决算
    # states of itself (收入总计). A fact whose clause says otherwise does not state it.
    measure: str = ""


def _p(*keys: str, under: str = "", not_under: str = "") -> tuple[Phrasing, ...]:
    """Phrasings of these keys, all bound alike (a shorthand for the table below)."""
    return tuple(Phrasing(k, under, not_under) for k in keys)


def _spending(name: str) -> tuple[str, ...]:
    """决算数 of a 三公 part, in every wording: X费支出决算, X费决算数, X费支出 …"""
    return tuple(name + tail for tail in ("支出决算数", "支出决算", "决算数", "决算", "支出", "",
                                          "财政拨款支出", "财政拨款支出决算"))


_GENERAL = "一般公共预算财政拨款支出"
_GENERAL_BASIC = "一般公共预算财政拨款基本支出"
_THREE_PUBLIC = "三公经费"

METRICS: tuple[Metric, ...] = (
    # 收入支出总计 / 收、支总计 state both totals at once; under a 财政拨款 heading they are
    # the 财政拨款 totals.
    Metric("收入总计", MONEY_UNIT, _p("收入总计", "收入支出总计", "收支总计", "总收入", not_under="财政拨款")),
    Metric("支出总计", MONEY_UNIT, _p("支出总计", "收入支出总计", "收支总计", "总支出", not_under="财政拨款")),
    # Under 收入决算情况说明 / 支出决算情况说明 a bare 收入 (合计) / 支出 (合计) is the year's.
    Metric("本年收入合计", MONEY_UNIT, _p("本年收入合计", "本年收入")
           + _p("收入合计", "收入", under="收入决算情况", not_under="财政拨款")),
    Metric("本年支出合计", MONEY_UNIT, _p("本年支出合计", "本年支出")
           + _p("支出合计", "支出", under="支出决算情况", not_under="财政拨款")),
    Metric("财政拨款收入", MONEY_UNIT, _p("财政拨款收入", not_under="财政拨款收入支出决算"),
           # The only 财政拨款 income of most units; never when another kind is stated.
           fallbacks=_p("一般公共预算财政拨款收入", not_under="财政拨款收入支出决算")),
    Metric("基本支出", MONEY_UNIT, _p("基本支出", not_under="财政拨款")),
    Metric("项目支出", MONEY_UNIT, _p("项目支出", not_under="财政拨款")),
    Metric("财政拨款收入支出总计", MONEY_UNIT, _p("财政拨款收入支出总计", "财政拨款收支总计",
                                      "财政拨款收支总决算", "财政拨款收入支出总决算",
                                      # one side of the balanced total, stated with the other
                                      "财政拨款收入总计", "财政拨款支出总计")),
    Metric(_GENERAL, MONEY_UNIT, _p(_GENERAL, "一般公共预算财政拨款支出决算", "一般公共预算财政拨款支出决算数",
                                    "一般公共预算财政拨款实际支出")
           + _p("财政拨款支出", "财政拨款支出决算", "支出决算", under=_GENERAL, not_under="基本支出")),
    Metric(_GENERAL_BASIC, MONEY_UNIT, _p(_GENERAL_BASIC)
           + _p("财政拨款基本支出", "基本支出", under=_GENERAL_BASIC)),
    Metric("人员经费", MONEY_UNIT, _p("人员经费", "人员经费支出")),
    Metric("公用经费", MONEY_UNIT, _p("公用经费", "公用经费支出")),
    Metric("三公经费决算数", MONEY_UNIT, _p(*_spending(_THREE_PUBLIC), "财政拨款三公经费支出",
                                    "财政拨款三公经费支出决算", "财政拨款三公经费支出决算数"), measure="actual"),
    Metric("三公经费预算数", MONEY_UNIT, _p(*(_THREE_PUBLIC + t for t in (
        "全年预算数", "全年预算", "预算数", "预算", "支出预算", "支出全年预算数"))),
           # … from a 年初预算 only when no 全年预算 is stated.
           fallbacks=_p(_THREE_PUBLIC + "年初预算", _THREE_PUBLIC + "年初预算数",
                        _THREE_PUBLIC + "支出年初预算"), measure="budget"),
    Metric("因公出国（境）费决算数", MONEY_UNIT, _p(*_spending("因公出国费"), *_spending("因公出国经费"),
                                          *_spending("因公出国费用")), measure="actual"),
    Metric("公务用车购置及运行维护费决算数", MONEY_UNIT, _p(*_spending("公务用车购置及运行维护费"),
                                                *_spending("公务用车购置及运行费")), measure="actual"),
    Metric("公务用车购置费决算数", MONEY_UNIT, _p(*_spending("公务用车购置费")), measure="actual"),
    Metric("公务用车运行维护费决算数", MONEY_UNIT, _p(*_spending("公务用车运行维护费"),
                                          *_spending("公务用车运行费")), measure="actual"),
    Metric("公务接待费决算数", MONEY_UNIT, _p(*_spending("公务接待费")), measure="actual"),
    Metric("机关运行经费支出", MONEY_UNIT, _p("机关运行经费支出", "机关运行经费", "机关运行费", "机关运行费支出",
                                    "机关运行经费财政拨款支出")),
    Metric("政府采购支出总额", MONEY_UNIT, _p("政府采购支出总额", "政府采购金额", "政府采购支出",
                                    "政府采购总额", "政府采购合同金额")),
    Metric("车辆数", "辆", _p("共有车辆", "车辆", "公务用车", "公务用车保有量", "车辆保有量",
                            "年末实际保有量", "实际保有量", "年末公务用车保有量", "车辆总数",
                            "公务用车总数", "公务车辆")),
    Metric("一般公共预算财政拨款支出较上年增减", MONEY_UNIT,
           _p(_GENERAL + "较上年增加", _GENERAL + "较上年减少")
           + _p("财政拨款支出较上年增加", "财政拨款支出较上年减少", "支出决算较上年增加",
                "支出决算较上年减少", under=_GENERAL, not_under="基本支出"),
           signed_change=True),
)
METRIC_NAMES = tuple(m.name for m in METRICS)

# --------------------------------------------------------------------------- phrase_key
# What phrase_key drops before comparing: quotes, 、 and spaces; bracketed words (（境）, (类));
# a leading 全年 or 年末, except in 年末实际 (年末实际保有量 is a phrasing of its own).
PHRASE_IGNORED = "“”\"'‘’「」、 \u3000"
BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
DROPPED_LEADING_WORDS = ("全年", "年末")
KEPT_LEADING_WORDS = ("年末实际",)
