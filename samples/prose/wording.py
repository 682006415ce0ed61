"""A wording generator: seeded 公开说明 sections stating figures the ways real documents word them.

Why: the prose reader (extract.document.facts) was written from a handful of documents, and every
province words the same figure its own way — ``收入总计、支出总计均为 X 万元``, ``收、支总计各是 A、B
万元``, ``“三公”经费支出预算 A 万元，支出决算 B 万元``, ``未发生“三公”经费支出``, ``26,085.58 元``. A
sample of real documents shows the wordings someone has seen; this generator composes wordings
from independent dimensions, so the combinations nobody has seen yet are tried too, and the
report says which dimension breaks the reader.

``draw_case(seed, index)`` draws one case from ``random.Random(f"prose:{seed}:{index}")``: a few
sections of a 公开说明 (each a heading path and its text) and their truth. The truth comes from
what the generator wrote, never from running the reader: each figure is drawn first (exact
decimals, in yuan), then printed; a clause records the facts a correct reader must give —
``expect``: (metric, value) with the metric names of extract.vocabulary.metrics.METRICS — and the
ones it must not give — ``forbid``: a 预算 read as the 决算 metric, a change read as the figure
itself, a part read as its whole, a figure of another section's scope (政府性基金's 本年收入, an
item's 支出决算) read as the department's.

Dimensions (each drawn on its own; the drawn values are in the section's ``dims``, the clause's
shape with its figures as letters in each fact's ``wording``):

* which section and heading a clause stands under (收入支出决算总体情况说明, 财政拨款收入支出决算
  总体情况说明, 一般公共预算财政拨款支出决算情况说明 and its 结构 / 具体情况 subsections, 基本支出,
  政府性基金 / 国有资本经营预算, “三公”经费, 机关运行经费, 政府采购, 国有资产占用), a few wordings of
  each heading;
* who and when: the unit's name, 本单位 / 我单位 / 本部门, none; 2024 年度 / 2024年 / 本年度 / none;
* subjects: one, or an enumeration joined with 、 和 及 与 (or the short 收、支总计), one value
  distributed by 均为 / 均是 / 各为 / 都是 or several in order by 分别为 / 分别是 / 各是 / 各为, the
  unit after each value or after the last; with and without 合计/总计 (本年收入, 收入合计, bare 收入);
  name variants (公务用车购置及运行费, 三公经费 without quotes, 因公出国(境)费用);
* measures: 支出 / 支出决算 / 决算 / 决算数 / 实际支出, and a 预算 / 年初预算 / 全年预算数 / 支出预算
  in the same clause, before or after the 决算, with a completion rate or a 比预算减少;
* changes: 比上年 / 较上年 / 与上年相比， / 比 2023 年度 / 比上年决算, 增加 / 减少 with 增长 / 下降 %, a
  rate alone, 持平; naming its subject (with or without 支出) or not;
* numbers: 万元 / 元 / 亿元, thousands separators or not, two decimals, none (whole numbers) or
  trailing zeros dropped, a space between number and unit or not; negations (未发生 … 支出, 为零,
  0 万元, 无 …).

A case holds 1–4 sections in the order a 公开说明 prints them, their figures all different (so a
figure read under the wrong name is seen), none stating a metric another one states.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dims import Dims

ROOT_HEADING = "第二部分 {unit} 2024 年度部门决算情况说明"
UNIT_NAMES = ("示例市示例局", "东湖区教育局", "青山县水利局", "南江市文化馆", "北岭县农业农村局")
SCALE = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
CENT = Decimal("0.01")
WAN = Decimal(10000)  # the bounds figures are drawn within are given in 万元
COUNT_METRICS = ("车辆数",)  # metrics counting things, not yuan

# Verbs between a subject and its figure.
VERBS = ("", "为", "是", "达")
SAME_VALUE_WORDS = ("均为", "均是", "各为", "都是")  # one value for each subject
IN_ORDER_WORDS = ("分别为", "分别是", "各是", "各为")  # the values in the subjects' order
JOINERS = ("、", "和", "及", "与")
LIST_END = "，。；"  # what ends a list of figures after 分别为 / 均为 (the test reads them back)
CHANGE_BASES = ("比上年", "较上年", "与上年相比，", "比 2023 年度", "与 2023 年度相比，", "比上年决算")
RATE_WORDS = {"增加": ("增长",), "减少": ("下降", "降低")}
REASONS = ("人员增加", "厉行节约，压减一般性支出", "项目完成", "新增专项工作任务", "会议培训减少")


# --------------------------------------------------------------------------- the truth


@dataclass
class Fact:
    """One (metric, value) a reader must give (``expect``) or must not (``forbid``).

    ``printed`` is the figure as the text prints it (``1,280.00 万元``, ``56``, ``未发生``): the
    test checks it is in the text and says the value.
    """

    kind: str  # expect / forbid
    metric: str
    value: Decimal
    printed: str


@dataclass
class Clause:
    """One sentence as printed, and its wording: the figures as letters, who and when left out.

    The wording names the clause's shape across cases (``收入总计、支出总计均为 X 万元``) so the
    report can say which shapes the reader fails on.
    """

    text: str = ""
    wording: str = ""
    facts: list[Fact] = field(default_factory=list)
    # (distribution word, its metrics in the subjects' order, offset of the word in text)
    distributions: list[tuple[str, list[str], int]] = field(default_factory=list)

    def say(self, words: str, shown: str | None = None) -> None:
        """Print ``words``; the wording shows ``shown``, by default the words with the canonical
        name of each subject (name variants are a dimension of their own)."""
        self.text += words
        self.wording += canonical(words) if shown is None else shown

    def verb(self, words: str) -> None:
        """为 / 是 / 达 / nothing between a subject and its figure: printed, not in the wording."""
        self.say(words, "")

    def lead(self, words: str) -> None:
        """Who and when: printed, left out of the wording."""
        self.say(words, "")

    def figure(self, printed: str, letter: str, unit: str | None) -> str:
        """A figure: printed as is, shown in the wording as its letter (and 万元 where a unit is)."""
        self.say(printed, f" {letter} 万元 " if unit else f" {letter} ")
        return printed

    def expect(self, metric: str, value: Decimal, printed: str) -> None:
        self.facts.append(Fact("expect", metric, value, printed))

    def forbid(self, metric: str, value: Decimal, printed: str) -> None:
        self.facts.append(Fact("forbid", metric, value, printed))

    def distributed(self, word: str, metrics: list[str]) -> None:
        """Record that the figures after ``word`` (just said) go to ``metrics`` in order."""
        self.distributions.append((word, metrics, len(self.text) - len(word)))


@dataclass
class Section:
    """A section as a 公开说明 prints it: its heading path, its sentences and what was drawn."""

    path: tuple[str, ...]
    clauses: list[Clause]
    dims: dict

    def as_dict(self) -> dict:
        text, offset, distributions = "", 0, []
        for c in self.clauses:
            distributions += [[word, metrics, offset + at] for word, metrics, at in c.distributions]
            text += c.text
            offset += len(c.text)
        dims = dict(self.dims)
        if distributions:
            dims["distributions"] = distributions
        return {"heading": self.path[-1], "path": list(self.path), "text": text, "dims": dims}


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberStyle:
    """How a section prints its amounts (documents differ; one section is consistent)."""

    unit: str  # 万元 / 元 / 亿元
    separators: bool  # 1,280.00 or 1280.00
    spaced: bool  # 1,280.00 万元 or 1,280.00万元, and a space before the number
    decimals: str  # "2": 56.00; "0": whole numbers, 56; "trimmed": trailing zeros dropped, 56.5


def draw_style(d: Dims, large: bool) -> NumberStyle:
    """A section's number style; 亿元 only where the figures are large (totals)."""
    units = ("万元", "元", "亿元") if large else ("万元", "元")
    return NumberStyle(unit=d.pick("unit", units, [6, 2, 1] if large else [3, 1]),
                       separators=d.chance("separators", 0.5), spaced=d.chance("spaced", 0.6),
                       decimals=d.pick("decimals", ("2", "0", "trimmed"), [6, 1, 1]))


