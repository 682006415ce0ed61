"""Batch conversion: many inputs, parallel, resumable, safe to kill.

* Inputs (inputs/sources.py) are grouped by content hash: the same PDF under two names or in two
  archives is extracted once and every source path is recorded.
* A document already in the output with the same hash and pipeline version is not redone
  (``force`` redoes it); it is counted ``already_extracted``. A document's ``documents`` row is written last, after its other
  datasets, so it marks a finished document: a run killed at any moment is completed by the
  next one, with no duplicate and nothing missing.
* Documents run in worker processes, one document at a time each, with a time limit (a hung
  parser's worker is killed and the document marked ``timeout``) and a memory limit; a worker
  that crashes marks its document failed (``worker_crashed``) and is replaced.
* One run at a time per output directory: a second run refuses with a clear message.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import shutil
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..datamodel import DocumentResult
from ..inputs.sources import InputItem
from ..outputs.compact import compacted_doc_ids, recover, remove_document
from ..outputs.reading import open_dataset

LOCK_NAME = ".extract.lock"
WORK_DIR = ".work"  # archive members are staged here (by content hash) while a worker reads them
POLL_SECONDS = 0.2
PLAN_REPORT_SECONDS = 2.0
DOCUMENTS_PER_WORKER = 200
MIB = 1024 * 1024


class OutputLocked(RuntimeError):
    """Another run holds the output directory."""


@dataclass(frozen=True)
class Task:
    doc_id: str
    item: InputItem
    sources: tuple[str, ...]
    in_compacted: bool = False  # rows of an earlier run sit in compacted files


@dataclass(frozen=True)
class Outcome:
    doc_id: str
    status: str
    summary: str
    pages: int = 0
    error_class: str | None = None


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    backend: str
    workers: int = 1
    timeout: float = 600.0
    max_memory_mb: int = 4096
    force: bool = False
    kinds: tuple[str, ...] | None = None  # read only these document kinds (kinds.KINDS)
    scheduler: str | None = None  # a Dask scheduler address: documents run there (dask_batch.py)

    @property
    def max_memory_bytes(self) -> int:
        return self.max_memory_mb * MIB


@dataclass
class Totals:
    inputs: int = 0
    documents: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"inputs": self.inputs, "documents": self.documents, "statuses": dict(self.statuses),
                "error_classes": dict(self.errors), "pages": self.pages, "seconds": round(self.seconds, 2)}


# --------------------------------------------------------------------------- planning


def plan(items: list[InputItem], on_hashed: Callable[[int, int], None] | None = None,
         every: float = PLAN_REPORT_SECONDS) -> list[Task]:
    """One task per distinct content, with every source it was found under.

    Every input is hashed first (an archive of 100 000 PDFs takes minutes): ``on_hashed(done,
    total)`` is told how far it got every ``every`` seconds, and once at the end.
    """
    groups: dict[str, list[InputItem]] = {}
    last = time.monotonic()
    for n, item in enumerate(items, start=1):
        if on_hashed and time.monotonic() - last >= every:
            on_hashed(n - 1, len(items))
            last = time.monotonic()
        try:
            key = item.doc_id()
        except Exception as exc:  # an archive member that cannot be read after all
            item = replace(item, error_class="unreadable_member", error_message=f"cannot be read: {exc}")
            key = item.doc_id()
        groups.setdefault(key, []).append(item)
    if on_hashed:
        on_hashed(len(items), len(items))
    return [Task(doc_id, group[0], tuple(i.source for i in group)) for doc_id, group in groups.items()]


def finished_documents(out: Path) -> dict[str, str]:
    """doc_id -> pipeline_version of the documents already extracted in ``out``.

    Failed documents are retried, and so are documents skipped because an earlier run read
    other kinds (``--kinds``): this run may want them.
    """
    dataset = open_dataset(out, "documents")  # a first run has none: it starts without pyarrow
    if dataset is None:
        return {}
    table = dataset.to_table(columns=["doc_id", "pipeline_version", "status", "error_class"])
    return {d: v for d, v, s, e in zip(*(table.column(c).to_pylist() for c in table.column_names))
            if s != "failed" and e != "kind_not_selected"}


# --------------------------------------------------------------------------- one document


def failed_document(task: Task, error_class: str, message: str) -> DocumentResult:
    return DocumentResult(doc_id=task.doc_id, source_path=task.sources[0], file_name=task.item.name,
                          page_count=None, producer=None, unit_name=None, fiscal_year=None,
                          status="failed", error_class=error_class, error_message=message)


def convert(task: Task, opts: BatchOptions, memory_limit: int | None = None) -> Outcome:
    """Extract one document and write its datasets (runs inside a worker process). With
    ``memory_limit`` (bytes), a worker holding more resident memory once the document is read
    raises MemoryError instead of writing it: a document too fast for the run's watch."""
    from ..pipeline import process_document  # loaded once by the fork server (worker_context)
    t0 = time.perf_counter()
    item = task.item
    if item.error_class is not None:
        doc = failed_document(task, item.error_class, item.error_message or "")
    elif item.path is not None:
        doc = process_document(item.path, backend=opts.backend, doc_id=task.doc_id, kinds=opts.kinds)
    else:
        staged = opts.out / WORK_DIR / f"{task.doc_id}.pdf"  # our own name, never the member's
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(item.read())
        try:
            doc = process_document(staged, backend=opts.backend, doc_id=task.doc_id, kinds=opts.kinds)
        finally:
            staged.unlink(missing_ok=True)
    if memory_limit and _resident_bytes("self") > memory_limit:
        raise MemoryError
    doc = replace(doc, source_path=task.sources[0], file_name=item.name)
    _write(task, opts, doc)
    return Outcome(task.doc_id, doc.status, summary_line(doc, time.perf_counter() - t0),
                   doc.page_count or 0, doc.error_class)


