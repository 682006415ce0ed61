"""One document: converted (inside a worker) and written into the output (by the worker, or by
the run it hands the document back to), or written as failed; its one-line summary; and what a
killed run's writing leaves behind."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..datamodel import DocumentResult, DocumentSource
from ..outputs.compact import remove_document
from .memory import resident_bytes
from .plan import BatchOptions, Task

WORK_DIR = ".work"  # archive members are staged here (by content hash) while a worker reads them


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back about one document: enough for the progress line and the totals."""

    doc_id: str
    status: str
    summary: str
    pages: int = 0
    error_class: str | None = None
    ocr_pages: int = 0  # of ``pages``, those read from their image


def failed_document(task: Task, error_class: str, message: str) -> DocumentResult:
    """The record of a document that was not read (its other datasets get no rows)."""
    return DocumentResult.failed(DocumentSource(task.doc_id, task.sources[0], task.item.name), error_class, message)


@dataclass(frozen=True)
class Extracted:
    """A document a worker read and left to the run to write: the run writes while its worker
    reads the next document, when the machine has a core to spare for it (workers.py)."""

    task: Task
    doc: DocumentResult
    seconds: float  # reading it took


def convert(task: Task, opts: BatchOptions, memory_limit: int | None = None,
            write: bool = True) -> Outcome | Extracted:
    """Extract one document (runs inside a worker process) and write its datasets, or, without
    ``write``, hand it back to be written (finish). With ``memory_limit`` (bytes), a worker
    holding more resident memory once the document is read raises MemoryError instead of
    passing it on: a document too fast for the run's watch."""
    from ..pipeline import process_document  # loaded once by the fork server (worker_context)
    t0 = time.perf_counter()
    item = task.item
    if item.error_class is not None:
        doc = failed_document(task, item.error_class, item.error_message or "")
    elif item.path is not None:
        doc = process_document(item.path, backend=opts.backend, doc_id=task.doc_id, kinds=opts.kinds, ocr=opts.ocr)
    else:
        staged = opts.out / WORK_DIR / f"{task.doc_id}.pdf"  # our own name, never the member's
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(item.read())
        try:
            doc = process_document(staged, backend=opts.backend, doc_id=task.doc_id, kinds=opts.kinds, ocr=opts.ocr)
        finally:
            staged.unlink(missing_ok=True)
    if memory_limit and resident_bytes("self") > memory_limit:
        raise MemoryError
    extracted = Extracted(task, replace(doc, source_path=task.sources[0], file_name=item.name),
                          time.perf_counter() - t0)
    return pass_on(extracted, opts, write)


def pass_on(extracted: Extracted, opts: BatchOptions, write: bool) -> Outcome | Extracted:
    """What a worker sends back: the document written (``write``), or the document itself."""
    return finish(extracted, opts) if write else extracted


def finish(extracted: Extracted, opts: BatchOptions) -> Outcome:
    """The document's datasets written; what the run reports of it."""
    t0 = time.perf_counter()
    doc = extracted.doc
    _write(extracted.task, opts, doc)
    seconds = extracted.seconds + time.perf_counter() - t0
    return Outcome(extracted.task.doc_id, doc.status, summary_line(doc, seconds), doc.page_count or 0, doc.error_class,
                   len(doc.ocr_lines.pages))


def summary_line(doc: DocumentResult, seconds: float) -> str:
    ocr = len(doc.ocr_lines.pages)
    by_ocr = f" ({ocr} pages read by OCR, {seconds:.1f}s)" if ocr else ""
    if doc.status in ("failed", "skipped"):
        return f"{doc.status.upper():7} {doc.source_path}: [{doc.error_class}] {doc.error_message}{by_ocr}"
    return (f"{doc.status.upper():7} {doc.source_path}: {doc.page_count} pages, {len(doc.sheets)} sheets, "
            f"{doc.indicator_count} indicators, {doc.failed_check_count} failed checks, "
            f"{len(doc.narrative.facts)} facts, {doc.statement_table_count}/{sum(t.standard for t in doc.statement_tables)} "
            f"tables, {doc.failed_cross_check_count} failed cross-checks, "
            f"{len(doc.warnings)} warnings" + (by_ocr or f" ({seconds:.1f}s)"))


def _write(task: Task, opts: BatchOptions, doc: DocumentResult) -> None:
    from ..outputs.writer import write_document
    if task.in_compacted:
        remove_document(opts.out, task.doc_id)
    write_document(opts.out, doc, opts.backend, __version__, source_paths=task.sources)


def failure(task: Task, error_class: str, message: str) -> Extracted:
    """The document as failed, not yet written."""
    return Extracted(task, failed_document(task, error_class, message), 0.0)


def write_failure(task: Task, opts: BatchOptions, error_class: str, message: str) -> Outcome:
    return finish(failure(task, error_class, message), opts)


def clean_leftovers(out: Path) -> None:
    """Temporary files of a run that was killed (never read as data: they are not *.parquet)."""
    for tmp in out.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)
    remove_staging(out)


def remove_staging(out: Path) -> None:
    """The folder archive members are staged in while read (empty once every document is done)."""
    shutil.rmtree(out / WORK_DIR, ignore_errors=True)
