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
from ..normalize import parse_amount, parse_decimal, parse_percent
from ..vocabulary.values import MONEY_SCALE, PERCENT
from ..vocabulary.atoms import NUMBER
from ..vocabulary.prose import (
    ACTUAL, ACTUAL_MEASURES, BROAD_SCOPES, BUDGET, BUDGET_KINDS, BUDGET_MEASURES, CHANGE, CHANGE_FROM_BUDGET,
    CLAUSE_CHAR, COMPLETION, COUNT, COUNTERPARTS, DEPARTMENT_SCOPE, DISTRIBUTORS, ENUMERATION_COMMA,
    ENUMERATION_WORDS, GENERAL_BUDGET_SCOPE, INITIAL_BUDGET, INITIAL_BUDGET_MEASURES, SCOPES, SHARE, SHORT_SUBJECTS, SPENT_IN_MEASURE,
    AMOUNT_DIRECTION, BARE_BUDGET, CHANGE_KEY, CLASS_KEY, CLASS_STRUCTURE, CLASS_STRUCTURE_IN_TEXT,
    CLAUSE_DELIMITER, CLAUSE_DELIMITERS, COMPARED_WITH_LAST_YEAR, COMPLETION_KEY, COMPLETION_LABEL,
    COUNT_KEY, COUNT_NOUN, COUNT_UNITS, ENTRY_START, EXPENSE_ENDINGS, EXPENSE_WORD, FISCAL_GRANT, FULL_STOP,
    FULL_WIDTH_BRACKETS, GENERAL_BUDGET, ITEM_AMOUNT, ITEM_BUDGET, ITEM_CHANGE, ITEM_CHANGE_RATE,
    AMOUNT_CHANGED, ITEM_NAMES, ITEM_REASON, ITEMS_HEADING, JOINED_LABELS, LAST_YEAR_CHANGE, LEVEL_WITH_LAST_YEAR,
    LEVEL_WORD, LEADING_BRACKETED,
    LEADING_ENTRY_NUMBER, LEADING_SCOPE, LEADING_YEAR, MEASURES, MONEY_UNIT, NONE_STATED_FORMS, NONE_WORD,
    NOUN_COUNT_UNITS, OTHER_BASE_CHANGE, OTHER_BASE_CHANGE_KEY, PERCENT_SIGNS, PROSE_MONEY_UNIT, REASON,
    SENTENCE_BREAKS, SENTENCE_END, SHARE_KEY, SHARE_LABEL, SHARE_OF_KEY, SPENDING, SPENDING_ENDINGS,
    STAFF_HEADING, STRUCTURE_HEADING, THREE_PUBLIC, THRESHOLD, TRAILING_VERB, UNNAMED_KEY_STARTS)
from .metrics import metric_value, metrics_of, phrase_key
from .narrative import in_glossary

# A figure: a number and its unit (万元 before 元).
_QUANTITY = re.compile(
    rf"(?<![\d.,])(?P<num>{NUMBER})\s*(?P<unit>"
    + "|".join(sorted(MONEY_SCALE, key=len, reverse=True)) + "|" + "|".join(PERCENT_SIGNS) + "|"
    + "|".join(re.escape(u) for u in COUNT_UNITS) + ")")


def _unit_kind(unit: str) -> tuple[str, Decimal]:
    if unit in MONEY_SCALE:
        return MONEY_UNIT, MONEY_SCALE[unit]
    if unit in PERCENT_SIGNS:
        return "ratio", Decimal(1) / PERCENT
    return unit.translate(FULL_WIDTH_BRACKETS), Decimal(1)


def clean_label(text: str, unit_name: str | None) -> str:
    """A printed label without the scope words in front of it (year, unit, 其中 …)."""
    t = text.strip()
    while True:
        before = t
        t = LEADING_YEAR.sub("", t).strip()
        if unit_name and t.startswith(unit_name):
            t = t[len(unit_name):].strip()
        t = LEADING_BRACKETED.sub("", t).strip()
        t = LEADING_SCOPE.sub("", t).strip()
        t = LEADING_ENTRY_NUMBER.sub("", t).strip()
        t = TRAILING_VERB.sub("", t).strip()
        if t == before:
            return t


