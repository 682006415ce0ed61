"""The canonical names of the figures a 部门决算's prose states: ``facts.metric``.

A fact's ``key`` keeps the document's wording; its ``metric`` names the figure the same way in
every document, so one query compares it across documents. The metric follows from the fact's
subject, measure and scope through ``vocabulary.metrics.READINGS``, a table kept as data: the
reader of the prose (``document.facts``) settles the three, this module only looks them up.

Subjects are compared after ``phrase_key`` (no quotes, brackets, spaces or 、, no leading 全年),
so ``财政拨款“三公”经费`` and ``财政拨款三公经费`` are one subject. Where a row has the fact's
subject but not its measure or scope, the fact names no metric: the row's metric becomes a
candidate, with why it is not certain (a budget figure never gives a 决算 metric; a figure of the
政府性基金 section never stands for the department's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..vocabulary.metrics import (
    ANY_SCOPE, BRACKETED, DROPPED_LEADING_WORDS, KEPT_LEADING_WORDS, METRICS, PHRASE_IGNORED, READINGS,
    SUBJECTS_JOINER, Reading)
from ..vocabulary.prose import ACTUAL, BUDGET_KINDS, FALL_WORDS

_IGNORED = str.maketrans("", "", PHRASE_IGNORED)
_UNIT = {m.name: m.unit for m in METRICS}


def phrase_key(text: str) -> str:
    """A subject or heading as compared here: no quotes, brackets, spaces, 、 or leading 全年."""
    t = BRACKETED.sub("", text.translate(_IGNORED))
    if t.startswith(KEPT_LEADING_WORDS):
        return t
    for word in DROPPED_LEADING_WORDS:
        if t.startswith(word):
            return t[len(word):]
    return t


@dataclass
class MetricLookup:
    """What the table says of one fact: the metrics it states (by a main row, by a fallback
    row) and those its subject names but its measure or scope rules out, with why."""

    main: list[str] = field(default_factory=list)
    fallback: list[str] = field(default_factory=list)
    doubted: dict[str, str] = field(default_factory=dict)


def _mismatch(reading: Reading, measure: str, scope: str) -> str | None:
    """Why a fact of the row's subject does not state its metric, or None when it does."""
    if scope not in reading.scopes:
        return f"stated under a {scope} section"
    if measure in reading.measures:
        return None
    if measure in BUDGET_KINDS:
        return "a budget figure (its clause or sentence states a 预算)"
    if measure == ACTUAL:
        return "an actual figure (its clause states a 决算)"
    return f"a {measure or 'plain'} figure, not a {' / '.join(m or 'plain' for m in reading.measures)} one"


# Measures of the subject's own amount: a fact so measured that a row rules out is a candidate.
_LEVELS = ("", ACTUAL, *BUDGET_KINDS)


def metrics_of(subject: str, measure: str, scope: str, unit: str,
               stated: frozenset[str] = frozenset()) -> MetricLookup:
    """The metrics a fact of this subject, measure, scope and unit states (READINGS); ``stated``:
    the subjects the document states a non-zero figure of (they may block a fallback row)."""
    key = phrase_key(subject)
    found = MetricLookup()
    for reading in READINGS:
        if key not in reading.subjects or _UNIT[reading.metric] != unit:
            continue
        if measure not in reading.measures and (measure not in _LEVELS or not set(reading.measures) & set(_LEVELS)):
            continue  # a change or share of the subject, or an amount of a change's: another figure
        why = _mismatch(reading, measure, scope)
        if why is not None:
            found.doubted.setdefault(reading.metric, why)
        elif reading.fallback and stated & set(reading.blocked_by):
            found.doubted.setdefault(reading.metric, "a fallback ruled out: the document states "
                                     + " / ".join(sorted(stated & set(reading.blocked_by))))
        elif reading.metric not in found.main + found.fallback:
            (found.fallback if reading.fallback else found.main).append(reading.metric)
    found.doubted = {n: why for n, why in found.doubted.items() if n not in found.main + found.fallback}
    return found


def metric_value(name: str, key: str, value: Decimal) -> Decimal:
    """The figure under its metric: a change is negative when the key says it went down."""
    metric = next(m for m in METRICS if m.name == name)
    if metric.signed_change and key.endswith(FALL_WORDS):
        return -value
    return value



def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" if v else "plain" for v in values)


def readings_markdown() -> str:
    """READINGS as the Markdown table the README prints (a test keeps the two the same)."""
    rows = ["| metric | subjects (after phrase_key) | measures | scopes |", "|---|---|---|---|"]
    for r in READINGS:
        scopes = "any but the separate families" if r.scopes == ANY_SCOPE else _listed(r.scopes)
        fallback = ""
        if r.fallback:
            fallback = f" (fallback{'; not where ' + ' / '.join(r.blocked_by) + ' is stated' if r.blocked_by else ''})"
        rows.append(f"| {r.metric}{fallback} | {SUBJECTS_JOINER.join(r.subjects)} | "
                    f"{_listed(r.measures)} | {scopes} |")
    return "\n".join(rows)
