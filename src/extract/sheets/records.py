"""Build typed sheet records from reassembled rows, parsing every value (raw text kept)."""

from __future__ import annotations

from ..datamodel import (EXTRA_ROLE, ExtraValue, FundRow, IndicatorRow, LogicalRow, PieceBox, SheetRecord,
                        SheetRows, union_boxes)
from ..labels import is_task_name_label, is_year_line, sheet_kind_of_title
from ..normalize import (
    compose_value, is_placeholder, parse_amount, parse_decimal, parse_percent, parse_year,
)
from ..vocabulary.sheets import FUND_HEADER, INDICATOR_HEADER, RATE_LABEL_MARKS, TOTAL_ROW_NAME
from ..vocabulary.values import YUAN

# The printed name of a role, for messages: the first label the vocabulary lists for it.
_FUND_NAME = {role: labels[0] for role, labels in FUND_HEADER.items()}
_INDICATOR_NAME = {role: labels[0] for role, labels in INDICATOR_HEADER.items()}


def _extra_values(row: LogicalRow, unit: str) -> tuple[ExtraValue, ...]:
    out = []
    for role in row.cells:
        if not role.startswith(EXTRA_ROLE):
            continue
        label, raw = role[len(EXTRA_ROLE):], row.text(role)
        if any(mark in label for mark in RATE_LABEL_MARKS):
            out.append(ExtraValue(label, raw, parse_percent(raw), "ratio"))
        else:
            out.append(ExtraValue(label, raw, parse_amount(raw, unit), YUAN))
    return tuple(out)


def _fund_row(row: LogicalRow, unit: str, tasks: bool) -> FundRow:
    """One fund row; ``tasks``: the rows are a 年度主要任务 table's, their source a task name."""
    t = row.text
    return FundRow(
        source=t("source") or "",
        initial_budget_raw=t("initial_budget"),
        annual_budget_raw=t("annual_budget"),
        executed_raw=t("executed"),
        weight_raw=t("weight"),
        execution_rate_raw=t("execution_rate"),
        score_raw=t("score"),
        initial_budget_yuan=parse_amount(t("initial_budget"), unit),
        annual_budget_yuan=parse_amount(t("annual_budget"), unit),
        executed_yuan=parse_amount(t("executed"), unit),
        weight=parse_decimal(t("weight")),
        execution_rate=parse_percent(t("execution_rate")),
        score=parse_decimal(t("score")),
        pages=row.pages,
        extra_values=_extra_values(row, unit),
        boxes=row.boxes,
        cell_boxes=row.cell_boxes,
        task_name=(t("source") or None) if tasks else None,
        task_content=_stated(t("task_content")),
        completion=_stated(t("completion")),
    )


def _indicator_row(row_no: int, row: LogicalRow) -> IndicatorRow:
    t = row.text
    return IndicatorRow(
        row_no=row_no,
        level1=t("level1"),
        level2=t("level2"),
        level3=t("level3"),
        target=compose_value(t("target_op"), t("target"), t("target_unit")),
        actual=compose_value(t("actual_op"), t("actual"), t("actual_unit")),
        weight_raw=t("weight"),
        score_raw=t("score"),
        weight=parse_decimal(t("weight")),
        score=parse_decimal(t("score")),
        deviation=_stated(t("deviation")),
        basis=_stated(t("basis")),
        pages=row.pages,
        boxes=_own_boxes(row),
        cell_boxes=row.cell_boxes,
    )


def _stated(text: str | None) -> str | None:
    """A text cell's content, or None where it prints a placeholder (—, /, 无): it states none.
    The cell's box stays in the row's cell_boxes."""
    return None if is_placeholder(text) else text


def _own_boxes(row: LogicalRow) -> tuple[PieceBox, ...]:
    """An indicator's extent without the level-1/2 cells it shares with the rows around it."""
    own = union_boxes(b for role, cell in row.cells.items() if role not in ("level1", "level2")
                      for b in cell.boxes)
    return own or row.boxes


def _unparsed(label: str, raw: str | None, parsed: object) -> list[str]:
    return [f"{label}: {raw!r} is not a number"] if not is_placeholder(raw) and parsed is None else []


def build_record(rows: SheetRows) -> SheetRecord:
    """One SheetRecord; values that should be numbers but are not are listed as warnings."""
    tasks = is_task_name_label(rows.fund_source_label)
    funds = tuple(_fund_row(r, rows.fund_unit, tasks) for r in rows.funds)
    indicators = tuple(_indicator_row(i + 1, r) for i, r in enumerate(rows.indicators))
    total_weight_raw = rows.total.text("weight") if rows.total else None
    total_score_raw = rows.total.text("score") if rows.total else None
    unparsed: list[str] = []
    for f in funds:
        for role, raw, value in (("initial_budget", f.initial_budget_raw, f.initial_budget_yuan),
                                 ("annual_budget", f.annual_budget_raw, f.annual_budget_yuan),
                                 ("executed", f.executed_raw, f.executed_yuan),
                                 ("execution_rate", f.execution_rate_raw, f.execution_rate),
                                 ("weight", f.weight_raw, f.weight), ("score", f.score_raw, f.score)):
            unparsed += _unparsed(f"fund {f.source} {_FUND_NAME[role]}", raw, value)
        for extra in f.extra_values:
            unparsed += _unparsed(f"fund {f.source} {extra.label}", extra.raw, extra.value)
    for ind in indicators:
        unparsed += _unparsed(f"indicator {ind.row_no} {_INDICATOR_NAME['weight']}", ind.weight_raw, ind.weight)
        unparsed += _unparsed(f"indicator {ind.row_no} {_INDICATOR_NAME['score']}", ind.score_raw, ind.score)
    goals = rows.goals
    # The year line (（2023 年度）) names the sheet's year; a title may name another one.
    year_lines = sorted(rows.title_lines, key=lambda line: not is_year_line(line))
    year = next((y for y in (parse_year(line) for line in year_lines) if y), None)
    total_weight, total_score = parse_decimal(total_weight_raw), parse_decimal(total_score_raw)
    unparsed += _unparsed(f"{TOTAL_ROW_NAME} {_INDICATOR_NAME['weight']}", total_weight_raw, total_weight)
    unparsed += _unparsed(f"{TOTAL_ROW_NAME} {_INDICATOR_NAME['score']}", total_score_raw, total_score)
    return SheetRecord(
        sheet_no=rows.sheet_no,
        sheet_kind=sheet_kind_of_title(rows.title) or "project",
        title=rows.title,
        fiscal_year=year,
        project_name=rows.fields.get("project_name"),
        competent_dept=rows.fields.get("competent_dept"),
        implementing_unit=rows.fields.get("implementing_unit"),
        unit_name=rows.fields.get("unit_name"),
        fund_unit=rows.fund_unit,
        funds=funds,
        goal_expected=goals.text("expected") if goals else None,
        goal_actual=goals.text("actual") if goals else None,
        indicators=indicators,
        total_weight_raw=total_weight_raw,
        total_score_raw=total_score_raw,
        total_weight=total_weight,
        total_score=total_score,
        pages=rows.pages,
        warnings=rows.warnings + tuple(unparsed),
        unparsed=tuple(unparsed),
        budget_code=rows.fields.get("budget_code"),
        evaluation_grade=rows.grade,
        layout_warnings=rows.layout_warnings,
        cells_printed=rows.cells_printed,
        unplaced=rows.unplaced,
        boxes=rows.boxes,
        field_boxes=rows.field_boxes,
    )
