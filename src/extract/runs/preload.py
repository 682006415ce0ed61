"""Loading the writer without pandas. pyarrow's first array conversion tries to import pandas
(when installed), ~0.2 s and tens of MiB per process, although neither the workers nor the
run's own process (``extract run`` writes with pyarrow alone) uses it. Once that import has
failed, pyarrow records pandas as absent and does not try again.

* ``load_writer_without_pandas``: a worker that writes its documents blocks pandas while it
  loads the writer (whose import makes that conversion), then lifts the block;
* ``hide_pandas``: the ``extract run`` command's own process blocks it for good (launch.py): it
  writes the documents its workers read, and a re-run's look at the output (pyarrow.dataset)
  would import pandas too.

A library user's process is never touched: only a worker and the command call these."""

from __future__ import annotations

import importlib
import importlib.abc
import sys

_BLOCKED = "pandas"
WRITER = "extract.outputs.writer"


class _Absent(importlib.abc.MetaPathFinder):
    """Makes ``import pandas`` raise ModuleNotFoundError, as where it is not installed."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - the finder protocol
        if name == _BLOCKED or name.startswith(_BLOCKED + "."):
            raise ModuleNotFoundError(f"{name} is not loaded by extract run", name=name)
        return None


def hide_pandas() -> None:
    """pandas unimportable in this process from now on (unless it is loaded already)."""
    if _BLOCKED not in sys.modules and not any(isinstance(f, _Absent) for f in sys.meta_path):
        sys.meta_path.insert(0, _Absent())


def load_writer_without_pandas() -> None:
    """The writer loaded with pandas blocked; the block lifted after (pyarrow remembers)."""
    if _BLOCKED in sys.modules:
        importlib.import_module(WRITER)
        return
    finder = _Absent()
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module(WRITER)
    finally:
        sys.meta_path.remove(finder)
