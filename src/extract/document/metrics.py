"""The canonical names of the figures a 部门决算's prose states: ``facts.metric``.

Every province words the same figure its own way (收入支出总计 / 收、支总计; 财政拨款收支总决算;
政府采购金额 / 政府采购支出总额). A fact's ``key`` keeps the document's wording; its ``metric``
names the figure the same way in every document, so one query compares it across documents.

``METRICS`` (in ``vocabulary.metrics``) is the vocabulary, as data: each canonical name with the
keys that state it. Keys are compared after ``phrase_key`` (no quotes, brackets, spaces or 、, no
leading 全年), so ``财政拨款“三公”经费支出`` and ``财政拨款三公经费支出`` are one phrasing. A phrasing can be
bound to the section it is printed under (``财政拨款支出`` is 一般公共预算财政拨款支出 only under
the heading 一般公共预算财政拨款支出决算情况说明), and a metric can have fallback phrasings used
only when the document states none of the main ones (a 全年预算 is the 三公 budget; a 年初预算
only when no 全年预算 is stated).
"""

from __future__ import annotations

from decimal import Decimal

from ..vocabulary.metrics import (
    BRACKETED, DROPPED_LEADING_WORDS, KEPT_LEADING_WORDS, METRICS, PHRASE_IGNORED, Phrasing)
from ..vocabulary.prose import FALL_WORDS, SEPARATE_SCOPES

_IGNORED = str.maketrans("", "", PHRASE_IGNORED)


def phrase_key(text: str) -> str:
    """A key or heading as compared here: no quotes, brackets, spaces, 、 or leading 全年."""
    t = BRACKETED.sub("", text.translate(_IGNORED))
    if t.startswith(KEPT_LEADING_WORDS):
        return t
    for word in DROPPED_LEADING_WORDS:
        if t.startswith(word):
            return t[len(word):]
    return t


def _matches(ph: Phrasing, key: str, path: tuple[str, ...]) -> bool:
    if ph.key != key:
        return False
    headings = [phrase_key(h) for h in path]
    if ph.under and not any(phrase_key(ph.under) in h for h in headings):
        return False
    return not (ph.not_under and any(phrase_key(ph.not_under) in h for h in headings))


def metrics_of(key: str, unit: str, path: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The metrics a fact states: (by a main phrasing, by a fallback phrasing)."""
    k = phrase_key(key)
    main, fallback = [], []
    for m in METRICS:
        if unit != m.unit:
            continue
        if any(_matches(ph, k, path) for ph in m.phrasings):
            main.append(m.name)
        elif any(_matches(ph, k, path) for ph in m.fallbacks):
            fallback.append(m.name)
    return main, fallback


def metric_doubt(name: str, measure: str, scope: str) -> str | None:
    """Why a fact whose key names metric ``name`` does not state it, or None when it does: a
    budget figure never gives a metric of what was spent (nor an actual a budget's), and a
    figure of a separate budget family (政府性基金, 国有资本经营) never stands for another's."""
    metric = next(m for m in METRICS if m.name == name)
    if scope in SEPARATE_SCOPES:
        return f"stated under a {scope} section"
    if measure == "budget" and metric.measure != "budget":
        return "a budget figure (its clause or sentence states a 预算)"
    if measure == "actual" and metric.measure == "budget":
        return "an actual figure (its clause states a 决算)"
    return None


def metric_value(name: str, key: str, value: Decimal) -> Decimal:
    """The figure under its metric: a change is negative when the key says it went down."""
    metric = next(m for m in METRICS if m.name == name)
    if metric.signed_change and key.endswith(FALL_WORDS):
        return -value
    return value
