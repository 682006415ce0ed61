"""The committed samples are what samples/generate.py makes (skipped where it cannot run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import DOCUMENT_SAMPLES, FORM_SAMPLES, ROOT, SAMPLE_FILES, STATEMENT_SAMPLES

sys.path.insert(0, str(ROOT / "samples"))


def _generator():
    for module in ("reportlab", "fpdf"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (pip install -e '.[samples]')")
    import generate
    for font in generate.FONT_NAMES:
        if not Path(font).exists():
            pytest.skip(f"{font} missing (apt-get install fonts-wqy-zenhei fonts-wqy-microhei)")
    return generate


ALL_SAMPLES = SAMPLE_FILES + STATEMENT_SAMPLES + FORM_SAMPLES + DOCUMENT_SAMPLES


@pytest.mark.parametrize("pdf", ALL_SAMPLES, ids=[p.stem for p in ALL_SAMPLES])
def test_committed_sample_is_reproduced_byte_for_byte(pdf, tmp_path):
    generate = _generator()
    layout = next(name for name in generate.LAYOUTS if pdf.stem.endswith(name))
    source = pdf.stem.removesuffix("_" + layout) + ".json"
    made = generate.generate(ROOT / "samples" / "source" / source, generate.LAYOUTS[layout], tmp_path)
    assert made.read_bytes() == pdf.read_bytes()


@pytest.mark.parametrize("pdf", FORM_SAMPLES, ids=[p.stem for p in FORM_SAMPLES])
def test_committed_form_expectations_are_what_the_generator_derives(pdf, tmp_path, monkeypatch):
    generate = _generator()
    layout = generate.LAYOUTS[pdf.stem.removeprefix("seed_2023_")]
    expected = ROOT / "samples" / "expected" / f"{pdf.stem}.json"
    committed = expected.read_bytes()
    try:
        assert generate.write_expected(layout).read_bytes() == committed
    finally:
        expected.write_bytes(committed)
