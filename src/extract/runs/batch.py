"""Batch conversion: many inputs, parallel, resumable, safe to kill. ``run_batch`` puts together:

* plan.py: inputs (inputs/sources.py) grouped by content hash, so the same PDF under two names
  or in two archives is extracted once and every source path recorded; a document already in
  the output with the same hash and pipeline version is not redone (``force`` redoes it) and is
  counted ``already_extracted``.
* documents.py: one document converted and written, its ``documents`` row last, after its
  other datasets, so that the row marks a finished document: a run killed at any moment is
  completed by the next one, with no duplicate and nothing missing.
* workers.py: documents in worker processes, one at a time each (written by the run when a
  core is free for it, else by the worker), with a time limit (a hung parser's worker is
  killed and the document marked ``timeout``) and a memory limit (memory.py); a worker that
  crashes marks its document failed (``worker_crashed``) and is replaced.
* lock.py: one run at a time per output directory; a second run refuses with a clear message.
* progress.py: the progress line and the totals.

dask_batch.py is the other runner (documents on a Dask cluster): it uses these modules, never
they it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from ..inputs.sources import InputItem
from ..outputs.compact import recover
from .documents import Outcome, clean_leftovers, remove_staging
from .lock import OutputLock
from .plan import BatchOptions, Task, plan, still_to_do
from .progress import Totals
from .workers import run_tasks, worker_context

# What runs the documents still to do, outcomes in completion order: workers.run_tasks, or
# dask_batch.on_cluster(address) (the cli chooses; this module never imports Dask's runner).
RunTasks = Callable[[list[Task], BatchOptions], Iterable[Outcome]]


def run_batch(items: list[InputItem], opts: BatchOptions,
              on_outcome: Callable[[Outcome], None] | None = None,
              on_hashed: Callable[[int, int], None] | None = None,
              runner: RunTasks | None = None) -> Totals:
    """Convert every input into ``opts.out``; returns what happened to them. ``on_hashed``
    follows the hashing of the inputs (plan), ``on_outcome`` each document; ``runner`` runs
    the documents (by default this machine's worker processes)."""
    started = time.perf_counter()
    totals = Totals(inputs=len(items))
    if runner is None:
        worker_context()  # the workers' fork server starts loading the pipeline meanwhile
        runner = run_tasks
    with OutputLock(opts.out):
        recover(opts.out)  # a compaction killed after its journal: finish it first
        clean_leftovers(opts.out)
        tasks = plan(items, on_hashed)
        todo = still_to_do(tasks, opts)
        totals.documents = len(tasks)
        if len(todo) < len(tasks):  # counted before any outcome: the summary lists it first
            totals.statuses["already_extracted"] = len(tasks) - len(todo)
        for outcome in runner(todo, opts):
            totals.count(outcome)
            if on_outcome:
                on_outcome(outcome)
        remove_staging(opts.out)
    totals.seconds = time.perf_counter() - started
    return totals
