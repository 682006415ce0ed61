"""Check each sheet against its own arithmetic. Results are recorded, values never changed.

Check ids (stable, they appear in the output; registered in registry.SHEET_CHECKS):

* ``score_sum``      Σ indicator 得分 + execution 得分 = 总分
* ``weight_sum``     Σ indicator 分值 + execution 分值 = 总分's 分值 (100 where none is printed)
* ``execution_rate`` printed 执行率 = 全年执行数 / 全年预算数 of the total fund row, to the
                     printed number of decimals
* ``fund_sum``       the total fund row (年度资金总额 / 合计) = Σ the other fund rows, for each of
                     年初预算数, 全年预算数, 全年执行数; a subtotal row (财政资金小计) stands for
                     the rows printed under it, so only those are summed (a subtotal with no
                     rows under it counts as a part)
* ``score_le_weight`` no indicator scores more than its 分值
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..datamodel import FundRow, SheetRecord
from ..labels import is_fund_subtotal, is_fund_total
from ..normalize import parse_percent
from .result import Verdict, failed, not_applicable, passed

FULL_MARKS = Decimal(100)


def _total_fund(sheet: SheetRecord) -> FundRow | None:
    for f in sheet.funds:
        if is_fund_total(f.source):
            return f
    return sheet.funds[0] if sheet.funds else None


def _execution(sheet: SheetRecord) -> tuple[Decimal | None, Decimal | None, str | None]:
    """Execution 分值, 得分 and printed 执行率: on the total row, else the first row printing them.

    Some department sheets print them in a merged cell beside the first fund row.
    """
    k = _execution_row(sheet)
    if k is None:
        return None, None, None
    f = sheet.funds[k]
    return f.weight, f.score, f.execution_rate_raw


def _execution_row(sheet: SheetRecord) -> int | None:
    """The index of the fund row ``_execution`` reads."""
    for f in [_total_fund(sheet), *sheet.funds]:
        if f is not None and (f.weight is not None or f.score is not None):
            return next(k for k, g in enumerate(sheet.funds) if g is f)
    return None


# A passing check confirms these cells (checks/ocr_trust.py asks: a value read by OCR that no
# passing check confirms is taken on its confidence alone).
Cell = tuple[str, int, str]  # ("indicator" | "fund", row index in the sheet, role)
_AMOUNTS = ("initial_budget", "annual_budget", "executed")


def confirmed_cells(sheet: SheetRecord, passing: set[str]) -> set[Cell]:
    """The cells the checks in ``passing`` confirm: score_sum every indicator 得分 and the
    execution 得分; weight_sum every 分值 and the execution 分值; execution_rate the printed
    执行率 and the total row's 全年预算数 and 执行数; fund_sum the three amounts of the total row
    and of the rows it sums."""
    cells: set[Cell] = set()
    exec_row = _execution_row(sheet)
    for check, role in (("score_sum", "score"), ("weight_sum", "weight")):
        if check in passing:
            cells |= {("indicator", k, role) for k in range(len(sheet.indicators))}
            if exec_row is not None:
                cells.add(("fund", exec_row, role))
    total = _total_fund(sheet)
    index = {id(f): k for k, f in enumerate(sheet.funds)}
    if "execution_rate" in passing and total is not None and exec_row is not None:
        cells |= {("fund", exec_row, "execution_rate"), ("fund", index[id(total)], "annual_budget"),
                  ("fund", index[id(total)], "executed")}
    if "fund_sum" in passing and total is not None:
        rows = [total, *_fund_parts([f for f in sheet.funds if f is not total])]
        cells |= {("fund", index[id(f)], role) for f in rows for role in _AMOUNTS}
    return cells


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")


def check_score_sum(sheet: SheetRecord) -> Verdict:
    if sheet.total_score is None:
        return not_applicable("no 总分 printed on the sheet")
    _, exec_score, _ = _execution(sheet)
    scores = [i.score for i in sheet.indicators]
    if any(s is None for s in scores) or exec_score is None:
        return failed("a score is missing or not a number")
    total = sum(scores, Decimal(0)) + exec_score
    status = "pass" if total == sheet.total_score else "fail"
    return Verdict(status,
                       f"Σ scores {_fmt(total)} vs 总分 {_fmt(sheet.total_score)}")


def check_weight_sum(sheet: SheetRecord) -> Verdict:
    exec_weight, _, _ = _execution(sheet)
    weights = [i.weight for i in sheet.indicators]
    if not weights:
        return not_applicable("no indicator rows")
    if any(w is None for w in weights) or exec_weight is None:
        return failed("a weight is missing or not a number")
    expected = sheet.total_weight if sheet.total_weight is not None else FULL_MARKS
    total = sum(weights, Decimal(0)) + exec_weight
    status = "pass" if total == expected else "fail"
    return Verdict(status, f"Σ weights {_fmt(total)} vs {_fmt(expected)}")


def check_execution_rate(sheet: SheetRecord) -> Verdict:
    total = _total_fund(sheet)
    _, _, rate_raw = _execution(sheet)
    rate = parse_percent(rate_raw)
    if total is None or rate is None:
        return not_applicable("no 执行率 printed")
    if not total.annual_budget_yuan:
        return not_applicable("全年预算数 is zero or missing")
    if total.executed_yuan is None:
        return failed("全年执行数 missing")
    digits = rate_raw.strip().rstrip("%").split(".")
    places = len(digits[1]) if len(digits) == 2 else 0
    quantum = Decimal(1).scaleb(-places)
    computed = (total.executed_yuan / total.annual_budget_yuan * 100).quantize(quantum, ROUND_HALF_UP)
    printed = rate * 100
    status = "pass" if computed == printed else "fail"
    return Verdict(status,
                       f"{_fmt(total.executed_yuan)} / {_fmt(total.annual_budget_yuan)} = {computed}% vs printed {rate_raw}")


def check_fund_sum(sheet: SheetRecord) -> Verdict:
    total = _total_fund(sheet)
    if total is None or not is_fund_total(total.source):
        return not_applicable("no total fund row")
    parts = _fund_parts([f for f in sheet.funds if f is not total])
    if not parts:
        return not_applicable("no fund parts")
    problems = []
    for column in ("initial_budget_yuan", "annual_budget_yuan", "executed_yuan"):
        whole = getattr(total, column)
        values = [getattr(f, column) for f in parts]
        if whole is None and all(v is None for v in values):
            continue
        summed = sum((v for v in values if v is not None), Decimal(0))
        if whole != summed:
            problems.append(f"{column} {_fmt(whole)} ≠ Σ {_fmt(summed)}")
    return Verdict("fail" if problems else "pass", "; ".join(problems) or "parts add up")


def _fund_parts(rows: list[FundRow]) -> list[FundRow]:
    """The rows a total sums: a subtotal's detail rows instead of the subtotal itself."""
    parts = []
    for i, f in enumerate(rows):
        has_details = i + 1 < len(rows) and not is_fund_subtotal(rows[i + 1].source)
        if not (is_fund_subtotal(f.source) and has_details):
            parts.append(f)
    return parts


def check_score_le_weight(sheet: SheetRecord) -> Verdict:
    over = [i.row_no for i in sheet.indicators
            if i.score is not None and i.weight is not None and i.score > i.weight]
    if over:
        return failed(f"rows scoring above their weight: {over}")
    return passed("every score within its weight")
