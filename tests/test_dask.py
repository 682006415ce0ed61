"""``extract run --scheduler``: documents on a Dask cluster (issue 12), against a 2-worker
LocalCluster of processes. Skipped without the [dask] extra."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from conftest import DOCUMENT_SAMPLES, FORM_SAMPLES, SAMPLE_FILES, STATEMENT_SAMPLES
from extract.runs.batch import run_batch
from extract.runs.dask_batch import on_cluster
from extract.runs.plan import BatchOptions
from extract.outputs.diff import diff_outputs
from extract.inputs.sources import collect_inputs

distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")
dask = pytest.importorskip("dask")

INPUTS = [*SAMPLE_FILES, *STATEMENT_SAMPLES, *DOCUMENT_SAMPLES, *FORM_SAMPLES]


@pytest.fixture(scope="module")
def cluster():
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as c:
        yield c


def _rows(out: Path, name: str) -> list[dict]:
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()


def test_a_dask_run_writes_what_a_local_run_writes(cluster, tmp_path):
    items = list(collect_inputs([str(p) for p in INPUTS], None))
    local = run_batch(items, BatchOptions(tmp_path / "local", "pdfium", 2))
    remote = run_batch(items, BatchOptions(tmp_path / "dask", "pdfium", 2), runner=on_cluster(cluster.scheduler_address))
    assert remote.statuses == local.statuses == {"ok": len(INPUTS)}
    assert remote.pages == local.pages
    assert diff_outputs(tmp_path / "local", tmp_path / "dask").changes == []
    # Resumed like a local run: nothing left to do.
    again = run_batch(items, BatchOptions(tmp_path / "dask", "pdfium", 2), runner=on_cluster(cluster.scheduler_address))
    assert again.statuses == {"already_extracted": len(INPUTS)}


def test_a_worker_killed_mid_batch_loses_nothing_and_writes_nothing_twice(cluster, tmp_path):
    items = list(collect_inputs([str(p) for p in INPUTS], None))
    client = distributed.Client(cluster)
    killed: list[str] = []
    lock = threading.Lock()

    def kill_a_busy_worker(outcome) -> None:
        with lock:
            if killed:
                return
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(busy[0])

    totals = run_batch(items, BatchOptions(tmp_path / "out", "pdfium", 2), kill_a_busy_worker,
                       runner=on_cluster(cluster.scheduler_address))
    client.close()
    assert killed, "no worker was busy after the first document"
    assert sum(totals.statuses.values()) == len(INPUTS)
    documents = _rows(tmp_path / "out", "documents")
    assert sorted(d["file_name"] for d in documents) == sorted(p.name for p in INPUTS)  # each once
    assert {d["status"] for d in documents} <= {"ok", "failed"}
    failed = [d for d in documents if d["status"] == "failed"]
    assert all(d["error_class"] == "worker_crashed" for d in failed)
    ok = {d["doc_id"] for d in documents if d["status"] == "ok"}
    indicators = [r for r in _rows(tmp_path / "out", "indicators") if r["doc_id"] in ok]
    keys = [(r["doc_id"], r["sheet_no"], r["row_no"]) for r in indicators]
    assert len(keys) == len(set(keys))  # no row written twice
