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

SAMPLE_FILES = sorted(SAMPLES_PDF.glob("*.pdf"))


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only beside a developer checkout)")
    return path