def summary_line(doc: DocumentResult, seconds: float) -> str:
    if doc.status in ("failed", "skipped"):
        return f"{doc.status.upper():7} {doc.source_path}: [{doc.error_class}] {doc.error_message}"
    return (f"{doc.status.upper():7} {doc.source_path}: {doc.page_count} pages, {len(doc.sheets)} sheets, "
            f"{doc.indicator_count} indicators, {doc.failed_check_count} failed checks, "
            f"{len(doc.narrative.facts)} facts, {doc.statement_table_count}/{sum(t.standard for t in doc.statement_tables)} "
            f"tables, {doc.failed_cross_check_count} failed cross-checks, "
            f"{len(doc.warnings)} warnings ({seconds:.1f}s)")


def _worker(opts: BatchOptions, conn: Connection) -> None:
    """A worker process: documents one at a time from ``conn``, each outcome sent back, until
    told to stop (None). It serves many documents, so a document costs no process start; one
    that runs out of memory ends the worker (its heap may be left fragmented)."""
    # New address space is capped at the limit on top of what the worker maps at its start: the
    # libraries it inherits reserve far more than they use, so a cap on the total would be
    # either below the start or never reached. The run also watches resident memory (run_tasks).
    limit = _mapped_bytes("self") + opts.max_memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        while (task := conn.recv()) is not None:
            try:
                conn.send((convert(task, opts, opts.max_memory_bytes), False))
            except MemoryError:
                conn.send((_write_failure(task, opts, "out_of_memory",
                                          f"the worker needed more than {opts.max_memory_mb} MiB"), True))
                return
            except BaseException as exc:  # report, never lose the document
                conn.send((_write_failure(task, opts, "internal_error", f"{type(exc).__name__}: {exc}"), False))
    except EOFError:  # the run went away
        pass
    finally:
        conn.close()


def _write(task: Task, opts: BatchOptions, doc: DocumentResult) -> None:
    from ..outputs.writer import write_document
    if task.in_compacted:
        remove_document(opts.out, task.doc_id)
    write_document(opts.out, doc, opts.backend, __version__, source_paths=task.sources)


def _write_failure(task: Task, opts: BatchOptions, error_class: str, message: str) -> Outcome:
    doc = failed_document(task, error_class, message)
    _write(task, opts, doc)
    return Outcome(task.doc_id, "failed", summary_line(doc, 0.0), 0, error_class)


