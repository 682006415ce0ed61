"""The native reader (C loops over pdfium's per-glyph calls, _pdfium_reader.c) reads exactly what
the pure-Python reader reads: every page layout, every record, every box."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import SAMPLE_FILES, SHARED
from extract.backends import native, open_backend, pdfium_reader
from extract.backends.base import ReadSettings
from extract.outputs.writer import document_rows
from extract.pipeline import PipelineSettings, process_document

WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)
REAL_FILES = sorted((SHARED / "real").rglob("*.pdf")) if (SHARED / "real").is_dir() else []
BUILT = native.load() is not None
needs_native = pytest.mark.skipif(not BUILT, reason="the native reader was not built (no C compiler at install)")


def _pages(path: Path, reader: str) -> list:
    settings = dataclasses.replace(PipelineSettings().read, reader=reader)
    with open_backend("pdfium", str(path), settings) as backend:
        assert backend.reader == reader
        return [backend.read_page_or_error(n) for n in range(1, backend.page_count + 1)]


@needs_native
@pytest.mark.parametrize("pdf", SAMPLE_FILES + REAL_FILES, ids=[p.stem for p in SAMPLE_FILES + REAL_FILES])
def test_native_pages_equal_python_pages(pdf):
    python, built = _pages(pdf, "python"), _pages(pdf, "native")
    assert [p.error for p in python] == [p.error for p in built]
    assert sum(p.char_count for p in built) > 0 or "扫描" in pdf.name
    assert python == built  # glyphs, lines, grids and cells, to the last bit of every coordinate


def _rows(path: Path, reader: str) -> dict[str, list[dict]]:
    settings = PipelineSettings(read=dataclasses.replace(PipelineSettings().read, reader=reader))
    return document_rows(process_document(path, settings=settings), "-", "-", WHEN)


@needs_native
@pytest.mark.parametrize("pdf", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_native_records_equal_python_records(pdf):
    python, built = _rows(pdf, "python"), _rows(pdf, "native")
    assert sum(len(rows) for rows in built.values()) > 10
    assert python == built


def test_without_the_library_auto_falls_back_and_native_is_refused(monkeypatch):
    monkeypatch.setattr(native, "load", lambda: None)
    assert pdfium_reader("auto") == "python"
    with open_backend("pdfium", str(SAMPLE_FILES[0]), ReadSettings(reader="auto")) as backend:
        assert backend.reader == "python"
        assert backend.read_page(1).char_count > 0
    with pytest.raises(RuntimeError, match="native reader is not installed"):
        open_backend("pdfium", str(SAMPLE_FILES[0]), ReadSettings(reader="native"))


def test_an_unknown_reader_is_refused():
    with pytest.raises(ValueError, match="reader must be one of"):
        ReadSettings(reader="fast")


def test_version_and_run_summary_name_the_reader(tmp_path):
    version = subprocess.run([sys.executable, "-m", "extract", "--version"], capture_output=True, text=True)
    assert f"pdfium reader: {'native' if BUILT else 'python'}" in version.stdout
    run = subprocess.run([sys.executable, "-m", "extract", "run", str(SAMPLE_FILES[0]), "--out", str(tmp_path)],
                         capture_output=True, text=True, env={**__import__("os").environ, "EXTRACT_READER": "python"})
    assert run.returncode == 0, run.stderr
    assert "(pdfium, python reader)" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "extract", "run", str(SAMPLE_FILES[0]), "--out", str(tmp_path)],
                         capture_output=True, text=True, env={**__import__("os").environ, "EXTRACT_READER": "fast"})
    assert bad.returncode == 4 and "EXTRACT_READER='fast'" in bad.stderr


@needs_native
@pytest.mark.parametrize("seed", range(40))
def test_native_line_starts_equal_the_python_loop(seed):
    """The lattice's loop over glyphs in C (native.line_starts) against its Python steps, on
    generated lines: glyphs of mixed heights, rising and sinking baselines, touching and
    overlapping lines, repeated coordinates, cells (groups) that start and end anywhere."""
    import numpy as np

    from extract.backends.lattice import line_starts_python
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    heights = rng.choice([0.0, 0.4, 1.0, 6.0, 9.5, 12.0, 24.0], n) * rng.uniform(0.5, 1.5, n)
    # steps of about half a glyph's height: overlaps at the rule's edge
    steps = (rng.choice([0.0, 0.0, 0.0, 0.25, 3.0, 6.0, 12.0], n)
             + heights * rng.choice([0.0, 0.4, 0.5, 0.55], n)) * rng.choice([1, 1, -1], n)
    top = np.round(np.cumsum(steps) + rng.normal(0, 1.0, n), int(rng.integers(0, 3)))
    bottom = top + np.round(heights, 1)
    group = np.cumsum(rng.random(n) < 0.1).astype(np.int64) if seed % 3 else None
    starts = native.line_starts(top, bottom, group)
    assert starts == line_starts_python(top.tolist(), bottom.tolist(), None if group is None else group.tolist())
    assert starts[0] == 0 and starts == sorted(set(starts))


@needs_native
@pytest.mark.parametrize("pdf", SAMPLE_FILES[:6], ids=[p.stem for p in SAMPLE_FILES[:6]])
def test_pages_read_with_the_python_line_loop_equal_the_native_ones(pdf, monkeypatch):
    from extract.backends import lattice
    built = _pages(pdf, "native")
    monkeypatch.setattr(lattice, "native_line_starts", lambda top, bottom, group: None)
    assert _pages(pdf, "native") == built
