"""Batch runs over mixed archives, bad files, duplicates, kills and concurrent runs."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pypdfium2 as pdfium
import pytest

from conftest import ROOT, SAMPLE_FILES
from extract.runs.lock import OutputLock, OutputLocked
from extract.cli import main
from extract.inputs.sources import zip_member_name
from extract.outputs.writer import DATASETS

A4, B5, LETTER = SAMPLE_FILES  # sorted: a4_reportlab, b5_reportlab, letter_fpdf2
STATEMENTS_A4 = ROOT / "samples" / "pdf" / "statements_2023_a4_reportlab.pdf"  # read in ~0.1 s
GBK_NAME = "2023年度部门决算.pdf"


class _GbkZipInfo(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Windows zip tools write it."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _blank_pdf(path: Path) -> None:
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.save(path)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    inbox = root / "inbox"
    (inbox / "nested" / "deeper").mkdir(parents=True)
    shutil.copy(A4, inbox / "a4.pdf")
    shutil.copy(B5, inbox / "nested" / "deeper" / "b5.pdf")
    (inbox / "zero.pdf").write_bytes(b"")
    (inbox / "readme.pdf").write_text("not a pdf at all", encoding="utf-8")
    (inbox / "truncated.pdf").write_bytes(A4.read_bytes()[:30000])
    flipped = bytearray(B5.read_bytes())
    for k in range(len(flipped) // 3, len(flipped) // 3 + 64):
        flipped[k] ^= 0xFF
    (inbox / "flipped.pdf").write_bytes(bytes(flipped))
    shutil.copy(ROOT / "tests" / "data" / "encrypted.pdf", inbox / "encrypted.pdf")
    _blank_pdf(inbox / "scanned.pdf")
    with zipfile.ZipFile(inbox / "windows.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_GbkZipInfo(GBK_NAME), A4.read_bytes())  # a duplicate of a4.pdf
        zf.writestr("../../evil.pdf", LETTER.read_bytes())  # zip-slip name, real content
        zf.writestr("bomb.pdf", b"\0" * (3 * 1024 * 1024))  # compresses ~1000:1
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("reports/a4-again.pdf")
        data = A4.read_bytes()
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("reports/link.pdf")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tf.addfile(link)
    (inbox / "bundle.tar.gz").write_bytes(buf.getvalue())
    return inbox


@pytest.fixture(scope="module")
def batch_out(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["run", str(archive), "--out", str(out), "--workers", "2", "--max-member-mb", "2"]) == 0
    return out


def _documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents")


def test_every_input_is_accounted_for_with_the_right_status(batch_out, archive):
    docs = _documents(batch_out)
    by_name = {row.file_name: row for row in docs.itertuples()}
    expected = {"b5.pdf": ("ok", None), "zero.pdf": ("failed", "empty_file"),
                "readme.pdf": ("failed", "not_pdf"), "truncated.pdf": ("failed", "corrupt_pdf"),
                "encrypted.pdf": ("failed", "encrypted"), "scanned.pdf": ("failed", "no_text_layer"),
                "evil.pdf": ("ok", None), "bomb.pdf": ("failed", "archive_bomb"),
                "link.pdf": ("failed", "unreadable_member")}
    for name, (status, error_class) in expected.items():
        row = by_name[name]
        assert (row.status, row.error_class if isinstance(row.error_class, str) else None) == (status, error_class), name
    assert "flipped.pdf" in by_name  # damaged mid-stream: read as far as it goes, but accounted for
    # a4.pdf, its GBK-named twin in the zip and its copy in the tar.gz are one document
    a4 = docs[docs.source_paths.map(lambda p: any(s.endswith("a4.pdf") for s in p))]
    assert len(a4) == 1
    sources = sorted(Path(s).name if "!/" not in s else s.split("!/")[1] for s in a4.iloc[0].source_paths)
    assert sources == sorted(["a4.pdf", GBK_NAME, "reports/a4-again.pdf"])
    # 13 inputs: a4 three times (folder, zip, tar.gz) and 10 others
    assert len(docs) == len(set(docs.doc_id)) == 11


def test_good_documents_give_the_same_records_as_alone(batch_out, tmp_path):
    assert main(["run", str(A4), "--out", str(tmp_path), "--workers", "1"]) == 0
    alone = pd.read_parquet(tmp_path / "indicators").drop(columns=["file_name"])
    doc_id = alone.doc_id.iloc[0]
    in_batch = pd.read_parquet(batch_out / "indicators")
    in_batch = in_batch[in_batch.doc_id == doc_id].drop(columns=["file_name"])
    pd.testing.assert_frame_equal(alone.sort_values(["sheet_no", "row_no"]).reset_index(drop=True).astype(str),
                                  in_batch.sort_values(["sheet_no", "row_no"]).reset_index(drop=True).astype(str))


def test_the_run_writing_for_its_worker_gives_what_workers_writing_give(archive, tmp_path, monkeypatch):
    """With a core to spare the run writes the documents its worker read (the worker reads the
    next meanwhile); the datasets are the same as when each worker writes its own, failures,
    duplicates and archive members included."""
    from extract.runs import workers
    outs = {}
    for run_writes in (True, False):
        monkeypatch.setattr(workers, "_spare_core", lambda opts, flag=run_writes: flag)
        outs[run_writes] = tmp_path / str(run_writes)
        assert main(["run", str(archive), "--out", str(outs[run_writes]), "--workers", "1", "--max-member-mb", "2"]) == 0
    for name in DATASETS:
        frames = [pd.read_parquet(outs[k] / name).drop(columns=["extraction_time"], errors="ignore") for k in outs]
        frames = [f.sort_values(list(f.columns[:3])).reset_index(drop=True).astype(str) for f in frames]
        pd.testing.assert_frame_equal(*frames, obj=name)
    assert len(pd.read_parquet(outs[True] / "documents")) == 11


def test_nothing_is_written_outside_the_output_directory(batch_out, archive):
    assert not (archive.parent.parent / "evil.pdf").exists()
    assert not (batch_out.parent / "evil.pdf").exists()
    assert not list(batch_out.rglob("*.pdf"))  # members were staged under our own names, then removed


def test_gbk_and_utf8_zip_names_are_decoded():
    info = zipfile.ZipInfo(GBK_NAME.encode("gbk").decode("cp437"))
    assert zip_member_name(info) == GBK_NAME
    flagged = zipfile.ZipInfo(GBK_NAME)
    flagged.flag_bits |= 0x800
    assert zip_member_name(flagged) == GBK_NAME
    odd = zipfile.ZipInfo(bytes([0x81, 0x20]).decode("cp437"))  # neither GBK nor UTF-8
    assert zip_member_name(odd) == odd.filename


def test_a_second_run_on_the_same_output_is_refused(tmp_path, capsys):
    with OutputLock(tmp_path):
        with pytest.raises(OutputLocked, match="in use by another extract run"):
            OutputLock(tmp_path).__enter__()
        assert main(["run", str(A4), "--out", str(tmp_path)]) == 3
    assert "in use by another extract run" in capsys.readouterr().err


def test_a_rerun_skips_finished_documents_and_force_redoes_them(tmp_path, capsys):
    assert main(["run", str(A4), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["run", str(A4), "--out", str(tmp_path)]) == 0
    assert "1 already_extracted" in capsys.readouterr().out
    assert main(["run", str(A4), "--out", str(tmp_path), "--force"]) == 0
    assert "1 ok" in capsys.readouterr().out
    assert ds.dataset(tmp_path / "indicators", partitioning="hive").count_rows() == 216


def test_a_document_over_its_time_limit_is_stopped_and_recorded(tmp_path):
    assert main(["run", str(B5), "--out", str(tmp_path), "--timeout", "0.05", "--workers", "1"]) == 0
    docs = _documents(tmp_path)
    assert (docs.status.iloc[0], docs.error_class.iloc[0]) == ("failed", "timeout")


def test_batch_options_refuse_values_no_run_can_use(tmp_path):
    from extract.runs.plan import BatchOptions
    for bad in ({"workers": 0}, {"timeout": -1.0}, {"max_memory_mb": 0}):
        with pytest.raises(ValueError, match=f"BatchOptions.{next(iter(bad))} must be"):
            BatchOptions(tmp_path, "pdfium", **bad)
    assert BatchOptions(tmp_path, "pdfium", timeout=0).timeout == 0  # 0: no time limit


# --------------------------------------------------------------------------- kill -9


def _variants(folder: Path, copies: int) -> list[Path]:
    """Distinct documents (distinct hashes) from the samples: a PDF comment appended."""
    folder.mkdir()
    out = []
    for k in range(copies):
        for sample in SAMPLE_FILES:
            p = folder / f"{k}_{sample.name}"
            p.write_bytes(sample.read_bytes() + f"\n% copy {k}\n".encode())
            out.append(p)
    return out


def _run_cli(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extract", "run", str(inputs), "--out", str(out),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _state(out: Path) -> dict[str, list[tuple]]:
    state = {}
    for name, keys in (("documents", ["doc_id"]), ("sheets", ["doc_id", "sheet_no"]),
                       ("sheet_funds", ["doc_id", "sheet_no", "fund_row_no"]),
                       ("indicators", ["doc_id", "sheet_no", "row_no"])):
        table = ds.dataset(out / name, format="parquet", partitioning="hive").to_table()  # all readable
        rows = sorted(zip(*(table.column(k).to_pylist() for k in keys)))
        state[name] = rows
    return state


@pytest.fixture(scope="module")
def kill_inputs(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("kill")
    _variants(root / "in", 3)
    clean = root / "clean"
    assert _run_cli(root / "in", clean).wait() == 0
    return root / "in", _state(clean)


@pytest.mark.parametrize("after", [0.3, 1.5, 3.0])
def test_a_run_killed_at_any_moment_is_completed_by_the_next(kill_inputs, tmp_path, after):
    inputs, clean = kill_inputs
    proc = _run_cli(inputs, tmp_path)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _run_cli(inputs, tmp_path).wait() == 0
    state = _state(tmp_path)
    assert state == clean
    for rows in state.values():
        assert len(rows) == len(set(rows))  # no duplicates
    assert len(state["documents"]) == 9 and len(state["indicators"]) == 9 * 216


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the fork server and its workers), from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker")
def test_a_worker_killed_mid_document_loses_only_that_document(tmp_path):
    """Workers serve many documents; one killed mid-document costs that document alone: it is
    recorded worker_crashed, a new worker takes the rest, and every input is accounted for."""
    _variants(tmp_path / "in", 2)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "--out", str(out),
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 1 and time.monotonic() < deadline:  # fork server, then its first worker
        kids = _descendants(proc.pid)
        workers = [k for k in kids if k not in (proc.pid,) and any(k in _descendants(s) for s in kids)]
        time.sleep(0.02)
    assert workers, "no worker process appeared"
    time.sleep(0.2)  # inside its first document (the largest, which takes longer than this)
    os.kill(workers[0], signal.SIGKILL)
    stdout, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, stdout
    docs = _documents(out)
    assert len(docs) == len(set(docs.doc_id)) == 2 * len(SAMPLE_FILES)
    crashed = docs[docs.error_class.eq("worker_crashed")]
    assert len(crashed) == 1 and (crashed.status == "failed").all()
    assert set(docs.status) <= {"ok", "failed"} and (docs.status == "ok").sum() == len(docs) - 1


# --------------------------------------------------------------------------- compaction


def _files(out: Path) -> int:
    return len([p for p in out.rglob("*.parquet") if not p.name.startswith(".")])


def test_compact_merges_partitions_keeps_rows_and_reruns_stay_idempotent(tmp_path, capsys):
    inputs = tmp_path / "in"
    _variants(inputs, 2)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--workers", "2"]) == 0
    before = _state(out)
    assert _files(out) == 6 * len(DATASETS)
    assert main(["compact", "--out", str(out)]) == 0
    assert "indicators: 6 files -> 1" in capsys.readouterr().out
    assert _files(out) == len(DATASETS) and _state(out) == before
    # a forced re-run of one document replaces its rows inside the compacted files
    one = sorted(inputs.iterdir())[0]
    assert main(["run", str(one), "--out", str(out), "--force"]) == 0
    assert _state(out) == before
    assert main(["run", str(inputs), "--out", str(out)]) == 0  # everything already there
    assert _state(out) == before


def test_a_compaction_stopped_after_its_journal_is_finished_by_the_next_run(tmp_path, monkeypatch):
    import extract.outputs.compact as compact_module
    inputs = tmp_path / "in"
    _variants(inputs, 1)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--workers", "1"]) == 0
    before = _state(out)
    monkeypatch.setattr(compact_module, "recover", lambda out: None)  # "killed" before applying
    compact_module.compact(out)
    monkeypatch.undo()
    assert (out / compact_module.JOURNAL).exists()
    assert _state(out) == before  # readers see the old files only: no row twice
    assert main(["run", str(inputs), "--out", str(out)]) == 0
    assert not (out / compact_module.JOURNAL).exists()
    assert _files(out) == len(DATASETS) and _state(out) == before


def test_inputs_can_be_named_in_a_list_file(tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# today's downloads\n{A4}\n\n{tmp_path / 'gone.pdf'}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "--from-list", str(listing), "--out", str(out)]) == 0
    docs = _documents(out).set_index("file_name")
    assert docs.loc[A4.name, "status"] == "ok"
    assert (docs.loc["gone.pdf", "status"], docs.loc["gone.pdf", "error_class"]) == ("failed", "missing")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_updating_line_on_a_terminal_and_a_line_per_document_otherwise():
    from extract.runs.documents import Outcome
    from extract.runs.progress import Progress
    screen, log = _Terminal(), io.StringIO()
    bar = Progress(2, stream=screen, log=log)
    bar.update(Outcome("a", "ok", "OK      a.pdf", pages=30))
    bar.update(Outcome("b", "failed", "FAILED  b.pdf: [not_pdf] …", error_class="not_pdf"))
    bar.close()
    text = screen.getvalue()
    assert "\r\033[K2/2 documents, 30 pages" in text and "pages/s, ETA" in text and "1 failed" in text
    assert "FAILED  b.pdf" in text and log.getvalue() == ""
    plain = io.StringIO()
    lines = Progress(1, stream=io.StringIO(), log=plain)
    lines.update(Outcome("a", "ok", "OK      a.pdf", pages=30))
    assert plain.getvalue() == "[1/1] OK      a.pdf\n"


def test_hashing_a_large_batch_reports_progress_before_any_document_starts(tmp_path):
    """Every input is hashed before the first document runs; on a big archive that takes
    minutes, so plan() reports how far it got (here every input, with a zero interval)."""
    from extract.runs.plan import plan
    from extract.runs.progress import Progress
    from extract.inputs.sources import Limits, collect_inputs
    for k in range(3):
        (tmp_path / f"{k}.pdf").write_bytes(A4.read_bytes() + f"\n% {k}\n".encode())
    (tmp_path / "again.pdf").write_bytes(A4.read_bytes() + b"\n% 0\n")  # a duplicate of 0.pdf
    items = list(collect_inputs([str(tmp_path)], None, Limits(1 << 30, 1000)))
    seen: list[tuple[int, int]] = []
    tasks = plan(items, lambda done, total: seen.append((done, total)), every=0.0)
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)] and len(tasks) == 3
    stream = io.StringIO()
    bar = Progress(4, stream=stream)
    for done, total in seen:
        bar.hashed(done, total)
    assert stream.getvalue().splitlines()[-1] == "hashing inputs: 4/4"
    quiet = io.StringIO()
    Progress(4, stream=quiet).hashed(4, 4)  # hashing was over before the first report
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("run_writes", [True, False], ids=["the run writes", "workers write"])
def test_a_worker_that_runs_out_of_memory_or_dies_is_replaced_and_the_rest_goes_on(tmp_path, monkeypatch, run_writes):
    """Workers serve many documents: one that runs out of memory reports its document and
    stops, one that dies is noticed; either way a new worker takes the next document. The same
    whether the run writes the documents (a core to spare) or each worker its own."""
    import multiprocessing

    from extract.runs import workers
    from extract.runs.documents import Outcome
    from extract.runs.plan import BatchOptions, Task
    from extract.runs.workers import run_tasks
    from extract.inputs.sources import InputItem

    def fake_convert(task: Task, opts: BatchOptions, memory_limit: int | None = None, write: bool = True) -> Outcome:
        if task.doc_id == "oom":
            raise MemoryError
        if task.doc_id == "dies":
            os._exit(3)
        return Outcome(task.doc_id, "ok", f"OK {task.doc_id} in {os.getpid()}", 1)

    # Forked (not from the fork server) so that the workers see the stand-in for convert.
    monkeypatch.setattr(workers, "convert", fake_convert)
    monkeypatch.setattr(workers, "worker_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(workers, "_spare_core", lambda opts: run_writes)
    ids = ["a", "oom", "b", "dies", "c"]
    tasks = [Task(i, InputItem(f"{i}.pdf", error_class="x"), (f"{i}.pdf",)) for i in ids]
    outcomes = {o.doc_id: o for o in run_tasks(tasks, BatchOptions(tmp_path, "pdfium", workers=1))}
    assert sorted(outcomes) == sorted(ids)
    assert (outcomes["oom"].status, outcomes["oom"].error_class) == ("failed", "out_of_memory")
    assert (outcomes["dies"].status, outcomes["dies"].error_class) == ("failed", "worker_crashed")
    pids = {k: outcomes[k].summary.rsplit(" ", 1)[1] for k in "abc"}
    assert pids["a"] != pids["b"] != pids["c"]  # a new worker after each lost one
    docs = _documents(tmp_path)  # the two failures are written as documents rows
    assert sorted(docs.doc_id) == ["dies", "oom"]


def test_a_worker_over_its_memory_limit_loses_its_document_as_out_of_memory(tmp_path):
    """--max-memory-mb bounds a worker's resident memory: the run stops a worker over it
    (a long document), and a worker finding itself over it once the document is read (one too
    quick for the run to see) records it instead of writing it. A worker with pdfium and numpy
    loaded holds over 30 MiB, so both documents here fail."""
    out = tmp_path / "out"
    assert main(["run", str(B5), str(STATEMENTS_A4), "--out", str(out), "--workers", "1",
                 "--max-memory-mb", "20"]) == 0
    docs = _documents(out)
    assert sorted(docs.error_class) == ["out_of_memory", "out_of_memory"] and set(docs.status) == {"failed"}



def test_the_run_stops_a_worker_whose_resident_memory_passes_the_limit(tmp_path, monkeypatch):
    """The run's own watch, apart from the worker's check: a worker that holds too much while
    it works is stopped within a poll, its document recorded, and a new worker goes on."""
    import multiprocessing

    from extract.runs import workers
    from extract.runs.documents import Outcome
    from extract.runs.plan import BatchOptions, Task
    from extract.runs.workers import run_tasks
    from extract.inputs.sources import InputItem

    def slow_convert(task: Task, opts: BatchOptions, memory_limit: int | None = None, write: bool = True) -> Outcome:
        if task.doc_id == "holds":
            time.sleep(30)  # a worker (a forked pytest, far over 1 MiB) busy on one document
        return Outcome(task.doc_id, "ok", "OK", 1)

    monkeypatch.setattr(workers, "convert", slow_convert)
    monkeypatch.setattr(workers, "worker_context", lambda: multiprocessing.get_context("fork"))
    tasks = [Task(i, InputItem(f"{i}.pdf", error_class="x"), (f"{i}.pdf",)) for i in ("holds", "next")]
    started = time.monotonic()
    outcomes = {o.doc_id: o for o in run_tasks(tasks, BatchOptions(tmp_path, "pdfium", workers=1, max_memory_mb=1))}
    assert time.monotonic() - started < 10
    assert outcomes["holds"].error_class == "out_of_memory" and "resident memory passed 1 MiB" in outcomes["holds"].summary
    # The next document gets a new worker (over 1 MiB too: it may be stopped as well, or finish
    # before the next look); either way it is accounted for.
    assert outcomes["next"].status == "ok" or outcomes["next"].error_class == "out_of_memory"


def test_the_workers_fork_server_loads_no_writer_and_a_writing_worker_no_pandas():
    """The fork server loads what reading needs, not pyarrow (the run may write for its
    workers). A worker that writes loads the writer; pyarrow would import pandas at its first
    conversion (~0.2 s, tens of MiB per worker): preload blocks it while the writer loads and
    lifts the block."""
    from extract.runs.server import PRELOAD
    code = f"import sys; [__import__(m) for m in {PRELOAD!r}]; print(sorted({{'pyarrow', 'pandas'}} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = ("import sys, pyarrow as pa, extract.runs.preload as p; p.load_writer_without_pandas(); pa.array([0]); "
            "import extract.pipeline, extract.cli; assert 'pandas' not in sys.modules; "
            "import importlib.util; print(importlib.util.find_spec('pandas') is not None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"  # still importable after: nothing else is changed


def test_the_run_command_never_imports_pandas_and_loads_its_writer_while_the_first_worker_starts(tmp_path):
    """``extract run``'s own process writes with pyarrow alone: pandas, which pyarrow would
    import at its first conversion (and pyarrow.dataset on a re-run), stays unloaded, on a
    first run and on a re-run of the same output; the run is written all the same. Where the run
    writes for its worker (a core to spare), the writer is loaded before the first document
    comes back, not after it."""
    from extract.runs import workers
    out = tmp_path / "out"
    code = ("import atexit, sys\n"
            "import extract.runs.workers as w\n"
            "finish = w._finish_here\n"
            "seen = []\n"
            "def first(extracted, opts):\n"
            "    seen.append('extract.outputs.writer' in sys.modules)\n"
            "    return finish(extracted, opts)\n"
            "w._finish_here = first\n"
            "atexit.register(lambda: print('pandas' in sys.modules, seen[:1]))\n"
            f"sys.argv = ['extract', 'run', {str(SAMPLE_FILES[0])!r}, {str(SAMPLE_FILES[1])!r}, "
            f"'--out', {str(out)!r}, '--workers', '1']\n"
            "import extract.launch; extract.launch.main()\n")
    for run, docs in (("first", 2), ("again", 2)):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        spare = workers._spare_core(workers.BatchOptions(out, "pdfium", workers=1))
        last = done.stdout.strip().splitlines()[-1]  # after the run's own lines
        assert last == ("False [True]" if spare and run == "first" else "False []"), (run, done.stdout)
        assert len(_documents(out)) == docs


def test_a_runs_own_process_starts_its_workers_before_loading_numpy_or_pdfium(tmp_path):
    """The run's process parses its options, plans and asks for its first worker while the fork
    server loads the reader (runs/server.py): it loads neither numpy nor pdfium (nor pyarrow)
    before that, so the first document is read as soon as the server is ready. ``--version``
    still names the reader."""
    code = ("import sys, extract.runs.workers as w\n"
            "def start(self):\n"
            "    print(sorted({'numpy', 'pypdfium2', 'pyarrow', 'pandas'} & set(sys.modules))); sys.exit(0)\n"
            "w._Workers.start = start\n"
            "import extract.cli\n"
            f"sys.argv = ['extract', 'run', {str(SAMPLE_FILES[0])!r}, '--out', {str(tmp_path)!r}]\n"
            "extract.cli.main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    version = subprocess.run([sys.executable, "-m", "extract", "--version"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"extract \S+ \(pdfium reader: (native|python)\)\n", version.stdout)
