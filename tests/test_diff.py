"""``extract diff``: what changed between two outputs (issue 11)."""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_FILES, STATEMENT_SAMPLES
from extract.cli import main
from extract.outputs.diff import diff_outputs

STATEMENTS = STATEMENT_SAMPLES[0]  # statements_2023_a4_reportlab.pdf


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("diff") / "old"
    assert main(["run", str(STATEMENTS), str(SAMPLE_FILES[0]), "--out", str(out), "--workers", "1"]) == 0
    return out


def test_two_runs_of_the_same_version_diff_to_nothing(first_run, tmp_path, capsys):
    again = tmp_path / "again"
    assert main(["run", str(STATEMENTS), str(SAMPLE_FILES[0]), "--out", str(again), "--workers", "2"]) == 0
    capsys.readouterr()
    report = diff_outputs(first_run, again)
    assert report.changes == [] and report.compared["indicators"] == 216
    assert main(["diff", str(first_run), str(again), "--fail-on-change"]) == 0
    assert capsys.readouterr().out.endswith("no differences\n")


def test_a_compacted_output_diffs_to_nothing(first_run, tmp_path, capsys):
    compacted = tmp_path / "compacted"
    shutil.copytree(first_run, compacted)
    assert main(["compact", "--out", str(compacted)]) == 0
    assert diff_outputs(first_run, compacted).changes == []


def _generator():
    for module in ("reportlab", "fpdf"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (pip install -e '.[samples]')")
    sys.path.insert(0, str(ROOT / "samples"))
    import generate
    if not Path(generate.FONT_PATH).exists():
        pytest.skip(f"{generate.FONT_PATH} missing (apt-get install fonts-wqy-zenhei)")
    return generate


def test_an_edited_sample_diffs_to_exactly_its_edits(first_run, tmp_path, capsys):
    """The statements sample regenerated with one value changed and one row added."""
    generate = _generator()
    source = json.loads((ROOT / "samples" / "source" / "statements_2023.json").read_text(encoding="utf-8"))
    edited = copy.deepcopy(source)
    tables = {t["name"]: t for t in edited["statements"]}
    tables["财政拨款“三公”经费支出决算表"]["rows"][0][10] = "60,000.00"  # 公务接待费/预算数, was 50,000.00
    general = tables["一般公共预算财政拨款支出决算表"]["rows"]
    general.insert(5, ["201", "06", "50", "事业运行", "", "", ""])  # a row with nothing in it
    (tmp_path / "src").mkdir()
    source_path = tmp_path / "src" / "statements_2023.json"
    source_path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    pdf = generate.generate(source_path, generate.LAYOUTS["a4_reportlab"], tmp_path / "pdf")
    assert pdf.name == STATEMENTS.name
    new = tmp_path / "new"
    assert main(["run", str(pdf), str(SAMPLE_FILES[0]), "--out", str(new)]) == 0
    capsys.readouterr()

    report = diff_outputs(first_run, new)
    got = {(c.dataset, c.key, c.kind, tuple((f, str(o), str(n)) for f, o, n in c.fields if f != "doc_id"))
           for c in report.changes}
    three = "财政拨款“三公”经费支出决算表 /  /  / 公务接待费/预算数"
    row = "一般公共预算财政拨款支出决算表 / 2010650 / 事业运行 / 本年支出/"
    assert got == {
        ("documents", STATEMENTS.name, "changed", ()),  # its doc_id only
        ("statement_tables", "一般公共预算财政拨款支出决算表", "changed", (("line_count", "54", "57"),)),
        ("statement_lines", three, "changed", (("value_raw", "50,000.00", "60,000.00"),
                                               ("value_yuan", str(Decimal("50000.0000")), str(Decimal("60000.0000"))))),
        ("statement_lines", row + "合计", "added", ()), ("statement_lines", row + "基本支出", "added", ()),
        ("statement_lines", row + "项目支出", "added", ()),
    }
    documents = next(c for c in report.changes if c.dataset == "documents")
    assert documents.fields[0][0] == "doc_id" and documents.fields[0][1] != documents.fields[0][2]

    assert main(["diff", str(first_run), str(new), "--fail-on-change"]) == 1
    text = capsys.readouterr().out
    assert "statement_lines: 3 added, 0 removed, 1 changed" in text
    assert "value_raw: 50,000.00 -> 60,000.00" in text
    assert main(["diff", str(first_run), str(new), "--format", "json", "--dataset", "statement_tables"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert [(c["dataset"], c["key"]) for c in as_json["changes"]] == [
        ("documents", STATEMENTS.name), ("statement_tables", "一般公共预算财政拨款支出决算表")]
    assert main(["diff", str(first_run), str(new), "--format", "markdown"]) == 0
    assert "| statement_lines | 3 | 0 | 1 |" in capsys.readouterr().out


def test_documents_added_and_removed_and_a_missing_output(first_run, tmp_path, capsys):
    one = tmp_path / "one"
    assert main(["run", str(SAMPLE_FILES[0]), "--out", str(one)]) == 0
    report = diff_outputs(first_run, one)
    assert [(c.dataset, c.kind, c.file_name) for c in report.changes] == [
        ("documents", "removed", STATEMENTS.name)]
    assert main(["diff", str(first_run), str(tmp_path / "nothing")]) == 2
    assert "holds no extract output" in capsys.readouterr().err
