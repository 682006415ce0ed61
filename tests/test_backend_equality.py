"""The fast pdfium backend is the default only because it gives record-for-record the same
output as the pdfplumber backend, on every sample and every real PDF in ../shared."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import SAMPLE_FILES, SHARED
from extract.backends import DEFAULT_BACKEND
from extract.pipeline import process_document
from extract.outputs.writer import document_rows

WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)
# The archive excerpt (43 部门预算 of a city portal) is for the kinds and the speed bench; the
# equality of the backends is proved on the documents of every other folder.
# Scans are read by OCR on the pdfium backend only (tests/test_ocr.py).
REAL_FILES = sorted(p for p in (SHARED / "real").rglob("*.pdf") if p.parent.name not in ("archive", "scanned")) \
    if (SHARED / "real").is_dir() else []


GEOMETRY = ("x0", "y0", "x1", "y1", "boxes", "cell_boxes")


def _records(path: Path, backend: str, geometry: bool = False) -> dict[str, list[dict]]:
    """Every row; without geometry, as the box of a text line depends on the library's glyph
    boxes (pdfium's loose boxes, pdfminer's font boxes). Grid cells come from the rulings."""
    rows = document_rows(process_document(path, backend=backend), "-", "-", WHEN)
    rows["documents"][0].pop("producer")  # the libraries read different metadata keys first
    if not geometry:
        rows = {name: [{k: v for k, v in r.items() if k not in GEOMETRY} for r in rs] for name, rs in rows.items()}
    return rows


def test_pdfium_is_the_default():
    assert DEFAULT_BACKEND == "pdfium"


@pytest.mark.parametrize("pdf", SAMPLE_FILES + REAL_FILES, ids=[p.stem for p in SAMPLE_FILES + REAL_FILES])
def test_pdfium_records_equal_pdfplumber_records(pdf):
    assert _records(pdf, "pdfium") == _records(pdf, "pdfplumber")


def _boxes(rows: list[dict]) -> list[tuple]:
    return [(b["page"], b["x0"], b["y0"], b["x1"], b["y1"]) for r in rows for b in r["cell_boxes"]]


@pytest.mark.parametrize("pdf", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_cell_boxes_agree_between_backends_within_a_point(pdf):
    a, b = _records(pdf, "pdfium", True), _records(pdf, "pdfplumber", True)
    for name in ("sheets", "sheet_funds", "indicators"):
        boxes_a, boxes_b = _boxes(a[name]), _boxes(b[name])
        assert len(boxes_a) == len(boxes_b) > 0
        assert all(pa == pb and max(abs(x - y) for x, y in zip(ba, bb)) <= 1.0
                   for (pa, *ba), (pb, *bb) in zip(boxes_a, boxes_b))


def test_real_files_are_compared_when_shared_is_present():
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    assert len(REAL_FILES) == 7  # 4 决算 (the template one of them), 2 budgets, 1 自评表; the scan is read by OCR, pdfium only