def subject_of(label: str) -> str:
    """An expense named as a subject: 财政拨款“三公”经费支出 -> “三公”经费; 财政拨款“三公”经费
    (before a measure: …经费实际支出, …经费决算数) -> “三公”经费."""
    for spending in SPENDING_ENDINGS:
        if label.endswith(spending):
            label = label[:-len(spending) + 1]
            break
    if label.startswith(FISCAL_GRANT) and label.endswith(EXPENSE_WORD):
        label = label[len(FISCAL_GRANT):]
    return label


def measure_kind(measure: str | None) -> str:
    """budget / initial_budget / actual for a measure word (全年预算数, 年初预算, 决算数 …); "" for
    none or another (价值)."""
    if measure in INITIAL_BUDGET_MEASURES:
        return INITIAL_BUDGET
    if measure in BUDGET_MEASURES:
        return BUDGET
    if measure in ACTUAL_MEASURES:
        return ACTUAL
    return ""


def scope_of(section: NarrativeSection) -> str:
    """The budget family a section stands under, from its headings, innermost first; a broad
    scope (财政拨款, 收入决算情况 …) gives way to a family an outer heading names."""
    return scope_of_headings((section.heading, *reversed(section.path)))


def scope_of_headings(headings: tuple[str, ...]) -> str:
    """scope_of for headings listed innermost first."""
    named = [next(scope for word, scope in SCOPES if word in h) for h in headings
             if any(word in h for word, _ in SCOPES)]
    narrow = [scope for scope in named if scope not in BROAD_SCOPES]
    return (narrow or named or [DEPARTMENT_SCOPE])[0]


def subject_and_measure(key: str) -> tuple[str, str]:
    """A money figure's subject and measure kind from its key: 财政拨款“三公”经费支出决算数 ->
    (“三公”经费, actual); a measure starting with the spending keeps 支出 on its subject
    (一般公共预算财政拨款支出决算 -> 一般公共预算财政拨款支出; 支出决算 -> 支出), one naming it
    after another word does not (项目实际支出 -> 项目: a project's, not the 项目支出)."""
    head, measure = _split_measure(key)
    if measure and measure.startswith(SPENT_IN_MEASURE):
        head += SPENT_IN_MEASURE
    return subject_of(head), measure_kind(measure)


def _split_measure(label: str) -> tuple[str, str | None]:
    for m in MEASURES:
        if label.endswith(m):
            return label[:-len(m)], m
    # A bare 预算 is a measure only of an expense (…经费支出预算为 76.43 万元) or alone
    # (决算数 17.59 万元，预算 22.00 万元), not of 一般公共预算 or 政府性基金预算.
    head = label[:-len(BARE_BUDGET)]
    if label.endswith(BARE_BUDGET) and head == SPENDING:
        return "", label  # a bare 支出预算: the measure of the sentence's subject
    if label.endswith(BARE_BUDGET) and (not head or head.endswith(EXPENSE_ENDINGS)):
        return head, BARE_BUDGET
    return label, None


_MONEY_OR_PERCENT = "|".join(sorted(MONEY_SCALE, key=len, reverse=True)) + "|" + "|".join(PERCENT_SIGNS)
# Subjects (no delimiter but 、), a distributor, then values joined by 、 和 及 与.
_DISTRIBUTED = re.compile(
    rf"(?P<subjects>{CLAUSE_CHAR}{{1,60}}?{ENUMERATION_WORDS}{CLAUSE_CHAR}{{1,40}}?)\s*{DISTRIBUTORS}\s*"
    rf"(?P<values>(?:{NUMBER})\s*(?:{_MONEY_OR_PERCENT})?(?:\s*{ENUMERATION_WORDS}\s*(?:{NUMBER})\s*(?:{_MONEY_OR_PERCENT})?)*)")
_ONE_VALUE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>{_MONEY_OR_PERCENT})?")


