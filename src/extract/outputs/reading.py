"""Reading an output directory back: one dataset as pyarrow sees it (diff, review, re-runs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow.dataset as ds


def open_dataset(out: Path, name: str, exclude_invalid_files: bool = False) -> ds.Dataset | None:
    """Dataset ``name`` of the output ``out`` (hive year partitions; hidden temporary files left
    out), or None while it has no file. pyarrow.dataset is imported here, and only where there
    is a file to read: it imports pandas (~0.45 s), which a first run into an empty folder
    would wait for before its first document."""
    folder = out / name
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    import pyarrow.dataset as ds
    return ds.dataset(folder, format="parquet", partitioning="hive",
                      exclude_invalid_files=exclude_invalid_files, ignore_prefixes=[".", "_"])
