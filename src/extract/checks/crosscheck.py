"""Check a document's standard tables and prose against each other. Recorded, never corrected.

Check ids (stable, they appear in the ``document_checks`` dataset):

* ``T.total_sum``          each table's 合计 row = Σ its 类 rows (3-digit codes), per column
* ``T.class_subtotals``    each 类 row = Σ its 款 rows, each 款 row = Σ its 项 rows, per column
* ``T.balance``            总计 of the 收入 side = 总计 of the 支出 side (收入支出决算总表,
                           财政拨款收入支出决算总表)
* ``N.income_total``       收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (prose)
* ``N.expense_total``      支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (prose)
* ``N.structure_sum``      Σ 五（二） class amounts = 一般公共预算财政拨款支出 (prose)
* ``N.items_sum``          Σ 五（三） item amounts = 一般公共预算财政拨款支出 (prose); only where
                           the prose explains every 项 of the table (many explain only changes)
* ``N.structure_vs_items`` each 五（二） class amount = Σ its 五（三） items, for the classes whose
                           items are all explained
* ``X.summary_table``      each prose figure named like a row of 收入支出决算总表 (本年收入合计,
                           年初结转和结余 …) = that row
* ``X.grand_totals``       收入总计 / 支出总计 / 财政拨款收入支出总计 … (prose) = the 总计 of
                           its side of 收入支出决算总表 or 财政拨款收入支出决算总表
* ``X.general_budget_total`` 一般公共预算财政拨款支出 (prose) = the 合计 of its table
* ``X.items_table``        each 五（三） item (prose) = its 项 row in 一般公共预算财政拨款支出决算表
* ``X.basic_expenditure``  the 基本支出 section's 人员经费 / 公用经费 and its total (prose) = the
                           合计 rows of 一般公共预算财政拨款基本支出决算表
* ``T.cross_tables``       the same 类 printed in two tables has the same amount (the 总表's 支出
                           side and 支出决算表; the 财政拨款总表's family columns and the family tables)
* ``X.part_tables``        the prose's 本年收入合计 / 本年支出合计 / 基本支出 / 项目支出 = the 合计 row
                           of 收入决算表 / 支出决算表
* ``X.three_public_total`` the “三公” 决算数 and 预算数 (prose) = 合计/决算数 and 合计/预算数 of
                           the “三公” table; a table printed empty counts as 0, so stated spending
                           or a stated budget over it fails
* ``N.direction_words``    each 增加/减少, 增长/下降, 持平, 大于/小于/等于 agrees with the numbers it
                           describes (prosechecks)
* ``N.shares``             each 占 X% = part / whole to the printed decimals (prosechecks)

Each check is a function of the document's evidence (evidence.DocumentEvidence) giving a
verdict; registry.DOCUMENT_CHECKS lists them in this order. Prose figures are looked up by their metric (metrics.METRICS) first, so the checks read every
province's wording. The document-level checks (D.*) are in consistency.py.

A check whose inputs the document does not print is ``not_applicable``. Amounts compare
exactly, in yuan, as printed: a 0.01 gap is a failure and its detail says so.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..datamodel import Narrative, StatementLine
from ..vocabulary.atoms import ITEM_NUMBER
from ..vocabulary.statements import (
    BASIC_PARTS, BUDGET_AMOUNT, CLASS_CODE_LENGTH, PART_TABLE_TOTALS, CLASS_NAME_TAIL, CROSS_TABLE_PAIRS, GENERAL_BASIC_SPENDING, GENERAL_BUDGET_BASIC_TABLE, CLASS_MARK, EXPENDITURE_TOTAL, EXPENDITURE_TOTAL_PARTS, FINAL_AMOUNT, GENERAL_BUDGET_SPENDING,
    GRAND_TOTAL, GRAND_TOTALS, INCOME_TOTAL, INCOME_TOTAL_PARTS, SUMMARY_TABLE,
    TABLE_TOTAL, THREE_PUBLIC_BUDGET, THREE_PUBLIC_NAME, THREE_PUBLIC_SPENDING, THREE_PUBLIC_TABLE, TOTAL_LABELS,
    TWO_SIDED_TABLES, YUAN)
from ..vocabulary.prose import (
    ACTUAL, BUDGET, DEPARTMENT_WIDE_SCOPES, GENERAL_BUDGET_BASIC_SCOPE, GENERAL_BUDGET_SCOPE)
from ..vocabulary.values import MONEY_SCALE
from .evidence import DocumentEvidence
from .result import Verdict, not_applicable, tally, wan


def _code_sums(lines: list[StatementLine]) -> tuple[list[str], int, list[str], int]:
    """Failures and counts of the 合计 check and of the subtotal check, for one table."""
    by_column: dict[str, list[StatementLine]] = defaultdict(list)
    for ln in lines:
        by_column[ln.column_path].append(ln)
    total_fail, total_n, sub_fail, sub_n = [], 0, [], 0
    for column, col_lines in by_column.items():
        coded = {ln.code: ln.value_yuan or Decimal(0) for ln in col_lines if ln.code}
        if not coded:
            continue
        s = sum((v for c, v in coded.items() if len(c) == 3), Decimal(0))
        totals = [ln for ln in col_lines if ln.code is None and ln.label in TOTAL_LABELS]
        for t in totals:
            total_n += 1
            if (t.value_yuan or Decimal(0)) != s:
                total_fail.append(f"{t.table} {column}: 合计 {wan(t.value_yuan or Decimal(0))} "
                                  f"≠ Σ 类 {wan(s)}")
        for parent, value in coded.items():
            children = [v for c, v in coded.items() if len(c) == len(parent) + 2 and c.startswith(parent)]
            if not children:
                continue
            sub_n += 1
            s = sum(children, Decimal(0))
            if value != s:
                sub_fail.append(f"{col_lines[0].table} {column} {parent}: {wan(value)} ≠ Σ {wan(s)}")
    return total_fail, total_n, sub_fail, sub_n


def total_sum(e: DocumentEvidence) -> Verdict:
    sums = [_code_sums(table_lines) for table_lines in e.lines_by_table.values()]
    return tally([f for s in sums for f in s[0]], sum(s[1] for s in sums))


def class_subtotals(e: DocumentEvidence) -> Verdict:
    sums = [_code_sums(table_lines) for table_lines in e.lines_by_table.values()]
    return tally([f for s in sums for f in s[2]], sum(s[3] for s in sums))


def _side_totals(lines: list[StatementLine], table: str) -> dict[str, Decimal]:
    """The 总计 of each side (收入 / 支出) of a two-sided table: the first value on that side."""
    sides: dict[str, Decimal] = {}
    for ln in lines:
        if ln.table == table and ln.label == GRAND_TOTAL:
            sides.setdefault(ln.column_path.split("/")[0], ln.value_yuan or Decimal(0))
    return sides


def balance(e: DocumentEvidence) -> Verdict:
    fails, n = [], 0
    for table in TWO_SIDED_TABLES:
        sides = _side_totals(list(e.lines), table)
        if len(sides) == 2:
            n += 1
            (a, va), (b, vb) = sides.items()
            if va != vb:
                fails.append(f"{table}: {a}总计 {wan(va)} ≠ {b}总计 {wan(vb)}")
    return tally(fails, n)


def _class_name(label: str) -> str:
    name = ITEM_NUMBER.sub("", label).replace(" ", "")
    return name[:-len(CLASS_NAME_TAIL)] if name.endswith(CLASS_NAME_TAIL) else name


def _class_rows(e: DocumentEvidence, table: str, columns: tuple[str, ...]) -> dict[str, StatementLine]:
    """A table's 类 rows by name, in the first of ``columns`` it prints: a code table's rows of
    3-digit codes, a summary table's rows (no code) on its 支出 side."""
    out: dict[str, StatementLine] = {}
    for column in columns:
        for ln in e.lines_by_table.get(table, []):
            if ln.column_path != column or ln.value_raw is None:
                continue
            if ln.code is not None and len(ln.code) != CLASS_CODE_LENGTH:
                continue
            out.setdefault(_class_name(ln.label), ln)
        if out:
            return out
    return out


