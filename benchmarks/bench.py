"""Benchmark: the full pipeline (each backend) against plain pdfplumber and camelot, same pages.

    python benchmarks/bench.py [--runs 3] [--readme]

Inputs: samples/pdf/*.pdf and, when present, the text PDFs of ../shared/real/ (final and
budget). Every measure runs in a fresh process (so its peak RSS is its own and no cache is
shared) over the same pages, with the libraries imported before the clock starts; seconds are
the median of --runs runs. Reported: pages/s, seconds
per document, peak RSS, and each measure's throughput relative to the default pipeline; then
how the pipeline's time splits across its stages, the speed-up of 2 workers over 1 on a batch,
and the peak RSS of one worker on a long (171-page) document made by joining the inputs.
--readme rewrites the README's performance table between its bench markers.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import multiprocessing as mp
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
LONG_DOC_PAGES = 171
BATCH_COPIES = 6  # the parallel batch: every input this many times (as distinct documents)
BEFORE = "17cd597"  # the last commit before the speed work of issue 21 (text pass, native reader)


def _copy(src: str, folder: Path, k: int) -> Path:
    """A distinct document (a PDF comment appended): identical copies would be deduplicated."""
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / f"{k}_{Path(src).name}"
    dst.write_bytes(Path(src).read_bytes() + f"\n% benchmark copy {k}\n".encode())
    return dst


# --------------------------------------------------------------------------- measures (run in a child)


def pipeline(backend: str):
    def run(files: list[str]) -> None:
        from extract.pipeline import process_document
        for f in files:
            process_document(f, backend=backend)
    return run


def plain_pdfplumber(files: list[str]) -> None:
    import pdfplumber
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_tables()


def plain_camelot(files: list[str]) -> None:
    import warnings

    import camelot
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in files:
            camelot.read_pdf(f, pages="all", flavor="lattice")


MEASURES = {
    "pipeline, pdfium backend (default)": pipeline("pdfium"),
    "pipeline, pdfplumber backend": pipeline("pdfplumber"),
    "pipeline, camelot backend": pipeline("camelot"),
    "pdfplumber extract_tables": plain_pdfplumber,
    "camelot lattice": plain_camelot,
}


# Imported before the clock starts: the table compares per-page work, not interpreter start-up.
WARM_IMPORTS = ("extract.pipeline", "extract.backends.pdfium_backend", "extract.backends.pdfplumber_backend",
                "extract.backends.camelot_backend", "pdfplumber", "camelot")


def _child(name: str, files: list[str], queue: mp.Queue) -> None:
    for module in WARM_IMPORTS:
        importlib.import_module(module)
    t0 = time.perf_counter()
    MEASURES[name](files)
    seconds = time.perf_counter() - t0
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(name: str, files: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one run in a fresh process."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, files, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


# --------------------------------------------------------------------------- inputs


def inputs() -> list[str]:
    files = sorted(str(p) for p in (ROOT / "samples" / "pdf").glob("*.pdf"))
    for sub in ("final", "budget"):
        files += sorted(str(p) for p in (SHARED / "real" / sub).glob("*.pdf"))
    return files


def page_count(files: list[str]) -> int:
    import pypdfium2 as pdfium

    def pages(f: str) -> int:
        try:
            return len(pdfium.PdfDocument(f))
        except pdfium.PdfiumError:  # a damaged or encrypted file: no pages to count
            return 0
    return sum(map(pages, files))


def long_document(files: list[str], pages: int, out: Path) -> Path:
    """A document of ``pages`` pages made by joining the inputs in turn."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument.new()
    while len(doc) < pages:
        for f in files:
            src = pdfium.PdfDocument(f)
            take = min(len(src), pages - len(doc))
            doc.import_pages(src, list(range(take)))
            if len(doc) >= pages:
                break
    doc.save(out)
    return out


# --------------------------------------------------------------------------- reports


def stage_split(files: list[str]) -> dict[str, float]:
    from extract.pipeline import StageTimer, process_document
    timer = StageTimer()
    for f in files:
        process_document(f, timer=timer)
    return timer.seconds


def _batch(args: tuple[list[str], int, str]) -> float:
    """Seconds for ``extract run --workers N`` on the batch, as a user runs it."""
    files, workers, out = args
    from extract.cli import main as cli_main
    out = tempfile.mkdtemp(prefix=f"w{workers}-", dir=out)  # a fresh output: nothing to resume
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        cli_main(["run", *files, "--out", out, "--workers", str(workers)])
    return time.perf_counter() - t0


