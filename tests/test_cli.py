"""The command line end to end: Parquet datasets readable by pandas and DuckDB, bad inputs."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from conftest import SAMPLE_FILES, STATEMENT_SAMPLES
from expected import load_expected
from extract.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run_output(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(SAMPLE_FILES[0], inputs / SAMPLE_FILES[0].name)
    (inputs / "empty.pdf").write_bytes(b"")
    (inputs / "notes.pdf").write_text("this is a text file named .pdf", encoding="utf-8")
    (inputs / "truncated.pdf").write_bytes(SAMPLE_FILES[0].read_bytes()[:20000])
    shutil.copy(ROOT / "tests" / "data" / "encrypted.pdf", inputs / "encrypted.pdf")
    out = tmp_path_factory.mktemp("out")
    assert main(["run", str(inputs), "--out", str(out)]) == 0
    return inputs, out


def test_every_input_has_a_documents_row_with_its_status(run_output):
    _, out = run_output
    docs = pd.read_parquet(out / "documents").set_index("file_name")
    assert docs.loc[SAMPLE_FILES[0].name, "status"] == "ok"
    assert docs.loc[SAMPLE_FILES[0].name, "sheet_count"] == 24
    assert docs.loc[SAMPLE_FILES[0].name, "fiscal_year"] == 2023
    expected = {"empty.pdf": "empty_file", "notes.pdf": "not_pdf", "truncated.pdf": "corrupt_pdf",
                "encrypted.pdf": "encrypted"}
    for name, error_class in expected.items():
        assert (docs.loc[name, "status"], docs.loc[name, "error_class"]) == ("failed", error_class)
        assert docs.loc[name, "error_message"]


def test_datasets_load_in_duckdb_with_decimal_money(run_output):
    _, out = run_output
    con = duckdb.connect()
    q = f"select * from read_parquet('{out}/sheet_funds/**/*.parquet', hive_partitioning=true)"
    funds = con.sql(q)
    assert dict(zip(funds.columns, funds.types))["executed_yuan"] == "DECIMAL(24,4)"
    total = con.execute(f"select sum(executed_yuan) from ({q}) where source = '年度资金总额'").fetchone()[0]
    assert isinstance(total, Decimal)
    # the 全年执行数 of the 23 project sheets' 年度资金总额 rows, from the expected records, 万元 → 元
    want = sum(Decimal(f["executed"]) for s in load_expected("seed_2023")["sheets"] for f in s["funds"]
               if f["source"] == "年度资金总额") * 10000
    assert total == want == Decimal("15604900.0000")
    n = con.execute(f"select count(*) from read_parquet('{out}/indicators/**/*.parquet', hive_partitioning=true)").fetchone()[0]
    assert n == 216


def test_indicator_rows_keep_raw_text_and_provenance(run_output):
    _, out = run_output
    ind = pd.read_parquet(out / "indicators")
    row = ind[(ind.sheet_no == 0) & (ind.row_no == 1)].iloc[0]
    assert (row.level3, row.target_raw, row.target_op, row.target_value, row.target_unit) == (
        "城镇新增就业", ">=2.20 万人次", ">=", Decimal("22000"), "人次")
    assert row.first_page >= 1 and len(row.doc_id) == 64 and row.file_name == SAMPLE_FILES[0].name


def test_rerun_replaces_rows_and_never_duplicates(run_output):
    inputs, out = run_output
    assert main(["run", str(inputs / SAMPLE_FILES[0].name), "--out", str(out)]) == 0
    assert ds.dataset(out / "indicators", partitioning="hive").count_rows() == 216
    assert ds.dataset(out / "documents", partitioning="hive").count_rows() == 5
    assert not list(out.rglob("*.tmp"))


def test_strict_exits_non_zero_when_an_input_failed(run_output, tmp_path):
    inputs, _ = run_output
    assert main(["run", str(inputs / "empty.pdf"), "--out", str(tmp_path)]) == 0
    assert main(["run", str(inputs / "empty.pdf"), "--out", str(tmp_path), "--strict"]) == 1


def test_unknown_backend_is_refused_with_the_known_names(capsys):
    with pytest.raises(SystemExit):
        main(["run", "x.pdf", "--backend", "tabula"])
    assert "pdfplumber" in capsys.readouterr().err


@pytest.mark.parametrize("option, value, named", [("--timeout", "-1", "timeout"),
                                                  ("--max-memory-mb", "0", "max_memory_mb")])
def test_an_option_out_of_range_is_refused_with_a_message(run_output, tmp_path, capsys, option, value, named):
    inputs, _ = run_output
    assert main(["run", str(inputs / "empty.pdf"), "--out", str(tmp_path), option, value]) == 4
    err = capsys.readouterr().err
    assert err.startswith("extract run: ") and named in err
    assert not (tmp_path / "documents").exists()  # nothing was run


def _dataset(out: Path, name: str) -> pd.DataFrame:
    df = pd.read_parquet(out / name).drop(columns=["extraction_time"], errors="ignore")
    keys = [c for c in ("doc_id", "sheet_no", "fund_row_no", "row_no") if c in df.columns]
    return df.sort_values(keys).reset_index(drop=True).astype(str)


def test_two_workers_give_the_same_records_as_one(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", *map(str, SAMPLE_FILES), "--out", str(one), "--workers", "1"]) == 0
    assert main(["run", *map(str, SAMPLE_FILES), "--out", str(two), "--workers", "2"]) == 0
    for name in ("documents", "sheets", "sheet_funds", "indicators"):
        pd.testing.assert_frame_equal(_dataset(one, name), _dataset(two, name))
    assert len(_dataset(two, "indicators")) == 216 * len(SAMPLE_FILES)


def test_statement_and_prose_datasets_load_in_duckdb(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(STATEMENT_SAMPLES[0]), str(SAMPLE_FILES[0]), "--out", str(out)]) == 0
    con = duckdb.connect()

    def q(dataset: str) -> str:
        return f"read_parquet('{out}/{dataset}/**/*.parquet', hive_partitioning=true)"

    lines = con.sql(f"select * from {q('statement_lines')}")
    assert dict(zip(lines.columns, lines.types))["value_yuan"] == "DECIMAL(24,4)"
    row = con.execute(f"""select code_class, code_section, code_item, value_yuan from {q('statement_lines')}
                          where table_name = '一般公共预算财政拨款支出决算表' and label = '行政运行'
                          and column_path = '本年支出/合计'""").fetchall()
    assert row == [("201", "20106", "2010601", Decimal("5000000.0000"))]
    status = dict(con.execute(f"select table_name, status from {q('statement_tables')} "
                              f"where file_name = '{STATEMENT_SAMPLES[0].name}'").fetchall())
    assert status["国有资本经营预算财政拨款收入支出决算表"] == "missing"
    fact = con.execute(f"select value, unit, value_raw from {q('facts')} where key = '收入总计' "
                       f"order by value").fetchall()
    assert fact == [(Decimal("12800000.0000000000"), "元", "1,280.00"),
                    (Decimal("32059100.0000000000"), "元", "3,205.91")]
    failed = con.execute(f"select file_name, check_id from {q('document_checks')} where status = 'fail' "
                         f"order by all").fetchall()
    assert failed == [(SAMPLE_FILES[0].name, c) for c in ("N.income_total", "N.structure_sum",
                                                          "N.structure_vs_items")] \
        + [(STATEMENT_SAMPLES[0].name, "D.required_tables")]  # its 国有资本经营 table is left out
    metrics = con.execute(f"select file_name, metric, metric_value from {q('facts')} "
                          f"where metric in ('收入总计', '三公经费决算数') order by all").fetchall()
    assert metrics == [(SAMPLE_FILES[0].name, "三公经费决算数", Decimal("91800.0000000000")),  # stated twice
                       (SAMPLE_FILES[0].name, "三公经费决算数", Decimal("91800.0000000000")),
                       (SAMPLE_FILES[0].name, "收入总计", Decimal("32059100.0000000000")),
                       (STATEMENT_SAMPLES[0].name, "三公经费决算数", Decimal("225000.0000000000")),
                       (STATEMENT_SAMPLES[0].name, "收入总计", Decimal("12800000.0000000000"))]
    items = pd.read_parquet(out / "expenditure_items")
    assert len(items) == 22 + 3 and isinstance(items["amount_yuan"].iloc[0], Decimal)


def test_a_document_whose_year_changed_leaves_no_file_in_its_old_partition(tmp_path):
    """A re-extraction that reads another fiscal year moves the document's files; the old
    partition keeps none of them (else the document would be read twice)."""
    from dataclasses import replace

    from extract.datamodel import DATASETS
    from extract.pipeline import process_document
    from extract.outputs.writer import write_document
    doc = process_document(SAMPLE_FILES[0])
    write_document(tmp_path, replace(doc, fiscal_year=2019), "pdfium", "test")
    assert (tmp_path / "sheets" / "fiscal_year=2019" / f"{doc.doc_id}.parquet").exists()
    write_document(tmp_path, doc, "pdfium", "test")
    for name in DATASETS:
        files = sorted(p.relative_to(tmp_path / name).as_posix() for p in (tmp_path / name).rglob("*.parquet"))
        assert files == [f"fiscal_year={doc.fiscal_year}/{doc.doc_id}.parquet"], name


def test_only_a_local_run_starts_the_worker_server_before_the_command_line():
    from extract.launch import _runs_locally
    assert _runs_locally(["run", "a.pdf", "--out", "o"])
    assert not _runs_locally(["run", "a.pdf", "--scheduler", "tcp://x:8786"])
    assert not _runs_locally(["run", "--scheduler=tcp://x:8786", "a.pdf"])
    assert not _runs_locally(["run", "--help"]) and not _runs_locally(["diff", "a", "b"]) and not _runs_locally([])


def test_a_local_run_exits_with_its_code_its_output_whole_and_no_temporary_directory_left(tmp_path):
    """`extract run` skips the interpreter's module teardown (launch.py): its exit handlers
    still run (the fork server's socket directory is removed), its exit code is the command's,
    its files are complete and its last line is printed."""
    import os
    import subprocess
    import sys
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    run = subprocess.run([sys.executable, "-m", "extract", "run", str(SAMPLE_FILES[0]), "--out", str(tmp_path / "out"),
                          "--workers", "1"], capture_output=True, text=True, env=env)
    assert run.returncode == 0 and run.stdout.splitlines()[-1].startswith("done: 1 inputs")
    assert len(pd.read_parquet(tmp_path / "out" / "documents")) == 1
    assert list(temp.iterdir()) == []
    no_input = subprocess.run([sys.executable, "-m", "extract", "run", "--out", str(tmp_path / "out")],
                              capture_output=True, text=True, env=env)
    assert no_input.returncode == 2 and "name input files" in no_input.stderr