def cross_tables(e: DocumentEvidence) -> Verdict:
    """The same 类 in two tables (CROSS_TABLE_PAIRS) has the same amount: 326.71 in the
    总表 and 326.72 in 支出决算表 is a contradiction of the document."""
    fails, agreed = [], []
    for (table_a, columns_a), (table_b, columns_b) in CROSS_TABLE_PAIRS:
        a, b = _class_rows(e, table_a, columns_a), _class_rows(e, table_b, columns_b)
        for name in (n for n in a if n in b):
            va, vb = a[name].value_yuan or Decimal(0), b[name].value_yuan or Decimal(0)
            what = f"{name} ({table_a} p.{a[name].page} / {table_b} p.{b[name].page})"
            if va != vb:
                fails.append(f"{what}: {wan(va)} ≠ {wan(vb)}")
            else:
                agreed.append(f"{name} {wan(va)}")
    return tally(fails, len(fails) + len(agreed), agreed)


def _fact(narrative: Narrative, key: str) -> Decimal | None:
    """The first figure stated under this metric (metrics.METRIC_NAMES), else under this key."""
    for f in narrative.facts:
        if f.metric == key and f.metric_value is not None:
            return f.metric_value
    for f in narrative.facts:
        if f.key == key and f.unit == YUAN and not f.metric_candidates:  # never a doubted figure
            return f.value
    return None


