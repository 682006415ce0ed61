"""Compaction: rewrite each dataset partition's per-document files into few large files.

Per-document files make re-runs idempotent, but 10,000 documents would leave a warehouse
40,000 small Parquet files. ``compact`` merges each partition into ``part-<id>.parquet`` files
of up to ``target_rows`` rows, keeping every row.

Safe to kill: the merged files are first written under temporary names; then a journal naming
what to rename into place and what to delete is written (atomically); then it is applied. A run
or compaction that finds a journal finishes applying it before anything else, so no reader of
the finished state sees a row twice or misses one.

Re-running a document that already sits in a compacted file removes its rows there first
(``remove_document``), its documents row first: until its new files are in place it counts as
unfinished, so an interrupted re-run is redone, never duplicated.
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from ..datamodel import DATASETS

PART_PREFIX = "part-"
JOURNAL = ".compact-journal.json"
EDIT_LOCK = ".compact-edit.lock"
DEFAULT_TARGET_ROWS = 1_000_000


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith("."))


def recover(out: Path) -> None:
    """Finish a compaction that was interrupted after its journal was written."""
    journal = out / JOURNAL
    if not journal.exists():
        return
    plan = json.loads(journal.read_text(encoding="utf-8"))
    for tmp, final in plan["add"]:
        if Path(tmp).exists():
            os.replace(tmp, final)
    for old in plan["remove"]:
        Path(old).unlink(missing_ok=True)
    journal.unlink()


def compact(out: Path, target_rows: int = DEFAULT_TARGET_ROWS) -> dict[str, tuple[int, int]]:
    """Merge every partition; returns dataset -> (files before, files after). Rows unchanged."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .writer import SCHEMAS
    recover(out)
    add: list[tuple[str, str]] = []
    remove: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    for name in DATASETS:
        before = after = 0
        for partition in sorted((out / name).glob("fiscal_year=*")):
            files = _data_files(partition)
            before += len(files)
            if len(files) <= 1:
                after += len(files)
                continue
            table = pa.concat_tables([pq.read_table(f, schema=SCHEMAS[name]) for f in files])
            for start in range(0, max(table.num_rows, 1), target_rows):
                final = partition / f"{PART_PREFIX}{uuid.uuid4().hex}.parquet"
                tmp = partition / f".{final.name}.tmp"
                pq.write_table(table.slice(start, target_rows), tmp)
                add.append((str(tmp), str(final)))
                after += 1
            remove += [str(f) for f in files]
        counts[name] = (before, after)
    if add or remove:
        journal_tmp = out / f".{JOURNAL}.tmp"
        journal_tmp.write_text(json.dumps({"add": add, "remove": remove}), encoding="utf-8")
        os.replace(journal_tmp, out / JOURNAL)  # from here on the compaction will complete
        recover(out)
    return counts


def compacted_doc_ids(out: Path) -> set[str]:
    """doc_ids that have rows in compacted files (their re-run must remove them first)."""
    files = list((out / "documents").glob(f"fiscal_year=*/{PART_PREFIX}*.parquet"))
    if not files:
        return set()
    import pyarrow.parquet as pq  # only when there are compacted files to read
    return {d for f in files for d in pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist()}


@contextmanager
def _edit_lock(out: Path):
    """Workers editing compacted files one at a time (two edits of one file would lose one)."""
    fd = os.open(out / EDIT_LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_document(out: Path, doc_id: str) -> None:
    """Drop one document's rows from the compacted files, documents dataset first."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from .writer import SCHEMAS, atomic_write
    with _edit_lock(out):
        for name in ("documents", *[d for d in DATASETS if d != "documents"]):
            for f in sorted((out / name).glob(f"fiscal_year=*/{PART_PREFIX}*.parquet")):
                table = pq.read_table(f, schema=SCHEMAS[name])
                keep = pc.not_equal(table.column("doc_id"), doc_id)
                if pc.all(keep).as_py():
                    continue
                rest = table.filter(keep)
                if rest.num_rows:
                    atomic_write(rest, f)
                else:
                    f.unlink()
