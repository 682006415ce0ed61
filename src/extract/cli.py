"""Command line: ``extract run PATH... --out DIR``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .backends import BACKEND_NAMES, DEFAULT_BACKEND, READER_VARIABLE, READERS, pdfium_reader
from .backends.names import OCR_EXTRA, OCR_MODES
from .datamodel import DATASETS
from .vocabulary.atoms import FULLWIDTH_COMMA
from .vocabulary.kinds import KINDS
from .inputs.sources import DEFAULT_MAX_MEMBER_BYTES, DEFAULT_MAX_RATIO, Limits, collect_inputs
from .outputs.compact import DEFAULT_TARGET_ROWS, compact
from .outputs.diff import FORMATS, IGNORED, diff_outputs
from .runs.batch import run_batch
from .runs.dask_batch import on_cluster
from .runs.lock import OutputLock, OutputLocked
from .runs.plan import BatchOptions
from .runs.progress import Progress

EXIT_FAILURES = 1  # with --strict: some input failed or was only partly read
EXIT_NO_INPUT = 2
EXIT_LOCKED = 3
EXIT_USAGE = 4  # an option the run cannot use (an unknown --kinds name)


def cmd_run(args: argparse.Namespace) -> int:
    if not args.paths and not args.from_list:
        print("extract run: name input files, directories or archives, or --from-list FILE", file=sys.stderr)
        return EXIT_NO_INPUT
    limits = Limits(args.max_member_mb * 1024 * 1024, args.max_ratio)
    items = list(collect_inputs(args.paths, args.from_list, limits))
    if not items:
        print("no input files found", file=sys.stderr)
        return EXIT_NO_INPUT
    kinds = None
    if args.kinds:
        kinds = tuple(k.strip() for k in args.kinds.replace(FULLWIDTH_COMMA, ",").split(",") if k.strip())
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            print(f"extract run: unknown document kind {', '.join(unknown)}; the kinds are: {', '.join(KINDS)}",
                  file=sys.stderr)
            return EXIT_USAGE
    reader = os.environ.get(READER_VARIABLE, "auto")
    if reader not in READERS:
        print(f"extract run: {READER_VARIABLE}={reader!r}; it may be one of: {', '.join(READERS)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        opts = BatchOptions(Path(args.out), args.backend, max(1, args.workers), args.timeout,
                            args.max_memory_mb, args.force, kinds, args.ocr)
    except ValueError as exc:  # an option out of range (--timeout -1, --max-memory-mb 0)
        print(f"extract run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    runner = on_cluster(args.scheduler) if args.scheduler else None  # None: this machine's workers
    progress = Progress(len(items))
    try:
        totals = run_batch(items, opts, progress.update, progress.hashed, runner)
    except OutputLocked as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    finally:
        progress.close()
    counts = ", ".join(f"{n} {s}" for s, n in sorted(totals.statuses.items()))
    reader = f", {pdfium_reader(reader)} reader" if opts.backend == "pdfium" else ""
    ocr = f" ({totals.ocr_pages} read by OCR)" if totals.ocr_pages else ""
    rate = totals.pages / totals.seconds if totals.seconds else 0.0
    print(f"done: {totals.inputs} inputs, {totals.documents} distinct documents ({counts}), "
          f"{totals.pages} pages{ocr} in {totals.seconds:.1f}s, {rate:.1f} pages/s ({opts.backend}{reader}) -> {opts.out}")
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(totals.as_dict(), ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    bad = totals.statuses["failed"] + totals.statuses["partial"]
    return EXIT_FAILURES if args.strict and bad else 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print what changed between two outputs; exit 1 under --fail-on-change when anything did."""
    ignore = set(IGNORED) - set(args.compare or ())
    try:
        report = diff_outputs(Path(args.old), Path(args.new), tuple(args.dataset) if args.dataset else None,
                              ignore)
    except FileNotFoundError as exc:
        print(f"extract diff: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    sys.stdout.write(FORMATS[args.format](report))
    return EXIT_FAILURES if args.fail_on_change and report.changed else 0


def cmd_review(args: argparse.Namespace) -> int:
    """Write static review pages for an output (all documents, or those named by --doc)."""
    from .outputs.review import ReviewError, write_review  # renders pages with pdfium: only here
    out = Path(args.out)
    to = Path(args.to) if args.to else out.with_name(out.name + "-review")

    def progress(n: int, total: int, doc: dict, missing: str | None) -> None:
        note = f" ({missing})" if missing else ""
        print(f"[{n}/{total}] {doc['file_name']}{note}", file=sys.stderr)

    try:
        written = write_review(out, to, args.doc, Path(args.pdf_root) if args.pdf_root else None, progress)
    except ReviewError as exc:
        print(f"extract review: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    print(f"wrote {len(written)} review pages: {to / 'index.html'}")
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.is_dir():
        print(f"extract compact: {out} is not an output directory", file=sys.stderr)
        return EXIT_NO_INPUT
    try:
        with OutputLock(out):
            counts = compact(out, args.target_rows)
    except OutputLocked as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    for name, (before, after) in counts.items():
        print(f"{name}: {before} files -> {after}")
    return 0


class _Version(argparse.Action):
    """``--version``, with the pdfium reader found when asked: finding it loads pdfium and
    numpy, which a run's own process does not need (backends/names.py)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and the pdfium reader, and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"extract {__version__} (pdfium reader: {pdfium_reader()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extract", description=__doc__)
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract PDFs (files, directories, zip/tar archives) into Parquet")
    run.add_argument("paths", nargs="*", help="PDF files, directories (recursive), .zip/.tar/.tar.gz archives")
    run.add_argument("--from-list", metavar="FILE", help="a file naming one input per line")
    run.add_argument("--out", default="output", help="output directory (default: output)")
    run.add_argument("--backend", choices=BACKEND_NAMES, default=DEFAULT_BACKEND,
                     help=f"table backend (default: {DEFAULT_BACKEND})")
    run.add_argument("--ocr", choices=OCR_MODES, default="auto",
                     help="read pages from their image: auto (pages that are a picture: an image over "
                          f"half the page, hardly any text; the default), force (every page), off; needs the [ocr] extra ({OCR_EXTRA})")
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="documents converted in parallel, one process each (default: the machine's cores)")
    run.add_argument("--timeout", type=float, default=600.0,
                     help="seconds one document may take before its worker is stopped (default 600; 0: none)")
    run.add_argument("--max-memory-mb", type=int, default=4096,
                     help="memory limit of one worker in MiB (resident memory, and new address space; default 4096)")
    run.add_argument("--max-member-mb", type=int, default=DEFAULT_MAX_MEMBER_BYTES // (1024 * 1024),
                     help="largest PDF accepted from inside an archive, MiB (default %(default)s)")
    run.add_argument("--max-ratio", type=int, default=DEFAULT_MAX_RATIO,
                     help="largest compression ratio accepted for an archive member (default %(default)s)")
    run.add_argument("--force", action="store_true",
                     help="redo documents already extracted with this pipeline version")
    run.add_argument("--kinds", metavar="KIND,KIND",
                     help="read only these document kinds (e.g. 部门决算,单位决算); the others are "
                          f"recorded as skipped. Kinds: {', '.join(KINDS)}")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="run the documents on this Dask cluster (tcp://host:8786; needs the [dask] extra); "
                          "--out must be a path every worker can write")
    run.add_argument("--summary-json", metavar="FILE", help="write the final counts as JSON")
    run.add_argument("--strict", action="store_true",
                     help="exit 1 when any input failed or was only partly read")
    run.set_defaults(func=cmd_run)
    comp = sub.add_parser("compact", help="merge each output partition's per-document files into large files")
    comp.add_argument("--out", default="output", help="output directory (default: output)")
    comp.add_argument("--target-rows", type=int, default=DEFAULT_TARGET_ROWS,
                      help="rows per merged file (default %(default)s)")
    comp.set_defaults(func=cmd_compact)
    rev = sub.add_parser("review", help="static HTML pages showing what was read where, over the page images")
    rev.add_argument("out", nargs="?", default="output", help="output directory (default: output)")
    rev.add_argument("--doc", action="append", metavar="ID_OR_FILE_NAME",
                     help="only this document (a doc_id, its first 8+ characters, or a file name; repeatable)")
    rev.add_argument("--to", metavar="DIR", help="where to write the pages (default: OUT-review beside OUT)")
    rev.add_argument("--pdf-root", metavar="DIR",
                     help="look for source PDFs here by file name when they are not at their source_path")
    rev.set_defaults(func=cmd_review)
    dif = sub.add_parser("diff", help="what changed between two outputs (an upgrade, another backend, a re-run)")
    dif.add_argument("old", help="the earlier output directory")
    dif.add_argument("new", help="the later output directory")
    dif.add_argument("--format", choices=sorted(FORMATS), default="text")
    dif.add_argument("--dataset", action="append", choices=DATASETS,
                     help="compare only this dataset (repeatable; documents are always matched)")
    dif.add_argument("--compare", action="append", choices=sorted(IGNORED),
                     help="also compare this column, ignored by default (e.g. backend, x0)")
    dif.add_argument("--fail-on-change", action="store_true", help="exit 1 when anything differs (for CI)")
    dif.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
