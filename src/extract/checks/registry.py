"""Every check, sheet and document alike, in one list each: its id, what it compares, and the
function that compares it. A check returns a verdict (result.Verdict); the result rows are
made here, so a check id is written once and a result is built in one place.

Adding a check is one ``Check(...)`` line below and its function beside its family: sheet
arithmetic in ``sheet.py``, the document against itself in ``consistency.py`` (D.*), tables
and prose in ``crosscheck.py`` (T.*, N.*, X.*), the prose's own words in ``prose.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..datamodel import CheckedSheet, CheckResult, SheetRecord
from . import consistency, crosscheck, prose, sheet
from .evidence import DocumentEvidence
from .result import Verdict

Subject = TypeVar("Subject")


@dataclass(frozen=True)
class Check(Generic[Subject]):
    check_id: str  # stable: it appears in the output
    compares: str  # what the check compares, for readers of this list and of the README
    run: Callable[[Subject], Verdict]

    def result(self, subject: Subject) -> CheckResult:
        verdict = self.run(subject)
        return CheckResult(self.check_id, verdict.status, verdict.detail)


SHEET_CHECKS: tuple[Check[SheetRecord], ...] = (
    Check("score_sum", "Σ indicator 得分 + execution 得分 = 总分", sheet.check_score_sum),
    Check("weight_sum", "Σ indicator 分值 + execution 分值 = 总分's 分值 (100 where none is printed)",
          sheet.check_weight_sum),
    Check("execution_rate", "printed 执行率 = 全年执行数 / 全年预算数 of the total fund row, to its decimals",
          sheet.check_execution_rate),
    Check("fund_sum", "the total fund row = Σ the other fund rows, for each amount column", sheet.check_fund_sum),
    Check("score_le_weight", "no indicator scores more than its 分值", sheet.check_score_le_weight),
)


DOCUMENT_CHECKS: tuple[Check[DocumentEvidence], ...] = (
    Check("D.fiscal_year", "every place giving the reporting year gives the same year",
          lambda e: consistency.check_fiscal_year(e.fiscal_year, consistency.year_places(list(e.pages),
                                                                                          list(e.sheets)))),
    Check("D.unit_name", "the cover, table titles, 编制 lines and prose name one unit; no placeholder",
          lambda e: consistency.check_unit_name(e.unit_name, consistency.unit_places(list(e.pages), e.sections),
                                                consistency.own_units(e.lines, e.sections))),
    Check("D.required_tables", "all nine standard tables are printed",
          lambda e: consistency.check_required_tables(e.tables)),
    Check("T.total_sum", "each table's 合计 row = Σ its 类 rows, per column", crosscheck.total_sum),
    Check("T.class_subtotals", "each 类 row = Σ its 款 rows, each 款 row = Σ its 项 rows", crosscheck.class_subtotals),
    Check("T.cross_tables", "the same 类 in two tables (总表 / 支出决算表, 财政拨款总表 / family tables) "
                            "has the same amount", crosscheck.cross_tables),
    Check("T.balance", "总计 of the 收入 side = 总计 of the 支出 side of the two-sided tables", crosscheck.balance),
    Check("N.income_total", "in the prose, 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
          crosscheck.income_total),
    Check("N.expense_total", "in the prose, 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余", crosscheck.expense_total),
    Check("N.structure_sum", "Σ 五（二） class amounts = 一般公共预算财政拨款支出 (prose)", crosscheck.structure_sum),
    Check("N.items_sum", "Σ 五（三） item amounts = 一般公共预算财政拨款支出 (prose), where every 项 is explained",
          crosscheck.items_sum),
    Check("N.structure_vs_items", "each 五（二） class amount = Σ its 五（三） items", crosscheck.structure_vs_items),
    Check("X.summary_table", "each prose figure named like a row of 收入支出决算总表 = that row",
          crosscheck.summary_table),
    Check("X.part_tables", "the prose's 本年收入合计 / 本年支出合计 / 基本支出 / 项目支出 = the 合计 row of "
                           "收入决算表 / 支出决算表", crosscheck.part_tables),
    Check("X.grand_totals", "the prose's 收入总计 / 支出总计 … = the 总计 of its side of the summary tables",
          crosscheck.grand_totals),
    Check("X.general_budget_total", "一般公共预算财政拨款支出 (prose) = the 合计 of its table",
          crosscheck.general_budget_total),
    Check("X.items_table", "each 五（三） item (prose) = its 项 row in 一般公共预算财政拨款支出决算表",
          crosscheck.items_table),
    Check("X.basic_expenditure", "the 基本支出 section's 人员经费 / 公用经费 and total (prose) = the 合计 rows "
                                 "of 一般公共预算财政拨款基本支出决算表", crosscheck.basic_expenditure),
    Check("X.three_public_total", "the “三公” 决算数 and 预算数 (prose) = the 合计 of the “三公” table (empty: 0)",
          crosscheck.three_public_total),
    Check("N.direction_words", "each 增加/减少, 增长/下降, 持平, 大于/小于/等于 agrees with its numbers",
          lambda e: prose.direction_words(e.sections)),
    Check("N.shares", "each 占 X% = part / whole to the printed decimals",
          lambda e: prose.shares(e.sections, e.narrative)),
)


def check_sheet(record: SheetRecord) -> CheckedSheet:
    """A sheet with the result of every sheet check."""
    return CheckedSheet(record, tuple(check.result(record) for check in SHEET_CHECKS))


def check_document(evidence: DocumentEvidence) -> tuple[CheckResult, ...]:
    """The result of every document check, in the order of DOCUMENT_CHECKS."""
    return tuple(check.result(evidence) for check in DOCUMENT_CHECKS)
