"""The pieces every room of the vocabulary builds on, each defined once.

Patterns are kept as pattern *strings* where other patterns embed them (``YEAR``, ``NUMBER``)
and compiled where they are used whole.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- numerals, headings
# The numbering a 部门决算 prints before its headings and table rows, level by level:
# 第一部分, 一、, （一）.
NUMERALS = "一二三四五六七八九十"
PART_NUMBER = re.compile(rf"^第[{NUMERALS}]+部分")
ITEM_NUMBER = re.compile(rf"^[{NUMERALS}]+、")
SUBITEM_NUMBER = re.compile(rf"^[（(][{NUMERALS}]+[)）]")

# --------------------------------------------------------------------------- years and numbers
YEAR = r"(?:19|20)\d{2}"  # a four-digit year of this or the last century
YEAR_WORD = "年"
FISCAL_YEAR_WORD = "年度"
# A year stated in text, the year as group 1: 2023 年度, 2023年.
YEAR_IN_TEXT = re.compile(rf"({YEAR})\s*年度?")
# A number as prose prints it: 3,127.86 or 3127.86.
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# --------------------------------------------------------------------------- punctuation
# What a clause or sentence ends with: a line ending so is prose, never a title.
CLAUSE_END = "。；;，,："
# A list separator typed in Chinese (部门决算，单位决算).
FULLWIDTH_COMMA = "，"

# --------------------------------------------------------------------------- sections
# The 名词解释 part defines words; its figures are examples, never the document's.
GLOSSARY_HEADING = "名词解释"

# --------------------------------------------------------------------------- lines above tables
# A line that only names a year: （2023 年度）, 2023年度 (matched whole, after compact).
YEAR_LINE = re.compile(rf"[（(]?{YEAR}年度?[）)]?")
# A line that states a table's unit: 单位：万元, 金额单位：元.
UNIT_LINE = re.compile(r"(单位|金额单位)[:：]")
# A title marked as continued: …（续）, …续表.
CONTINUED_TITLE = re.compile(r"(?:[（(]续[）)]|续表)$")
