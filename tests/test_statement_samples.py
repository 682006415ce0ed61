"""The synthetic sample with the standard 决算 tables yields exactly what its source prints.

samples/source/statements_2023.json (written by tools/make_statements_source.py) gives every
table's header, rows and the column path of each value column; the expected statement lines
are read from it here, and the figures all add up, so every cross-check passes.
"""

from __future__ import annotations

from dataclasses import replace

import json
from decimal import Decimal

import pytest

from conftest import ROOT, STATEMENT_SAMPLES
from extract.pipeline import process_document
from extract.vocabulary.statements import STATEMENT_TITLES

SOURCE = json.loads((ROOT / "samples" / "source" / "statements_2023.json").read_text(encoding="utf-8"))
SCALE = {"万元": Decimal(10000), "元": Decimal(1)}


def _row_texts(row: list[str] | dict) -> list[str]:
    return row if isinstance(row, list) else row["cells"]


def expected_lines(spec: dict) -> dict[tuple, str]:
    """(code, label, column path) -> value as printed, for every non-empty value cell."""
    out = {}
    for row in spec["rows"]:
        texts = _row_texts(row)
        for block in spec["blocks"]:
            parts = [texts[c] for c in block["code"]]
            code = "".join(t for t in parts if t.isdigit()) or None
            label = "".join([t for t in parts if not t.isdigit()] + [texts[c] for c in block["label"]])
            for col, path in block["values"].items():
                if texts[int(col)] and (code or label or not block["label"]):
                    out[(code, label, path)] = texts[int(col)]
    return out


@pytest.fixture(scope="module", params=STATEMENT_SAMPLES, ids=[p.stem for p in STATEMENT_SAMPLES])
def document(request):
    return process_document(request.param)


def test_there_is_a_statement_sample_per_layout():
    assert len(STATEMENT_SAMPLES) == 3


@pytest.mark.parametrize("spec", SOURCE["statements"], ids=[s["name"] for s in SOURCE["statements"]])
def test_every_value_cell_equals_the_source(document, spec):
    got = {(ln.code, ln.label, ln.column_path): ln.value_raw
           for ln in document.statement_lines if ln.table == spec["name"] and ln.value_raw}
    assert got == expected_lines(spec)
    for ln in document.statement_lines:
        if ln.table == spec["name"] and ln.value_raw:
            assert ln.unit_printed == spec["unit"]
            assert ln.value_yuan == Decimal(ln.value_raw.replace(",", "")) * SCALE[spec["unit"]]


def test_tables_are_present_empty_or_missing_as_printed(document):
    status = {t.table: t.status for t in document.statement_tables}
    assert list(status) == [s["name"] for s in SOURCE["statements"]] + ["国有资本经营预算财政拨款收入支出决算表"]
    assert set(status) == set(STATEMENT_TITLES)
    assert status["政府性基金预算财政拨款收入支出决算表"] == "empty"
    assert status["国有资本经营预算财政拨款收入支出决算表"] == "missing"
    assert [s for n, s in status.items() if n not in (
        "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表")] == ["present"] * 7


def test_every_cross_check_passes_on_a_consistent_document(document):
    checks = {c.check_id: (c.status, c.detail) for c in document.document_checks}
    # The prose explains the three 项 of 一般公共服务支出 only, as documents often do: the items
    # cannot add up to the total, and that is not an inconsistency.
    # The 国有资本经营 table is left out of this sample on purpose: D.required_tables says so.
    assert {k: v for k, v in checks.items() if v[0] != "pass"} == {"N.items_sum": (
            "not_applicable", "the prose explains only some items: 社会保障和就业支出: 3 of 3 项 not explained; "
            "卫生健康支出: 1 of 1 项 not explained; 住房保障支出: 2 of 2 项 not explained"),
        "D.required_tables": ("fail", "not printed: 国有资本经营预算财政拨款收入支出决算表"),
        # the prose of these samples has no 基本支出 section to compare with its table
        "X.basic_expenditure": ("not_applicable", "nothing to compare in this document")}
    assert checks["N.structure_vs_items"] == ("pass", "1 comparisons")  # 780.00 = 500 + 80 + 200
    assert checks["X.three_public_total"] == (  # = 225,000.00 元; the 预算数 column 250,000.00
        "pass", "2 comparisons: “三公”经费 决算数 22.50 万元; “三公”经费 预算数 25.00 万元")
    # 总表 / 支出决算表 (all funds) and 财政拨款总表 / 一般公共预算 table: four 类 each
    assert checks["T.cross_tables"][1].startswith("8 comparisons: 一般公共服务 800.00 万元;")
    assert checks["X.items_table"] == ("pass", "3 comparisons: 一般公共服务支出/行政运行 500.00 万元; 一般公共服务支出/一般行政管理事务 80.00 万元; "
                                           "一般公共服务支出/其他财政事务支出 200.00 万元")
    assert checks["T.balance"] == ("pass", "2 comparisons")


@pytest.mark.parametrize("backend", ["pdfplumber", "camelot"])
def test_every_backend_reads_the_same_tables(backend):
    letter = next(p for p in STATEMENT_SAMPLES if "letter" in p.stem)  # open borders at breaks
    default, other = process_document(letter), process_document(letter, backend=backend)
    # Cell boxes agree to a fraction of a point (rulings read by each library), not exactly.
    assert [replace(ln, bbox=None) for ln in other.statement_lines] == \
        [replace(ln, bbox=None) for ln in default.statement_lines]
    assert all(max(abs(a - b) for a, b in zip(x.bbox, y.bbox)) < 1.0
               for x, y in zip(other.statement_lines, default.statement_lines) if x.bbox and y.bbox)
    assert other.statement_tables == default.statement_tables
    assert other.document_checks == default.document_checks
