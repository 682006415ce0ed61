"""Documents on this machine's worker processes: forked from a server that loaded the
pipeline, one document at a time each, watched for time and memory, replaced when lost.

Where the machine has a core the workers leave free (``--workers 1`` on two cores), the run
writes each document's datasets itself while its worker reads the next one (~20% of a
document's time); otherwise every worker writes its own documents."""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .documents import Extracted, Outcome, convert, failure, finish, pass_on, write_failure
from .memory import mapped_bytes, resident_bytes
from .plan import BatchOptions, Task
from .preload import WRITER, load_writer_without_pandas
from .server import worker_context

POLL_SECONDS = 0.2
DOCUMENTS_PER_WORKER = 200


def _serve(opts: BatchOptions, conn: Connection, write: bool) -> None:
    """A worker process: documents one at a time from ``conn``, each outcome (``write``: the
    document written) or the document read sent back, until told to stop (None). It serves many
    documents, so a document costs no process start."""
    if write:
        load_writer_without_pandas()
    _cap_new_address_space(opts.max_memory_bytes)
    try:
        while (task := conn.recv()) is not None:
            if not _serve_one(task, opts, conn, write):
                return
    except EOFError:  # the run went away
        pass
    finally:
        conn.close()


def _cap_new_address_space(limit: int) -> None:
    """New address space capped at ``limit`` bytes on top of what the worker maps at its start:
    the libraries it inherits reserve far more than they use, so a cap on the total would be
    either below the start or never reached. The run also watches resident memory (_overrun)."""
    cap = mapped_bytes("self") + limit
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve_one(task: Task, opts: BatchOptions, conn: Connection, write: bool) -> bool:
    """Convert one document and send its outcome, a failure when it raised; False when the
    worker must end: one that ran out of memory may have left its heap fragmented."""
    try:
        conn.send((convert(task, opts, opts.max_memory_bytes, write), False))
    except MemoryError:
        failed = failure(task, "out_of_memory", f"the worker needed more than {opts.max_memory_mb} MiB")
        conn.send((pass_on(failed, opts, write), True))
        return False
    except BaseException as exc:  # report, never lose the document
        conn.send((pass_on(failure(task, "internal_error", f"{type(exc).__name__}: {exc}"), opts, write), False))
    return True


def _spare_core(opts: BatchOptions) -> bool:
    """The machine has a core the workers leave free: the run can write while they read."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return opts.workers < cores


@dataclass
class _Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection
    served: int = 0
    task: Task | None = None  # the document it is converting, if any
    started: float = 0.0

    def take_task(self) -> Task:
        """The document it was converting (it is busy), which it is converting no longer."""
        task, self.task = self.task, None
        return task


def _overrun(w: _Worker, now: float, opts: BatchOptions) -> tuple[str, str] | None:
    """Why a busy worker must be stopped now (error class, message), if it must."""
    if opts.timeout and now - w.started > opts.timeout:
        return "timeout", f"not finished within {opts.timeout:g}s; the worker was stopped"
    if resident_bytes(w.proc.pid) > opts.max_memory_bytes:
        return "out_of_memory", f"the worker's resident memory passed {opts.max_memory_mb} MiB; it was stopped"
    return None


class _Workers:
    """The run's worker processes, at most ``opts.workers``, each with the document it converts."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, opts: BatchOptions) -> None:
        self.ctx, self.opts = ctx, opts
        self.workers: list[_Worker] = []
        self.write_here = _spare_core(opts)  # else each worker writes its documents

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def idle(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is None]

    def top_up(self, pending: deque[Task]) -> None:
        """Idle workers past DOCUMENTS_PER_WORKER retired; new ones started while work waits."""
        for w in [w for w in self.idle() if w.served >= DOCUMENTS_PER_WORKER]:
            self.retire(w)
        while pending and len(self.workers) < self.opts.workers:
            self.start()

    def hand_out(self, pending: deque[Task]) -> None:
        """The next pending task to each idle worker."""
        for w in self.idle():
            if pending and self._send(w, pending[0]):
                w.task, w.started = pending.popleft(), time.monotonic()

    def finished(self) -> Iterator[Outcome | Extracted]:
        """What the busy workers send within a poll: outcomes, or documents to write here."""
        busy = {w.conn: w for w in self.busy()}
        if not busy:  # nothing to wait for (wait would sleep the poll out)
            return
        for conn in wait(list(busy), timeout=POLL_SECONDS):
            yield self._receive(busy[conn])

    def stop_overrunning(self) -> Iterator[Outcome]:
        """Workers past the time or memory limit killed, their documents written as failed."""
        now = time.monotonic()
        for w in self.busy():
            if why := _overrun(w, now, self.opts):
                task = w.take_task()
                self.retire(w, kill=True)
                yield write_failure(task, self.opts, *why)

    def start(self) -> None:
        conn, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_serve, args=(self.opts, child, not self.write_here), daemon=True)
        proc.start()
        child.close()
        self.workers.append(_Worker(proc, conn))

    def retire(self, w: _Worker, kill: bool = False) -> None:
        self.workers.remove(w)
        if kill:
            w.proc.kill()
        else:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        w.proc.join()
        w.conn.close()

    def close(self) -> None:
        """Every worker ended: killed mid-document (the run stops early), told to stop otherwise."""
        for w in list(self.workers):
            self.retire(w, kill=w.task is not None)

    def _send(self, w: _Worker, task: Task) -> bool:
        """False when the worker died between documents: retired, the next one takes the task."""
        try:
            w.conn.send(task)
        except OSError:
            self.retire(w, kill=True)
            return False
        return True

    def _receive(self, w: _Worker) -> Outcome | Extracted:
        task = w.take_task()
        w.served += 1
        try:
            outcome, ending = w.conn.recv()
        except EOFError:  # the process died without a word: a crash in a parser
            self.retire(w, kill=True)
            return write_failure(task, self.opts, "worker_crashed",
                                 f"the worker process died (exit code {w.proc.exitcode})")
        if ending:  # it stops after this document (out of memory)
            self.retire(w)
        return outcome


def run_tasks(tasks: list[Task], opts: BatchOptions) -> Iterator[Outcome]:
    """The tasks on ``opts.workers`` worker processes; results in completion order.

    A worker that dies mid-document (a crash in a parser), overruns ``opts.timeout`` or holds
    more resident memory than ``opts.max_memory_mb`` is replaced; its document is recorded
    ``worker_crashed``, ``timeout`` or ``out_of_memory``. A worker is retired after
    DOCUMENTS_PER_WORKER documents, so that no leak grows without bound.
    """
    workers = _Workers(worker_context(), opts)
    pending = deque(tasks)
    received: list[Outcome | Extracted] = []
    try:
        while pending or workers.busy() or received:
            workers.top_up(pending)
            workers.hand_out(pending)
            if workers.write_here:  # loaded while the first worker starts, not when its document is in
                importlib.import_module(WRITER)
            for item in received:  # written here while the workers read their next documents
                yield item if isinstance(item, Outcome) else _finish_here(item, opts)
            received = [*workers.finished(), *workers.stop_overrunning()]
    finally:
        workers.close()


def _finish_here(extracted: Extracted, opts: BatchOptions) -> Outcome:
    """A document a worker read, written by the run; a failure to write it is the document's."""
    try:
        return finish(extracted, opts)
    except Exception as exc:  # e.g. a value the writer refuses: named, the run goes on
        return write_failure(extracted.task, opts, "internal_error", f"writing: {type(exc).__name__}: {exc}")
