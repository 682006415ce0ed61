"""The workers' fork server, started as early as the command allows.

Workers are forked from a server process that already imported the pipeline (POSIX), so a new
worker costs a fork, not a fresh interpreter importing pyarrow and pdfium; the server takes
~0.3 s to load them. ``extract run`` starts it before its own command line is imported
(launch.py), so the two loads overlap on a second core. This module imports nothing heavy.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver

# What a worker reads with. Not the writer (pyarrow, ~0.2 s): a worker that writes loads it
# itself (workers._serve), and where the run writes (a core to spare) no worker needs it.
PRELOAD = ["extract.runs.workers", "extract.pipeline", "extract.backends.pdfium_backend"]


def worker_context() -> multiprocessing.context.BaseContext:
    """The context workers start from: the fork server (started now, loading the pipeline while
    the run plans its inputs; a second call finds it running), spawn where there is none."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        multiprocessing.forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")