def _enumerated_subjects(text: str, unit_name: str | None, n_values: int) -> list[str]:
    """收入总计、支出总计 -> both; 收、支总计 -> 收入总计, 支出总计 (a one-character part takes the
    last part's tail, and stands for its word). Scope words (the year, 其中 …) are dropped.

    和 / 及 / 与 join subjects, and are also words of one (公务用车购置及运行维护费): the list split
    at 、 alone is taken where it fits the values, else the list split at every joiner."""
    def split(pattern: str) -> list[str]:
        return [p for p in (clean_label(p, unit_name) for p in re.split(pattern, text)) if p]

    by_comma, by_any = split(ENUMERATION_COMMA), split(ENUMERATION_WORDS)
    head = subject_of(by_comma[-1])[-1:] if by_comma else ""  # …费支出分别是: the head noun 费
    by_head = [q for p in by_comma for q in _split_at_joiners(p, head)]
    parts = next((c for c in (by_head, by_comma, by_any) if len(c) >= 2 and n_values in (1, len(c))), [])
    if len(parts) < 2:
        return []
    last = parts[-1]
    if not (len(parts[0]) == 1 and last[:1] in SHORT_SUBJECTS):
        return [_with_tail(_with_qualifiers(p, parts[0]), last) for p in parts]
    tail = last[1:]  # 收、支总计: every part is one character before the last one's tail
    return [SHORT_SUBJECTS.get(p[:1], p[:1]) + tail if len(p) == 1 or p is last else p for p in parts]


def _split_at_joiners(part: str, head: str) -> list[str]:
    """A part of an enumeration split at the 和 / 及 / 与 whose word before ends as the list's
    last subject does (its head noun: 费, 计): 公务用车购置及运行维护费和公务接待费 -> two, not at
    the 及 inside the first."""
    pieces, start = [], 0
    for m in re.finditer(ENUMERATION_WORDS, part):
        if head and part[start:m.start()].endswith(head) and len(part) - m.end() >= 2:
            pieces.append(part[start:m.start()])
            start = m.end()
    return pieces + [part[start:]]


def _with_tail(subject: str, last: str) -> str:
    """A bare 收入 / 支出 before its counterpart's full name takes its tail: 收入、支出总计 ->
    收入总计."""
    counterpart = COUNTERPARTS.get(subject)
    if counterpart and last.startswith(counterpart) and len(last) > len(counterpart):
        return subject + last[len(counterpart):]
    return subject


def _with_qualifiers(subject: str, first: str) -> str:
    """A later subject of an enumeration that is the first one's counterpart takes its
    qualifiers: 财政拨款收入总计、支出总计 -> 财政拨款支出总计."""
    for word, counterpart in COUNTERPARTS.items():
        if subject.startswith(word) and counterpart in first and not first.startswith(counterpart):
            swapped = first.replace(counterpart, word, 1)
            if swapped.endswith(subject):
                return swapped
    return subject


def distributed_values(text: str, unit_name: str | None = None
                       ) -> list[tuple[int, int, list[tuple[str, str, str, int]]]]:
    """Clauses whose one value, or values in order, go to several subjects: (start, end,
    [(subject, number, unit, offset of the number)]). A list of values of another length than
    the subjects' is no distribution (read clause by clause as usual); a value without a unit
    takes the unit printed after the last one."""
    out = []
    for m in _DISTRIBUTED.finditer(text):
        values = [(v.group("num"), v.group("unit") or "", m.start("values") + v.start())
                  for v in _ONE_VALUE.finditer(m.group("values"))]
        subjects = _enumerated_subjects(m.group("subjects"), unit_name, len(values))
        if not subjects or not values or not values[-1][1]:
            continue
        unit = values[-1][1]
        values = [(n, u or unit, at) for n, u, at in values]
        if len(values) == 1:
            values = values * len(subjects)
        elif len(values) != len(subjects):
            continue
        out.append((m.start(), m.end(), [(s, n, u, at) for s, (n, u, at) in zip(subjects, values)]))
    return out


