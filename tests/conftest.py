"""Shared fixtures: paths to the committed samples and, when present, to ../shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_PDF = ROOT / "samples" / "pdf"
SHARED = ROOT.parent / "shared"
REAL_FINAL = SHARED / "real" / "final"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/expected.py

# The seed 公开说明 (24 sheets, the narrative) in three layouts, and a synthetic document with the
# standard 决算 tables (samples/source/statements_2023.json) in the same layouts.
# The same sheets printed in other provinces' forms (samples/generate.py FORMS), each with its
# own expected records (samples/expected/seed_2023_<layout>.json).
FORM_SAMPLES = sorted(SAMPLES_PDF.glob("seed_*_form_*.pdf"))
SAMPLE_FILES = sorted(set(SAMPLES_PDF.glob("seed_*.pdf")) - set(FORM_SAMPLES))
STATEMENT_SAMPLES = sorted(SAMPLES_PDF.glob("statements_*.pdf"))
# A whole 决算 (samples/source/final_2024.json) and its careless-publisher twin: the unedited
# document first, then the edited one.
DOCUMENT_SAMPLES = sorted(SAMPLES_PDF.glob("final_2024_*.pdf"), key=lambda p: "careless" in p.name)


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only beside a developer checkout)")
    return path
