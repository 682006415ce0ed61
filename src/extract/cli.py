"""Command line: ``extract run PATH... --out DIR``."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections import Counter
from pathlib import Path

from . import __version__
from .backends import BACKEND_NAMES, DEFAULT_BACKEND
from .datamodel import DocumentResult
from .pipeline import process_document
from .writer import write_document

WORKER_TASKS = 20  # documents per worker process before it is replaced


def iter_inputs(paths: list[str]) -> list[Path]:
    """Files named on the command line, and every file below a named directory, sorted."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        else:
            found.append(p)
    return found


def _summary_line(doc: DocumentResult, seconds: float) -> str:
    if doc.status == "failed":
        return f"FAILED  {doc.file_name}: [{doc.error_class}] {doc.error_message}"
    failed = sum(len(c.failed_checks) for c in doc.sheets)
    indicators = sum(len(c.sheet.indicators) for c in doc.sheets)
    return (f"{doc.status.upper():7} {doc.file_name}: {doc.page_count} pages, {len(doc.sheets)} sheets, "
            f"{indicators} indicators, {failed} failed checks, {len(doc.warnings)} warnings "
            f"({seconds:.1f}s)")


def _convert_one(task: tuple[str, str, str]) -> tuple[str, str, str]:
    """Worker: extract one file and write its datasets; returns (status, summary line, path)."""
    path, out, backend = task
    t0 = time.perf_counter()
    doc = process_document(path, backend=backend)
    write_document(Path(out), doc, backend, __version__)
    return doc.status, _summary_line(doc, time.perf_counter() - t0), path


def cmd_run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    inputs = iter_inputs(args.paths)
    if not inputs:
        print("no input files found", file=sys.stderr)
        return 2
    statuses: Counter[str] = Counter()
    for missing in [p for p in inputs if not p.exists()]:
        print(f"MISSING {missing}: no such file", file=sys.stderr)
        statuses["missing"] += 1
    tasks = [(str(p), str(out), args.backend) for p in inputs if p.exists()]
    started = time.perf_counter()
    workers = max(1, min(args.workers, len(tasks) or 1))
    if workers == 1:
        results = map(_convert_one, tasks)
    else:
        # A fresh worker every few documents keeps memory flat over long batches.
        pool = multiprocessing.get_context("spawn").Pool(workers, maxtasksperchild=WORKER_TASKS)
        results = pool.imap_unordered(_convert_one, tasks)
    try:
        for i, (status, line, _) in enumerate(results, start=1):
            statuses[status] += 1
            print(f"[{i}/{len(tasks)}] {line}", flush=True)
    finally:
        if workers > 1:
            pool.close()
            pool.join()
    total = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    print(f"done: {len(inputs)} inputs ({total}) in {time.perf_counter() - started:.1f}s -> {out}")
    bad = statuses["failed"] + statuses["missing"] + statuses["partial"]
    return 1 if args.strict and bad else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extract", description=__doc__)
    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract PDFs (files or directories) into Parquet datasets")
    run.add_argument("paths", nargs="+", help="PDF files and/or directories (searched recursively)")
    run.add_argument("--out", default="output", help="output directory (default: output)")
    run.add_argument("--backend", choices=BACKEND_NAMES, default=DEFAULT_BACKEND,
                     help=f"table backend (default: {DEFAULT_BACKEND})")
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="documents converted in parallel, one process each (default: the machine's cores)")
    run.add_argument("--strict", action="store_true",
                     help="exit 1 when any input failed, was missing or was only partly read")
    run.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