def _sum_check(total_key: str, part_keys: tuple[str, ...], narrative: Narrative) -> Verdict:
    total = _fact(narrative, total_key)
    parts = [_fact(narrative, k) for k in part_keys]
    if total is None or any(p is None for p in parts):
        return not_applicable()
    s = sum(parts, Decimal(0))  # type: ignore[arg-type]
    fails = [] if s == total else [f"{total_key} {wan(total)} ≠ {' + '.join(part_keys)} = {wan(s)}"]
    return tally(fails, 1)


def income_total(e: DocumentEvidence) -> Verdict:
    return _sum_check(INCOME_TOTAL, INCOME_TOTAL_PARTS, e.narrative)


def expense_total(e: DocumentEvidence) -> Verdict:
    return _sum_check(EXPENDITURE_TOTAL, EXPENDITURE_TOTAL_PARTS, e.narrative)


def _spending_sum(parts: list[Decimal], spending: Decimal | None) -> Verdict:
    """Σ parts = 一般公共预算财政拨款支出 (prose); not applicable without either."""
    if spending is None or not parts:
        return not_applicable()
    s = sum(parts, Decimal(0))
    return tally([] if s == spending else [f"Σ {wan(s)} ≠ {GENERAL_BUDGET_SPENDING} {wan(spending)}"], 1)


def _incomplete_classes(narrative: Narrative, general: list[StatementLine]) -> dict[str, str]:
    """Classes whose 项 the prose explains only in part: class -> what is left out.

    Many documents explain only the items that changed. Where the 一般公共预算 table is
    printed, a class is complete when each of its non-zero 项 rows has an item in the prose;
    without the table there is no way to tell, and the prose is taken as complete.
    """
    explained = {(i.class_name, i.item_name) for i in narrative.expenditure_items}
    out = {}
    for cls in (ln for ln in general if ln.code and len(ln.code) == 3):
        rows = [ln for ln in general if ln.code and len(ln.code) == 7 and ln.code.startswith(cls.code)
                and ln.value_yuan]
        missing = [ln.label for ln in rows if (cls.label, ln.label) not in explained]
        if missing:
            out[cls.label] = f"{cls.label}: {len(missing)} of {len(rows)} 项 not explained"
    return out


def _class_amounts(narrative: Narrative) -> dict[str, Decimal]:
    """The 五（二） class amounts the prose states, by class."""
    return {f.key.removesuffix(CLASS_MARK): f.value for f in narrative.facts
            if f.topic == "structure" and f.unit == YUAN}


def structure_sum(e: DocumentEvidence) -> Verdict:
    return _spending_sum(list(_class_amounts(e.narrative).values()), _fact(e.narrative, GENERAL_BUDGET_SPENDING))


def items_sum(e: DocumentEvidence) -> Verdict:
    incomplete = _incomplete_classes(e.narrative, e.general_budget)
    if incomplete:
        return not_applicable("the prose explains only some items: " + "; ".join(incomplete.values()))
    return _spending_sum([i.amount_yuan or Decimal(0) for i in e.narrative.expenditure_items],
                         _fact(e.narrative, GENERAL_BUDGET_SPENDING))


