"""Compare extracted records with the committed expected records (samples/expected/*.json).

Text is compared with whitespace removed (the PDFs wrap lines where the source had none);
numbers are compared as decimals, money after scaling 万元 to yuan.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from extract.datamodel import CheckedSheet, FundRow, IndicatorRow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WAN = Decimal(10000)


def load_expected(name: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def squash(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def _dec(raw: str | None) -> Decimal | None:
    return None if raw is None else Decimal(raw.rstrip("%"))


def _diff(where: str, field: str, got: object, want: object) -> list[str]:
    return [] if got == want else [f"{where} {field}: got {got!r}, want {want!r}"]


def fund_diffs(where: str, got: FundRow, want: dict) -> list[str]:
    out = _diff(where, "source", squash(got.source), squash(want["source"]))
    for key in ("initial_budget", "annual_budget", "executed"):
        want_yuan = None if want[key] is None else _dec(want[key]) * WAN
        out += _diff(where, key, getattr(got, f"{key}_yuan"), want_yuan)
        out += _diff(where, f"{key}_raw", getattr(got, f"{key}_raw"), want[key])
    out += _diff(where, "weight", got.weight, _dec(want["weight"]))
    out += _diff(where, "score", got.score, _dec(want["score"]))
    want_rate = None if want["execution_rate"] is None else _dec(want["execution_rate"]) / 100
    out += _diff(where, "execution_rate", got.execution_rate, want_rate)
    return out


def indicator_diffs(where: str, got: IndicatorRow, want: dict) -> list[str]:
    out = []
    for key in ("level1", "level2", "level3", "deviation", "basis"):
        out += _diff(where, key, squash(getattr(got, key)), squash(want[key]))
    out += _diff(where, "target", squash(got.target.raw), squash(want["target"]))
    out += _diff(where, "actual", squash(got.actual.raw), squash(want["actual"]))
    out += _diff(where, "weight", got.weight, _dec(want["weight"]))
    out += _diff(where, "score", got.score, _dec(want["score"]))
    return out


def sheet_diffs(got: CheckedSheet, want: dict) -> list[str]:
    s = got.sheet
    where = f"sheet {s.sheet_no} ({want['project_name'] or want['title']})"
    out = []
    for key in ("sheet_kind", "fiscal_year"):
        out += _diff(where, key, getattr(s, key), want[key])
    for key in ("title", "project_name", "competent_dept", "implementing_unit", "unit_name",
                "goal_expected", "goal_actual"):
        out += _diff(where, key, squash(getattr(s, key)), squash(want[key]))
    out += _diff(where, "total_weight", s.total_weight, _dec(want["total_weight"]))
    out += _diff(where, "total_score", s.total_score, _dec(want["total_score"]))
    out += _diff(where, "fund rows", len(s.funds), len(want["funds"]))
    for i, (g, w) in enumerate(zip(s.funds, want["funds"])):
        out += fund_diffs(f"{where} fund {i + 1}", g, w)
    out += _diff(where, "indicator rows", len(s.indicators), len(want["indicators"]))
    for i, (g, w) in enumerate(zip(s.indicators, want["indicators"])):
        out += indicator_diffs(f"{where} indicator {i + 1}", g, w)
    out += _diff(where, "failed checks", list(got.failed_checks), want["failed_checks"])
    not_applicable = [c.check_id for c in got.checks if c.status == "not_applicable"]
    out += _diff(where, "not applicable checks", not_applicable, want["not_applicable_checks"])
    return out
