"""The fast pdfium backend is the default only because it gives record-for-record the same
output as the pdfplumber backend, on every sample and every real PDF in ../shared."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import SAMPLE_FILES, SHARED
from extract.backends import DEFAULT_BACKEND
from extract.pipeline import process_document
from extract.writer import document_rows

WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)
REAL_FILES = sorted((SHARED / "real").rglob("*.pdf")) if (SHARED / "real").is_dir() else []


def _records(path: Path, backend: str) -> dict[str, list[dict]]:
    rows = document_rows(process_document(path, backend=backend), "-", "-", WHEN)
    rows["documents"][0].pop("producer")  # the libraries read different metadata keys first
    return rows


def test_pdfium_is_the_default():
    assert DEFAULT_BACKEND == "pdfium"


@pytest.mark.parametrize("pdf", SAMPLE_FILES + REAL_FILES, ids=[p.stem for p in SAMPLE_FILES + REAL_FILES])
def test_pdfium_records_equal_pdfplumber_records(pdf):
    assert _records(pdf, "pdfium") == _records(pdf, "pdfplumber")


def test_real_files_are_compared_when_shared_is_present():
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    assert len(REAL_FILES) == 8  # 4 决算 + template, 2 budgets, 1 自评表 (the scan has no text)