# --------------------------------------------------------------------------- scheduling


def worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from a server that already imported the pipeline (POSIX): a new worker
    costs a fork, not a fresh interpreter importing pyarrow and pdfium. spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # extract.cli too: every child re-runs the main script (the `extract` command), which
        # imports it; preloaded, that costs nothing per document.
        ctx.set_forkserver_preload(["extract.cli", "extract.runs.batch", "extract.pipeline", "extract.outputs.writer",
                                    "extract.backends.pdfium_backend"])
        # Started now, the server loads those (~0.5 s) while the run plans its inputs.
        multiprocessing.forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")


_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _statm(pid: int | str) -> list[int]:
    """Linux /proc/PID/statm in pages (size, resident, …); empty where there is no /proc."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return [int(v) for v in f.read().split()]
    except (OSError, ValueError):
        return []


def _mapped_bytes(pid: int | str) -> int:
    fields = _statm(pid)
    return fields[0] * _PAGE_BYTES if fields else 0


def _resident_bytes(pid: int | str | None) -> int:
    fields = _statm(pid) if pid else []
    return fields[1] * _PAGE_BYTES if len(fields) > 1 else 0


@dataclass
class _Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection
    served: int = 0
    task: Task | None = None  # the document it is converting, if any
    started: float = 0.0


def run_tasks(tasks: list[Task], opts: BatchOptions) -> Iterator[Outcome]:
    """The tasks on ``opts.workers`` worker processes; results in completion order.

    A worker that dies mid-document (a crash in a parser), overruns ``opts.timeout`` or holds
    more resident memory than ``opts.max_memory_mb`` is replaced; its document is recorded
    ``worker_crashed``, ``timeout`` or ``out_of_memory``. A worker is retired after
    DOCUMENTS_PER_WORKER documents, so that no leak grows without bound.
    """
    ctx = worker_context()
    pending = deque(tasks)
    workers: list[_Worker] = []

    def start() -> _Worker:
        conn, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_worker, args=(opts, child), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, conn)

    def retire(w: _Worker, kill: bool = False) -> None:
        workers.remove(w)
        if kill:
            w.proc.kill()
        else:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        w.proc.join()
        w.conn.close()

    try:
        while pending or any(w.task for w in workers):
            for w in [w for w in workers if w.task is None and w.served >= DOCUMENTS_PER_WORKER]:
                retire(w)
            while pending and len(workers) < opts.workers:
                workers.append(start())
            for w in list(workers):
                if w.task is None and pending:
                    try:
                        w.conn.send(pending[0])
                    except OSError:  # it died between documents: the next worker takes the task
                        retire(w, kill=True)
                        continue
                    w.task, w.started = pending.popleft(), time.monotonic()
            busy = {w.conn: w for w in workers if w.task is not None}
            for conn in wait(list(busy), timeout=POLL_SECONDS):
                w = busy[conn]
                task, w.task = w.task, None
                w.served += 1
                try:
                    outcome, ending = conn.recv()
                except EOFError:  # the process died without a word: a crash in a parser
                    retire(w, kill=True)
                    outcome, ending = _write_failure(task, opts, "worker_crashed",
                                                     f"the worker process died (exit code {w.proc.exitcode})"), False
                if ending:  # it stops after this document (out of memory)
                    retire(w)
                yield outcome
            now = time.monotonic()
            for w in [w for w in workers if w.task is not None]:
                if opts.timeout and now - w.started > opts.timeout:
                    task, w.task = w.task, None
                    retire(w, kill=True)
                    yield _write_failure(task, opts, "timeout",
                                         f"not finished within {opts.timeout:g}s; the worker was stopped")
                elif _resident_bytes(w.proc.pid) > opts.max_memory_bytes:
                    task, w.task = w.task, None
                    retire(w, kill=True)
                    yield _write_failure(task, opts, "out_of_memory",
                                         f"the worker's resident memory passed {opts.max_memory_mb} MiB; "
                                         "it was stopped")
    finally:
        for w in list(workers):
            retire(w, kill=w.task is not None)


# --------------------------------------------------------------------------- the run


class OutputLock:
    """An exclusive lock on the output directory for the duration of a run."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLocked(f"{self.path.parent} is in use by another extract run; "
                               "wait for it to finish or use another --out") from None
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)


