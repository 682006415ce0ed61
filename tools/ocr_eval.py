"""How well OCR reads the samples' sheets: image-only copies (samples/scans.py) at each
resolution, compared field by field with what the text layer gives.

    python tools/ocr_eval.py [--pages 12,13,...] [--dpi 150,200] [--skew 0.6]
    python tools/ocr_eval.py --forms 12 [--seed 21] [--dpi 200] [--skew 0.5]

With --forms, the forms explorer's generated documents (samples/forms/explore.py: other layouts,
producers, page sizes) are scanned whole instead, and each is compared with its own text layer:
its status before and after, the fields exact, and whether a document with a field read
otherwise still came out ``ok`` — a wrong ``ok``, the outcome the trust rules must prevent.

For each resolution: the fields exact of all compared (indicator names width- and space-blind,
values as parsed: operator, number, unit; weights, scores; every fund amount, rate and score),
the sheets whose checks all pass, the sheets the document marks doubtful, and pages/s. The
README's "Scanned documents" numbers come from here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "tests"))

import scans  # noqa: E402
from forms.explore import draw_case, missing_fonts, write_case  # noqa: E402
from test_ocr import exact_share, fund_fields, indicator_fields  # noqa: E402

from extract.pipeline import process_document  # noqa: E402

SEED = ROOT / "samples" / "pdf" / "seed_2023_a4_reportlab.pdf"


def _compare(read_doc, text_doc) -> tuple[int, int]:
    """Fields exact / compared between the sheets two readings of one document give, in order."""
    exact = total = 0
    for got, want in zip(read_doc.sheets, text_doc.sheets):
        for read, expected in ((indicator_fields(got.sheet), indicator_fields(want.sheet)),
                               (fund_fields(got.sheet), fund_fields(want.sheet))):
            e, t = exact_share(read, expected)
            exact, total = exact + e, total + t
    return exact, total


def scan_forms(n: int, seed: int, dpi: int, skew: float) -> None:
    wrong_ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(n):
            case = draw_case(seed, index)
            if missing_fonts(case):
                print(f"{case.name}: skipped, font missing: {missing_fonts(case)[0]}")
                continue
            pdf, _ = write_case(case, Path(tmp))
            text = process_document(pdf)
            scan = process_document(scans.scan_pdf(pdf, Path(tmp) / f"{case.name}.scan.pdf", dpi=dpi, skew=skew))
            exact, total = _compare(scan, text)
            differs = len(scan.sheets) != len(text.sheets) or exact < total
            wrong_ok += scan.status == "ok" and differs
            named = sum(d.code == "ocr_unconfirmed" for d in scan.doubts)
            print(f"{case.name}: {text.status} -> {scan.status}; sheets {len(text.sheets)} -> {len(scan.sheets)}; "
                  f"fields exact {exact} / {total}; {named} doubts naming cells"
                  + ("; WRONG OK" if scan.status == "ok" and differs else ""))
    print(f"{n} forms (seed {seed}, {dpi} dpi, skew {skew}°): {wrong_ok} read ok with a field otherwise")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf", type=Path, default=SEED)
    ap.add_argument("--pages", default="12,13,14,15,16,17,18,19,20,21", help="sheets printed whole on one page")
    ap.add_argument("--dpi", default="150,200")
    ap.add_argument("--skew", type=float, default=0.6)
    ap.add_argument("--forms", type=int, default=0, help="scan this many generated forms instead")
    ap.add_argument("--seed", type=int, default=21, help="the forms explorer's seed (with --forms)")
    args = ap.parse_args()
    if args.forms:
        return scan_forms(args.forms, args.seed, int(args.dpi.split(",")[-1]), args.skew)
    pages = [int(p) for p in args.pages.split(",")]
    truth = {c.sheet.pages[0]: c.sheet for c in process_document(args.pdf).sheets if len(c.sheet.pages) == 1}
    pages = [p for p in pages if p in truth]
    for dpi in (int(d) for d in args.dpi.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            pdf = scans.scan_pdf(args.pdf, Path(tmp) / "scan.pdf", dpi=dpi, skew=args.skew, pages=pages)
            t0 = time.perf_counter()
            doc = process_document(pdf)
            seconds = time.perf_counter() - t0
        exact = total = passing = 0
        for k, checked in enumerate(doc.sheets):
            expected = truth[pages[checked.sheet.pages[0] - 1]]
            for read, want in ((indicator_fields(checked.sheet), indicator_fields(expected)),
                               (fund_fields(checked.sheet), fund_fields(expected))):
                e, t = exact_share(read, want)
                exact, total = exact + e, total + t
            passing += not checked.failed_checks and any(c.status == "pass" for c in checked.checks)
        doubted = sum(d.code == "ocr_unconfirmed" for d in doc.doubts)
        print(f"{dpi} dpi, skew {args.skew}°: {len(doc.sheets)} of {len(pages)} sheets read; fields exact "
              f"{exact} / {total} ({exact / max(total, 1):.1%}); checks pass on {passing}; "
              f"{doubted} doubts naming cells; status {doc.status}; {len(pages) / seconds:.2f} pages/s")


if __name__ == "__main__":
    main()
