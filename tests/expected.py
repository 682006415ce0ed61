"""Compare extracted records with the committed expected records (samples/expected/*.json).

Text is compared with whitespace removed (the PDFs wrap lines where the source had none);
numbers are compared as decimals, money after scaling 万元 to yuan.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from extract.datamodel import CheckedSheet, FundRow, IndicatorRow, Narrative

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
    for key in ("task_name", "task_content", "completion"):  # a 年度主要任务 table's text columns
        if key in want:
            out += _diff(where, key, squash(getattr(got, key)), squash(want[key]))
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


# Keys of the 人员情况 figures and the gold's names for them.
STAFF_KEYS = {"实有人数（人）": "total", "在职人员（人）": "active", "离休人员（人）": "retired_off",
              "退休人员（人）": "retired"}


def narrative_in_gold_shape(narrative: Narrative) -> dict:
    """The extracted facts and items laid out as the gold's narrative.json (raw strings as printed).

    Every raw string is also checked against its parsed value, so a fact whose value was
    mis-scaled fails even when its raw text is right.
    """
    out: dict = {"staff": {}, "summary": {}, "summary_pct": {}, "counts": {},
                 "expenditure_structure": [], "facts_not_in_gold": []}
    for f in narrative.facts:
        scale = {"元": WAN, "ratio": Decimal("0.01")}.get(f.unit, Decimal(1))
        assert Decimal(f.value_raw.replace(",", "")) * scale == f.value, f
        if f.topic == "structure":
            if f.unit == "元":
                out["expenditure_structure"].append({"class": f.key.removesuffix("（类）"),
                                                     "amount": f.value_raw})
            else:
                out["expenditure_structure"][-1]["share"] = f.value_raw + f.unit_raw
        elif f.key in STAFF_KEYS:
            out["staff"][STAFF_KEYS[f.key]] = int(f.value_raw)
        elif f.unit == "元":
            out["summary"][f.key] = f.value_raw
        elif f.unit == "ratio":
            out["summary_pct"][f.key] = f.value_raw + f.unit_raw
        else:
            out["counts"][f.key] = f.value_raw
    out["expenditure_items"] = [
        {"seq": i.seq, "class": i.class_name, "section": i.section_name, "item": i.item_name,
         "amount": i.amount_raw, "change": i.change_raw, "change_direction": i.change_direction,
         "change_pct": i.change_pct_raw, "reason": i.reason}
        for i in narrative.expenditure_items]
    for i in narrative.expenditure_items:
        assert Decimal(i.amount_raw.replace(",", "")) * WAN == i.amount_yuan, i
        assert Decimal(i.change_raw.replace(",", "")) * WAN == i.change_yuan, i
    return out


def narrative_diffs(narrative: Narrative, want: dict) -> list[str]:
    got = narrative_in_gold_shape(narrative)
    extra = {f["key"]: f["value_raw"] + f["unit_raw"] for f in want["facts_not_in_gold"]}
    for key, value in extra.items():
        if got["summary_pct"].get(key) == value:
            del got["summary_pct"][key]
    out = []
    for part in ("staff", "summary", "summary_pct", "counts"):
        g, w = got[part], want[part]
        out += [f"{part} {k}: got {g.get(k)!r}, want {w.get(k)!r}"
                for k in sorted(set(g) | set(w)) if g.get(k) != w.get(k)]
    for part in ("expenditure_items", "expenditure_structure"):
        out += _diff(part, "count", len(got[part]), len(want[part]))
        for g, w in zip(got[part], want[part]):
            out += [f"{part} {w.get('seq', w.get('class'))} {k}: got {g[k]!r}, want {w[k]!r}"
                    for k in w if g.get(k) != w[k]]
    return out
