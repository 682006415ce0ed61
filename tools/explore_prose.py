"""Score the prose reader on generated 公开说明 wordings (samples/prose/wording.py).

    python tools/explore_prose.py --cases 500 --seed 1 [--json F] [--first I] [--examples 3]

Each case's sections go through ``extract.document.facts.read_narrative`` as NarrativeSections
(no PDF: the reader's grammar alone is measured). Each fact the case expects is classed

* ``found``    the reader gives the metric with the expected value;
* ``wrong``    it gives the metric, with other values only;
* ``missing``  it does not give the metric at all;

and each fact the case forbids (a 预算 read as a 决算, a change or a part read as the figure, a
figure of another section's scope) is ``falsely produced`` when the reader gives that metric
with that value. Metrics the reader gives that the case neither expects nor forbids are counted
as ``unexpected`` (a hint, not a verdict: either the reader invents or the truth is silent).

It prints the totals; the dimension values that go with failures (each fact carries its
section's dimensions, its metric and its wording: the clause with its figures as letters),
worst first; the wordings that fail most; and a few examples of each failure with what the
reader read from that section. ``--json F`` writes every case's classes and the summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))  # prose.wording

from extract.datamodel import NarrativeSection  # noqa: E402
from extract.document.facts import read_narrative  # noqa: E402
from prose.wording import draw_case  # noqa: E402

EXPECT_CLASSES = ("found", "missing", "wrong")
# Dimensions every section draws alike (who, when, how numbers print): reported unprefixed;
# the others are named with their section's family (three_public.measure=实际支出).
SHARED_DIMS = ("who", "year", "year_first", "unit", "separators", "spaced", "decimals")
SKIPPED_DIMS = ("family", "distributions")


def sections_of(case: dict) -> list[NarrativeSection]:
    """The case's sections as the document reader would have split them (one page)."""
    return [NarrativeSection(tuple(s["path"]), s["text"], ((0, 1),)) for s in case["sections"]]


def score_case(case: dict) -> dict:
    """The class of each expected and forbidden fact of a case, and what the reader gave."""
    try:
        facts = read_narrative(sections_of(case), case["unit_name"]).facts
    except Exception as exc:  # a crash is a finding: every expected fact is missing
        facts, crash = (), f"{type(exc).__name__}: {exc}"
    else:
        crash = None
    got: dict[str, set[Decimal]] = defaultdict(set)
    for f in facts:
        if f.metric:
            got[f.metric].add(f.metric_value)
    expect = []
    for e in case["expect"]:
        value = Decimal(e["value"])
        cls = "found" if value in got.get(e["metric"], ()) else "wrong" if e["metric"] in got else "missing"
        expect.append({**e, "class": cls, "got": sorted(str(v) for v in got.get(e["metric"], ()))})
    forbid = [{**f, "produced": Decimal(f["value"]) in got.get(f["metric"], ())} for f in case["forbid"]]
    known = {e["metric"] for e in case["expect"]} | {f["metric"] for f in case["forbid"]}
    unexpected = sorted(f"{m}={v}" for m in got if m not in known for v in got[m])
    read = [{"section": f.section, "key": f.key, "value": str(f.value), "metric": f.metric} for f in facts]
    return {"name": case["name"], "expect": expect, "forbid": forbid, "unexpected": unexpected,
            "crash": crash, "read": read}


def fact_dims(case: dict, entry: dict) -> dict[str, str]:
    """The dimension values a fact goes with: its case's, its section's, its metric, its wording."""
    section = case["sections"][entry["section"]]
    family = section["dims"]["family"]
    out = {f"case.{k}": str(v) for k, v in case["dims"].items()}
    out["family"] = family
    for k, v in section["dims"].items():
        if k in SKIPPED_DIMS or isinstance(v, (list, dict)):
            continue
        out[k if k in SHARED_DIMS else f"{family}.{k}"] = str(v)
    out["metric"] = entry["metric"]
    out["wording"] = entry["wording"]
    return out


def summarize(cases: list[dict], results: list[dict]) -> dict:
    """Totals, and per dimension value the counts of each class."""
    totals = Counter()
    by_dim: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for case, r in zip(cases, results):
        totals["cases"] += 1
        totals["crashed"] += bool(r["crash"])
        totals["unexpected"] += len(r["unexpected"])
        for e in r["expect"]:
            totals["expected"] += 1
            totals[e["class"]] += 1
            for item in fact_dims(case, e).items():
                by_dim[item]["expected"] += 1
                by_dim[item][e["class"]] += 1
        for f in r["forbid"]:
            totals["forbidden"] += 1
            totals["falsely_produced"] += f["produced"]
            for item in fact_dims(case, f).items():
                by_dim[item]["forbidden"] += 1
                by_dim[item]["falsely_produced"] += f["produced"]
    return {"totals": dict(totals), "by_dim": {f"{k}={v}": dict(c) for (k, v), c in by_dim.items()}}


