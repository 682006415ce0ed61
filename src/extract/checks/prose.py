"""Checks of the prose against its own numbers: direction words and shares. Recorded only.

* ``N.direction_words``: a sentence that compares 决算 with 预算 (决算数小于预算数, 决算数
  大于年初预算) against the 预算 and 决算 amounts its sentence or numbered entry (the 五（三）
  items) states before the word; a change
  stated twice (增加 20.00 万元，增长 4.17%) in both its words; 持平 beside a non-zero change.
* ``N.shares``: each ``X 万元，占 P%`` against X / whole, to the printed decimals, where the
  whole is a figure the prose states before it (the base it names: 占本年支出合计的, or the
  amounts before it in the same part of the document). A share no stated whole explains fails.
"""

from __future__ import annotations

from decimal import Decimal

from ..datamodel import Narrative, NarrativeSection
from ..normalize import parse_decimal
from ..vocabulary.values import MONEY_SCALE
from ..vocabulary.prose import (
    AMOUNT, AMOUNT_SHARE, BUDGET_AMOUNT, CHANGE_PAIR, ENTRY_NUMBER_AFTER_BREAK, FINAL_AMOUNT,
    FINAL_VS_BUDGET, FINAL_VS_BUDGET_COMPARISON, LEVEL_BESIDE_CHANGE, MONEY_UNIT, OWN_UNIT_WORDS,
    RISE_WORDS, SHARE_BASE_ALIASES)
from .result import Verdict, tally, wan
from ..document.facts import sentence_start
from ..document.metrics import phrase_key
from ..document.narrative import in_glossary


def _yuan(num: str, unit: str) -> Decimal:
    return parse_decimal(num) * MONEY_SCALE[unit]  # type: ignore[operator]


def _outcome(fails: list[str], agreed: list[str]) -> Verdict:
    return tally(fails, len(fails) + len(agreed), agreed)


def _where(section: NarrativeSection, offset: int) -> str:
    return f"p.{section.page_at(offset)} {section.heading[:24]}"


def _budget_words(section: NarrativeSection, fails: list[str], passed: list[str]) -> None:
    text = section.text
    for m in FINAL_VS_BUDGET.finditer(text):
        start_of_sentence = sentence_start(text, m.start())
        # The amounts the word describes: stated before it, in its sentence or its entry.
        scope_start = max(0, min(start_of_sentence, _entry_start(text, m.start())))
        before = text[scope_start:m.start()]
        budgets = [b for b in BUDGET_AMOUNT.finditer(before)]
        finals = [f for f in FINAL_AMOUNT.finditer(before)]
        if not budgets or not finals:
            continue
        budget = _yuan(budgets[-1].group("num"), budgets[-1].group("unit"))
        final = _yuan(finals[-1].group("num"), finals[-1].group("unit"))
        word = m.group("word") or m.group("level")
        holds = {">": final > budget, "<": final < budget,
                 "=": final == budget}[FINAL_VS_BUDGET_COMPARISON[word]]
        what = f"{_where(section, m.start())}: 决算 {wan(final)} {word} 预算 {wan(budget)}"
        (passed if holds else fails).append(what if holds else what + " is not so")


def _entry_start(text: str, offset: int) -> int:
    """Where the numbered entry (1. … / 2. …) or the paragraph holding ``offset`` starts."""
    starts = [m.start() for m in ENTRY_NUMBER_AFTER_BREAK.finditer(text[:offset])]
    return starts[-1] if starts else max(text.rfind("\n", 0, offset), 0)


def _change_words(section: NarrativeSection, fails: list[str], passed: list[str]) -> None:
    text = section.text
    for m in CHANGE_PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        amount, pct = parse_decimal(m.group("amount")), parse_decimal(m.group("pct"))
        agree = (a in RISE_WORDS) == (b in RISE_WORDS) or amount == 0 or pct == 0
        what = f"{_where(section, m.start())}: {a} {m.group('amount')}，{b} {m.group('pct')}%"
        (passed if agree else fails).append(what if agree else what + " (opposite directions)")
    for m in LEVEL_BESIDE_CHANGE.finditer(text):
        amount = parse_decimal(m.group("amount") or m.group("amount2"))
        what = f"{_where(section, m.start())}: 持平 beside a change of {amount}"
        (passed if amount == 0 else fails).append(what)


def direction_words(sections: tuple[NarrativeSection, ...]) -> Verdict:
    """N.direction_words over every section of the prose (see the module docstring)."""
    fails: list[str] = []
    passed: list[str] = []
    for section in sections:
        if in_glossary(section):
            continue
        _budget_words(section, fails, passed)
        _change_words(section, fails, passed)
    return _outcome(_dedupe(fails), _dedupe(passed))


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _agrees(part: Decimal, whole: Decimal, pct_raw: str) -> bool:
    """part / whole, as a percentage, rounded or cut to the printed decimals, is the printed value.

    Publishers do both: 29.42 / 307.82 = 9.557% is printed 9.55 as often as 9.56.
    """
    if whole == 0:
        return False
    decimals = len(pct_raw.split(".")[1]) if "." in pct_raw else 0
    unit = Decimal(1) / Decimal(10) ** decimals
    share = part / whole * 100
    printed = Decimal(pct_raw.replace(",", ""))
    return abs(share - printed) <= unit / 2 or 0 <= share - printed < unit


def _named_wholes(base: str, narrative: Narrative) -> list[Decimal]:
    for own in OWN_UNIT_WORDS:
        base = base.removeprefix(own)
    base = phrase_key(base)
    base = SHARE_BASE_ALIASES.get(base, base)
    return [f.value for f in narrative.facts if f.unit == MONEY_UNIT
            and (phrase_key(f.key) == base or f.metric == base)]


def shares(sections: tuple[NarrativeSection, ...], narrative: Narrative) -> Verdict:
    """N.shares over every section of the prose (see the module docstring)."""
    fails: list[str] = []
    passed: list[str] = []
    earlier: list[Decimal] = []  # amounts stated before, in this part of the document
    part_of_document = None
    for section in sections:
        if in_glossary(section):
            continue
        if section.path[:1] != part_of_document:
            part_of_document, earlier = section.path[:1], []
        text = section.text
        offset = 0
        for m in AMOUNT_SHARE.finditer(text):
            earlier += [_yuan(a.group("num"), a.group("unit")) for a in AMOUNT.finditer(text, offset, m.start())]
            offset = m.end()
            part = _yuan(m.group("part"), m.group("unit"))
            base = (m.group("base") or "").strip()
            named = _named_wholes(base, narrative) if base else []
            if base and not named:  # 占一般公共预算项目支出总额: a whole the prose never states
                earlier.append(part)
                continue
            wholes = named + earlier[::-1][:40]
            what = f"{_where(section, m.start())}: {m.group('part')} {m.group('unit')} 占{base} {m.group('pct')}%"
            if any(_agrees(part, w, m.group("pct")) for w in wholes):
                passed.append(what)
            elif wholes:
                fails.append(what + " — no whole stated before it gives this share"
                             + (f" (named {base}: {', '.join(wan(w) for w in named)})" if named else ""))
            earlier.append(part)
        earlier += [_yuan(a.group("num"), a.group("unit")) for a in AMOUNT.finditer(text, offset)]
    return _outcome(fails, passed)
