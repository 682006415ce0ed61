"""Score the reader on generated 自评表 forms (samples/forms/explore.py).

    python tools/explore_forms.py --cases 50 --seed 1 [--out DIR] [--keep-failures]

Each case (a PDF and its truth) is run through ``extract.pipeline.process_document`` and
classified:

* ``exact``         every sheet's records equal the truth (compared as tests/expected.py does,
                    plus the 部门预算编码 and the 评价等级 where the truth has them);
* ``partial_named`` the document is ``partial`` and its warnings name what was not read;
* ``ok_wrong``      the document is ``ok`` but its records differ from the truth: the worst
                    outcome, a wrong answer given as right;
* ``other``         failed, skipped, crashed, or partial without a warning.

It prints the counts per class; then, for each kind of difference (a field of the records, the
sheet count, a status), on how many sheets it occurs and the dimension values it goes with (the
values whose sheets have it far more often than the others: which dimension breaks the reader),
with an example case; then one line per failing case: its class, the first difference, and the
failing sheet's main dimensions (all of them are in the case's truth JSON).

Cases are written to ``--out`` (default: a temporary directory, removed at the end); with
``--keep-failures`` only the failing cases are kept there, with ``summary.json``. Re-create
one case with ``--cases 1 --first INDEX``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))  # forms.explore
sys.path.insert(0, str(ROOT / "tests"))  # expected.sheet_diffs

from expected import sheet_diffs, squash  # noqa: E402  (the comparison the sample tests make)
from extract.pipeline import process_document  # noqa: E402
from forms.explore import draw_case, missing_fonts, write_case  # noqa: E402

CLASSES = ("exact", "partial_named", "ok_wrong", "other")
# The dimensions shown on a failing case's line (all of them are in its truth JSON).
KEY_DIMS = ("kind", "fund_form", "fund_rows", "goal_form", "title.style", "title.year", "ind.target_parts",
            "ind.actual_parts", "ind.two_row_header", "ind.has_side_label", "ind.nowrap", "ind.value_order",
            "ind.weight_at", "total.form", "field.budget_code")
DOC_DIMS = ("producer", "font", "page", "landscape", "rotate", "ruling", "open_breaks", "repeat_header", "break")


def extra_diffs(got, want: dict) -> list[str]:
    """Fields of the records tests/expected.py leaves out, where the truth knows them."""
    s = got.sheet
    where = f"sheet {s.sheet_no} ({want['project_name'] or want['title']})"
    out = []
    for key in ("budget_code", "evaluation_grade"):
        if squash(getattr(s, key)) != squash(want.get(key)):
            out.append(f"{where} {key}: got {getattr(s, key)!r}, want {want.get(key)!r}")
    return out


def record_diffs(got, want: dict) -> list[str]:
    """tests/expected.py's sheet_diffs, but a raw amount printed otherwise than as its decimal
    (thousands separators, a placeholder: ``printed`` in the truth) is compared with what was
    printed."""
    out = sheet_diffs(got, want) + extra_diffs(got, want)
    where = f"sheet {got.sheet.sheet_no} ({want['project_name'] or want['title']})"
    for i, (g, w) in enumerate(zip(got.sheet.funds, want["funds"])):
        for key, printed in w.get("printed", {}).items():
            raw = getattr(g, f"{key}_raw")
            line = f"{where} fund {i + 1} {key}_raw: got {raw!r}, want {w[key]!r}"
            if line in out:
                out.remove(line)
                if raw != printed:
                    out.append(f"{where} fund {i + 1} {key}_raw: got {raw!r}, want {printed!r}")
    return out


def _key(title: str | None, name: str | None) -> tuple:
    return squash(title), squash(name)


def align(got: list, want: list[dict]) -> list:
    """The extracted sheet each truth sheet is compared with, in order: the next one with its
    title and name where the counts differ (a continuation read as a sheet of its own is left
    over), else the next one; None when none is left."""
    if len(got) == len(want):
        return list(got)
    out, j = [], 0
    for i, w in enumerate(want):
        want_key = _key(w["title"], w["project_name"] or w["unit_name"])
        k = next((k for k in range(j, len(got))
                  if _key(got[k].sheet.title, got[k].sheet.project_name or got[k].sheet.unit_name) == want_key), None)
        if k is None and len(got) - j > 0:
            k = j
        out.append(None if k is None else got[k])
        j = j if k is None else k + 1
    return out


def compare(doc, truth: dict) -> tuple[list[str], list[list[str]]]:
    """(document-level differences, differences per truth sheet)."""
    want = truth["sheets"]
    doc_diffs = []
    if len(doc.sheets) != len(want):
        doc_diffs.append(f"sheets: got {len(doc.sheets)}, want {len(want)} "
                         f"(titles got {[c.sheet.title for c in doc.sheets]})")
    per_sheet = [record_diffs(g, w) if g is not None
                 else [f"sheet ({w['project_name'] or w['title']}) missing: not read"]
                 for g, w in zip(align(list(doc.sheets), want), want)]
    return doc_diffs, per_sheet


def classify(doc, doc_diffs: list[str], per_sheet: list[list[str]]) -> str:
    if doc.status not in ("ok", "partial"):
        return "other"
    if not doc_diffs and not any(per_sheet):
        return "exact"
    if doc.status == "partial":
        return "partial_named" if doc.warnings else "other"
    return "ok_wrong"


def _flat(dims: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for k, v in dims.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        elif not isinstance(v, (list, float)) and k not in ("n_indicators", "n_funds", "pages", "break_row"):
            out[prefix + k] = str(v)
    return out


def run_case(seed: int, index: int, out: Path) -> dict:
    case = draw_case(seed, index)
    result = {"name": case.name, "seed": seed, "index": index, "dims": case.dims}
    missing = missing_fonts(case)
    if missing:
        return {**result, "class": "skipped", "why": f"font missing: {missing[0]}"}
    try:
        pdf, _ = write_case(case, out)
    except Exception as exc:  # a generator bug: reported, never hidden
        return {**result, "class": "generator_error", "why": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()}
    result["files"] = [str(pdf), str(pdf.with_suffix(".json"))]
    try:
        doc = process_document(pdf)
    except Exception as exc:
        return {**result, "class": "other", "why": f"crashed: {type(exc).__name__}: {exc}"}
    doc_diffs, per_sheet = compare(doc, case.truth)
    cls = classify(doc, doc_diffs, per_sheet)
    first = next((d for d in doc_diffs + [d for s in per_sheet for d in s]), None)
    layout_warnings = [w for c in doc.sheets for w in c.sheet.layout_warnings]
    return {**result, "class": cls, "status": doc.status, "error_class": doc.error_class,
            "warnings": list(doc.warnings), "layout_warnings": layout_warnings,
            "doc_diffs": doc_diffs, "sheet_diffs": per_sheet,
            "first_diff": first or (f"{doc.error_class}: {doc.error_message}" if doc.status == "failed"
                                    else "; ".join(doc.warnings)[:200] or doc.status)}


_FIELD = re.compile(r"\) (fund \d+ |indicator \d+ )?([\w ]+?):")


def categories(r: dict) -> list[set[str]]:
    """Per truth sheet, what differs: the field names of its differences (fund source,
    indicator deviation, goal_expected …), ``sheet count`` when the document's sheets are not the
    truth's, ``status …`` when nothing was read."""
    n = len(r["dims"]["sheets"])
    doc = set()
    if r["class"] == "other" and r.get("status") not in ("ok", "partial"):
        doc.add(f"status {r.get('status')} {r.get('error_class') or ''}".strip())
    elif r.get("doc_diffs"):
        doc.add("sheet count")
    out = []
    for k in range(n):
        cats = set(doc)
        for line in (r.get("sheet_diffs") or [[]] * n)[k] if not r["class"] == "other" or not doc else ():
            m = _FIELD.search(line)
            if line.endswith("missing: not read"):
                cats.add("sheet missing")
            elif m:
                cats.add(((m.group(1) or "").split(" ")[0] + " " + m.group(2)).strip())
        out.append(cats)
    return out


