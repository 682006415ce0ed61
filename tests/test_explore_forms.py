"""The form explorer (samples/forms/explore.py) and its scorer (tools/explore_forms.py).

The generator must be deterministic per seed and each truth's own arithmetic must hold; a few
generated documents, per font, are read by the pipeline and none may come back ``ok`` with
wrong records. More cases: ``EXPLORE_CASES=10 python -m pytest tests/test_explore_forms.py``
(cases per font), or ``python tools/explore_forms.py --cases 300 --seed 1`` for the full report.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "tools"))

from forms import explore  # noqa: E402  (imports no renderer: reportlab and fpdf2 load when drawing)

SEED = 1
CASES_PER_FONT = int(os.environ.get("EXPLORE_CASES", "4"))
FONT_PACKAGES = {explore.UMING: "fonts-arphic-uming", explore.UKAI: "fonts-arphic-ukai",
                 explore.NOTO_SANS: "fonts-noto-cjk", explore.NOTO_SERIF: "fonts-noto-cjk"}


def _renderers() -> None:
    for module in ("reportlab", "fpdf", "fontTools"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (pip install -e '.[samples]')")


def _font(path: str) -> None:
    if not Path(path).exists():
        package = FONT_PACKAGES.get(path, "fonts-wqy-zenhei fonts-wqy-microhei")
        pytest.skip(f"{path} missing (apt-get install {package}); its cases are not drawn here")


def test_the_generator_draws_the_same_case_from_the_same_seed(tmp_path):
    for index in range(20):
        a, b = explore.draw_case(SEED, index), explore.draw_case(SEED, index)
        assert a.truth == b.truth and a.dims == b.dims
    assert explore.draw_case(SEED, 0).truth != explore.draw_case(SEED + 1, 0).truth
    _renderers()
    drawn = 0
    for index in range(20):  # the PDFs too, byte for byte
        case = explore.draw_case(SEED, index)
        if explore.missing_fonts(case) or drawn == 3:
            continue
        first, _ = explore.write_case(case, tmp_path / "a")
        again, _ = explore.write_case(explore.draw_case(SEED, index), tmp_path / "b")
        assert first.read_bytes() == again.read_bytes()
        drawn += 1
    if not drawn:
        pytest.skip("none of the fonts the first cases draw is installed")


def test_every_truth_adds_up():
    """Σ weights + the fund weight = 总分值 (100 where none is printed), no score above its weight,
    Σ scores = 总分, fund rows = their total, 执行率 = 执行数 / 全年预算数 as printed."""
    sheets = [s for i in range(200) for s in explore.draw_case(SEED, i).truth["sheets"]]
    for s in sheets:
        assert explore.arithmetic_problems(s) == [], s["title"]
        assert s["failed_checks"] == []
    # the checks the sheets leave out follow from what they print
    skipped = Counter(c for s in sheets for c in s["not_applicable_checks"])
    assert skipped["score_sum"] == sum(s["total_score"] is None for s in sheets)
    assert skipped["fund_sum"] == sum(all(f["role"] != "total" for f in s["funds"]) for s in sheets)


def test_the_dimensions_are_drawn_independently_and_each_takes_its_values():
    docs = [explore.draw_case(SEED, i).dims for i in range(300)]
    sheet_dims = [s for d in docs for s in d["sheets"]]
    for key, values in (("fund_form", {"flat", "two_level", "ningde", "task"}),
                        ("goal_form", {"side", "split_side", "full_width", "labels_left"}),
                        ("title.style", {"lines", "two_lines", "grid_filled", "grid_ruled"}),
                        ("ind.target_parts", {"one", "op|value|unit", "value|unit", "op|value"}),
                        ("total.form", {"weight_score", "score_only", "merged_score", "none"})):
        assert {s[key] for s in sheet_dims} == values, key
    for key, values in (("producer", {"reportlab", "fpdf2"}), ("rotate", {0, 90, 180, 270}),
                        ("ruling", {"rects", "lines", "merged_lines"}), ("font", set(explore.FONTS)),
                        ("page", set(explore.PAGES))):
        assert {d["document"][key] for d in docs} == values, key
    # one dimension does not decide another: the fund block's form is drawn whatever the goal's
    pairs = {(s["fund_form"], s["goal_form"]) for s in sheet_dims}
    assert len(pairs) >= 14


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """Results of the first cases drawn with each font, by font (run once for the module)."""
    _renderers()
    import explore_forms
    tmp = tmp_path_factory.mktemp("explore")
    results: dict[str, list[dict]] = {f: [] for f in explore.FONTS}
    index = 0
    while any(len(r) < CASES_PER_FONT for f, r in results.items() if Path(f).exists()) and index < 400:
        case = explore.draw_case(SEED, index)
        font = case.layout.font_path
        if Path(font).exists() and len(results[font]) < CASES_PER_FONT:
            results[font].append(explore_forms.run_case(SEED, index, tmp))
        index += 1
    return results


@pytest.mark.parametrize("font", explore.FONTS, ids=[Path(f).stem for f in explore.FONTS])
def test_every_case_is_drawn_and_read_without_a_crash(scored, font):
    _font(font)
    results = scored[font]
    assert [r["name"] for r in results if r["class"] == "generator_error"] == []
    assert all("crashed" not in (r.get("why") or "") for r in results)
    assert len(results) == CASES_PER_FONT


# The 200-form run CI makes (seed 2, cases drawn with whatever fonts are installed): measured on
# this machine with every font, 2026-12-03: 174 exact, 26 partial_named, 0 ok_wrong, 0 other (the
# README's Exploring forms). The bounds catch a reader that gets worse; none of these is ok and wrong.
RUN_CASES = int(os.environ.get("EXPLORE_RUN_CASES", "200"))
MAX_OK_WRONG_SHARE = 0.02
MIN_EXACT_SHARE = 0.85


@pytest.fixture(scope="module")
def run_of_forms(tmp_path_factory) -> list[dict]:
    _renderers()
    import explore_forms
    tmp = tmp_path_factory.mktemp("forms")
    results = [explore_forms.run_case(2, index, tmp) for index in range(RUN_CASES)]
    read = [r for r in results if r["class"] != "skipped"]
    if len(read) < RUN_CASES // 2:
        pytest.skip(f"only {len(read)} of {RUN_CASES} forms drawn: their fonts are missing")
    return read


def test_two_hundred_generated_forms_are_read_exactly_or_say_what_they_missed(run_of_forms):
    counts = Counter(r["class"] for r in run_of_forms)
    assert counts["generator_error"] == 0 and counts["other"] == 0, counts
    assert counts["exact"] >= MIN_EXACT_SHARE * len(run_of_forms), counts
    wrong = [f"{r['name']}: {r['first_diff']}" for r in run_of_forms if r["class"] == "ok_wrong"]
    assert len(wrong) <= MAX_OK_WRONG_SHARE * len(run_of_forms), wrong
    # a partial one names what it could not place
    assert all(r["warnings"] for r in run_of_forms if r["class"] == "partial_named")


def test_no_generated_form_is_ok_and_wrong(run_of_forms):
    """The CI run's forms: every one exact or partial and named. (The long runs in the README
    still find a few: the bound above is what catches a reader that gets worse elsewhere.)"""
    assert [f"{r['name']}: {r['first_diff']}" for r in run_of_forms if r["class"] == "ok_wrong"] == []


@pytest.mark.parametrize("font", explore.FONTS, ids=[Path(f).stem for f in explore.FONTS])
def test_no_case_is_read_as_ok_with_wrong_records(scored, font):
    _font(font)
    wrong = [f"{r['name']} (index {r['index']}): {r['first_diff']}" for r in scored[font] if r["class"] == "ok_wrong"]
    assert wrong == []
