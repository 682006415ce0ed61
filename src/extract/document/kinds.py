"""What kind of document is this? A 决算, a budget, a set of 自评表 — from its own words.

Archives downloaded from government portals mix 部门决算 with 部门预算 (which mention 决算 in
passing: 上年决算数), 绩效目标表, 自评表 and pages of anything else. Only 决算 kinds have their
prose figures, standard tables and cross-checks read; 自评表 are read in any kind; a document of
another kind is ``skipped`` (not failed: nothing is wrong with it).

The kind is decided, in this order, by:

1. the cover's title block (cover.py): its first lines joined (titles wrap: 社会工作部2024年度 / 部门决算),
   naming 部门决算, 单位决算, 部门预算, 单位预算, 绩效目标表 or a 自评表 / 自评报告;
2. the tables printed: standard 决算 tables (收入支出决算总表 …) or budget tables (…预算总表,
   …预算表);
3. the 自评表 sheets found;
4. headings naming a kind (…部门决算情况说明).

``kind_evidence`` says which of these decided, with the words and page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..datamodel import PageLayout, StatementTable
from ..textnorm import compact
from ..vocabulary.kinds import (
    BUDGET_TABLE_TITLE, DEPARTMENT_BUDGET, DEPARTMENT_FINAL, FINAL_KINDS, KIND_WORDS, OTHER_KIND,
    SELF_EVALUATION_KIND)
from .cover import Cover, read_cover

_MAX_LINE = 40  # a longer line is no title or heading
_MIN_TABLES = 3  # standard (or budget) tables that make a kind without a cover


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    evidence: str

    @property
    def is_final_accounts(self) -> bool:
        return self.kind in FINAL_KINDS


def _named_kind(text: str) -> str | None:
    for kind, pattern in KIND_WORDS:
        if pattern.search(text):
            return kind
    return None


def cover_kind(cover: Cover) -> tuple[str, str] | None:
    """The kind the cover's title block names, and the lines that name it."""
    text = ""
    for t in cover.title_lines:
        text += t
        kind = _named_kind(text)
        if kind:
            return kind, f"cover p.{cover.page_no}: {text[:60]!r}"
    return None


def _budget_tables(pages: list[PageLayout]) -> list[str]:
    return [compact(ln.text) for p in pages for ln in p.text_lines
            if len(compact(ln.text)) <= _MAX_LINE and BUDGET_TABLE_TITLE.search(compact(ln.text))]


def classify(pages: list[PageLayout], tables: tuple[StatementTable, ...], sheet_count: int,
             cover: Cover | None = None) -> DocumentKind:
    """The document's kind and the evidence for it (see the module docstring); ``cover`` is
    the pages' read_cover, read here when not given."""
    printed = [t.table for t in tables if t.standard and t.status != "missing"]
    named = cover_kind(cover or read_cover(pages))
    if named:
        kind, evidence = named
        if kind not in FINAL_KINDS and len(printed) >= 5:
            return DocumentKind(DEPARTMENT_FINAL, f"{len(printed)} standard 决算 tables printed, although the {evidence}")
        return DocumentKind(kind, evidence)
    if len(printed) >= _MIN_TABLES:
        return DocumentKind(DEPARTMENT_FINAL, f"{len(printed)} standard 决算 tables printed ({printed[0]} …)")
    budget = _budget_tables(pages)
    if len(budget) >= _MIN_TABLES:
        return DocumentKind(DEPARTMENT_BUDGET, f"{len(budget)} budget tables printed ({budget[0]} …)")
    if sheet_count:
        return DocumentKind(SELF_EVALUATION_KIND, f"{sheet_count} 绩效自评表 and no 决算 or budget tables")
    for page in pages:
        for line in page.text_lines:
            t = compact(line.text)
            kind = _named_kind(t) if len(t) <= _MAX_LINE else None
            if kind:
                return DocumentKind(kind, f"heading p.{page.page_no}: {t!r}")
    return DocumentKind(OTHER_KIND, "no cover, table or heading names a 决算, budget or 自评表")
