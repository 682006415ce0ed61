"""How well OCR reads the samples' sheets: image-only copies (samples/scans.py) at each
resolution, compared field by field with what the text layer gives.

    python tools/ocr_eval.py [--pages 12,13,...] [--dpi 150,200] [--skew 0.6]

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
from test_ocr import exact_share, fund_fields, indicator_fields  # noqa: E402

from extract.pipeline import process_document  # noqa: E402

SEED = ROOT / "samples" / "pdf" / "seed_2023_a4_reportlab.pdf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf", type=Path, default=SEED)
    ap.add_argument("--pages", default="12,13,14,15,16,17,18,19,20,21", help="sheets printed whole on one page")
    ap.add_argument("--dpi", default="150,200")
    ap.add_argument("--skew", type=float, default=0.6)
    args = ap.parse_args()
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
