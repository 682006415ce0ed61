"""Nothing read in silence: every printed cell of every sheet ends in a record, a recognised
label, or a doubt that names it (and then the document is ``partial``, never ``ok``).

On the committed samples and the shared documents every cell is placed; a document where one
is not must say so (tests/test_reassembly.py builds such a sheet).
"""

from __future__ import annotations

import pytest

from conftest import DOCUMENT_SAMPLES, FORM_SAMPLES, SAMPLE_FILES, SHARED
from extract.pipeline import process_document

SHARED_SHEETS = sorted((SHARED / "real").glob("*/*.pdf")) if (SHARED / "real").is_dir() else []
SHARED_SHEETS = [p for p in SHARED_SHEETS if p.parent.name in ("final", "selfeval")]
FILES = SAMPLE_FILES + FORM_SAMPLES + DOCUMENT_SAMPLES + SHARED_SHEETS


@pytest.mark.parametrize("pdf", FILES, ids=[p.stem for p in FILES])
def test_every_printed_cell_is_placed_or_named(pdf):
    doc = process_document(pdf)
    for checked in doc.sheets:
        sheet = checked.sheet
        printed = sum(1 for _ in sheet.unplaced) + sheet.cells_placed
        assert printed == sheet.cells_printed
        if sheet.indicators:
            assert sheet.cells_printed > len(sheet.indicators)  # the ledger counted the grid
        for cell in sheet.unplaced:  # named, with its page and box
            assert cell.describe() in sheet.layout_warnings
    unplaced = [c for s in doc.sheets for c in s.sheet.unplaced]
    if unplaced:
        assert doc.status == "partial" and "cells_unplaced" in doc.warning_codes
    else:
        assert "cells_unplaced" not in doc.warning_codes
    # What the team has been shown is read whole.
    assert unplaced == [], [c.describe() for c in unplaced[:5]]


def test_the_shared_documents_are_covered_when_present():
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    assert len(SHARED_SHEETS) == 5  # four 决算 (template included) and the 宁德 自评表