DRAW_TRIES = 200


class Undrawable(Exception):
    """The style's grid leaves no amount the section needs (a total of a few printed units to
    split, a change smaller than a 亿元 figure's step): the section is drawn again."""


class Figures:
    """Draws a section's amounts on the grid its style prints exactly, all different in a case."""

    def __init__(self, rng: random.Random, style: NumberStyle, used: set[Decimal]) -> None:
        self.rng, self.style, self.used = rng, style, used
        step = CENT if style.decimals != "0" else Decimal(1)
        self.step = step * SCALE[style.unit]  # the smallest amount the style prints (yuan)

    @property
    def sp(self) -> str:
        return " " if self.style.spaced else ""

    def money(self, low_wan: float, high_wan: float) -> Decimal:
        """An amount between the bounds (万元), exactly printable, unused in the case."""
        low = max(100 if self.style.unit == "亿元" else 1, int(Decimal(str(low_wan)) * WAN / self.step))
        high = max(low + 20, int(Decimal(str(high_wan)) * WAN / self.step))
        for _ in range(DRAW_TRIES):
            value = (self.rng.randint(low, high) * self.step).quantize(CENT)
            if value not in self.used:
                self.used.add(value)
                return value
        raise Undrawable(f"no unused amount between {low_wan} and {high_wan} 万元")

    def claim(self, value: Decimal) -> bool:
        """Take a value computed from others (a sum, a difference); False if already used."""
        if value in self.used or value <= 0:
            return False
        self.used.add(value)
        return True

    def split(self, total: Decimal, parts: int, smallest_share: float = 0.05) -> list[Decimal]:
        """``parts`` unused amounts adding up to ``total``; Undrawable where the style's grid leaves
        too few of them (a total of a few printed units)."""
        for _ in range(DRAW_TRIES):
            cuts = sorted(self.rng.uniform(smallest_share, 1 - smallest_share) for _ in range(parts - 1))
            bounds = [0.0] + cuts + [1.0]
            values = [(total * Decimal(str(b - a)) / self.step).to_integral_value() * self.step
                      for a, b in zip(bounds, bounds[1:])]
            values[-1] = total - sum(values[:-1])
            values = [v.quantize(CENT) for v in values]
            if len(set(values)) == parts and all(v > 0 and v not in self.used for v in values):
                self.used.update(values)
                return values
        raise Undrawable(f"{total} cannot be split into {parts} unused amounts")

    def number(self, value: Decimal) -> str:
        """The value as the style prints its number, without the unit."""
        n = value / SCALE[self.style.unit]
        places = "0" if self.style.decimals == "0" else "2"
        text = format(n, f"{',' if self.style.separators else ''}.{places}f")
        if self.style.decimals == "trimmed" and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text

    def show(self, value: Decimal) -> str:
        """The value printed with its unit: ``1,280.00 万元``."""
        return f"{self.number(value)}{self.sp}{self.style.unit}"

    def at(self, value: Decimal) -> str:
        """The figure as it follows its label: a space before the number where the style spaces."""
        return self.sp + self.show(value)


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(CENT, ROUND_HALF_UP)}%"


# --------------------------------------------------------------------------- pieces of clauses


def lead(d: Dims, unit_name: str, this_year: bool = True) -> str:
    """Who and when before the first subject: 示例局 2024 年度 / 2024 年度，本单位 / none."""
    who = d.pick("who", ("name", "本单位", "我单位", "本部门", "none"), [3, 2, 1, 1, 2])
    years = ("2024 年度", "2024年度", "2024 年", "本年度", "none") if this_year else \
        ("2024 年度", "2024年度", "2024 年", "none")
    year = d.pick("year", years, [4, 2, 1, 1, 2][:len(years)])
    who_text = unit_name if who == "name" else "" if who == "none" else who
    year_text = "" if year == "none" else year
    if who_text and year_text and d.chance("year_first", 0.25):
        return f"{year_text}，{who_text}"
    return who_text + (" " if who_text and year_text[:1].isdigit() else "") + year_text


def enumeration(d: Dims, c: Clause, names: list[str], short: str | None = None) -> None:
    """Subjects said as one: 收入总计、支出总计 / 收入总计和支出总计 / 收、支总计 (the wording
    shows them joined by 、: the joiner is a dimension of its own)."""
    joiner = d.pick("joiner", JOINERS + (("short",) if short else ()))
    if joiner == "short":
        c.say(short)
    elif joiner == "、":
        c.say("、".join(names))
    else:
        c.say("、".join(names[:-1]) + joiner + names[-1], "、".join(canonical(n) for n in names))


