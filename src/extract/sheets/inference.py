"""Roles for indicator columns whose header label the vocabulary does not know, from their cells.

A province may head a column with words no form seen so far used (赋分, 完成数值, 情况说明 …).
Dropping the column loses its values in silence; guessing its role from the label is a guess.
What the cells print says more, and the sheet's own arithmetic can prove it:

* numbers that add up to the 总分 row's figure in that column (with the funds block's 分值 or
  without) are the **weights**;
* numbers each within their row's weight, adding up to the 总分 row's score (with the funds'
  得分 or without), are the **scores**;
* values printed with comparison operators are the **targets**; values beside a known target, in
  the same units, are the **actuals**;
* text is a **deviation** or a **basis** when only one of the two is missing.

A role is given only where one column fits it and the role has no column yet; weights and scores
proven by the sums are ``proven``, the others are read but doubted (the caller names them).
Pure functions over the cells' texts, one list per column with one entry per indicator row
(None where the row prints no cell of its own there).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..normalize import is_placeholder, parse_decimal, parse_value

Column = list[str | None]

# Text columns are at least this long on average (a deviation or a basis is a phrase, not a
# number or a unit).
MIN_TEXT_LENGTH = 4


@dataclass(frozen=True)
class InferredRole:
    label: str  # the column's printed label
    role: str
    proven: bool  # by the sheet's sums (weights, scores), not by the look of the cells


def _printed(column: Column) -> list[str]:
    return [t for t in column if t is not None and not is_placeholder(t)]


def _numbers(column: Column) -> list[Decimal | None] | None:
    """Each row's number (None where it prints none); None when a printed cell is no number."""
    out: list[Decimal | None] = []
    for text in column:
        if text is None or is_placeholder(text):
            out.append(None)
            continue
        value = parse_decimal(text)
        if value is None:
            return None
        out.append(value)
    return out if any(v is not None for v in out) else None


def _adds_up_to(values: list[Decimal | None], total: str | None, besides: tuple[Decimal, ...] = ()) -> bool:
    """Do the values add up to the total, alone or with one of ``besides`` (the funds' part)?"""
    figure = parse_decimal(total)
    if figure is None:
        return False
    whole = sum(v for v in values if v is not None)
    return whole == figure or any(whole + b == figure for b in besides)


def _is_weights(values: list[Decimal | None], total: str | None, besides: tuple[Decimal, ...]) -> bool:
    return _adds_up_to(values, total, besides)


def _dominates(high: list[Decimal | None], low: list[Decimal | None]) -> bool:
    """Is every row's ``high`` at least its ``low`` (where both print one), one row above it?"""
    pairs = [(h, lo) for h, lo in zip(high, low) if h is not None and lo is not None]
    return bool(pairs) and all(h >= lo for h, lo in pairs) and any(h > lo for h, lo in pairs)


def _is_scores(values: list[Decimal | None], weights: list[Decimal | None], total: str | None,
               besides: tuple[Decimal, ...]) -> bool:
    pairs = [(v, w) for v, w in zip(values, weights) if v is not None]
    within = bool(pairs) and all(w is not None and 0 <= v <= w for v, w in pairs)
    return within and _adds_up_to(values, total, besides)


def _is_targets(column: Column) -> bool:
    printed = _printed(column)
    return bool(printed) and sum(1 for t in printed if parse_value(t).op) * 2 >= len(printed)


def _is_actuals(column: Column, targets: Column) -> bool:
    pairs = [(parse_value(a), parse_value(t)) for a, t in zip(column, targets)
             if a is not None and t is not None and not is_placeholder(a) and not is_placeholder(t)]
    numeric = [(a, t) for a, t in pairs if a.kind == "numeric" and t.kind == "numeric"]
    return bool(numeric) and all(a.unit == t.unit for a, t in numeric) and len(numeric) * 2 >= len(pairs)


def _is_text(column: Column) -> bool:
    printed = _printed(column)
    return (bool(printed) and _numbers(column) is None
            and sum(len(t) for t in printed) >= MIN_TEXT_LENGTH * len(printed)
            and not any(parse_value(t).kind == "numeric" for t in printed))


def _only(candidates: list[str]) -> str | None:
    return candidates[0] if len(candidates) == 1 else None


def infer_roles(unknown: dict[str, Column], known: dict[str, Column], total: dict[str, str | None],
                fund_weights: tuple[Decimal, ...] = (), fund_scores: tuple[Decimal, ...] = ()
                ) -> list[InferredRole]:
    """Roles for the ``unknown`` columns (label -> cells), given the ``known`` ones (role ->
    cells) and the 总分 row's text under each column (label or role -> text). The 总分 may
    count the funds block's 分值 / 得分 too: ``fund_weights`` / ``fund_scores`` are the ones
    it prints."""
    known = dict(known)
    left = dict(unknown)
    out: list[InferredRole] = []

    def give(label: str, role: str, proven: bool) -> None:
        out.append(InferredRole(label, role, proven))
        known[role] = left.pop(label)

    numbers = {label: v for label, v in ((lb, _numbers(c)) for lb, c in left.items()) if v is not None}
    if "weight" not in known:
        candidates = [lb for lb, v in numbers.items() if _is_weights(v, total.get(lb), fund_weights)]
        # Scores add up to their own total too: the weights are the column no other passes.
        label = _only([lb for lb in candidates
                       if all(_dominates(numbers[lb], numbers[other]) for other in candidates if other != lb)])
        if label is not None:
            give(label, "weight", True)
            numbers.pop(label)
    if "score" not in known and "weight" in known:
        weights = _numbers(known["weight"]) or []
        score_total = total.get("score")
        label = _only([lb for lb, v in numbers.items()
                       if _is_scores(v, weights, total.get(lb) or score_total, fund_scores)])
        if label is not None:
            give(label, "score", True)
    if "target" not in known:
        label = _only([lb for lb, c in left.items() if _is_targets(c)])
        if label is not None:
            give(label, "target", False)
    if "actual" not in known and "target" in known:
        label = _only([lb for lb, c in left.items() if _is_actuals(c, known["target"])])
        if label is not None:
            give(label, "actual", False)
    missing_text = [r for r in ("deviation", "basis") if r not in known]
    if len(missing_text) == 1:
        label = _only([lb for lb, c in left.items() if _is_text(c)])
        if label is not None:
            give(label, missing_text[0], False)
    return out


__all__ = ["InferredRole", "infer_roles"]