@dataclass(frozen=True)
class _Figure:
    """A number and its unit in the prose; ``subject`` where an enumeration gives it one."""

    start: int
    end: int
    number: str
    unit: str
    subject: str | None = None
    clause_start: int = 0


def _figures(text: str, skipped: list[tuple[int, int]], unit_name: str | None) -> list[_Figure]:
    """The section's figures in order: each number with its unit, and, in a clause several
    subjects share (收入总计、支出总计均为 X; 收、支总计各是 A、B), one figure per subject."""
    def kept(at: int) -> bool:
        return not any(a <= at < b for a, b in skipped)

    shared = [d for d in distributed_values(text, unit_name) if kept(d[0])]
    out = [_Figure(at, at + len(num), num, unit, subject, start)
           for start, _, entries in shared for subject, num, unit, at in entries]
    for m in _QUANTITY.finditer(text):
        if (kept(m.start()) and not THRESHOLD.match(text[m.end():])
                and not any(start <= m.start() < end for start, end, _ in shared)):
            out.append(_Figure(m.start(), m.end(), m.group("num"), m.group("unit")))
    return sorted(out, key=lambda f: f.start)


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Reasons (主要原因是：… up to the end of the sentence) hold no figure of the document."""
    spans = []
    for m in REASON.finditer(text):
        end = SENTENCE_END.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    return spans


@dataclass
class _Subjects:
    """What the prose is talking about, as a section's figures are read in order."""

    current: str = ""  # the last figure named
    sentence: str = ""  # … if named in the current sentence (reset at 。)
    section: str = ""  # the section's first figure (一般公共预算财政拨款支出 in 五（一）)
    count_label: str = ""  # the last count's label: 国内公务接待 4 批次，38 人次
    # The subject the sentence last gave a measure to (“三公”经费支出预算 A，其中：公务接待费 B；
    # 支出决算 C): a bare measure after the 其中 list is that subject's, not 公务接待费's.
    measured: str = ""

    def name(self, subject: str) -> None:
        self.current = self.sentence = subject
        self.section = self.section or subject