def _dask_batch(files: list[str], out: str) -> float | None:
    """Seconds for the same batch on a 2-worker Dask LocalCluster of processes (client included);
    None without the [dask] extra."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    from extract.cli import main as cli_main

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        target = tempfile.mkdtemp(prefix="dask-", dir=out)
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli_main(["run", *files, "--out", target, "--scheduler", cluster.scheduler_address])
        return time.perf_counter() - t0


def _whole_run(files: list[str], out: str, reader: str = "auto", src: Path | None = None,
               workers: int = 1) -> float:
    """Seconds for ``extract run --workers N`` as a user types it: a fresh interpreter, start-up,
    every document written; with ``reader`` (EXTRACT_READER) and, for ``src``, another checkout's
    sources (the code before a change)."""
    import os
    import subprocess
    target = tempfile.mkdtemp(prefix="whole-", dir=out)
    env = {**os.environ, "EXTRACT_READER": reader}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    # The `extract` command as installed (python -m extract); sources from before it had one: the cli.
    command = "extract" if ((src or ROOT / "src") / "extract" / "__main__.py").exists() else "extract.cli"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", command, "run", *files, "--out", target, "--workers", str(workers)],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - t0


def archive_inputs() -> list[str]:
    """A portal archive's mix: the samples, the shared 决算, 自评表 and 预算, and the archive
    excerpt (43 部门预算, other-kind documents that must be told apart and skipped). Not the
    scan: the commit compared with cannot read it, and OCR's pages/s are measured apart
    (tools/ocr_eval.py)."""
    files = sorted(str(p) for p in (ROOT / "samples" / "pdf").glob("*.pdf"))
    if (SHARED / "real").is_dir():
        files += sorted(str(p) for p in (SHARED / "real").rglob("*.pdf") if p.parent.name != "scanned")
    return files


def checkout(commit: str, folder: Path) -> Path | None:
    """The sources of ``commit`` under ``folder`` (None where git cannot give them)."""
    import subprocess
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{mp.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--readme", action="store_true", help="rewrite the README performance table")
    ap.add_argument("--before", default=BEFORE, help="the commit the archive-like run compares with "
                                                     f"(default {BEFORE}, before the survey of other kinds)")
    args = ap.parse_args()

    files = inputs()
    pages = page_count(files)
    print(f"{len(files)} documents, {pages} pages; {args.runs} runs per measure", file=sys.stderr)
    results = {}
    for name in MEASURES:
        runs = [measure(name, files) for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in runs)
        results[name] = (seconds, max(r[1] for r in runs))
        print(f"  {name}: {seconds:.2f}s", file=sys.stderr)
    base = pages / results["pipeline, pdfium backend (default)"][0]

    lines = [f"Machine: {machine()}. {len(files)} documents, {pages} pages "
             f"(samples/ and ../shared/real/), median of {args.runs} runs, each in a fresh process.", "",
             "Every measuring process imports all compared libraries (pdfium, pdfplumber, camelot with "
             "OpenCV) before its clock starts, so peak RSS includes ~110 MiB of library code.", "",
             "| measure | pages/s | s/document | peak RSS MiB | throughput vs default pipeline |",
             "|---|---:|---:|---:|---:|"]
    for name, (seconds, rss) in results.items():
        rate = pages / seconds
        lines.append(f"| {name} | {rate:.1f} | {seconds / len(files):.3f} | {rss:.0f} | {rate / base:.2f}× |")
    plumber = pages / results["pdfplumber extract_tables"][0]
    cam = pages / results["camelot lattice"][0]
    lines += ["", f"Default pipeline vs pdfplumber `extract_tables`: **{base / plumber:.1f}×**; "
                  f"vs camelot lattice: **{base / cam:.1f}×**. pdfplumber-backend pipeline takes "
                  f"{results['pipeline, pdfplumber backend'][0] / results['pdfplumber extract_tables'][0]:.2f}× "
                  "the time of `extract_tables` alone."]

    split = stage_split(files)
    total = sum(split.values())
    lines += ["", "Time by stage (default pipeline): " + ", ".join(
        f"{k} {v / total:.0%}" for k, v in split.items()) + "."]

    with tempfile.TemporaryDirectory() as tmp:
        batch = [str(_copy(f, Path(tmp) / "batch", k)) for k in range(BATCH_COPIES) for f in files]
        # Interleaved (1, 2, 1, 2 …) so that drift in the machine's speed hits both alike.
        pairs = [(_batch((batch, 1, tmp)), _batch((batch, 2, tmp))) for _ in range(args.runs)]
        one = statistics.median(p[0] for p in pairs)
        two = statistics.median(p[1] for p in pairs)
        # The whole run with each reader and pdfplumber, interleaved round by round.
        rounds = [(measure("pdfplumber extract_tables", files)[0], _whole_run(files, tmp, "auto"),
                   _whole_run(files, tmp, "python")) for _ in range(args.runs)]
        plumber_whole, whole, whole_python = (statistics.median(r[k] for r in rounds) for k in range(3))
        from extract.backends import pdfium_reader
        reader = pdfium_reader()
        mixed = archive_inputs()
        before_src = checkout(args.before, Path(tmp) / "before")
        mixed_rounds = [(_whole_run(mixed, tmp, workers=2),
                         _whole_run(mixed, tmp, "python", before_src, workers=2) if before_src else None)
                        for _ in range(args.runs)]
        mixed_now = statistics.median(r[0] for r in mixed_rounds)
        mixed_before = statistics.median(r[1] for r in mixed_rounds) if before_src else None
        # The published documents alone (Word/WPS output, not our generator's): the pages a
        # user brings. pdfplumber and the whole run interleaved, medians.
        real = [f for f in files if not f.startswith(str(ROOT))]
        real_pairs = [(measure("pdfplumber extract_tables", real)[0], _whole_run(real, tmp))
                      for _ in range(args.runs)] if real else []
        dask_seconds = _dask_batch(batch, tmp)
        long_pdf = long_document(files, LONG_DOC_PAGES, Path(tmp) / "long.pdf")
        long_seconds, long_rss = measure("pipeline, pdfium backend (default)", [str(long_pdf)])
    lines += ["", f"Batch of {len(batch)} documents: `--workers 2` is **{one / two:.2f}×** the throughput "
                  f"of `--workers 1` ({one:.1f}s vs {two:.1f}s).",
              f"One worker on a {LONG_DOC_PAGES}-page document: {long_seconds:.1f}s, peak RSS **{long_rss:.0f} MiB**.",
              f"Whole `extract run --workers 1` on the {len(files)} documents, interpreter start-up and "
              f"writing included, against pdfplumber `extract_tables` on the same pages ({plumber_whole:.1f}s, "
              f"measured in turn with each run): {reader} reader {whole:.1f}s, **{plumber_whole / whole:.1f}×**; "
              f"pure-Python reader (`EXTRACT_READER=python`) {whole_python:.1f}s, "
              f"**{plumber_whole / whole_python:.1f}×**."]
    mixed_pages = page_count(mixed)
    if mixed_before is not None:
        lines.append(f"An archive-like run (`extract run`, 2 workers: {len(mixed)} files, {mixed_pages} pages — the "
                     "samples and every shared text PDF, most of them 部门预算 of a portal archive): "
                     f"**{mixed_pages / mixed_now:.0f} pages/s** ({mixed_now:.1f}s), against "
                     f"{mixed_pages / mixed_before:.0f} pages/s ({mixed_before:.1f}s) at commit {args.before}.")
    if real_pairs:
        plumber_real = statistics.median(p[0] for p in real_pairs)
        whole_real = statistics.median(p[1] for p in real_pairs)
        lines.append(f"The {len(real)} published documents alone ({page_count(real)} pages): whole run "
                     f"{whole_real:.1f}s, pdfplumber `extract_tables` {plumber_real:.1f}s: "
                     f"**{plumber_real / whole_real:.1f}×**.")
    if dask_seconds is not None:
        lines.append(f"The batch on a 2-worker Dask `LocalCluster` (`--scheduler`): {dask_seconds:.1f}s, "
                     f"{(dask_seconds - two) / len(batch) * 1000:+.0f} ms per document against `--workers 2`.")
    report = "\n".join(lines)
    print(report)
    if args.readme:
        text = README.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        README.write_text(f"{head}{START}\n{report}\n{END}{tail}", encoding="utf-8")
        print("README updated", file=sys.stderr)


if __name__ == "__main__":
    main()
