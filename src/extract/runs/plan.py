"""What a batch has to do: its options, one task per distinct document, and the documents an
earlier run already finished."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..inputs.sources import InputItem
from ..outputs.reading import open_dataset

PLAN_REPORT_SECONDS = 2.0
MIB = 1024 * 1024


@dataclass(frozen=True)
class Task:
    doc_id: str
    item: InputItem
    sources: tuple[str, ...]
    in_compacted: bool = False  # rows of an earlier run sit in compacted files


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    backend: str
    workers: int = 1
    timeout: float = 600.0
    max_memory_mb: int = 4096
    force: bool = False
    kinds: tuple[str, ...] | None = None  # read only these document kinds (kinds.KINDS)

    @property
    def max_memory_bytes(self) -> int:
        return self.max_memory_mb * MIB


def plan(items: list[InputItem], on_hashed: Callable[[int, int], None] | None = None,
         every: float = PLAN_REPORT_SECONDS) -> list[Task]:
    """One task per distinct content, with every source it was found under.

    Every input is hashed first (an archive of 100 000 PDFs takes minutes): ``on_hashed(done,
    total)`` is told how far it got every ``every`` seconds, and once at the end.
    """
    groups: dict[str, list[InputItem]] = {}
    last = time.monotonic()
    for n, item in enumerate(items, start=1):
        if on_hashed and time.monotonic() - last >= every:
            on_hashed(n - 1, len(items))
            last = time.monotonic()
        try:
            key = item.doc_id()
        except Exception as exc:  # an archive member that cannot be read after all
            item = replace(item, error_class="unreadable_member", error_message=f"cannot be read: {exc}")
            key = item.doc_id()
        groups.setdefault(key, []).append(item)
    if on_hashed:
        on_hashed(len(items), len(items))
    return [Task(doc_id, group[0], tuple(i.source for i in group)) for doc_id, group in groups.items()]


def finished_documents(out: Path) -> dict[str, str]:
    """doc_id -> pipeline_version of the documents already extracted in ``out``.

    Failed documents are retried, and so are documents skipped because an earlier run read
    other kinds (``--kinds``): this run may want them.
    """
    dataset = open_dataset(out, "documents")  # a first run has none: it starts without pyarrow
    if dataset is None:
        return {}
    table = dataset.to_table(columns=["doc_id", "pipeline_version", "status", "error_class"])
    return {d: v for d, v, s, e in zip(*(table.column(c).to_pylist() for c in table.column_names))
            if s != "failed" and e != "kind_not_selected"}