class _FactReader:
    """Reads one section's figures in order; ``taken`` spans sections (restatements, qualifying)."""

    def __init__(self, unit_name: str | None, taken: dict[str, Decimal]) -> None:
        self.unit_name = unit_name
        self.taken = taken  # subject-normalized keys already stated -> their value

    def read(self, section: NarrativeSection, topic: str, start_no: int,
             items: tuple[tuple[int, int], ...] = ()) -> list[NarrativeFact]:
        """The section's facts; ``items`` are the spans of its 类/款/项 entries (read as items)."""
        text = section.text
        skipped = _skipped_spans(text) + list(items)
        facts: list[NarrativeFact] = []
        subjects = _Subjects()
        contexts: list[str] = []
        offsets: list[int] = []
        last_end = 0
        sentence_measure = ""  # the last budget / actual measure the sentence stated
        scope = scope_of(section)
        for fig in _figures(text, skipped, self.unit_name):
            if fig.subject is None:
                clause_start = max(last_end, _after_delimiter(text, fig.start))
                prefix = text[clause_start:fig.start].strip()
            else:  # one of several subjects sharing the clause (收入总计、支出总计均为 …)
                clause_start, prefix = fig.clause_start, fig.subject
            if FULL_STOP in text[last_end:fig.start]:
                subjects.sentence = subjects.measured = ""
                sentence_measure = ""
            last_end = max(last_end, fig.end)
            unit, scale = _unit_kind(fig.unit)
            key, subject, measure = self._key(prefix, unit, text, clause_start, fig.end, subjects)
            if not key or key.startswith(UNNAMED_KEY_STARTS):
                continue  # a change or share of nothing named: not a figure we can key
            if measure in (*BUDGET_KINDS, ACTUAL):
                sentence_measure = measure
            elif not measure and sentence_measure in BUDGET_KINDS:
                measure = sentence_measure  # 预算 20 万元，其中：公务接待费 9 万元: a budget figure too
            value = parse_decimal(fig.number) * scale
            restated = subject_of(key)
            if self.taken.get(restated) == value:
                continue
            self.taken.setdefault(restated, value)
            facts.append(NarrativeFact(
                fact_no=start_no + len(facts), section=section.heading, topic=topic, key=key,
                label=prefix, value=value, unit=unit, value_raw=fig.number,
                unit_raw=fig.unit, raw_text=text[clause_start:fig.end].strip(),
                page=section.page_at(fig.start), boxes=_number_first(section, clause_start, fig.start, fig.end),
                subject=subject, measure=measure, scope=scope))
            contexts.append(self._sentence_before(text, clause_start))
            offsets.append(fig.start)
        facts = _qualify_repeated(facts, contexts)
        for m, unit in ((m, unit) for form, unit in NONE_STATED_FORMS for m in form.finditer(text)):
            if any(a <= m.start() < b for a, b in skipped):
                continue
            label = clean_label(m.group("label"), self.unit_name)
            key = subject_of(label) if unit == MONEY_UNIT else COUNT_KEY.format(label=label, unit=unit)
            if not key or subject_of(key) in self.taken:
                continue
            subject, measure = (subject_of(key), "") if unit == MONEY_UNIT else (label, COUNT)
            self.taken[subject_of(key)] = Decimal(0)
            facts.append(NarrativeFact(
                fact_no=0, section=section.heading, topic=topic, key=key, label=m.group("label"),
                value=Decimal(0), unit=unit, value_raw=NONE_WORD, unit_raw="",
                raw_text=m.group().strip(),
                page=section.page_at(m.start()), boxes=section.boxes_between(m.start(), m.end()),
                subject=subject, measure=measure, scope=scope))
            offsets.append(m.start())
        for m in LEVEL_WITH_LAST_YEAR.finditer(text):
            subject = subject_and_measure(clean_label(m.group("subject"), self.unit_name))[0]
            if not subject or any(a <= m.start() < b for a, b in skipped) or _changed_in_sentence(text, m):
                continue
            facts.append(NarrativeFact(
                fact_no=0, section=section.heading, topic=topic,
                key=CHANGE_KEY.format(subject=subject, direction=LEVEL_WORD), label=m.group("subject"),
                value=Decimal(0), unit=MONEY_UNIT, value_raw=LEVEL_WORD, unit_raw="", raw_text=m.group().strip(),
                page=section.page_at(m.start()), boxes=section.boxes_between(m.start(), m.end()),
                subject=subject, measure=CHANGE, scope=scope))
            offsets.append(m.start())
        in_order = sorted(zip(offsets, facts), key=lambda pair: pair[0])
        return [replace(f, fact_no=start_no + i) for i, (_, f) in enumerate(in_order)]

    def _sentence_before(self, text: str, clause_start: int) -> str:
        """The number-free words of the sentence before a clause (its conditions)."""
        start = sentence_start(text, clause_start)
        words = CLAUSE_DELIMITER.sub("", text[start:clause_start])
        return "" if re.search(r"\d", words) else clean_label(words, self.unit_name)

    def _key(self, prefix: str, unit: str, text: str, clause_start: int, end: int,
             subjects: _Subjects) -> tuple[str, str, str]:
        """The figure's key, its subject and its measure (see NarrativeFact)."""
        other = OTHER_BASE_CHANGE.match(prefix)
        if other:
            named = clean_label(other.group("subject"), self.unit_name)
            subject = subject_of(named) if named else subjects.current
            return OTHER_BASE_CHANGE_KEY.format(subject=subject, base=other.group("base"),
                                                direction=other.group("direction")), subject, CHANGE_FROM_BUDGET
        change = LAST_YEAR_CHANGE.match(prefix)
        if change:
            key = self._change_key(change, unit, text, clause_start, subjects)
            return key, subjects.current, CHANGE
        completion = COMPLETION_LABEL.match(prefix)
        if unit == "ratio" and completion:
            subject = subjects.sentence or subjects.current
            return COMPLETION_KEY.format(subject=subject, base=completion.group("base")), subject, COMPLETION
        share = SHARE_LABEL.match(prefix)
        if unit == "ratio" and share:
            base = share.group("base")
            return (SHARE_OF_KEY.format(subject=subjects.current, base=base) if base
                    else SHARE_KEY.format(subject=subjects.current)), subjects.current, SHARE
        label = clean_label(prefix, self.unit_name)
        if unit not in (MONEY_UNIT, "ratio"):
            key = _count_key(label, unit, text[end:], subjects)
            return key, subjects.current, COUNT
        key = self._amount_key(label, subjects)
        return (key, *subject_and_measure(key))

    def _change_key(self, change: re.Match, unit: str, text: str, clause_start: int,
                    subjects: _Subjects) -> str:
        """比上年增加 / 与上年相比，增加 / 增长 X%: a change of the subject named or current."""
        named = clean_label(change.group("subject"), self.unit_name)
        if not named:
            before = text[_after_delimiter(text, clause_start - 1):clause_start - 1]
            compared = COMPARED_WITH_LAST_YEAR.match(before.strip())
            named = clean_label(compared.group("subject"), self.unit_name) if compared else ""
        if named:
            subjects.current = subject_of(named)  # 增长 X% that follows is about it too
        direction = change.group("direction")
        if unit != "ratio":
            direction = AMOUNT_DIRECTION[direction]
        return CHANGE_KEY.format(subject=subjects.current, direction=direction)

    def _amount_key(self, label: str, subjects: _Subjects) -> str:
        counterpart = COUNTERPARTS.get(label)
        if counterpart and subjects.sentence != counterpart and counterpart in subjects.sentence:
            label = subjects.sentence.replace(counterpart, label, 1)  # 本年收入 X，支出 Y: 本年支出
        head, measure = _split_measure(label)
        if measure is None:
            subjects.name(subject_of(label))
            return label
        if head:
            subjects.name(subject_of(head))
            subjects.measured = subjects.current
            return subjects.current + measure
        if subjects.measured:
            return _joined(subjects.measured, measure)
        if subjects.sentence:
            return subjects.sentence + measure
        return subjects.section + measure if measure in self.taken else measure


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts: after the last sentence break before it."""
    return max(text.rfind(d, 0, offset) for d in SENTENCE_BREAKS) + 1


def _changed_in_sentence(text: str, level: re.Match) -> bool:
    """Whether the sentence of a 持平 also states an amount that changed (持平，增加 X 万元)."""
    start = sentence_start(text, level.start())
    ends = [i for i in (text.find(d, level.end()) for d in SENTENCE_BREAKS) if i >= 0]
    return bool(AMOUNT_CHANGED.search(text[start:min(ends, default=len(text))]))


def _joined(subject: str, measure: str) -> str:
    """A subject and the measure a later clause names of it, the words they share said once:
    一般公共预算财政拨款支出 + 支出决算 -> 一般公共预算财政拨款支出决算."""
    for n in range(min(len(subject), len(measure)) - 1, 1, -1):
        if subject.endswith(measure[:n]):
            return subject + measure[n:]
    return subject + measure


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


def _number_first(section: NarrativeSection, clause_start: int, start: int, end: int) -> tuple[PieceBox, ...]:
    """The boxes of a figure's clause, the line holding its number first (the box to show)."""
    boxes = section.boxes_between(clause_start, end)
    at = section.boxes_between(start, start + 1)
    return at + tuple(b for b in boxes if b not in at)


