"""The workers' fork server imports this first: pyarrow's first array conversion tries to import
pandas (when installed), ~0.3 s and tens of MiB per process, although no worker uses it. Blocked
while the server loads the writer (whose import makes that conversion), pyarrow records that
pandas is absent and does not try again in the server or the workers forked from it; the block
is lifted after. A process outside a batch (a library user's) is not touched: only the fork
server preloads this module."""

from __future__ import annotations

import importlib
import importlib.abc
import sys

_BLOCKED = "pandas"


class _Absent(importlib.abc.MetaPathFinder):
    """Makes ``import pandas`` raise ModuleNotFoundError, as where it is not installed."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - the finder protocol
        if name == _BLOCKED or name.startswith(_BLOCKED + "."):
            raise ModuleNotFoundError(f"{name} is not loaded in batch workers", name=name)
        return None


if _BLOCKED not in sys.modules:
    _finder = _Absent()
    sys.meta_path.insert(0, _finder)
    try:
        importlib.import_module("extract.outputs.writer")
    finally:
        sys.meta_path.remove(_finder)
