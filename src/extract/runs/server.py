"""The workers' fork server, started as early as the command allows.

Workers are forked from a server process that already imported the pipeline (POSIX), so a new
worker costs a fork, not a fresh interpreter importing pyarrow and pdfium; the server takes
~0.5 s to load them. ``extract run`` starts it before its own command line is imported
(launch.py), so the two loads overlap on a second core. This module imports nothing heavy.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver

# extract.runs.preload first: it loads the writer with pandas blocked (see there). extract.cli
# too: every child re-runs the main script (the `extract` command), which imports it;
# preloaded, that costs nothing per document.
PRELOAD = ["extract.runs.preload", "extract.cli", "extract.runs.workers", "extract.pipeline",
           "extract.outputs.writer", "extract.backends.pdfium_backend"]


def worker_context() -> multiprocessing.context.BaseContext:
    """The context workers start from: the fork server (started now, loading the pipeline while
    the run plans its inputs; a second call finds it running), spawn where there is none."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        multiprocessing.forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")