def _after_delimiter(text: str, offset: int) -> int:
    """Where the clause holding ``offset`` starts: after the last delimiter before it.

    The 、 of 收、支总计 / 收入、支出总计 joins two words of one label; it is no delimiter.
    """
    while True:
        last = max(text.rfind(d, 0, offset) for d in CLAUSE_DELIMITERS)
        if last > 0 and any(text[last - j.index(ENUMERATION_COMMA):].startswith(j) for j in JOINED_LABELS):
            offset = last  # the 、 in its middle
            continue
        return last + 1


def _count_key(label: str, unit: str, after: str, subjects: _Subjects) -> str:
    """车辆 3 辆 -> 车辆（辆）; 下设 12 个处室 -> 下设处室（个）; 4 批次，38 人次 -> …人次."""
    noun = COUNT_NOUN.match(after)
    if not label and not noun:
        label = subjects.count_label
    if noun:
        label += noun.group()
    subjects.count_label = label
    subjects.name(label)
    return label + unit if unit in NOUN_COUNT_UNITS else COUNT_KEY.format(label=label, unit=unit)


# ---------------------------------------------------------------- 五（二） structure, 五（三） items


def _entries(text: str) -> list[tuple[int, str]]:
    """Numbered entries ``1.…`` ``2.…`` of a section: (start offset, text after the number)."""
    starts = [(m.start(), m.end()) for m in ENTRY_START.finditer(text)]
    out = []
    for i, (start, body) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append((start, text[body:end].strip()))
    return out