def structure_vs_items(e: DocumentEvidence) -> Verdict:
    incomplete = _incomplete_classes(e.narrative, e.general_budget)
    items = e.narrative.expenditure_items
    fails, n = [], 0
    for name, amount in _class_amounts(e.narrative).items():
        mine = [i.amount_yuan or Decimal(0) for i in items if i.class_name == name]
        if mine and name not in incomplete:
            n += 1
            if sum(mine, Decimal(0)) != amount:
                fails.append(f"{name}: {wan(amount)} ≠ Σ items {wan(sum(mine, Decimal(0)))}")
    return tally(fails, n)


def _comparisons(pairs: list[tuple[str, Decimal, Decimal]]) -> tuple[list[str], list[str]]:
    """(what disagrees, what agrees) of prose and table figures compared exactly."""
    fails = [f"{what}: prose {wan(a)} ≠ table {wan(b)}" for what, a, b in pairs if a != b]
    agreed = [f"{what} {wan(a)}" for what, a, b in pairs if a == b]
    return fails, agreed


def _compare(pairs: list[tuple[str, Decimal, Decimal]]) -> Verdict:
    fails, agreed = _comparisons(pairs)
    return tally(fails, len(pairs), agreed)


def part_tables(e: DocumentEvidence) -> Verdict:
    """The prose's 本年收入合计, 本年支出合计, 基本支出 and 项目支出 (the whole department's) =
    the 合计 row of 收入决算表 / 支出决算表 in that column."""
    pairs = []
    for metric, table, columns in PART_TABLE_TOTALS:
        stated = next((f for f in e.narrative.facts if f.metric == metric and f.metric_value is not None
                       and f.scope in DEPARTMENT_WIDE_SCOPES), None)
        total = next((ln for column in columns for ln in e.lines_by_table.get(table, [])
                      if ln.code is None and ln.label == TABLE_TOTAL and ln.column_path == column), None)
        if stated is not None and total is not None:
            pairs.append((f"{metric} (p.{stated.page} / {table} p.{total.page})", stated.metric_value,
                          total.value_yuan or Decimal(0)))
    return _compare(pairs)


def summary_table(e: DocumentEvidence) -> Verdict:
    summary = {}
    for ln in e.lines:
        if ln.table == SUMMARY_TABLE and ln.code is None:
            summary.setdefault(ITEM_NUMBER.sub("", ln.label), ln.value_yuan or Decimal(0))
    # Only the whole department's own figures: a 年末结转和结余 of the 政府性基金 section, or a
    # budget, is another figure under the same words.
    facts = [f for f in e.narrative.facts if f.unit == YUAN and f.topic != "structure"
             and f.scope in DEPARTMENT_WIDE_SCOPES and f.measure in ("", ACTUAL) and not f.metric_candidates]
    return _compare([(f.key, f.value, summary[f.key]) for f in facts if f.key in summary])


def grand_totals(e: DocumentEvidence) -> Verdict:
    pairs = []
    for key, table, side in GRAND_TOTALS:
        stated = _fact(e.narrative, key)
        printed = _side_totals(list(e.lines), table).get(side)
        if stated is not None and printed is not None:
            pairs.append((key, stated, printed))
    return _compare(pairs)


def general_budget_total(e: DocumentEvidence) -> Verdict:
    total = [ln for ln in e.general_budget if ln.code is None and ln.label == TABLE_TOTAL]
    stated = _fact(e.narrative, GENERAL_BUDGET_SPENDING)
    return _compare([] if stated is None or not total else
                    [(GENERAL_BUDGET_SPENDING, stated, total[0].value_yuan or Decimal(0))])


def items_table(e: DocumentEvidence) -> Verdict:
    general = e.general_budget
    class_codes = {ln.label: ln.code for ln in general if ln.code and len(ln.code) == 3}
    pairs = []
    for item in e.narrative.expenditure_items:
        code = class_codes.get(item.class_name or "")
        rows = [ln for ln in general if ln.code and code and ln.code.startswith(code)
                and len(ln.code) > 5 and ln.label == item.item_name]
        if rows and item.amount_yuan is not None:
            pairs.append((f"{item.class_name}/{item.item_name}", item.amount_yuan,
                          rows[0].value_yuan or Decimal(0)))
    return _compare(pairs)


