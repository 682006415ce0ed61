"""Read the figures a 部门决算's prose states: facts, the 类/款/项 items and the class structure.

The prose is formulaic. A figure is a label, a number and a unit: ``本年收入合计 3,127.86 万元``,
``占 84.35%``, ``公务用车保有量 3 辆``. How the label reads decides the fact's key:

* a plain label is the key as printed, with scope words in front of it dropped (the year,
  the unit's name, 我单位, 单位全年安排的 …): ``2023 年度收入总计`` -> ``收入总计``;
* ``占 X%`` / ``占本年支出合计的 X%`` is a share of the current subject: ``基本支出占比``,
  ``一般公共预算财政拨款支出占本年支出合计``;
* ``比上年增加`` / ``与上年相比，增加`` / ``增长 X%`` is a change of the current subject:
  ``收入支出总体较上年增加``, ``“三公”经费较上年增长``;
* a measure (决算数, 全年预算数, 预决算差异率, 价值 …) belongs to the subject named in its own
  sentence (``房屋 … 平方米，价值 7,696.93 万元`` -> ``房屋价值``); without one it keeps its bare
  name the first time and is qualified by its section's first subject after that;
* a count is the label with its unit: ``车辆（辆）``, ``国内公务接待人次``.

The subject of an expense is named without 支出 and 财政拨款 (``财政拨款“三公”经费支出`` ->
``“三公”经费``), so ``公务接待费 0.38 万元`` restating ``公务接待费支出 0.38 万元`` is recognised
as the same figure and kept once. A key stated twice in one section with different values is
prefixed, each time, by the conditions its sentence puts before it (在其他政府采购项目中 …).
Text after 原因是： is the reason for a figure, not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..datamodel import ExpenditureItem, Narrative, NarrativeFact, NarrativeSection, PieceBox
from ..normalize import MONEY_SCALE, PERCENT, parse_amount, parse_decimal, parse_percent
from .metrics import metric_value, metrics_of
from .narrative import in_glossary

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_COUNT_UNITS = ("人次", "批次", "平方米", "台（套）", "台(套)", "辆", "个", "人", "台", "套", "项",
                "家", "份", "户", "次")
_QUANTITY = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})\s*(?P<unit>"
    + "|".join(sorted(MONEY_SCALE, key=len, reverse=True)) + "|%|％|"  # 万元 before 元
    + "|".join(re.escape(u) for u in _COUNT_UNITS) + ")")
# 单价 100 万元（含）以上设备: a threshold inside a label, not a figure.
_THRESHOLD = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:以上|以下|以内)")
_DELIMITERS = "，,；;。：:、\n"  # \n: narrative.TABLE_BREAK
_REASON = re.compile(r"原因(?:是|为|主要是)?[:：]")
_SENTENCE_END = re.compile(r"[。；;]")
# Units appended to a count's label as they are (国内公务接待人次); others in brackets (车辆（辆）).
_MEASURE_NOUN_UNITS = ("人次", "批次")
# Figures that describe a subject rather than name one: 房屋 … 价值, “三公”经费 … 决算数.
_MEASURES = ("预决算差异率", "全年预算总额", "实际执行总额", "年初预算数", "全年预算数",
             "全年执行数", "决算数", "预算数", "执行数", "价值", "年初预算", "全年预算", "支出决算",
             "决算")
# 上年 or the year itself: 比上年决算增加, 与 2023 年度相比，增加, 比 2023 年度决算数减少.
_LAST_YEAR = r"(?:上年度?|\d{4}\s*年度?)"
_CHANGE = re.compile(rf"^(?P<subject>.*?)(?:与\s*{_LAST_YEAR}\s*相比|[比较]\s*{_LAST_YEAR}\s*(?:决算数?)?)?各?"
                     r"(?P<direction>增加|减少|增长|下降|降低)了?$")
# A change against a base other than last year (比年初预算增加, 较预算减少): keyed as such,
# never as 较上年.
_OTHER_BASE = re.compile(r"^(?P<subject>.*?)(?:与|比|较)(?!\s*(?:上年|\d{4}))(?P<base>[^，,]{0,12}?"
                         r"(?:预算|计划)数?)(?:相比)?[，,]?各?(?P<direction>增加|减少|增长|下降|降低)了?$")
# 无“三公”经费财政拨款支出: a figure stated as none, which is 0.
_NONE_STATED = re.compile(r"(?:^|(?<=[年度位门局部委，,。；;]))无(?P<label>[^，,。；;、无]{2,30}?(?:支出|经费))"
                          r"(?=[。，,；;]|$)")
_COMPARED = re.compile(rf"^(?P<subject>.*?)与\s*{_LAST_YEAR}\s*相比$")
_SHARE = re.compile(r"^占(?P<base>.*?)的?(?:比重|比例)?$")
_COMPLETION = re.compile(r"^完成(?P<base>年初预算|全年预算|预算)(?:数)?的$")
_YEAR = re.compile(r"^(?:截至|截止)?\s*\d{4}\s*年度?")
_SCOPE = re.compile(r"^(?:其中|包括|分别为|我单位|本单位|我部门|本部门|单位|按.{1,12}?划分为|"
                    r"(?:全年|本年度?)?安排的?|预算绩效管理(?=\S))")
_ENTRY_NUMBER = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])")
_DIRECTION_OF = {"增长": "增加", "增加": "增加", "下降": "减少", "降低": "减少", "减少": "减少"}


def _unit_kind(unit: str) -> tuple[str, Decimal]:
    if unit in MONEY_SCALE:
        return "元", MONEY_SCALE[unit]
    if unit in ("%", "％"):
        return "ratio", Decimal(1) / PERCENT
    return unit.replace("(", "（").replace(")", "）"), Decimal(1)


def clean_label(text: str, unit_name: str | None) -> str:
    """A printed label without the scope words in front of it (year, unit, 其中 …)."""
    t = text.strip()
    while True:
        before = t
        t = _YEAR.sub("", t).strip()
        if unit_name and t.startswith(unit_name):
            t = t[len(unit_name):].strip()
        t = re.sub(r"^[（(][^）)]*[)）]", "", t).strip()
        t = _SCOPE.sub("", t).strip()
        t = _ENTRY_NUMBER.sub("", t).strip()
        t = re.sub(r"(?<=\S)(?:为|是|达到?)$", "", t).strip()
        if t == before:
            return t


def subject_of(label: str) -> str:
    """An expense named as a subject: 财政拨款“三公”经费支出 -> “三公”经费."""
    for spending in ("费财政拨款支出", "费支出"):
        if label.endswith(spending):
            label = label[:-len(spending) + 1]
            if label.startswith("财政拨款"):
                label = label[len("财政拨款"):]
            break
    return label


def _split_measure(label: str) -> tuple[str, str | None]:
    for m in _MEASURES:
        if label.endswith(m):
            return label[:-len(m)], m
    # A bare 预算 is a measure only of an expense (…经费支出预算为 76.43 万元), not of
    # 一般公共预算 or 政府性基金预算.
    if label.endswith("预算") and label[:-2].endswith(("支出", "费")):
        return label[:-2], "预算"
    return label, None


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Reasons (主要原因是：… up to the end of the sentence) hold no figure of the document."""
    spans = []
    for m in _REASON.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    return spans