def patterns(results: list[dict], min_count: int) -> list[tuple[str, int, int, list, dict]]:
    """For each kind of difference: how many sheets have it, and the dimension values it goes
    with (the share of the sheets with that value that have it, well above its share of all)."""
    sheets = []  # (dimension items, categories, case, the sheet: (case index, sheet number))
    for r in results:
        if r["class"] in ("skipped", "generator_error"):
            continue
        doc = _flat(r["dims"]["document"], "doc.")
        for k, (dims, cats) in enumerate(zip(r["dims"]["sheets"], categories(r))):
            sheets.append((set({**doc, **_flat(dims)}.items()), cats, r, (r["index"], k)))
    by_cat: dict[str, list] = defaultdict(list)
    for items, cats, r, sheet in sheets:
        for c in cats:
            by_cat[c].append((items, r, sheet))
    # A sheet nothing was read from (a status) tells nothing of the other kinds of difference.
    read = [x for x in sheets if not any(c.startswith("status") for c in x[1])]
    counted = {c: (sheets if c.startswith("status") else read) for c in by_cat}
    # The check results follow from the values; kinds found on the same sheets are one pattern.
    merged: dict[tuple, list[str]] = defaultdict(list)
    for cat, rows in by_cat.items():
        if cat not in ("failed checks", "not applicable checks"):
            merged[tuple(sheet for _, _, sheet in rows)].append(cat)
    out = []
    for key, cats in sorted(merged.items(), key=lambda kv: -len(kv[0])):
        rows = by_cat[cats[0]]
        among = counted[cats[0]]
        n = len(among)
        base = len(rows) / n
        seen: Counter = Counter(item for items, _, _, _ in among for item in items)
        with_cat: Counter = Counter(item for items, _, _ in rows for item in items)
        lifted = [(f"{k}={v}", with_cat[(k, v)], seen[(k, v)]) for (k, v) in with_cat
                  if seen[(k, v)] >= min_count and with_cat[(k, v)] >= max(2, 0.15 * len(rows))
                  and with_cat[(k, v)] / seen[(k, v)] >= min(0.9, max(1.5 * base, base + 0.2))
                  and not k.startswith(("doc.break_", "doc.n_"))]
        lifted.sort(key=lambda x: (-x[1] / x[2], -x[1]))
        out.append((", ".join(sorted(cats)), len(rows), n, lifted[:5], rows[0][1]))
    return out


