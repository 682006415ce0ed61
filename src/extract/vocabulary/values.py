"""The values printed inside cells: money units, magnitudes, operators, placeholders."""

from __future__ import annotations

import re
from decimal import Decimal

# The base unit of money values (value_yuan) and the unit the sheets print by default.
YUAN = "元"
WAN_YUAN = "万元"
# Scale of the money units the sheets print (单位：万元 is the norm; some print 元).
MONEY_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000),
               "亿元": Decimal(100000000)}
# Magnitude prefixes in counts: 万人次 = 10,000 人次, 亿元 = 10^8 元.
COUNT_PREFIX = {"万": Decimal(10000), "亿": Decimal(100000000)}
PERCENT = Decimal(100)
PERMILLE = Decimal(1000)

# Cells that mean "nothing here".
PLACEHOLDERS = frozenset({"", "—", "–", "-", "--", "——", "－", "/", "空", "无", "null", "N/A", "\\"})

# Comparison operators, printed as symbols or words, to one canonical form.
OPERATORS = (
    (re.compile(r"^(>=|≥|⩾|≧|大于等于|不低于|不少于|不小于|至少|达到)"), ">="),
    (re.compile(r"^(<=|≤|⩽|≦|小于等于|不高于|不超过|不多于|不大于|控制在)"), "<="),
    (re.compile(r"^(>|大于|超过|高于)"), ">"),
    (re.compile(r"^(<|小于|低于|少于)"), "<"),
    (re.compile(r"^(=|＝|等于)"), "="),
)
# A score printed with its unit: 8分.
TRAILING_POINTS = re.compile(r"分$")
# Punctuation that makes a value's tail a clause (提高，并…), not a unit.
VALUE_CLAUSE_PUNCTUATION = r"[，,；;。]"
SENTENCE_STOP = "。"
# A digit as amounts print it (ASCII or full-width); the circled ①② of header formulas are none.
PRINTED_DIGIT = re.compile(r"[0-9０-９]")