def clean_leftovers(out: Path) -> None:
    """Temporary files of a run that was killed (never read as data: they are not *.parquet)."""
    for tmp in out.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)
    shutil.rmtree(out / WORK_DIR, ignore_errors=True)


class Progress:
    """A one-line progress bar on a terminal; one line per document otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, log: TextIO | None = None) -> None:
        # Looked up now, not at import: a caller may have redirected them.
        self.total, self.stream, self.log = total, stream or sys.stderr, log or sys.stdout
        self.tty = self.stream.isatty()
        self.done = self.pages = self.failed = self.skipped = 0
        self.hash_shown = False
        self.started = time.perf_counter()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.pages += outcome.pages
        self.failed += outcome.status == "failed"
        self.skipped += outcome.status == "skipped"
        if not self.tty:
            print(f"[{self.done}/{self.total}] {outcome.summary}", file=self.log, flush=True)
            return
        if outcome.status not in ("ok", "skipped"):
            print(f"\r\033[K{outcome.summary}", file=self.stream)
        elapsed = time.perf_counter() - self.started
        rate = self.pages / elapsed if elapsed else 0.0
        eta = elapsed / self.done * (self.total - self.done)
        print(f"\r\033[K{self.done}/{self.total} documents, {self.pages} pages, {rate:.1f} pages/s, "
              f"ETA {eta:.0f}s, {self.failed} failed, {self.skipped} skipped (not 决算)", end="",
              file=self.stream, flush=True)

    def hashed(self, done: int, total: int) -> None:
        """How far hashing the inputs got, before any document starts; silent when it was
        over before the first report."""
        if done == total and not self.hash_shown:
            return
        self.hash_shown = True
        if self.tty:
            print(f"\r\033[Khashing inputs: {done}/{total}", end="\n" if done == total else "",
                  file=self.stream, flush=True)
        else:
            print(f"hashing inputs: {done}/{total}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.tty:
            print(file=self.stream)


def run_batch(items: list[InputItem], opts: BatchOptions,
              on_outcome: Callable[[Outcome], None] | None = None,
              on_hashed: Callable[[int, int], None] | None = None) -> Totals:
    """Convert every input into ``opts.out``; returns what happened to them. ``on_hashed``
    follows the hashing of the inputs (plan), ``on_outcome`` each document."""
    started = time.perf_counter()
    totals = Totals(inputs=len(items))
    if not opts.scheduler:
        worker_context()  # the workers' fork server starts loading the pipeline meanwhile
    with OutputLock(opts.out):
        recover(opts.out)  # a compaction killed after its journal: finish it first
        clean_leftovers(opts.out)
        tasks = plan(items, on_hashed)
        totals.documents = len(tasks)
        done = {} if opts.force else finished_documents(opts.out)
        compacted = compacted_doc_ids(opts.out)
        todo = [replace(t, in_compacted=t.doc_id in compacted) for t in tasks
                if done.get(t.doc_id) != __version__]
        totals.statuses["already_extracted"] = len(tasks) - len(todo)
        # Largest first, so that the batch does not end waiting on one big straggler.
        todo.sort(key=lambda t: -(t.item.path.stat().st_size if t.item.path else len(t.item.content or b"")))
        if opts.scheduler:
            from .dask_batch import run_tasks_on_dask
            outcomes = run_tasks_on_dask(todo, opts, opts.scheduler)
        else:
            outcomes = run_tasks(todo, opts)
        for outcome in outcomes:
            totals.statuses[outcome.status] += 1
            totals.pages += outcome.pages
            if outcome.error_class:
                totals.errors[outcome.error_class] += 1
            if on_outcome:
                on_outcome(outcome)
        shutil.rmtree(opts.out / WORK_DIR, ignore_errors=True)
    if not totals.statuses["already_extracted"]:
        del totals.statuses["already_extracted"]
    totals.seconds = time.perf_counter() - started
    return totals
