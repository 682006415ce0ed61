"""The ``extract`` command (and ``python -m extract``): the command line, with ``extract run``'s
worker server started first.

The command line imports the whole package (~0.25 s) before it runs anything, and the workers'
fork server then loads the pipeline (~0.5 s) before the first document: started here, before
that import, the two loads overlap (runs/server.py). Only a local run starts it: not
``--scheduler`` (Dask runs the documents), not ``--help``.
"""

from __future__ import annotations

import sys


def _runs_locally(argv: list[str]) -> bool:
    return (argv[:1] == ["run"] and not any(a in ("-h", "--help") for a in argv)
            and not any(a == "--scheduler" or a.startswith("--scheduler=") for a in argv))


def main() -> int:
    if _runs_locally(sys.argv[1:]):
        from .runs.server import worker_context
        worker_context()
    from .cli import main as cli_main
    return cli_main()
