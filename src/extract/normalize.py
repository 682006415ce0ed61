"""Parse printed numbers, money, percentages and indicator values; the raw text is always kept.

All arithmetic is Decimal: 2049.89 万元 is exactly 20498900 元.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .datamodel import ParsedValue
from .vocabulary.atoms import YEAR_IN_TEXT
from .vocabulary.values import (
    COUNT_PREFIX, MONEY_SCALE, OPERATORS, PERCENT, PERMILLE, PLACEHOLDERS, SENTENCE_STOP, TRAILING_POINTS,
    VALUE_CLAUSE_PUNCTUATION, YUAN)

_NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?|[-+]?\.\d+")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
_WHITESPACE = re.compile(r"\s+")  # compiled once: every cell of every sheet passes here


def _ascii_form(text: str) -> str:
    """Full-width digits, signs and operators as ASCII (NFKC), for parsing only."""
    return unicodedata.normalize("NFKC", text).strip()


def is_placeholder(text: str | None) -> bool:
    return text is None or _WHITESPACE.sub("", text) in PLACEHOLDERS


def parse_decimal(text: str | None) -> Decimal | None:
    """A plain printed number (thousands separators and a trailing 分 allowed); else None."""
    if is_placeholder(text):
        return None
    t = TRAILING_POINTS.sub("", _WHITESPACE.sub("", _ascii_form(text or ""))).replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def parse_amount(text: str | None, unit: str) -> Decimal | None:
    """Money printed in ``unit`` (万元 / 元 …) as exact yuan."""
    value = parse_decimal(text)
    if value is None:
        return None
    return value * MONEY_SCALE[unit]


def parse_percent(text: str | None) -> Decimal | None:
    """``93.85%`` as the ratio 0.9385. A rate column printed without % is read as percent."""
    if is_placeholder(text):
        return None
    t = _WHITESPACE.sub("", _ascii_form(text or ""))
    value = parse_decimal(t.rstrip("%"))
    return None if value is None else value / PERCENT


def _split_operator(text: str) -> tuple[str | None, str]:
    for pattern, op in OPERATORS:
        m = pattern.match(text)
        if m:
            return op, text[m.end():].strip()
    return None, text


def _scale_unit(unit: str) -> tuple[Decimal, str | None]:
    """Scale factor and base unit for a printed unit: 万元 -> (10000, 元), % -> (1/100, ratio)."""
    u = unit.strip().rstrip(SENTENCE_STOP + ".")
    if u == "%":
        return Decimal(1) / PERCENT, "ratio"
    if u == "‰":
        return Decimal(1) / PERMILLE, "ratio"
    if u in MONEY_SCALE:
        return MONEY_SCALE[u], YUAN
    if len(u) >= 2 and u[0] in COUNT_PREFIX:
        return COUNT_PREFIX[u[0]], u[1:]
    if u in COUNT_PREFIX:
        return COUNT_PREFIX[u], None
    return Decimal(1), u or None


def parse_value(raw: str | None) -> ParsedValue:
    """An indicator's target or actual value: operator, number in base unit, unit.

    Anything that is not one number with an optional unit (提高, 长期, a date such as
    2023年10月31日前) is kept as qualitative text with no number.
    """
    if is_placeholder(raw):
        return ParsedValue(raw=raw or None)
    text = _WHITESPACE.sub("", _ascii_form(raw or ""))
    op, rest = _split_operator(text)
    m = _NUMBER.match(rest)
    if m is None:
        return ParsedValue(raw=raw, op=op, kind="qualitative")
    unit_raw = rest[m.end():]
    if re.search(r"\d", unit_raw) or re.search(VALUE_CLAUSE_PUNCTUATION, unit_raw.rstrip(SENTENCE_STOP)):
        return ParsedValue(raw=raw, op=op, kind="qualitative")
    number = Decimal(m.group().replace(",", ""))
    scale, unit = _scale_unit(unit_raw)
    return ParsedValue(raw=raw, op=op or None, value=number * scale, unit=unit,
                       unit_raw=unit_raw or None, kind="numeric")


def compose_value(op_raw: str | None, value_raw: str | None, unit_raw: str | None) -> ParsedValue:
    """A value printed in up to three columns (指标性质 | 指标值 | 度量单位), or in one.

    ``raw`` keeps the printed parts joined in print order. An operator column may also print
    a direction (正向, 反向) or 定性: these are kept in ``raw`` and give no operator.
    """
    if op_raw is None and unit_raw is None:
        return parse_value(value_raw)
    parts = [p for p in (op_raw, value_raw, unit_raw) if not is_placeholder(p)]
    raw = "".join(p.strip() for p in parts) or None
    unit = "" if is_placeholder(unit_raw) else _WHITESPACE.sub("", unit_raw or "")
    parsed = parse_value(None if is_placeholder(value_raw) else (value_raw or "") + unit)
    op = None
    if not is_placeholder(op_raw):
        op, rest = _split_operator(_WHITESPACE.sub("", _ascii_form(op_raw or "")))
        op = op if not rest else None
    if parsed.kind == "empty":
        return ParsedValue(raw=raw, op=op, kind="qualitative" if raw else "empty")
    return ParsedValue(raw=raw, op=op or parsed.op, value=parsed.value, unit=parsed.unit,
                       unit_raw=parsed.unit_raw, kind=parsed.kind)


def parse_year(text: str) -> int | None:
    """The fiscal year in a line such as （2023 年度）, also letter-spaced (2 0 2 4 年 度 …)."""
    m = YEAR_IN_TEXT.search(_WHITESPACE.sub("", _ascii_form(text)))
    return int(m.group(1)) if m else None