@dataclass
class _Subjects:
    """What the prose is talking about, as a section's figures are read in order."""

    current: str = ""  # the last figure named
    sentence: str = ""  # … if named in the current sentence (reset at 。)
    section: str = ""  # the section's first figure (一般公共预算财政拨款支出 in 五（一）)
    count_label: str = ""  # the last count's label: 国内公务接待 4 批次，38 人次

    def name(self, subject: str) -> None:
        self.current = self.sentence = subject
        self.section = self.section or subject


class _FactReader:
    """Reads one section's figures in order; ``taken`` spans sections (restatements, qualifying)."""

    def __init__(self, unit_name: str | None, taken: dict[str, Decimal]) -> None:
        self.unit_name = unit_name
        self.taken = taken  # subject-normalized keys already stated -> their value

    def read(self, section: NarrativeSection, topic: str, start_no: int) -> list[NarrativeFact]:
        text = section.text
        skipped = _skipped_spans(text)
        facts: list[NarrativeFact] = []
        subjects = _Subjects()
        contexts: list[str] = []
        offsets: list[int] = []
        last_end = 0
        for m in _QUANTITY.finditer(text):
            if any(a <= m.start() < b for a, b in skipped) or _THRESHOLD.match(text[m.end():]):
                continue
            clause_start = max(last_end, _after_delimiter(text, m.start()))
            if "。" in text[last_end:m.start()]:
                subjects.sentence = ""
            last_end = m.end()
            prefix = text[clause_start:m.start()].strip()
            unit, scale = _unit_kind(m.group("unit"))
            key = self._key(prefix, unit, text, clause_start, m.end(), subjects)
            if not key or key.startswith(("较上年", "占")):
                continue  # a change or share of nothing named: not a figure we can key
            value = parse_decimal(m.group("num")) * scale
            restated = subject_of(key)
            if self.taken.get(restated) == value:
                continue
            self.taken.setdefault(restated, value)
            facts.append(NarrativeFact(
                fact_no=start_no + len(facts), section=section.heading, topic=topic, key=key,
                label=prefix, value=value, unit=unit, value_raw=m.group("num"),
                unit_raw=m.group("unit"), raw_text=text[clause_start:m.end()].strip(),
                page=section.page_at(m.start()), boxes=_number_first(section, clause_start, m)))
            contexts.append(self._sentence_before(text, clause_start))
            offsets.append(m.start())
        facts = _qualify_repeated(facts, contexts)
        for m in _NONE_STATED.finditer(text):
            if any(a <= m.start() < b for a, b in skipped):
                continue
            key = subject_of(clean_label(m.group("label"), self.unit_name))
            if not key or subject_of(key) in self.taken:
                continue
            self.taken[subject_of(key)] = Decimal(0)
            facts.append(NarrativeFact(
                fact_no=0, section=section.heading, topic=topic, key=key, label=m.group("label"),
                value=Decimal(0), unit="元", value_raw="无", unit_raw="", raw_text=m.group().strip(),
                page=section.page_at(m.start()), boxes=section.boxes_between(m.start(), m.end())))
            offsets.append(m.start())
        in_order = sorted(zip(offsets, facts), key=lambda pair: pair[0])
        return [replace(f, fact_no=start_no + i) for i, (_, f) in enumerate(in_order)]

    def _sentence_before(self, text: str, clause_start: int) -> str:
        """The number-free words of the sentence before a clause (its conditions)."""
        start = max(text.rfind(d, 0, clause_start) for d in "。；;\n") + 1
        words = re.sub(rf"[{_DELIMITERS}]", "", text[start:clause_start])
        return "" if re.search(r"\d", words) else clean_label(words, self.unit_name)

    def _key(self, prefix: str, unit: str, text: str, clause_start: int, end: int,
             subjects: _Subjects) -> str:
        other = _OTHER_BASE.match(prefix)
        if other:
            named = clean_label(other.group("subject"), self.unit_name)
            subject = subject_of(named) if named else subjects.current
            return f"{subject}较{other.group('base')}{other.group('direction')}"
        change = _CHANGE.match(prefix)
        if change:
            return self._change_key(change, unit, text, clause_start, subjects)
        completion = _COMPLETION.match(prefix)
        if unit == "ratio" and completion:
            return f"{subjects.sentence or subjects.current}{completion.group('base')}完成率"
        share = _SHARE.match(prefix)
        if unit == "ratio" and share:
            base = share.group("base")
            return f"{subjects.current}占{base}" if base else f"{subjects.current}占比"
        label = clean_label(prefix, self.unit_name)
        if unit not in ("元", "ratio"):
            return _count_key(label, unit, text[end:], subjects)
        return self._amount_key(label, subjects)

    def _change_key(self, change: re.Match, unit: str, text: str, clause_start: int,
                    subjects: _Subjects) -> str:
        """比上年增加 / 与上年相比，增加 / 增长 X%: a change of the subject named or current."""
        named = clean_label(change.group("subject"), self.unit_name)
        if not named:
            before = text[_after_delimiter(text, clause_start - 1):clause_start - 1]
            compared = _COMPARED.match(before.strip())
            named = clean_label(compared.group("subject"), self.unit_name) if compared else ""
        if named:
            subjects.current = subject_of(named)  # 增长 X% that follows is about it too
        direction = change.group("direction")
        if unit != "ratio":
            direction = _DIRECTION_OF[direction]
        return f"{subjects.current}较上年{direction}"

    def _amount_key(self, label: str, subjects: _Subjects) -> str:
        head, measure = _split_measure(label)
        if measure is None:
            subjects.name(subject_of(label))
            return label
        if head:
            subjects.name(subject_of(head))
            return subjects.current + measure
        if subjects.sentence:
            return subjects.sentence + measure
        return subjects.section + measure if measure in self.taken else measure


