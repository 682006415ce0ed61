"""Derive the sample generator's source and the expected records from ../shared/seed.

Run once by a developer who has ../shared (the outputs are committed; nothing from ../shared
is). It writes:

* samples/source/seed_2023.json  — what the generator prints: cover lines, narrative
  paragraphs (re-flowed from the seed's text layer, page numbers dropped) and the 24 sheets;
* samples/expected/seed_2023.json — the records every PDF made from that source must yield,
  in the pipeline's own vocabulary (raw strings as printed), with the checks expected to fail,
  and the narrative figures (the gold's shape, plus the few figures the gold leaves out).

    python tools/derive_seed.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、](?!\d))")
# Line ranges (1-based, inclusive) of the narrative in the seed text, see seed/gold/README.md.
NARRATIVE_BEFORE = (1, 630)
NARRATIVE_AFTER = (5294, 10**6)


def paragraphs(lines: list[str]) -> list[str]:
    """Re-flow printed lines into paragraphs: a heading or a line after a full stop starts one."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.isdigit():
            continue  # blank separators and page numbers
        # A heading line stands alone: its own 、 after the numeral is not prose punctuation.
        after_heading = bool(out) and bool(HEADING.match(out[-1])) and len(out[-1]) <= 30 \
            and not re.search(r"[，、；。：]", HEADING.sub("", out[-1]))
        starts = not out or HEADING.match(line) or out[-1].endswith(("。", "：")) or after_heading
        if starts or line.startswith("第") and "部分" in line[:6]:
            out.append(line)
        else:
            out[-1] += line
    return out


# Figures the seed prints that the gold's hand-picked headline list leaves out; the pipeline
# reports them too (七: each part of the “三公” budget comparison prints its own 差异率).
FACTS_NOT_IN_GOLD = [
    {"key": "因公出国（境）费预决算差异率", "value_raw": "0.00", "unit_raw": "%"},
    {"key": "公务用车购置费预决算差异率", "value_raw": "0.00", "unit_raw": "%"},
    {"key": "公务用车运行费预决算差异率", "value_raw": "0.00", "unit_raw": "%"},
    {"key": "公务接待费预决算差异率", "value_raw": "0.00", "unit_raw": "%"},
]


def expected_sheet(sheet: dict) -> dict:
    """The gold sheet in the pipeline's vocabulary; every identity of the seed holds (gold README)."""
    out = {k: sheet[k] for k in ("sheet_kind", "title", "project_name", "competent_dept",
                                  "implementing_unit", "unit_name", "goal_expected",
                                  "goal_actual", "total_weight", "total_score")}
    out["fiscal_year"] = sheet["year"]
    out["funds"] = sheet["funds"]
    out["indicators"] = sheet["indicators"]
    out["failed_checks"] = []
    out["not_applicable_checks"] = ["score_sum"] if sheet["total_score"] is None else []
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    seed = Path(args.shared) / "seed"
    text = (seed / "000_e0b9e12b257efafd.txt").read_text(encoding="utf-8").splitlines()
    sheets = json.loads((seed / "gold" / "sheets.json").read_text(encoding="utf-8"))
    narrative = json.loads((seed / "gold" / "narrative.json").read_text(encoding="utf-8"))

    printed = [ln.strip() for ln in text[NARRATIVE_BEFORE[0] - 1:NARRATIVE_BEFORE[1]] if ln.strip()]
    cover = printed[:2]  # unit name, "2023 年度部门决算公开说明": two lines of their own
    before = paragraphs(printed[2:])
    after = paragraphs(text[NARRATIVE_AFTER[0] - 1:])
    source = {
        "unit_name": narrative["unit_name"],
        "fiscal_year": narrative["year"],
        "cover": cover,
        "narrative_before": before,
        "narrative_after": after,
        "sheets": sheets,
    }
    expected = {
        "unit_name": narrative["unit_name"],
        "fiscal_year": narrative["year"],
        "sheets": [expected_sheet(s) for s in sheets],
        "narrative": {**{k: v for k, v in narrative.items() if k not in ("unit_name", "year")},
                      "facts_not_in_gold": FACTS_NOT_IN_GOLD},
    }
    for path, data in ((ROOT / "samples" / "source" / "seed_2023.json", source),
                       (ROOT / "samples" / "expected" / "seed_2023.json", expected)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