def _case_line(r: dict) -> str:
    dims = r["dims"]
    failing = [k for k, d in enumerate(r.get("sheet_diffs", [])) if d] or list(range(len(dims["sheets"])))
    sheet = dims["sheets"][failing[0]] if dims["sheets"] else {}
    key = ", ".join(f"{k}={sheet[k]}" for k in KEY_DIMS if k in sheet)
    doc = ", ".join(f"{k}={dims['document'][k]}" for k in DOC_DIMS if k in dims["document"])
    first = r.get("first_diff") or r.get("why")
    return (f"  {r['name']} (seed {r['seed']}, index {r['index']}) [{r['class']}] {first}\n"
            f"      sheet {failing[0] + 1}: {key}\n      document: {doc}")


def report(results: list[dict], seed: int, seconds: float | None = None) -> None:
    counts = Counter(r["class"] for r in results)
    took = f" ({seconds:.0f}s)" if seconds is not None else ""
    print(f"{len(results)} cases, seed {seed}{took}:")
    for cls in CLASSES + ("skipped", "generator_error"):
        if counts[cls] or cls in CLASSES:
            print(f"  {cls:15} {counts[cls]}")
    failing = [r for r in results if r["class"] not in ("exact", "skipped")]
    found = patterns(results, min_count=max(3, len(results) // 40))
    if found:
        print("\nwhat differs, on how many sheets, and the dimension values that go with it "
              "(sheets with the value that have the difference / sheets with the value):")
        for cat, k, n, lifted, example in found:
            print(f"  {cat}: {k} of {n} sheets ({k / n:.0%}); e.g. seed {example['seed']} index {example['index']}")
            for label, a, b in lifted:
                print(f"      {label:58} {a:4d} / {b:<4d} {a / b:4.0%}")
    by_class = defaultdict(list)
    for r in failing:
        by_class[r["class"]].append(r)
    for cls in ("ok_wrong", "partial_named", "other", "generator_error"):
        if by_class[cls]:
            print(f"\n{cls}:")
            for r in by_class[cls]:
                print(_case_line(r))
    skipped = [r for r in results if r["class"] == "skipped"]
    if skipped:
        print(f"\nskipped: {len(skipped)} ({Counter(r['why'] for r in skipped).most_common()})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="index of the first case (default 0)")
    ap.add_argument("--out", help="directory for the cases (default: a temporary one, removed)")
    ap.add_argument("--keep-failures", action="store_true", help="keep only the failing cases in --out")
    ap.add_argument("--json", help="write every case's result here")
    ap.add_argument("--report", metavar="JSON", help="print the report of a --json file again, running nothing")
    args = ap.parse_args(argv)
    if args.report:
        saved = json.loads(Path(args.report).read_text(encoding="utf-8"))
        report(saved["results"], saved["seed"])
        return 0
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="explore-"))
    if args.keep_failures and not args.out:
        out = Path(tempfile.gettempdir()) / f"explore-failures-s{args.seed}"
    started = time.time()
    results = []
    for index in range(args.first, args.first + args.cases):
        r = run_case(args.seed, index, out)
        results.append(r)
        if args.keep_failures and r["class"] == "exact":
            for f in r.get("files", []):
                Path(f).unlink(missing_ok=True)
        print(f"\r{index - args.first + 1}/{args.cases} cases", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if args.json or args.keep_failures:
        path = Path(args.json) if args.json else out / "summary.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"seed": args.seed, "cases": args.cases, "counts": dict(Counter(
            r["class"] for r in results)), "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    report(results, args.seed, time.time() - started)
    if not args.out and not args.keep_failures:
        shutil.rmtree(out, ignore_errors=True)
    elif args.keep_failures:
        print(f"\nfailing cases kept in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