def _qualify_repeated(facts: list[NarrativeFact], contexts: list[str]) -> list[NarrativeFact]:
    """A key stated twice in a section with different values is told apart by its conditions.

    (在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 246.47 万元 …
    在其他政府采购项目中，…，采购金额 4.79 万元): each takes the words before it in its sentence.
    """
    values: dict[str, set[Decimal]] = {}
    for f in facts:
        values.setdefault(f.key, set()).add(f.value)
    return [replace(f, key=context + f.key) if len(values[f.key]) > 1 and context else f
            for f, context in zip(facts, contexts)]


def _number_first(section: NarrativeSection, clause_start: int, number: re.Match) -> tuple[PieceBox, ...]:
    """The boxes of a figure's clause, the line holding its number first (the box to show)."""
    boxes = section.boxes_between(clause_start, number.end())
    at = section.boxes_between(number.start(), number.start() + 1)
    return at + tuple(b for b in boxes if b not in at)


def _after_delimiter(text: str, offset: int) -> int:
    """Where the clause holding ``offset`` starts: after the last delimiter before it.

    The 、 of 收、支总计 joins two words of one label; it is no delimiter.
    """
    while True:
        last = max(text.rfind(d, 0, offset) for d in _DELIMITERS)
        if last > 0 and text[last] == "、" and text[last - 1:last + 2] == "收、支":
            offset = last
            continue
        return last + 1