def _structure_matches(text: str) -> list[tuple[int, re.Match]]:
    """Each 类 with its amount and share: numbered entries (1.一般公共服务支出(类)…), or, where a
    paragraph lists them (主要用于以下方面：一般公共服务（类）支出 …，占 71.7%；教育（类）…), each
    clause of it."""
    numbered = [(offset, m) for offset, entry in _entries(text) if (m := CLASS_STRUCTURE.match(entry))]
    if numbered:
        return numbered
    return [(m.start(), m) for m in CLASS_STRUCTURE_IN_TEXT.finditer(text)]


def read_structure(section: NarrativeSection, start_no: int) -> list[NarrativeFact]:
    """五（二）: each 类 with its amount and share, as two facts (the share keyed …占比)."""
    facts: list[NarrativeFact] = []
    scope = scope_of(section)
    for offset, m in _structure_matches(section.text):
        name = CLASS_KEY.format(name=m.group("name").strip())
        page = section.page_at(offset)
        for key, num, unit, unit_raw, scale, measure in (
                (name, m.group("num"), MONEY_UNIT, PROSE_MONEY_UNIT, MONEY_SCALE[PROSE_MONEY_UNIT], ""),
                (SHARE_KEY.format(subject=name), m.group("pct"), "ratio", "%", Decimal(1) / PERCENT, SHARE)):
            facts.append(NarrativeFact(
                fact_no=start_no + len(facts), section=section.heading, topic="structure",
                key=key, label=name, value=parse_decimal(num) * scale, unit=unit,
                value_raw=num, unit_raw=unit_raw, raw_text=m.group(), page=page,
                boxes=section.boxes_between(offset, offset + len(m.group()) + 4),
                subject=name, measure=measure, scope=scope))
    return facts


def item_entries(text: str) -> list[tuple[int, int, str, re.Match, re.Match]]:
    """The numbered entries naming a 类 (and maybe its 款 and 项) with a 决算 amount: (start,
    end, entry, names, amount)."""
    entries = _entries(text)
    out = []
    for i, (offset, entry) in enumerate(entries):
        names, amount = ITEM_NAMES.match(entry), ITEM_AMOUNT.search(entry)
        if names and amount:
            end = entries[i + 1][0] if i + 1 < len(entries) else len(text)
            out.append((offset, end, entry, names, amount))
    return out