def distribute(d: Dims, c: Clause, fig: Figures, metrics: list[str], values: list[Decimal],
               letters: str = "ABCDEF") -> None:
    """The figures after an enumeration: one value for each (均为 X) or one each in order.

    ``values`` of one element is distributed to every metric; else value i is metric i's.
    """
    if len(values) == 1:
        word = d.pick("distribution", SAME_VALUE_WORDS)
        c.say(word, SAME_VALUE_WORDS[0])
        c.distributed(word, metrics)
        printed = c.figure(fig.at(values[0]), "X", fig.style.unit).strip()
        for m in metrics:
            c.expect(m, values[0], printed)
        return
    word = d.pick("distribution", IN_ORDER_WORDS)
    c.say(word, IN_ORDER_WORDS[0])
    c.distributed(word, metrics)
    units = d.pick("units_in_list", ("after_each", "after_last", "and"))
    for i, (m, v, letter) in enumerate(zip(metrics, values, letters)):
        last = i == len(values) - 1
        if i:
            c.say("和" if units == "and" and last else "、")
        with_unit = units != "after_last" or last
        printed = fig.at(v) if with_unit else fig.sp + fig.number(v)
        c.figure(printed.lstrip() if i and not (units == "and" and last) else printed, letter,
                 fig.style.unit if with_unit else None)
        c.expect(m, v, printed.strip())


def change(d: Dims, c: Clause, fig: Figures, current: Decimal, subjects: tuple[str, ...],
           forbid: tuple[str, ...], signed_metric: str | None = None, own_sentence: bool = False) -> None:
    """A change against last year: ``，比上年增加 D 万元，增长 P%`` after a figure, or a sentence of
    its own (``与上年相比，…减少 D 万元``).

    The change's amount is never the figure's own metric (``forbid``); where the change has a
    metric of its own (一般公共预算财政拨款支出较上年增减) it is expected, signed, and 持平 says 0.
    """
    kind = d.pick("change", ("none", "amount", "amount_rate", "rate", "level"), [3, 2, 3, 1, 1])
    if kind == "none":
        return
    subject = d.pick("change_subject", subjects + ("",))
    base = d.pick("change_base", CHANGE_BASES)
    if own_sentence and not subject and not base.endswith("，"):
        base = "与上年相比，"  # a sentence names what changed, or opens with 与上年相比
        d.d["change_base"] = base
    opening = "" if own_sentence else "，"
    if kind == "level":
        c.say(opening + f"{subject}与上年持平")
        if signed_metric:
            c.expect(signed_metric, Decimal(0), "持平")
        return
    direction = d.pick("change_direction", ("增加", "减少"))
    c.say(opening + (f"{base}{subject}" if base.endswith("，") else f"{subject}{base}"))
    for _ in range(DRAW_TRIES):
        amount = fig.money(0.01, float(current / WAN) / 4)
        if amount < current:
            break
    else:
        raise Undrawable(f"no change smaller than {current}")
    previous = current - amount if direction == "增加" else current + amount
    rate = percent(amount, previous)
    rate_word = d.rng.choice(RATE_WORDS[direction])
    if kind == "rate":
        c.say(f"{rate_word}{fig.sp}{rate}", f"{RATE_WORDS[direction][0]} P%")
        return
    c.say(direction)
    printed = c.figure(fig.at(amount), "D", fig.style.unit).strip()
    for m in forbid:
        c.forbid(m, amount, printed)
    if signed_metric:
        c.expect(signed_metric, amount if direction == "增加" else -amount, printed)
    if kind == "amount_rate":
        c.say(f"，{rate_word}{fig.sp}{rate}", f"，{RATE_WORDS[direction][0]} P%")
    if d.chance("reason", 0.4):
        c.say(d.pick("reason_form", ("，主要原因是：", "，主要原因是")) + d.rng.choice(REASONS), "，主要原因是…")


def share(d: Dims, c: Clause, fig: Figures, part: Decimal, whole: Decimal, base: str = "") -> None:
    """``，占 P%`` / ``，占本年支出合计的 P%`` after a figure: a ratio, no amount."""
    c.say(f"，占{base}{'的' if base else ''}{fig.sp}{percent(part, whole)}", f"，占{base} P%")


# --------------------------------------------------------------------------- the sections


