"""Documents converted on a Dask cluster: ``extract run … --scheduler ADDRESS``.

``on_cluster(address)`` is ``batch.run_batch``'s runner for it (the cli passes it): the client
plans the batch as a local run does (inputs collected, archives expanded, duplicates grouped by
content, finished documents skipped) and submits one task per document. Each task runs
``documents.convert`` on a worker, which writes the document's files into the output directory
itself, atomically and documents-row last, exactly as a local worker does: **the output must be
a path every worker and the client can write** (a shared file system), and input files must be
readable by the workers under the same absolute path (archive members travel with their task).

Each document runs in a child process of the Dask worker when the worker may start one (then
``--timeout`` and ``--max-memory-mb`` hold as locally); on daemonic workers it runs in the
worker itself and the cluster's own limits apply. A worker lost mid-document (killed, crashed in
a parser) makes the scheduler run the task again elsewhere; a document that loses workers more
often than the scheduler allows (``distributed.scheduler.allowed-failures``; the local cluster
of the tests sets 1: one retry) is recorded as ``worker_crashed``. Every document is written by
the one task that finishes it, under its own file names, so a retried document is never
written twice.

Needs the ``[dask]`` extra (``pip install -e '.[dask]'``).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from .batch import RunTasks
from .documents import Outcome, convert, write_failure
from .plan import BatchOptions, Task
from .workers import run_tasks


def _absolute(task: Task) -> Task:
    """Paths as workers on other machines (or in other folders) must see them."""
    item = task.item
    if item.path is not None:
        item = replace(item, path=item.path.resolve())
    return replace(task, item=item)


def convert_on_worker(task: Task, opts: BatchOptions) -> Outcome:
    """One document, on a Dask worker: in a child process where the worker may start one."""
    if not multiprocessing.current_process().daemon:
        return next(run_tasks([task], replace(opts, workers=1)))
    return convert(task, opts)


def on_cluster(address: str) -> RunTasks:
    """``run_batch``'s runner for the cluster whose scheduler is at ``address``."""
    return partial(run_tasks_on_dask, address=address)


def run_tasks_on_dask(tasks: list[Task], opts: BatchOptions, address: str) -> Iterator[Outcome]:
    """Each task on the cluster at ``address``; outcomes in completion order."""
    try:
        from distributed import Client, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError as exc:  # pragma: no cover - the extra is installed in the tests
        raise RuntimeError("--scheduler needs dask.distributed: pip install -e '.[dask]'") from exc
    opts = replace(opts, out=opts.out.resolve())
    with Client(address) as client:
        futures = {client.submit(convert_on_worker, _absolute(task), opts, key=f"extract-{task.doc_id}",
                                 pure=False): task for task in tasks}
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except KilledWorker as exc:
                yield write_failure(task, opts, "worker_crashed",
                                     f"the Dask workers running this document died ({exc})")
            except Exception as exc:  # raised inside convert: a bug, named
                yield write_failure(task, opts, "internal_error", f"{type(exc).__name__}: {exc}")
            finally:
                future.release()