def _count_key(label: str, unit: str, after: str, subjects: _Subjects) -> str:
    """车辆 3 辆 -> 车辆（辆）; 下设 12 个处室 -> 下设处室（个）; 4 批次，38 人次 -> …人次."""
    noun = re.match(rf"[^{_DELIMITERS}\d]{{1,6}}(?=[{_DELIMITERS}]|$)", after)
    if not label and not noun:
        label = subjects.count_label
    if noun:
        label += noun.group()
    subjects.count_label = label
    subjects.name(label)
    return label + unit if unit in _MEASURE_NOUN_UNITS else f"{label}（{unit}）"


# ---------------------------------------------------------------- 五（二） structure, 五（三） items

_ENTRY_START = re.compile(r"(?:^|(?<=[。；;：:]))\s*(\d{1,2})\s*[.．、]\s*")
_LEVEL = r"\s*[(（]\s*{}\s*[)）]"
_STRUCTURE = re.compile(rf"^(?P<name>[^()（）\d]+?){_LEVEL.format('类')}\s*(?:支出)?\s*"
                        rf"(?:为|决算为)?\s*(?P<num>{_NUM})\s*万元\s*[,，]?\s*占(?:比)?\s*"
                        rf"(?P<pct>{_NUM})\s*[%％]")
_STRUCTURE_IN_TEXT = re.compile(rf"(?<![^，,；;：:。\n])\s*(?P<name>[^()（）\d，,；;：:。\n]+?){_LEVEL.format('类')}\s*"
                                rf"(?:支出)?\s*(?:为|决算为)?\s*(?P<num>{_NUM})\s*万元\s*[,，]?\s*占(?:比)?\s*"
                                rf"(?P<pct>{_NUM})\s*[%％]")
_ITEM_NAMES = re.compile(rf"^(?P<code>\d{{3,7}})?\s*(?P<cls>[^()（）]+?){_LEVEL.format('类')}"
                         rf"(?:(?P<sec>[^()（）]+?){_LEVEL.format('款')})?"
                         rf"(?:(?P<item>[^()（）]+?){_LEVEL.format('项')})?")
_ITEM_AMOUNT = re.compile(rf"(?:支出)?决算(?:数)?为?\s*(?P<num>{_NUM})\s*万元")
_ITEM_BUDGET = re.compile(rf"(?:年初|全年)预算(?:数)?为?\s*(?P<num>{_NUM})\s*万元")
_ITEM_CHANGE = re.compile(rf"(?:比|较|与)上年(?:决算)?(?:相比)?[，,]?\s*(?P<dir>增加|减少)\s*(?P<num>{_NUM})\s*万元")
_ITEM_PCT = re.compile(rf"(?:增长|下降|降低)\s*(?P<num>{_NUM})\s*[%％]")
_ITEM_REASON = re.compile(r"主要原因(?:是|为)?[:：]\s*")


def _entries(text: str) -> list[tuple[int, str]]:
    """Numbered entries ``1.…`` ``2.…`` of a section: (start offset, text after the number)."""
    starts = [(m.start(), m.end()) for m in _ENTRY_START.finditer(text)]
    out = []
    for i, (start, body) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append((start, text[body:end].strip()))
    return out


def _structure_matches(text: str) -> list[tuple[int, re.Match]]:
    """Each 类 with its amount and share: numbered entries (1.一般公共服务支出(类)…), or, where a
    paragraph lists them (主要用于以下方面：一般公共服务（类）支出 …，占 71.7%；教育（类）…), each
    clause of it."""
    numbered = [(offset, m) for offset, entry in _entries(text) if (m := _STRUCTURE.match(entry))]
    if numbered:
        return numbered
    return [(m.start(), m) for m in _STRUCTURE_IN_TEXT.finditer(text)]


