"""Documents on this machine's worker processes: forked from a server that loaded the
pipeline, one document at a time each, watched for time and memory, replaced when lost."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import resource
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .documents import Outcome, convert, write_failure
from .memory import mapped_bytes, resident_bytes
from .plan import BatchOptions, Task

POLL_SECONDS = 0.2
DOCUMENTS_PER_WORKER = 200


def _worker(opts: BatchOptions, conn: Connection) -> None:
    """A worker process: documents one at a time from ``conn``, each outcome sent back, until
    told to stop (None). It serves many documents, so a document costs no process start; one
    that runs out of memory ends the worker (its heap may be left fragmented)."""
    # New address space is capped at the limit on top of what the worker maps at its start: the
    # libraries it inherits reserve far more than they use, so a cap on the total would be
    # either below the start or never reached. The run also watches resident memory (run_tasks).
    limit = mapped_bytes("self") + opts.max_memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        while (task := conn.recv()) is not None:
            try:
                conn.send((convert(task, opts, opts.max_memory_bytes), False))
            except MemoryError:
                conn.send((write_failure(task, opts, "out_of_memory",
                                         f"the worker needed more than {opts.max_memory_mb} MiB"), True))
                return
            except BaseException as exc:  # report, never lose the document
                conn.send((write_failure(task, opts, "internal_error", f"{type(exc).__name__}: {exc}"), False))
    except EOFError:  # the run went away
        pass
    finally:
        conn.close()


def worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from a server that already imported the pipeline (POSIX): a new worker
    costs a fork, not a fresh interpreter importing pyarrow and pdfium. spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # extract.cli too: every child re-runs the main script (the `extract` command), which
        # imports it; preloaded, that costs nothing per document.
        ctx.set_forkserver_preload(["extract.cli", "extract.runs.workers", "extract.pipeline",
                                    "extract.outputs.writer", "extract.backends.pdfium_backend"])
        # Started now, the server loads those (~0.5 s) while the run plans its inputs.
        multiprocessing.forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")


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
                    outcome, ending = write_failure(task, opts, "worker_crashed",
                                                    f"the worker process died (exit code {w.proc.exitcode})"), False
                if ending:  # it stops after this document (out of memory)
                    retire(w)
                yield outcome
            now = time.monotonic()
            for w in [w for w in workers if w.task is not None]:
                if opts.timeout and now - w.started > opts.timeout:
                    task, w.task = w.task, None
                    retire(w, kill=True)
                    yield write_failure(task, opts, "timeout",
                                        f"not finished within {opts.timeout:g}s; the worker was stopped")
                elif resident_bytes(w.proc.pid) > opts.max_memory_bytes:
                    task, w.task = w.task, None
                    retire(w, kill=True)
                    yield write_failure(task, opts, "out_of_memory",
                                        f"the worker's resident memory passed {opts.max_memory_mb} MiB; "
                                        "it was stopped")
    finally:
        for w in list(workers):
            retire(w, kill=w.task is not None)
