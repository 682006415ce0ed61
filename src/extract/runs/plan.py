"""What a batch has to do: its options, one task per distinct document, and the documents an
earlier run already finished."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..backends.names import OCR_MODES
from ..inputs.sources import InputItem
from ..outputs.compact import compacted_doc_ids
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
    """How a batch runs: into ``out`` with table ``backend`` (backends.BACKEND_NAMES), and:

    * ``workers=1`` worker processes: one document at a time unless the caller asks for more
      (the cli asks for the machine's cores by default).
    * ``timeout=600.0`` seconds one document may take (0: no limit). A document takes on average
      0.2 s (pdfium) to 7 s (camelot) (README, Benchmarks): only a hung parser gets there.
    * ``max_memory_mb=4096`` MiB per worker: ten times a worker's peak with camelot (430 MiB;
      120-170 with pdfium), room for a huge document, yet a runaway parser is stopped before it
      takes the machine.
    * ``force=False``: documents already in the output with this pipeline version are not redone,
      so a re-run (after a kill) does only what is missing.
    * ``kinds=None``: every document kind is read (else only these, kinds.KINDS).
    * ``ocr="auto"``: pages that print an image but no text are read by OCR (``force``: every
      page; ``off``: none), where the [ocr] extra is installed.
    """

    out: Path
    backend: str
    workers: int = 1
    timeout: float = 600.0
    max_memory_mb: int = 4096
    force: bool = False
    kinds: tuple[str, ...] | None = None
    ocr: str = "auto"

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"BatchOptions.ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")
        # Refused here, not where they are used: there, a negative timeout would stop every
        # document at once and a memory limit of 0 every worker as it starts.
        if self.workers < 1:
            raise ValueError(f"BatchOptions.workers must be 1 or more, not {self.workers}")
        if self.timeout < 0:
            raise ValueError(f"BatchOptions.timeout must be 0 (no limit) or more seconds, not {self.timeout}")
        if self.max_memory_mb <= 0:
            raise ValueError(f"BatchOptions.max_memory_mb must be more than 0, not {self.max_memory_mb}")

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


def still_to_do(tasks: list[Task], opts: BatchOptions) -> list[Task]:
    """The tasks not yet finished in ``opts.out`` with this pipeline version (all of them with
    ``force``), marked when their rows sit in compacted files; largest first, so that the batch
    does not end waiting on one big straggler."""
    done = {} if opts.force else finished_documents(opts.out)
    compacted = compacted_doc_ids(opts.out)
    todo = [replace(t, in_compacted=t.doc_id in compacted) for t in tasks if done.get(t.doc_id) != __version__]
    return sorted(todo, key=_input_bytes, reverse=True)  # stable: equal sizes keep their order


def _input_bytes(task: Task) -> int:
    item = task.item
    return item.path.stat().st_size if item.path else len(item.content or b"")