def basic_expenditure(e: DocumentEvidence) -> Verdict:
    """The 基本支出 section's 人员经费 / 公用经费 (prose) = their 合计 rows of the 基本支出 table,
    and its 一般公共预算财政拨款基本支出 = the two rows' sum. Only figures of that section or of
    the 一般公共预算 section it belongs to (scope general_budget_basic, general_budget) are
    compared: a 人员经费 stated of the whole department is another figure."""
    rows: dict[str, StatementLine] = {}
    for ln in e.lines:
        if ln.table == GENERAL_BUDGET_BASIC_TABLE and ln.code is None and ln.value_yuan is not None:
            rows.setdefault(ln.label, ln)
    stated = {f.metric: f.metric_value for f in e.narrative.facts
              if f.metric and f.scope in (GENERAL_BUDGET_BASIC_SCOPE, GENERAL_BUDGET_SCOPE)
              and f.metric_value is not None}
    pairs = [(metric, stated[metric], rows[label].value_yuan) for metric, label in BASIC_PARTS
             if metric in stated and label in rows]
    fails, agreed = _comparisons(pairs)
    compared = len(pairs)
    if GENERAL_BASIC_SPENDING in stated and all(label in rows for _, label in BASIC_PARTS):
        # The whole against the sum of its printed parts: each part is rounded to its printed
        # decimals, so the sum may miss the whole by up to half a printed unit per part (105.58
        # stated, 95.36 + 10.23 printed): within that the document agrees with itself.
        parts = [rows[label] for _, label in BASIC_PARTS]
        whole, total = stated[GENERAL_BASIC_SPENDING], sum(ln.value_yuan for ln in parts)
        compared += 1
        if abs(whole - total) > sum(_printed_quantum(ln) for ln in parts) / 2:
            fails.append(f"{GENERAL_BASIC_SPENDING}: prose {wan(whole)} ≠ Σ table parts {wan(total)}")
        else:
            agreed.append(f"{GENERAL_BASIC_SPENDING} {wan(whole)}" + (
                "" if whole == total else f" (Σ parts {wan(total)}, within their rounding)"))
    return tally(fails, compared, agreed)


def _printed_quantum(line: StatementLine) -> Decimal:
    """The yuan one unit of a printed value's last decimal stands for (0.01 万元 -> 100 元)."""
    raw = (line.value_raw or "").replace(",", "")
    places = len(raw.split(".")[1]) if "." in raw else 0
    return Decimal(1).scaleb(-places) * MONEY_SCALE.get(line.unit_printed or YUAN, Decimal(1))


def three_public_total(e: DocumentEvidence) -> Verdict:
    """The “三公” 决算数 and 预算数 of the prose against the table's 合计 columns; a table printed
    empty is 0 in both. A budget the prose gives as a 年初预算 only is not compared (the table
    prints the 全年 one, which an adjustment may have changed)."""
    total: dict[str, Decimal] = {}  # each column's first 合计 cell; a blank one is 0
    for ln in e.lines_by_table.get(THREE_PUBLIC_TABLE, []):
        path = ln.column_path.split("/")
        for col in (FINAL_AMOUNT, BUDGET_AMOUNT):
            if TABLE_TOTAL in path and col in path:
                total.setdefault(col, ln.value_yuan or Decimal(0))
    printed_empty = any(t.table == THREE_PUBLIC_TABLE and t.status == "empty" for t in e.tables)
    stated = {FINAL_AMOUNT: _fact(e.narrative, THREE_PUBLIC_SPENDING),
              BUDGET_AMOUNT: next((f.metric_value for f in e.narrative.facts if f.metric == THREE_PUBLIC_BUDGET
                                   and f.measure == BUDGET and f.metric_value is not None), None)}
    pairs = []
    for col, value in stated.items():
        if value is None:
            continue
        if col in total:
            pairs.append((f"{THREE_PUBLIC_NAME} {col}", value, total[col]))
        elif printed_empty:
            pairs.append((f"{THREE_PUBLIC_NAME} {col} (table printed empty)", value, Decimal(0)))
    return _compare(pairs) if pairs else not_applicable()
