"""Fuzz the batch with damaged copies of the sample PDFs; check every file gets an honest status.

Each case is one sample PDF with one mutation applied (seeded, so a run can be repeated):

    flip_stream       bytes flipped inside a compressed stream (content, font, ToUnicode)
    flip_xref         bytes flipped in the cross-reference table or the startxref offset
    truncate          the file cut at a random point
    duplicate_object  an object copied next to itself (two objects with one number)
    delete_object     an object removed
    bad_tounicode     every ToUnicode map replaced by one that maps to control characters
    absurd_count      the page tree's /Count set to 999999999
    absurd_size       a page's MediaBox set to 14 400 000 points square
    nested_arrays     an array nested 100 000 deep put in a page's dictionary

The cases run through ``run_batch`` (workers, --timeout) and every one is checked:

* it has a ``documents`` row with a status and a message a person can read;
* ``internal_error`` names the exception;
* a case whose damage can be seen is not ``ok``: pdfium rebuilt its cross-reference table,
  its text (pdfium, page by page) differs from the undamaged sample's, or it has a different
  number of pages;
* the batch ends within its time bound.

    python tools/fuzz.py --cases 2000 --seed 1 --workers 2      # the long run (README)
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "pdf").glob("statements_*.pdf")) + \
    sorted((ROOT / "samples" / "pdf").glob("final_2024_*.pdf"))

_OBJECT = re.compile(rb"(?s)\n(\d+) (\d+) obj\b.*?endobj\r?\n")
_STREAM_BODY = re.compile(rb"(?s)(?<!end)stream\r?\n(.*?)endstream")
_XREF = re.compile(rb"(?s)\nxref\r?\n.*?trailer")
_TOUNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")
_COUNT = re.compile(rb"/Count \d+")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[[^\]]*\]")


def _flip(data: bytearray, start: int, end: int, rnd: random.Random, n: int) -> None:
    for _ in range(n):
        i = rnd.randrange(start, end)
        data[i] ^= 1 << rnd.randrange(8)


def flip_stream(pdf: bytes, rnd: random.Random) -> bytes:
    streams = [m for m in _STREAM_BODY.finditer(pdf) if m.end(1) - m.start(1) > 16]
    m = rnd.choice(streams)
    out = bytearray(pdf)
    _flip(out, m.start(1), m.end(1), rnd, rnd.randint(1, 8))
    return bytes(out)


def flip_xref(pdf: bytes, rnd: random.Random) -> bytes:
    out = bytearray(pdf)
    m = _XREF.search(pdf)
    if m is None:  # a cross-reference stream: damage the startxref offset
        at = pdf.rfind(b"startxref")
        _flip(out, at + 10, min(len(pdf), at + 16), rnd, 2)
    else:
        _flip(out, m.start(), m.end(), rnd, rnd.randint(1, 6))
    return bytes(out)


def truncate(pdf: bytes, rnd: random.Random) -> bytes:
    return pdf[: rnd.randrange(len(pdf) // 10, len(pdf) - 1)]


def duplicate_object(pdf: bytes, rnd: random.Random) -> bytes:
    m = rnd.choice(list(_OBJECT.finditer(pdf)))
    return pdf[: m.end()] + m.group()[1:] + pdf[m.end():]


def delete_object(pdf: bytes, rnd: random.Random) -> bytes:
    m = rnd.choice(list(_OBJECT.finditer(pdf)))
    return pdf[: m.start() + 1] + pdf[m.end():]


def bad_tounicode(pdf: bytes, rnd: random.Random) -> bytes:
    """Every ToUnicode map replaced by one mapping each code to a control character."""
    numbers = set(_TOUNICODE.findall(pdf))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bad def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <FF> <0001> "
            b"endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
    out = pdf
    for m in list(_OBJECT.finditer(pdf))[::-1]:
        if m.group(1) in numbers:
            obj = m.group(1) + b" 0 obj\n<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream\nendobj\n"
            out = out[: m.start() + 1] + obj + out[m.end():]
    return out


def absurd_count(pdf: bytes, rnd: random.Random) -> bytes:
    return _COUNT.sub(b"/Count 999999999", pdf, count=1)


def absurd_size(pdf: bytes, rnd: random.Random) -> bytes:
    boxes = list(_MEDIABOX.finditer(pdf))
    m = rnd.choice(boxes)
    return pdf[: m.start()] + b"/MediaBox [0 0 14400000 14400000]" + pdf[m.end():]


def nested_arrays(pdf: bytes, rnd: random.Random) -> bytes:
    m = rnd.choice(list(_PAGE.finditer(pdf)))
    depth = 100_000
    return pdf[: m.end()] + b" /Deep " + b"[" * depth + b"]" * depth + pdf[m.end():]


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    f.__name__: f for f in (flip_stream, flip_xref, truncate, duplicate_object, delete_object,
                            bad_tounicode, absurd_count, absurd_size, nested_arrays)}


def make_cases(n: int, seed: int, out_dir: Path) -> list[tuple[Path, Path, str]]:
    """``n`` mutated copies of the samples: (case file, its original, mutation name)."""
    rnd = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(MUTATIONS)
    cases = []
    for i in range(n):
        original = SAMPLES[i % len(SAMPLES)]
        name = names[(i // len(SAMPLES)) % len(names)] if i < len(names) * len(SAMPLES) else rnd.choice(names)
        data = MUTATIONS[name](original.read_bytes(), rnd)
        path = out_dir / f"case{i:05d}_{name}_{original.stem}.pdf"
        path.write_bytes(data)
        cases.append((path, original, name))
    return cases


def _page_texts(path: Path) -> list[str] | None:
    """pdfium's text of every page, or None when pdfium cannot open the file."""
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:
        return None
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    except Exception:
        return None
    finally:
        pdf.close()


