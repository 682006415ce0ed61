"""The ``extract`` command (and ``python -m extract``): the command line, with ``extract run``'s
worker server started first.

The workers' fork server loads the pipeline (~0.25 s) before the first document: started here,
first, it loads while the command line parses its options and plans the run (~0.1 s; that
side loads neither numpy nor pdfium, backends/names.py), and the first worker starts as soon
as the server is ready (runs/server.py). Only a local run starts it: not
``--scheduler`` (Dask runs the documents), not ``--help``. The process itself never imports
pandas: it writes with pyarrow alone (runs/preload.py), and loads the writer while its first
worker starts (runs/workers.py).

A local run ends without the interpreter's teardown of its modules (pyarrow, pandas, numpy:
~0.13 s of a short run): once the command returns, every file it wrote is closed and renamed
into place, its output is flushed, and the exit handlers run (multiprocessing's among them,
which stops the fork server and removes its socket directory); then the process exits.
"""

from __future__ import annotations

import atexit
import os
import sys


def _runs_locally(argv: list[str]) -> bool:
    return (argv[:1] == ["run"] and not any(a in ("-h", "--help") for a in argv)
            and not any(a == "--scheduler" or a.startswith("--scheduler=") for a in argv))


def main() -> int:
    local = _runs_locally(sys.argv[1:])
    if local:
        from .runs.preload import hide_pandas
        from .runs.server import worker_context
        worker_context()
        hide_pandas()  # this process writes with pyarrow alone (runs/preload.py)
    from .cli import main as cli_main
    code = cli_main()
    if local:
        _exit_without_teardown(code)
    return code


def _exit_without_teardown(code: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()  # what the interpreter runs first at exit
    os._exit(code)