def read_structure(section: NarrativeSection, start_no: int) -> list[NarrativeFact]:
    """五（二）: each 类 with its amount and share, as two facts (the share keyed …占比)."""
    facts: list[NarrativeFact] = []
    for offset, m in _structure_matches(section.text):
        name = m.group("name").strip() + "（类）"
        page = section.page_at(offset)
        for key, num, unit, unit_raw, scale in (
                (name, m.group("num"), "元", "万元", MONEY_SCALE["万元"]),
                (name + "占比", m.group("pct"), "ratio", "%", Decimal(1) / PERCENT)):
            facts.append(NarrativeFact(
                fact_no=start_no + len(facts), section=section.heading, topic="structure",
                key=key, label=name, value=parse_decimal(num) * scale, unit=unit,
                value_raw=num, unit_raw=unit_raw, raw_text=m.group(), page=page,
                boxes=section.boxes_between(offset, offset + len(m.group()) + 4)))
    return facts


def read_items(section: NarrativeSection, start_seq: int = 1) -> list[ExpenditureItem]:
    """五（三）: one item per numbered entry that names a 类 and states an amount."""
    items: list[ExpenditureItem] = []
    for offset, entry in _entries(section.text):
        names = _ITEM_NAMES.match(entry)
        amount = _ITEM_AMOUNT.search(entry)
        if not names or not amount:
            continue
        budget = _ITEM_BUDGET.search(entry)
        change = _ITEM_CHANGE.search(entry)
        pct = _ITEM_PCT.search(entry)
        reason = _ITEM_REASON.search(entry)
        items.append(ExpenditureItem(
            seq=start_seq + len(items), class_name=names.group("cls").strip(),
            section_name=(names.group("sec") or "").strip() or None,
            item_name=(names.group("item") or "").strip() or None,
            code=names.group("code"), amount_yuan=parse_amount(amount.group("num"), "万元"),
            amount_raw=amount.group("num"),
            budget_yuan=parse_amount(budget.group("num"), "万元") if budget else None,
            budget_raw=budget.group("num") if budget else None,
            change_yuan=parse_amount(change.group("num"), "万元") if change else None,
            change_raw=change.group("num") if change else None,
            change_direction=change.group("dir") if change else None,
            change_ratio=parse_percent(pct.group("num")) if pct else None,
            change_pct_raw=(pct.group("num") + "%") if pct else None,
            reason=entry[reason.end():].strip() or None if reason else None,
            raw_text=entry, page=section.page_at(offset)))
    return items


def _topic(section: NarrativeSection) -> str:
    heading = "".join(section.path)
    if "结构" in section.heading and "支出" in heading:
        return "structure"
    if "具体情况" in section.heading and "一般公共预算" in heading and "三公" not in heading:
        return "items"
    if "人员" in section.heading:
        return "staff"
    return "figure"


def read_narrative(sections: list[NarrativeSection], unit_name: str | None) -> Narrative:
    """Every fact and expenditure item the prose states, in document order."""
    facts: list[NarrativeFact] = []
    items: list[ExpenditureItem] = []
    paths: list[tuple[str, ...]] = []
    reader = _FactReader(unit_name, {})
    for section in sections:
        if in_glossary(section):
            continue  # definitions of terms: no figures of the document
        topic = _topic(section)
        if topic == "structure":
            read = read_structure(section, len(facts) + 1)
        elif topic == "items":
            items += read_items(section, len(items) + 1)
            continue
        else:
            read = reader.read(section, topic, len(facts) + 1)
        facts += read
        paths += [section.path] * len(read)
    return Narrative(facts=tuple(name_metrics(facts, paths)), expenditure_items=tuple(items))


def name_metrics(facts: list[NarrativeFact], paths: list[tuple[str, ...]]) -> list[NarrativeFact]:
    """Each fact with its canonical metric (metrics.METRICS), renumbered in order.

    A fallback phrasing names a metric only where no main phrasing of it is stated; a fact
    stating two metrics at once (收入支出总计) becomes one row per metric.
    """
    found = [metrics_of(f.key, f.unit, path) for f, path in zip(facts, paths)]
    stated = {name for main, _ in found for name in main}
    out: list[NarrativeFact] = []
    for fact, (main, fallback) in zip(facts, found):
        names = main + [n for n in fallback if n not in stated]
        for name in names or [None]:
            out.append(replace(fact, fact_no=len(out) + 1, metric=name,
                               metric_value=metric_value(name, fact.key, fact.value) if name else None))
    return out