def visible_damage(case: Path, original: Path, original_texts: list[str] | None) -> str | None:
    """Why the damage to ``case`` can be seen, or None where it cannot."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    try:
        pdf = pdfium.PdfDocument(str(case))
    except Exception as exc:
        return f"pdfium cannot open it ({type(exc).__name__})"
    try:
        if not raw.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
            return "pdfium rebuilt the cross-reference table"
    finally:
        pdf.close()
    texts = _page_texts(case)
    if texts is None:
        return "pdfium cannot read its pages"
    if original_texts is not None and len(texts) != len(original_texts):
        return f"{len(texts)} pages instead of {len(original_texts)}"
    if original_texts is not None and texts != original_texts:
        return "its text differs from the original's"
    return None


def run(n: int, seed: int, workers: int, timeout: float, work: Path) -> tuple[list[str], Counter, float]:
    """Make and run the cases; the problems found, the statuses, the batch's seconds."""
    sys.path.insert(0, str(ROOT / "src"))
    import pyarrow.dataset as ds

    from extract.runs.batch import BatchOptions, run_batch
    from extract.inputs.sources import collect_inputs

    cases = make_cases(n, seed, work / "cases")
    items = list(collect_inputs([str(work / "cases")], None))
    started = time.perf_counter()
    run_batch(items, BatchOptions(work / "out", "pdfium", workers, timeout, 2048))
    seconds = time.perf_counter() - started
    table = ds.dataset(work / "out" / "documents", format="parquet", partitioning="hive").to_table(
        columns=["doc_id", "status", "error_class", "error_message", "warnings"]).to_pylist()
    rows = {r["doc_id"]: r for r in table}
    originals = {p: _page_texts(p) for p in SAMPLES}
    problems: list[str] = []
    statuses: Counter = Counter()
    for path, original, mutation in cases:
        doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
        row = rows.get(doc_id)
        if row is None:
            problems.append(f"{path.name}: no documents row")
            continue
        statuses[row["status"]] += 1
        if row["status"] not in ("ok", "partial", "failed", "skipped"):
            problems.append(f"{path.name}: status {row['status']!r}")
        if row["status"] in ("failed", "skipped") and not (row["error_class"] and row["error_message"]):
            problems.append(f"{path.name}: {row['status']} without an error class and message")
        if row["error_class"] == "internal_error" and not re.match(r"^\w+(Error|Exception|Warning)\b", row["error_message"] or ""):
            problems.append(f"{path.name}: internal_error without the exception named: {row['error_message']!r}")
        if row["status"] == "ok":
            seen = visible_damage(path, original, originals[original])
            if seen:
                problems.append(f"{path.name} ({mutation}): ok although {seen}")
    if seconds > timeout * (len(cases) / max(1, workers) + 2):
        problems.append(f"the batch took {seconds:.0f}s, over its time bound")
    return problems, statuses, seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--keep", metavar="DIR", help="keep the cases and output here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        problems, statuses, seconds = run(args.cases, args.seed, args.workers, args.timeout, work)
    print(f"{args.cases} cases (seed {args.seed}) in {seconds:.0f}s: "
          + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
