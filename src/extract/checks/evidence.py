"""What the document checks read: one value handed to every check (registry.DOCUMENT_CHECKS)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..datamodel import CheckedSheet, Narrative, NarrativeSection, PageLayout, StatementLine, StatementTable
from ..vocabulary.statements import GENERAL_BUDGET_TABLE


@dataclass(frozen=True)
class DocumentEvidence:
    """A document as the checks see it: its pages, sheets, prose and standard tables."""

    pages: tuple[PageLayout, ...]
    sheets: tuple[CheckedSheet, ...]
    fiscal_year: int | None
    unit_name: str | None
    sections: tuple[NarrativeSection, ...]
    narrative: Narrative
    tables: tuple[StatementTable, ...]
    lines: tuple[StatementLine, ...]

    @cached_property
    def lines_by_table(self) -> dict[str, list[StatementLine]]:
        by_table: dict[str, list[StatementLine]] = defaultdict(list)
        for ln in self.lines:
            by_table[ln.table].append(ln)
        return dict(by_table)

    def first_column(self, table: str) -> list[StatementLine]:
        """Each row's first value column of a table (合计 / 小计 / 决算数 on the left)."""
        seen: set[tuple[int, str]] = set()
        out = []
        for ln in self.lines_by_table.get(table, []):
            if (ln.row_no, ln.label) not in seen:
                seen.add((ln.row_no, ln.label))
                out.append(ln)
        return out

    @cached_property
    def general_budget(self) -> list[StatementLine]:
        """一般公共预算财政拨款支出决算表's 合计 column."""
        return self.first_column(GENERAL_BUDGET_TABLE)