def failures(c: dict) -> int:
    return c.get("missing", 0) + c.get("wrong", 0) + c.get("falsely_produced", 0)


def failure_rate(c: dict) -> float:
    return failures(c) / max(1, c.get("expected", 0) + c.get("forbidden", 0))


def _pct(n: int, of: int) -> str:
    return f"{100 * n / of:5.1f}%" if of else "   — "


def _line(name: str, c: dict) -> str:
    e, f = c.get("expected", 0), c.get("forbidden", 0)
    return (f"{_pct(failures(c), e + f)} fail  expected {e:4d}: found {_pct(c.get('found', 0), e)} "
            f"missing {c.get('missing', 0):3d} wrong {c.get('wrong', 0):3d} | forbidden {f:4d}: "
            f"produced {c.get('falsely_produced', 0):3d}   {name}")


def report(summary: dict, cases: list[dict], results: list[dict], examples: int, min_support: int,
           top: int) -> None:
    t = summary["totals"]
    e, f = t.get("expected", 0), t.get("forbidden", 0)
    print(f"{t['cases']} cases, {t.get('crashed', 0)} crashed")
    print(f"expected facts  {e:5d}: found {t.get('found', 0)} ({_pct(t.get('found', 0), e).strip()}), "
          f"missing {t.get('missing', 0)} ({_pct(t.get('missing', 0), e).strip()}), "
          f"wrong {t.get('wrong', 0)} ({_pct(t.get('wrong', 0), e).strip()})")
    print(f"forbidden facts {f:5d}: falsely produced {t.get('falsely_produced', 0)} "
          f"({_pct(t.get('falsely_produced', 0), f).strip()})")
    print(f"unexpected metrics given: {t.get('unexpected', 0)}")

    dims = {k: c for k, c in summary["by_dim"].items() if not k.startswith("wording=")
            and c.get("expected", 0) + c.get("forbidden", 0) >= min_support and failures(c)}
    print(f"\nDimension values with the highest failure rate (at least {min_support} facts):")
    for k, c in sorted(dims.items(), key=lambda kc: (-failure_rate(kc[1]), -failures(kc[1])))[:top]:
        print("  " + _line(k, c))

    wordings = {k.removeprefix("wording="): c for k, c in summary["by_dim"].items()
                if k.startswith("wording=") and failures(c)}
    print("\nWordings that fail most (by failures):")
    for k, c in sorted(wordings.items(), key=lambda kc: (-failures(kc[1]), -failure_rate(kc[1])))[:top]:
        print("  " + _line(k, c))

    for cls in ("missing", "wrong", "falsely produced"):
        shown = 0
        print(f"\nExamples, {cls}:")
        for case, r in zip(cases, results):
            entries = ([x for x in r["forbid"] if x["produced"]] if cls == "falsely produced"
                       else [x for x in r["expect"] if x["class"] == cls])
            for x in entries:
                if shown >= examples:
                    break
                shown += 1
                section = case["sections"][x["section"]]
                read = [f"{g['key']}={g['value']}" + (f" [{g['metric']}]" if g["metric"] else "")
                        for g in r["read"] if g["section"] == section["heading"]]
                got = f" (got {', '.join(x['got'])})" if cls == "wrong" else ""
                print(f"  {case['name']}: {x['metric']} = {x['value']} printed {x['printed']!r}{got}")
                print(f"    under {section['heading']}: {section['text'][:180]}")
                print(f"    read: {'; '.join(read) or 'nothing'}")
        if not shown:
            print("  none")


def run(cases: int, seed: int, first: int = 0) -> tuple[list[dict], list[dict], dict]:
    """Draw and score ``cases`` cases: (the cases, their results, the summary)."""
    drawn = [draw_case(seed, i) for i in range(first, first + cases)]
    results = [score_case(c) for c in drawn]
    return drawn, results, summarize(drawn, results)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="index of the first case (re-create one case)")
    ap.add_argument("--json", type=Path, help="write the cases' classes and the summary here")
    ap.add_argument("--examples", type=int, default=3, help="examples shown per failure class")
    ap.add_argument("--min-support", type=int, default=8, help="facts a dimension value needs to be listed")
    ap.add_argument("--top", type=int, default=25, help="dimension values and wordings listed")
    args = ap.parse_args(argv)
    cases, results, summary = run(args.cases, args.seed, args.first)
    report(summary, cases, results, args.examples, args.min_support, args.top)
    if args.json:
        args.json.write_text(json.dumps({"seed": args.seed, "first": args.first, "summary": summary,
                                         "cases": [{**c, "result": r} for c, r in zip(cases, results)]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