def read_items(section: NarrativeSection, start_seq: int = 1,
               entries: list[tuple[int, int, str, re.Match, re.Match]] | None = None) -> list[ExpenditureItem]:
    """五（三）: one item per numbered entry that names a 类 and states an amount (``entries``:
    the section's item_entries, where found already)."""
    items: list[ExpenditureItem] = []
    for offset, _, entry, names, amount in item_entries(section.text) if entries is None else entries:
        budget = ITEM_BUDGET.search(entry)
        change = ITEM_CHANGE.search(entry)
        pct = ITEM_CHANGE_RATE.search(entry)
        reason = ITEM_REASON.search(entry)
        items.append(ExpenditureItem(
            seq=start_seq + len(items), class_name=names.group("cls").strip(),
            section_name=(names.group("sec") or "").strip() or None,
            item_name=(names.group("item") or "").strip() or None,
            code=names.group("code"), amount_yuan=parse_amount(amount.group("num"), PROSE_MONEY_UNIT),
            amount_raw=amount.group("num"),
            budget_yuan=parse_amount(budget.group("num"), PROSE_MONEY_UNIT) if budget else None,
            budget_raw=budget.group("num") if budget else None,
            change_yuan=parse_amount(change.group("num"), PROSE_MONEY_UNIT) if change else None,
            change_raw=change.group("num") if change else None,
            change_direction=change.group("dir") if change else None,
            change_ratio=parse_percent(pct.group("num")) if pct else None,
            change_pct_raw=(pct.group("num") + "%") if pct else None,
            reason=entry[reason.end():].strip() or None if reason else None,
            raw_text=entry, page=section.page_at(offset)))
    return items


def _explains_items(entries: list[tuple[int, int, str, re.Match, re.Match]]) -> bool:
    """Whether a section's item_entries explain 项: one names a 类 and its 项."""
    return any(names.group("item") for *_, names, _ in entries)


def _topic(section: NarrativeSection) -> str:
    heading = "".join(section.path)
    if STRUCTURE_HEADING in section.heading and SPENDING in heading:
        return "structure"
    if ITEMS_HEADING in section.heading and GENERAL_BUDGET in heading and THREE_PUBLIC not in heading:
        return "items"
    if STAFF_HEADING in section.heading:
        return "staff"
    return "figure"


def read_narrative(sections: list[NarrativeSection], unit_name: str | None) -> Narrative:
    """Every fact and expenditure item the prose states, in document order."""
    facts: list[NarrativeFact] = []
    items: list[ExpenditureItem] = []
    reader = _FactReader(unit_name, {})
    for section in sections:
        if in_glossary(section):
            continue  # definitions of terms: no figures of the document
        topic = _topic(section)
        if topic == "structure":
            facts += read_structure(section, len(facts) + 1)
        elif topic == "items":
            items += read_items(section, len(items) + 1)
        elif scope_of(section) == GENERAL_BUDGET_SCOPE and _explains_items(entries := item_entries(section.text)):
            # 五（三） under a heading of other words (or inside 五 itself): its 类/款/项 entries
            # are items, its other sentences facts.
            items += read_items(section, len(items) + 1, entries)
            spans = tuple((start, end) for start, end, *_ in entries)
            facts += reader.read(section, topic, len(facts) + 1, items=spans)
        else:
            facts += reader.read(section, topic, len(facts) + 1)
    return Narrative(facts=tuple(name_metrics(facts)), expenditure_items=tuple(items))


def name_metrics(facts: list[NarrativeFact]) -> list[NarrativeFact]:
    """Each fact with its canonical metric (metrics.READINGS), renumbered in order.

    A fallback row names a metric only where no main row states it; a fact stating two metrics
    at once (收入支出总计) becomes one row per metric. A fact whose subject a row names but whose
    measure or scope rules it out names no metric (so no check compares it, nor does it keep a
    fallback from being used): its candidates and why are kept.
    """
    nonzero = frozenset(phrase_key(f.subject) for f in facts if f.value)
    found = [metrics_of(f.subject, f.measure, f.scope, f.unit, nonzero) for f in facts]
    stated = {name for lookup in found for name in lookup.main}
    out: list[NarrativeFact] = []
    for fact, lookup in zip(facts, found):
        names = lookup.main + [n for n in lookup.fallback if n not in stated]
        if not names and lookup.doubted:
            out.append(replace(fact, fact_no=len(out) + 1, metric=None, metric_value=None,
                               metric_candidates=tuple(lookup.doubted),
                               metric_doubt=next(iter(lookup.doubted.values()))))
            continue
        for name in names or [None]:
            out.append(replace(fact, fact_no=len(out) + 1, metric=name,
                               metric_value=metric_value(name, fact.key, fact.value) if name else None))
    return out
