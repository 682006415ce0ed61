"""Labels compared with the vocabulary (``vocabulary/sheets.py``, ``vocabulary/atoms.py``):
the role a header cell names, the kind of a sheet title, a year or unit line, page furniture.

Provinces word the same column differently (年度指标值 / 预期指标值 / 指标值, 分值 / 指标分值 /
分值权重 / 权重（%）, 全年预算数（A）…). Every variant is listed in the vocabulary and is
compared by ``label_key``: spaces, full-width forms, circled numbers (①–⑳), formulas
(⑤=④/③), bracketed tags (（年初设定）, （A）, (%), （万元）) and a score inside a label (产出指标
（50分）, 产出指标50分) are ignored, so 预期目标（年初设定） and 小计③=①+② compare as 预期目标 and 小计.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .textnorm import compact
from .vocabulary.atoms import CONTINUED_TITLE, UNIT_LINE, YEAR_LINE
from .vocabulary.furniture import PAGE_FURNITURE
from .vocabulary.sheets import (
    BLOCK_LABELS, DEPARTMENT_TITLE_WORDS, FUND_EXTRA_LABELS, FUND_SUBTOTAL, FUND_TOTAL_ROWS, FUND_WHOLE_COLUMN,
    GRADE_ROW, INDICATOR_HEADER, INDICATOR_HEADER_KEYS, LABEL_FORMULA, LABEL_SCORE, LABEL_TRAILING_PUNCTUATION,
    LEVEL_LABELS, SHEET_TITLE, TASK_NAME_LABELS, TOTAL_ROW)

_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
_NO_CIRCLED = {ord(c): None for c in _CIRCLED}
_BRACKETED = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """A label as compared with the vocabulary (see the module docstring). Cached: the same
    cell texts are compared against several tables, page after page."""
    t = LABEL_FORMULA.sub("", compact(text)).translate(_NO_CIRCLED)
    t = unicodedata.normalize("NFKC", t)  # full-width brackets and ％ to ASCII
    previous = None
    while previous != t:  # nested brackets, innermost first
        previous, t = t, _BRACKETED.sub("", t)
    t = t.replace("%", "")
    return LABEL_SCORE.sub("", t).rstrip(LABEL_TRAILING_PUNCTUATION)


def _keyed(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label_key(v): role for role, variants in table.items() for v in variants}


# Per table (by identity; the table is held, so its id is never another's): its labels by key,
# and its answers by cell text. A sheet's header texts are asked about on every row and page
# (~120k questions over the benchmark's 434 pages, a few thousand distinct texts).
_TABLES: dict[int, tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str | None]]] = {}
_MATCHED_TEXTS = 1 << 16  # answers kept per table; past it they are forgotten and worked out again
_UNASKED = object()  # a text match_role has not been asked about (None is an answer: no role)


@lru_cache(maxsize=None)
def _keys(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a label list, computed once per list."""
    return tuple(dict.fromkeys(label_key(v) for v in labels))


def _answers(table: dict[str, tuple[str, ...]]) -> tuple[dict[str, str], dict[str, str | None]]:
    """A table's labels by key, and the answers given so far by cell text."""
    known = _TABLES.get(id(table))
    if known is None:
        known = _TABLES[id(table)] = (table, _keyed(table), {})
    return known[1], known[2]


def match_role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The role whose label equals the cell text (after ``label_key``), or None."""
    keyed, matched = _answers(table)
    if text in matched:
        return matched[text]
    if len(matched) >= _MATCHED_TEXTS:
        matched.clear()
    key = label_key(text)
    role = matched[text] = keyed.get(key) if key else None
    return role


def _in(text: str, labels: tuple[str, ...]) -> bool:
    return label_key(text) in _keys(labels)


def is_total_label(text: str) -> bool:
    return _in(text, TOTAL_ROW)


def is_grade_label(text: str) -> bool:
    return _in(text, GRADE_ROW)


def is_block_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(k) for k in _keys(BLOCK_LABELS))


def is_known_fund_extra(label: str) -> bool:
    """A kept fund column the vocabulary knows (the label may be a path: 全年预算数/财政拨款)."""
    return any(_in(part, FUND_EXTRA_LABELS) for part in (label, *label.split("/")))


def is_fund_total(label: str) -> bool:
    key = label_key(label)
    return any(key.startswith(k) for k in _keys(FUND_TOTAL_ROWS))


def is_whole_column(text: str) -> bool:
    return _in(text, FUND_WHOLE_COLUMN)


def is_level_label(text: str) -> bool:
    return _in(text, LEVEL_LABELS)


def header_roles(texts: list[str], table: dict[str, tuple[str, ...]]) -> set[str]:
    """The roles a row of header cells names. (Asked of every row of every sheet: the answers
    known already are looked up here, the others worked out by match_role.)"""
    _, matched = _answers(table)
    roles = {matched.get(t, _UNASKED) for t in texts}
    if _UNASKED in roles:
        roles = {match_role(t, table) for t in texts}
    roles.discard(None)
    return roles


def is_indicator_header(texts: list[str]) -> bool:
    """A row heading the indicator block: at least two of 一级/二级/三级指标."""
    return _names_indicator_levels(header_roles(texts, INDICATOR_HEADER))


def _names_indicator_levels(roles: set[str]) -> bool:
    return sum(k in roles for k in INDICATOR_HEADER_KEYS) >= 2


def is_self_evaluation_header(texts: list[str]) -> bool:
    """An indicator header that also asks what was achieved or scored. (A table of targets
    alone — 一级/二级/三级指标 | 指标值, as a 绩效评价报告 prints — is not a 自评表.)"""
    roles = header_roles(texts, INDICATOR_HEADER)  # every cell of a grid: matched once
    return _names_indicator_levels(roles) and bool(roles & {"actual", "weight", "score"})




def is_year_line(text: str) -> bool:
    """A line that only names a year: （2023 年度）, 2023年度."""
    return bool(YEAR_LINE.fullmatch(compact(text)))


def is_unit_line(text: str) -> bool:
    """A line that states the unit of a table: 单位：万元."""
    return bool(UNIT_LINE.match(compact(text)))


def is_task_name_label(text: str) -> bool:
    """A fund table's first-column label that says its rows are tasks (任务名称)."""
    return _in(text, TASK_NAME_LABELS)


def is_fund_subtotal(label: str) -> bool:
    return label_key(label).endswith(FUND_SUBTOTAL)




def sheet_kind_of_title(title: str) -> str | None:
    """project / department for a self-evaluation sheet title, None for anything else."""
    t = compact(title)
    if not SHEET_TITLE.search(t) or len(t) > 80:
        return None
    if any(word in t for word in DEPARTMENT_TITLE_WORDS):
        return "department"
    return "project"


def is_continued_title(title: str) -> bool:
    """A title that says the sheet continues (项目支出绩效自评表（续）)."""
    return bool(CONTINUED_TITLE.search(compact(title)))


def is_page_furniture(text: str) -> bool:
    """Page numbers, dates, addresses and paths a producer prints in the page margins."""
    t = compact(text)
    return bool(t) and any(p.match(t) for p in PAGE_FURNITURE)