def totals(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """一、收入支出决算总体情况: 收入总计 / 支出总计, jointly, enumerated or one by one, then maybe
    本年收入合计 and 本年支出合计 (收入总计 = 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余)."""
    c = Clause()
    c.lead(lead(d, unit))
    total = fig.money(100, 50000)
    form = d.pick("subjects", ("joint", "enumerated", "separate"))
    if form == "joint":
        c.say(d.pick("joint_name", ("收入支出总计", "收、支总计", "收支总计", "收入、支出总计")))
        c.verb(d.pick("verb", VERBS))
        printed = c.figure(fig.at(total), "X", fig.style.unit)
        c.expect("收入总计", total, printed.strip())
        c.expect("支出总计", total, printed.strip())
    elif form == "enumerated":
        enumeration(d, c, ["收入总计", "支出总计"], short="收、支总计")
        # The two totals are equal in a 决算; a pair of different values tries the order.
        values = [total] if d.chance("one_value", 0.6) else [total, fig.money(100, 50000)]
        distribute(d, c, fig, ["收入总计", "支出总计"], values)
    else:
        income, spending = d.pick("separate_names", (("收入总计", "支出总计"), ("总收入", "总支出")))
        verb = d.pick("verb", VERBS)
        c.say(income)
        c.verb(verb)
        printed = c.figure(fig.at(total), "A", fig.style.unit)
        c.expect("收入总计", total, printed.strip())
        c.say(f"，{spending}")
        c.verb(verb)
        printed = c.figure(fig.at(total), "A", fig.style.unit)
        c.expect("支出总计", total, printed.strip())
    change(d, c, fig, total, ("收入支出总计", "收、支总计各", "收入、支出总计均"), ("收入总计", "支出总计"))
    c.say("。")
    clauses = [c]
    year_totals = d.pick("year_totals", ("none", "enumerated", "listed"), [2, 1, 1])
    if year_totals != "none":
        y = Clause()
        carried = fig.money(1, float(total / WAN) / 5)
        income = total - carried
        spending = fig.money(float(total / WAN) * 0.6, float(total / WAN) * 0.95)
        if not fig.claim(income):
            return clauses
        if year_totals == "enumerated":
            y.say("其中，")
            enumeration(d, y, [d.pick("income_name", ("本年收入合计", "本年收入")),
                               d.pick("spending_name", ("本年支出合计", "本年支出"))])
            distribute(d, y, fig, ["本年收入合计", "本年支出合计"], [income, spending], "AB")
        else:
            y.say("收入中，本年收入合计")
            y.expect("本年收入合计", income, y.figure(fig.at(income), "A", fig.style.unit).strip())
            y.say("，年初结转和结余")
            y.forbid("本年收入合计", carried, y.figure(fig.at(carried), "C", fig.style.unit).strip())
            y.say("；支出中，本年支出合计")
            y.expect("本年支出合计", spending, y.figure(fig.at(spending), "B", fig.style.unit).strip())
            if fig.claim(total - spending):
                y.say("，年末结转和结余")
                y.forbid("本年支出合计", total - spending,
                         y.figure(fig.at(total - spending), "E", fig.style.unit).strip())
        y.say("。")
        clauses.append(y)
    return clauses


def _year_subject(d: Dims, names: tuple[str, ...]) -> tuple[str, bool]:
    """本年收入合计 / 本年收入 / 收入合计 / bare 收入: the name and whether 本年度 may lead it."""
    name = d.pick("subject", names)
    return name, not name.startswith("本年")


def income(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """二、收入决算情况: 本年收入合计 with and without 合计, then its 财政拨款收入 and others."""
    name, this_year = _year_subject(d, ("本年收入合计", "本年收入", "收入合计", "收入"))
    c = Clause()
    c.lead(lead(d, unit, this_year))
    total = fig.money(100, 40000)
    grant, other = fig.split(total, 2, 0.2)
    c.say(name)
    c.verb(d.pick("verb", VERBS))
    c.expect("本年收入合计", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
    change(d, c, fig, total, (name, "收入"), ("本年收入合计",))
    c.say("。")
    p = Clause()
    form = d.pick("grant_form", ("财政拨款收入", "一般公共预算财政拨款收入", "split"))
    p.say("其中：" + ("一般公共预算财政拨款收入" if form == "一般公共预算财政拨款收入" else "财政拨款收入"))
    p.expect("财政拨款收入", grant, p.figure(fig.at(grant), "F", fig.style.unit).strip())
    if form == "split":
        general, fund = fig.split(grant, 2, 0.1)
        p.say("（一般公共预算财政拨款收入")
        p.forbid("财政拨款收入", general, p.figure(fig.at(general), "F1", fig.style.unit).strip())
        p.say("，政府性基金预算财政拨款收入")
        p.forbid("财政拨款收入", fund, p.figure(fig.at(fund), "F2", fig.style.unit).strip())
        p.say("）")
    share(d, p, fig, grant, total)
    p.say("；" + d.pick("other_income", ("其他收入", "事业收入")))
    p.forbid("本年收入合计", other, p.figure(fig.at(other), "O", fig.style.unit).strip())
    share(d, p, fig, other, total)
    p.say("。")
    return [c, p]


def spending(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """三、支出决算情况: 本年支出合计, its 基本支出 and 项目支出 listed or enumerated."""
    name, this_year = _year_subject(d, ("本年支出合计", "本年支出", "支出合计", "支出"))
    c = Clause()
    c.lead(lead(d, unit, this_year))
    total = fig.money(100, 40000)
    basic, project = fig.split(total, 2, 0.2)
    c.say(name)
    c.verb(d.pick("verb", VERBS))
    c.expect("本年支出合计", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
    change(d, c, fig, total, (name, "支出"), ("本年支出合计",))
    c.say("。")
    p = Clause()
    form = d.pick("parts", ("listed", "classified", "enumerated"))
    if form == "enumerated":
        p.say("其中")
        enumeration(d, p, ["基本支出", "项目支出"])
        distribute(d, p, fig, ["基本支出", "项目支出"], [basic, project], "BQ")
    else:
        p.say("其中：基本支出" if form == "listed" else "按经济分类划分为基本支出")
        p.expect("基本支出", basic, p.figure(fig.at(basic), "B", fig.style.unit).strip())
        share(d, p, fig, basic, total)
        p.say("；项目支出")
        p.expect("项目支出", project, p.figure(fig.at(project), "Q", fig.style.unit).strip())
        share(d, p, fig, project, total)
    p.say("。")
    return [c, p]


def fiscal_totals(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """四、财政拨款收入支出决算总体情况: 财政拨款收入支出总计; a bare 收、支总计 under this heading
    is the 财政拨款 one, never the department's 收入总计."""
    c = Clause()
    c.lead(lead(d, unit))
    total = fig.money(100, 40000)
    name = d.pick("subject", ("财政拨款收入支出总计", "财政拨款收、支总计", "财政拨款收支总计", "财政拨款收支总决算",
                              "财政拨款收入总计、支出总计均为", "收入支出总计", "收、支总计"))
    c.say(name)
    c.verb("" if name.endswith("为") else d.pick("verb", VERBS))
    printed = c.figure(fig.at(total), "X", fig.style.unit).strip()
    c.expect("财政拨款收入支出总计", total, printed)
    c.forbid("收入总计", total, printed)
    c.forbid("支出总计", total, printed)
    change(d, c, fig, total, ("财政拨款收、支总计各", "财政拨款收入支出总计"), ("财政拨款收入支出总计",))
    c.say("。")
    return [c]


GENERAL_HEADING = "五、一般公共预算财政拨款支出决算情况说明"


def general(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """五（一）、一般公共预算财政拨款支出: the figure (财政拨款支出 and 支出决算 stand for it under
    this heading), maybe beside its 年初预算, its share and its change (signed, 持平 = 0)."""
    c = Clause()
    c.lead(lead(d, unit))
    total = fig.money(100, 30000)
    budget_word = d.pick("budget", ("none", "年初预算", "全年预算数", "预算"), [3, 2, 1, 1])
    name = d.pick("subject", ("一般公共预算财政拨款支出", "一般公共预算财政拨款支出决算", "一般公共预算财政拨款支出决算数",
                              "财政拨款支出", "一般公共预算财政拨款实际支出"))
    verb = d.pick("verb", VERBS)
    if budget_word != "none":
        budget = fig.money(float(total / WAN) * 1.01, float(total / WAN) * 1.3)
        before = d.pick("budget_order", ("budget_first", "outturn_first")) == "budget_first"
        subject = "一般公共预算财政拨款支出" if name.startswith("一般") else "财政拨款支出"
        if before:
            c.say(subject + budget_word)
            c.verb(verb)
            c.forbid("一般公共预算财政拨款支出", budget, c.figure(fig.at(budget), "B", fig.style.unit).strip())
            c.say("，" + d.pick("outturn", ("支出决算", "决算数", "实际支出")))
            c.verb(verb)
            c.expect("一般公共预算财政拨款支出", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
        else:
            c.say(name)
            c.verb(verb)
            c.expect("一般公共预算财政拨款支出", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
            c.say("，" + budget_word)
            c.verb(verb)
            c.forbid("一般公共预算财政拨款支出", budget, c.figure(fig.at(budget), "B", fig.style.unit).strip())
        c.say(f"，完成{budget_word.removesuffix('数')}的{fig.sp}{percent(total, budget)}", "，完成预算的 P%")
    else:
        c.say(name)
        c.verb(verb)
        c.expect("一般公共预算财政拨款支出", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
    if d.chance("share", 0.5):
        share(d, c, fig, total, total * Decimal("1.07"), "本年支出合计")
    own_sentence = d.chance("change_own_sentence", 0.5)
    if own_sentence:
        c.say("。")
    change(d, c, fig, total, ("一般公共预算财政拨款支出", "一般公共预算财政拨款", "财政拨款支出", "支出"),
           ("一般公共预算财政拨款支出",), signed_metric="一般公共预算财政拨款支出较上年增减",
           own_sentence=own_sentence)
    if not c.text.endswith("。"):
        c.say("。")
    return [c]


ITEM_NAMES = (("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行", "2010301"),
              ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", "2080505"),
              ("卫生健康支出", "行政事业单位医疗", "行政单位医疗", "2101101"),
              ("住房保障支出", "住房改革支出", "住房公积金", "2210201"))


def general_parts(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """五（二） 结构 / 五（三） 具体情况: the 类 and the items, each with its own 支出决算 — under the
    一般公共预算 heading, but never the 一般公共预算财政拨款支出 itself."""
    sub = d.pick("heading_sub", ("（二）一般公共预算财政拨款支出决算结构情况", "（三）一般公共预算财政拨款支出决算具体情况",
                                 "（三）一般公共预算财政拨款支出决算具体情况说明"))
    d.d["path_sub"] = sub
    clauses = []
    n = d.pick("entries", (1, 2, 3))
    numbering = d.pick("numbering", ("1.", "1、", "（1）"))
    for i, (cls, sec, item, code) in enumerate(ITEM_NAMES[:n]):
        c = Clause()
        mark = numbering.replace("1", str(i + 1))
        amount = fig.money(1, 2000)
        if "结构" in sub:
            c.say(f"{mark}{cls}（类）", f"N.{cls}（类）")
            printed = c.figure(fig.at(amount), "V", fig.style.unit).strip()
            c.say(f"，占{fig.sp}{percent(amount, amount * 3)}。", "，占 P%。")
            c.forbid("一般公共预算财政拨款支出", amount, printed)
            clauses.append(c)
            continue
        budget = fig.money(float(amount / WAN) * 1.01, float(amount / WAN) * 1.4)
        with_code = d.chance("code", 0.3)
        c.say(f"{mark}{code + ' ' if with_code else ''}{cls}（类）{sec}（款）{item}（项）：", "N.类（类）款（款）项（项）：")
        c.say("年初预算为")
        c.forbid("一般公共预算财政拨款支出", budget, c.figure(fig.at(budget), "A", fig.style.unit).strip())
        c.say("，" + d.pick("item_outturn", ("支出决算为", "决算数为", "支出决算")))
        c.forbid("一般公共预算财政拨款支出", amount, c.figure(fig.at(amount), "V", fig.style.unit).strip())
        c.say(f"，完成年初预算的{fig.sp}{percent(amount, budget)}。", "，完成年初预算的 P%。")
        clauses.append(c)
    return clauses


def basic(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """六、一般公共预算财政拨款基本支出: the figure (a bare 基本支出 under this heading is it, not
    the department's 基本支出), its 人员经费 and 公用经费, listed or enumerated."""
    c = Clause()
    c.lead(lead(d, unit))
    total = fig.money(50, 20000)
    staff, office = fig.split(total, 2, 0.1)
    name = d.pick("subject", ("一般公共预算财政拨款基本支出", "财政拨款基本支出", "基本支出"))
    c.say(name)
    c.verb(d.pick("verb", VERBS))
    printed = c.figure(fig.at(total), "X", fig.style.unit).strip()
    c.expect("一般公共预算财政拨款基本支出", total, printed)
    c.forbid("基本支出", total, printed)
    form = d.pick("parts", ("listed", "listed_spending", "enumerated"))
    if form == "enumerated":
        c.say("，其中")
        enumeration(d, c, ["人员经费", "公用经费"])
        distribute(d, c, fig, ["人员经费", "公用经费"], [staff, office], "PG")
        c.say("。")
    else:
        tail = "支出" if form == "listed_spending" else ""
        c.say(f"，其中：人员经费{tail}")
        c.expect("人员经费", staff, c.figure(fig.at(staff), "P", fig.style.unit).strip())
        c.say("，主要包括：基本工资、津贴补贴、奖金、社会保障缴费；公用经费" + tail)
        c.expect("公用经费", office, c.figure(fig.at(office), "G", fig.style.unit).strip())
        c.say("，主要包括：办公费、印刷费、水电费、差旅费。")
    return [c]


def government_fund(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """七、政府性基金 / 国有资本经营预算: its 本年收入, 本年支出, 收、支总计 are the fund's, never
    the department's (本年收入合计, 收入总计, 财政拨款收入支出总计)."""
    c = Clause()
    c.lead(lead(d, unit))
    form = d.pick("form", ("no_spending_words", "zeros", "figures", "totals"), [1, 2, 2, 1])
    fund = "政府性基金预算财政拨款" if "政府性基金" in d.d["heading"] else "国有资本经营预算财政拨款"
    if form == "no_spending_words":
        c.say(f"没有使用{fund}安排的支出。")
        return [c]
    named = d.chance("named", 0.5)
    c.say(fund if named else "")
    if form == "totals":
        total = Decimal(0) if d.chance("zero", 0.5) else fig.money(1, 500)
        c.say(d.pick("subject", ("收、支总计", "收入支出总计", "收支总计")))
        c.verb(d.pick("verb", VERBS))
        printed = c.figure(fig.at(total), "X", fig.style.unit).strip()
        for m in ("收入总计", "支出总计", "财政拨款收入支出总计"):
            c.forbid(m, total, printed)
    else:
        revenue = spent = rest = Decimal(0)
        if form == "figures":
            revenue = fig.money(2, 500)
            spent, rest = fig.split(revenue, 2)
        c.say("本年收入")
        c.forbid("本年收入合计", revenue, c.figure(fig.at(revenue), "G", fig.style.unit).strip())
        c.say("，本年支出")
        c.forbid("本年支出合计", spent, c.figure(fig.at(spent), "H", fig.style.unit).strip())
        c.say("，年末结转和结余")
        c.figure(fig.at(rest), "J", fig.style.unit)
    c.say("。")
    return [c]


ABROAD_NAMES = ("因公出国（境）费", "因公出国(境)费", "因公出国（境）费用", "因公出国（境）经费")
CAR_NAMES = ("公务用车购置及运行维护费", "公务用车购置及运行费")
CAR_RUNNING_NAMES = ("公务用车运行维护费", "公务用车运行费")
THREE_PUBLIC_NAMES = ("“三公”经费", "三公经费", "‘三公’经费")
# Each name variant and the name the wording shows for it, longest first (因公出国（境）费用
# before 因公出国（境）费).
CANONICAL = sorted(((v, names[0]) for names in (ABROAD_NAMES, CAR_NAMES, CAR_RUNNING_NAMES, THREE_PUBLIC_NAMES)
                    for v in names[1:]), key=lambda pair: -len(pair[0]))


def canonical(words: str) -> str:
    """``words`` with each name variant replaced by its canonical name."""
    for variant, name in CANONICAL:
        words = words.replace(variant, name)
    return words


MEASURES_3P = ("支出", "支出决算", "决算", "决算数", "实际支出", "财政拨款支出", "支出决算数")


def three_public(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """八、“三公”经费: the 决算 (支出 / 支出决算 / 决算数 / 实际支出), maybe its 预算 in the same
    clause (never read as the 决算), its change, its parts listed or enumerated (the car's own
    parts in brackets or after 其中), or none of it spent (未发生, 为零, 0 万元, 无)."""
    c = Clause()
    c.lead(lead(d, unit))
    subject = d.pick("subject", THREE_PUBLIC_NAMES + ("财政拨款“三公”经费",))
    abroad = d.pick("abroad_name", ABROAD_NAMES)
    car = d.pick("car_name", CAR_NAMES)
    reception = "公务接待费"
    negation = d.pick("negation", ("none", "未发生", "为零", "zero_amount", "无"), [8, 1, 1, 1, 1])
    if negation != "none":
        zero = Decimal(0)
        if negation == "未发生":
            c.say(f"未发生{subject}支出")
            printed = "未发生"
        elif negation == "为零":
            c.say(f"{subject}支出为零")
            printed = "为零"
        elif negation == "无":
            c.say(f"无{subject}支出")
            printed = "无"
        else:
            c.say(f"{subject}支出")
            printed = c.figure(fig.at(zero), "0", fig.style.unit).strip()
        c.expect("三公经费决算数", zero, printed)
        if d.chance("parts_zero", 0.5):
            c.say("，其中")
            enumeration(d, c, [abroad, car, reception])
            distribute(d, c, fig, ["因公出国（境）费决算数", "公务用车购置及运行维护费决算数", "公务接待费决算数"], [zero])
        c.say("。")
        return [c]
    # The parts first: the total is their sum. 因公出国 and the car purchase are often none.
    abroad_zero, purchase_zero = d.chance("abroad_zero", 0.3), d.chance("purchase_zero", 0.5)
    while True:  # until the sums, too, are figures no other clause states
        abroad_v = Decimal(0) if abroad_zero else fig.money(0.5, 30)
        purchase_v = Decimal(0) if purchase_zero else fig.money(5, 40)
        running_v = fig.money(0.5, 30)
        reception_v = fig.money(0.1, 20)
        car_v = purchase_v + running_v
        total = abroad_v + car_v + reception_v
        if (purchase_zero or fig.claim(car_v)) and fig.claim(total):
            break
    budget_word = d.pick("budget", ("none", "预算", "年初预算", "全年预算数", "支出预算", "预算数", "全年预算"), [4, 1, 1, 1, 1, 1, 1])
    verb = d.pick("verb", VERBS)
    if budget_word == "none":
        c.say(subject + d.pick("measure", MEASURES_3P))
        c.verb(verb)
        c.expect("三公经费决算数", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
    else:
        budget = fig.money(float(total / WAN) * 1.02, float(total / WAN) * 1.5 + 1)
        order = d.pick("budget_order", ("budget_first", "outturn_first"))
        if order == "budget_first":
            c.say(subject + ("支出" if not budget_word.startswith("支出") else "") + budget_word)
            c.verb(verb)
            printed = c.figure(fig.at(budget), "B", fig.style.unit).strip()
            c.say("，" + d.pick("second_measure", ("支出决算", "决算", "决算数", "实际支出")))
            c.verb(verb)
            c.expect("三公经费决算数", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
        else:
            c.say(subject + d.pick("measure", MEASURES_3P))
            c.verb(verb)
            c.expect("三公经费决算数", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
            c.say("，" + budget_word)
            c.verb(verb)
            printed = c.figure(fig.at(budget), "B", fig.style.unit).strip()
        c.expect("三公经费预算数", budget, printed)
        c.forbid("三公经费决算数", budget, printed)
        against = d.pick("against_budget", ("completion", "difference", "none"))
        if against == "completion":
            c.say(f"，完成预算的{fig.sp}{percent(total, budget)}", "，完成预算的 P%")
        elif against == "difference" and fig.claim(budget - total):
            c.say("，比预算减少")
            difference = c.figure(fig.at(budget - total), "D", fig.style.unit).strip()
            c.forbid("三公经费决算数", budget - total, difference)
            c.forbid("三公经费预算数", budget - total, difference)
    change(d, c, fig, total, (subject + "支出", subject), ("三公经费决算数",))
    c.say("。")
    clauses = [c]
    parts = d.pick("parts", ("none", "listed", "enumerated"), [1, 3, 1])
    if parts == "none":
        return clauses
    p = Clause()
    metrics = ["因公出国（境）费决算数", "公务用车购置及运行维护费决算数", "公务接待费决算数"]
    if parts == "enumerated":
        p.say("其中：")
        enumeration(d, p, [abroad, car, reception])
        p.say(d.pick("part_measure", ("", "支出")))
        distribute(d, p, fig, metrics, [abroad_v, car_v, reception_v])
        p.say("。")
        return clauses + [p]
    part_measure = d.pick("part_measure", ("", "支出", "支出决算", "决算数"))
    p.say("其中：")
    for name, metric, value, letter in ((abroad, metrics[0], abroad_v, "A"), (car, metrics[1], car_v, "C"),
                                        (reception, metrics[2], reception_v, "R")):
        if name != abroad:
            p.say("；")
        if value == 0 and d.chance("part_zero_words", 0.5):
            p.say(f"未发生{name}支出", f"未发生{name}支出")
            p.expect(metric, value, "未发生")
            continue
        part_budget = name == reception and d.chance("part_budget", 0.3)
        if part_budget:
            planned = fig.money(float(value / WAN) * 1.05, float(value / WAN) * 1.5 + 1)
            p.say(f"{name}支出预算")
            p.forbid(metric, planned, p.figure(fig.at(planned), "r", fig.style.unit).strip())
            p.say("，支出决算")
        else:
            p.say(name + part_measure)
        p.expect(metric, value, p.figure(fig.at(value), letter, fig.style.unit).strip())
        if name == car and purchase_v:
            car_parts = d.pick("car_parts", ("none", "bracketed", "其中"))
            running = d.pick("car_running_name", CAR_RUNNING_NAMES)
            if car_parts != "none":
                p.say("（其中：公务用车购置费" if car_parts == "bracketed" else "，其中：公务用车购置费")
                p.expect("公务用车购置费决算数", purchase_v, p.figure(fig.at(purchase_v), "C1", fig.style.unit).strip())
                p.say(f"，{running}")
                p.expect("公务用车运行维护费决算数", running_v, p.figure(fig.at(running_v), "C2", fig.style.unit).strip())
                p.say("）" if car_parts == "bracketed" else "")
    p.say("。")
    return clauses + [p]


def running_costs(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """九、机关运行经费: the figure under its names, maybe none of it spent, and its change."""
    c = Clause()
    name = d.pick("subject", ("机关运行经费支出", "机关运行经费", "机关运行费", "机关运行经费财政拨款支出",
                              "（参公单位）机关运行经费支出"))
    c.lead(unit if name.startswith("（") else lead(d, unit))  # 示例局（参公单位）机关运行经费支出
    negation = d.pick("negation", ("none", "未发生", "为零", "zero_amount"), [6, 1, 1, 1])
    if negation == "未发生":
        c.say("未发生机关运行经费支出")
        c.expect("机关运行经费支出", Decimal(0), "未发生")
    elif negation == "为零":
        c.say(f"{name}为零")
        c.expect("机关运行经费支出", Decimal(0), "为零")
    else:
        value = Decimal(0) if negation == "zero_amount" else fig.money(1, 500)
        c.say(name)
        c.verb(d.pick("verb", VERBS if value else VERBS[:3]))  # nothing "达" 0
        c.expect("机关运行经费支出", value, c.figure(fig.at(value), "X", fig.style.unit).strip())
        if value:
            change(d, c, fig, value, (name, "机关运行经费"), ("机关运行经费支出",))
    c.say("。")
    return [c]


def procurement(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """十、政府采购: the total under its names; its 货物 / 工程 / 服务 parts and the 中小企业 share
    are never the total."""
    c = Clause()
    c.lead(lead(d, unit))
    name = d.pick("subject", ("政府采购支出总额", "政府采购金额", "政府采购支出", "政府采购合同金额", "政府采购总额"))
    negation = d.pick("negation", ("none", "未发生", "为零", "zero_amount"), [6, 1, 1, 1])
    if negation == "未发生":
        c.say("未发生政府采购支出。")
        c.expect("政府采购支出总额", Decimal(0), "未发生")
        return [c]
    if negation != "none":
        c.say(name + ("为零" if negation == "为零" else ""))
        printed = "为零" if negation == "为零" else c.figure(fig.at(Decimal(0)), "0", fig.style.unit).strip()
        c.expect("政府采购支出总额", Decimal(0), printed)
        c.say("。")
        return [c]
    total = fig.money(5, 3000)
    goods, works, services = fig.split(total, 3, 0.1)
    c.say(name)
    c.verb(d.pick("verb", VERBS + ("共计", "合计")))
    c.expect("政府采购支出总额", total, c.figure(fig.at(total), "X", fig.style.unit).strip())
    if d.chance("kinds", 0.6):
        c.say("，其中：政府采购货物支出")
        c.forbid("政府采购支出总额", goods, c.figure(fig.at(goods), "G", fig.style.unit).strip())
        c.say("、政府采购工程支出")
        c.forbid("政府采购支出总额", works, c.figure(fig.at(works), "W", fig.style.unit).strip())
        c.say("、政府采购服务支出")
        c.forbid("政府采购支出总额", services, c.figure(fig.at(services), "S", fig.style.unit).strip())
    c.say("。")
    clauses = [c]
    if d.chance("small_firms", 0.5):
        s = Clause()
        small = fig.money(float(total / WAN) * 0.3, float(total / WAN) * 0.9)
        s.say("授予中小企业合同金额")
        s.forbid("政府采购支出总额", small, s.figure(fig.at(small), "M", fig.style.unit).strip())
        s.say(f"，占政府采购支出总额的{fig.sp}{percent(small, total)}。", "，占政府采购支出总额的 P%。")
        clauses.append(s)
    return clauses


VEHICLE_KINDS = ("主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车")


def assets(d: Dims, fig: Figures, unit: str) -> list[Clause]:
    """十一、国有资产占用: the vehicles (a count, 车辆数), their kinds never the total; or none."""
    c = Clause()
    who = d.pick("who", ("name", "本单位", "none"))
    c.lead("截至 2024 年 12 月 31 日，" + {"name": unit, "本单位": "本单位", "none": ""}[who])
    negation = d.pick("negation", ("none", "无", "未配备"), [6, 1, 1])
    if negation != "none":
        c.say("无公务用车" if negation == "无" else "未配备公务用车")
        c.expect("车辆数", Decimal(0), negation)
    else:
        parts = [d.rng.choice((0, 0, 1, 2, 3)) for _ in VEHICLE_KINDS]
        parts[-1] += 1
        count = sum(parts)
        name = d.pick("subject", ("共有车辆", "车辆", "公务用车保有量", "实际保有量", "共有公务用车", "车辆总数"))
        c.say(f"{name}{' ' if fig.style.spaced else ''}{count}{' ' if fig.style.spaced else ''}辆", f"{name} N 辆")
        c.expect("车辆数", Decimal(count), f"{count}")
        if d.chance("kinds", 0.6):
            c.say("，其中：", "，其中：")
            for i, (kind, n) in enumerate(zip(VEHICLE_KINDS, parts)):
                c.say(f"{'，' if i else ''}{kind}{' ' if fig.style.spaced else ''}{n}{' ' if fig.style.spaced else ''}辆",
                      f"{'，' if i else ''}{kind} n 辆")
                if n != count:
                    c.forbid("车辆数", Decimal(n), f"{n}")
    if d.chance("equipment", 0.4):
        c.say("；单价 100 万元（含）以上设备 2 台（套）", "；单价 100 万元（含）以上设备 2 台（套）")
    c.say("。")
    return [c]


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Family:
    """A kind of section: its headings (one drawn) and the function writing its clauses."""

    name: str
    headings: tuple[str, ...]
    write: object
    large: bool = False  # totals large enough for 亿元
    parent: str | None = None  # the heading above it, where it is a subsection


FAMILIES = (
    Family("totals", ("一、收入支出决算总体情况说明", "一、收入支出决算总体情况", "一、部门决算收支总体情况"), totals, True),
    Family("income", ("二、收入决算情况说明", "二、收入决算情况"), income, True),
    Family("spending", ("三、支出决算情况说明", "三、支出决算情况"), spending, True),
    Family("fiscal_totals", ("四、财政拨款收入支出决算总体情况说明", "四、财政拨款收支决算总体情况说明",
                             "四、财政拨款收入支出决算总体情况"), fiscal_totals, True),
    Family("general", ("（一）一般公共预算财政拨款支出决算总体情况", "（一）一般公共预算财政拨款支出决算总体情况说明", ""),
           general, True, GENERAL_HEADING),
    Family("general_parts", ("",), general_parts, False, GENERAL_HEADING),
    Family("basic", ("六、一般公共预算财政拨款基本支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况"), basic),
    Family("government_fund", ("七、政府性基金预算财政拨款收入支出决算情况说明", "七、政府性基金预算财政拨款支出决算情况说明",
                               "七、国有资本经营预算财政拨款支出决算情况说明"), government_fund),
    Family("three_public", ("八、财政拨款“三公”经费支出决算情况说明", "八、“三公”经费支出决算情况说明",
                            "八、财政拨款三公经费支出决算情况说明"), three_public),
    Family("running_costs", ("九、机关运行经费支出说明", "九、机关运行经费支出情况说明", "九、机关运行经费情况说明"), running_costs),
    Family("procurement", ("十、政府采购支出说明", "十、政府采购支出情况说明", "十、政府采购情况说明"), procurement),
    Family("assets", ("十一、国有资产占用情况说明", "十一、国有资产占用情况"), assets),
)
FAMILY_WEIGHTS = (3, 2, 2, 2, 3, 1, 2, 1, 4, 2, 2, 2)


def draw_section(rng: random.Random, family: Family, unit: str, used: set[Decimal]) -> Section:
    dims: dict = {"family": family.name}
    d = Dims(rng, dims)
    heading = d.pick("heading", family.headings)
    style = draw_style(d, family.large)
    clauses = family.write(d, Figures(rng, style, used), unit)
    sub = dims.pop("path_sub", None)
    if sub:
        dims["heading"] = sub
    path = [ROOT_HEADING.format(unit=unit)]
    if family.parent:
        path.append(family.parent)
    path += [h for h in (heading, sub) if h]
    return Section(tuple(path), clauses, dims)


def _conflicts(section: Section, sections: list[Section]) -> bool:
    """Whether a section states a metric another one states, or forbids what another expects."""
    def facts(kind: str, s: Section) -> set:
        return {(f.metric, f.value) for c in s.clauses for f in c.facts if f.kind == kind}

    expected = {m for s in sections for m, _ in facts("expect", s)}
    forbidden = {pair for s in sections for pair in facts("forbid", s)}
    mine = facts("expect", section)
    return bool({m for m, _ in mine} & expected or mine & forbidden
                or facts("forbid", section) & {pair for s in sections for pair in facts("expect", s)})


def draw_case(seed: int, index: int) -> dict:
    """Case ``index`` of seed ``seed``: its sections and their truth, as JSON-ready data."""
    rng = random.Random(f"prose:{seed}:{index}")
    unit = rng.choice(UNIT_NAMES)
    n = rng.choice((1, 2, 2, 3, 3, 4))
    chosen = []
    while len(chosen) < n:
        f = rng.choices(FAMILIES, FAMILY_WEIGHTS)[0]
        if f not in chosen:
            chosen.append(f)
    used: set[Decimal] = set()
    sections: list[Section] = []
    for family in sorted(chosen, key=FAMILIES.index):
        for _ in range(5):
            try:
                s = draw_section(rng, family, unit, used)
            except Undrawable:
                continue
            if not _conflicts(s, sections):
                sections.append(s)
                break
    out = {"name": f"prose-{seed}-{index}", "unit_name": unit, "sections": [], "expect": [], "forbid": [],
           "dims": {"sections": len(sections), "families": "+".join(s.dims["family"] for s in sections)}}
    for i, s in enumerate(sections):
        out["sections"].append(s.as_dict())
        seen = set()
        for c in s.clauses:
            for f in c.facts:
                if (f.kind, f.metric, f.value) in seen:
                    continue
                seen.add((f.kind, f.metric, f.value))
                out[f.kind].append({"metric": f.metric, "value": _value(f.metric, f.value), "printed": f.printed,
                                    "wording": _tidy(c.wording), "section": i})
    return out


def _value(metric: str, value: Decimal) -> str:
    """A money value in yuan with its two decimals (``123400.00``); a count as a whole number."""
    return str(int(value)) if metric in COUNT_METRICS else str(value.quantize(CENT))


def _tidy(wording: str) -> str:
    """A wording with single spaces, none beside Chinese punctuation, no full stop at its end."""
    w = re.sub(r"\s*([，、。；：（）])\s*", r"\1", wording)
    return re.sub(r"\s+", " ", w).strip().rstrip("。")


def draw_cases(seed: int, count: int, first: int = 0) -> list[dict]:
    return [draw_case(seed, i) for i in range(first, first + count)]
