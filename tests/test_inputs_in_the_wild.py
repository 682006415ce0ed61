"""Inputs from the wild (issue 13): other kinds of document, damaged text layers and bytes,
unreadable pages, fuzzed files — every one gets an honest status, none a silent ``ok``."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from conftest import DOCUMENT_SAMPLES, ROOT, SAMPLE_FILES, STATEMENT_SAMPLES, shared_file
from extract.backends import open_backend
from extract.backends.lattice import Glyph
from extract.backends.pdfium_backend import PdfiumBackend
from extract.cli import main
from extract.datamodel import DocumentLayout, DocumentSource, PageQuality
from extract.inputs.integrity import check_integrity
from extract.pipeline import PipelineSettings, extract_from_layout, file_sha256, process_document
from extract.backends.textlayer import assess_page, is_suspect
from extract.outputs.writer import document_rows

sys.path.insert(0, str(ROOT / "tools"))
import fuzz  # noqa: E402

FINAL = DOCUMENT_SAMPLES[0]


def _mutated(tmp_path: Path, mutation: str, source: Path = FINAL, seed: int = 3) -> Path:
    path = tmp_path / f"{mutation}_{source.name}"
    path.write_bytes(fuzz.MUTATIONS[mutation](source.read_bytes(), random.Random(seed)))
    return path


# ------------------------------------------------------------------ document kinds


def test_kinds_of_the_shared_documents():
    # The scan without OCR: what it is when read by OCR, tests/test_ocr.py.
    kinds = {name: process_document(shared_file(*name.split("/")), ocr="off") for name in (
        "real/final/2024_国家信访局_部门决算.pdf", "real/selfeval/2024_宁德市人民政府办公室_部门整体绩效自评表.pdf",
        "real/scanned/2022_长沙市市场监督管理局_绩效评价结果_扫描件.pdf")}
    xinfang = kinds["real/final/2024_国家信访局_部门决算.pdf"]
    assert (xinfang.status, xinfang.document_kind) == ("ok", "部门决算")
    assert xinfang.kind_evidence == "cover p.1: '国家信访局2024年度部门决算'"
    # A document of 自评表 alone: its sheet is read, it is not a 决算, and it is not skipped.
    ningde = kinds["real/selfeval/2024_宁德市人民政府办公室_部门整体绩效自评表.pdf"]
    assert (ningde.status, ningde.document_kind, len(ningde.sheets)) == ("ok", "绩效自评报告", 1)
    assert ningde.narrative.facts == () and ningde.document_checks == ()
    scan = kinds["real/scanned/2022_长沙市市场监督管理局_绩效评价结果_扫描件.pdf"]
    assert (scan.status, scan.error_class, scan.document_kind) == ("failed", "no_text_layer", None)


def test_samples_are_final_accounts_and_still_ok():
    for path in (SAMPLE_FILES[0], STATEMENT_SAMPLES[0], FINAL):
        doc = process_document(path)
        assert (doc.status, doc.document_kind, doc.damaged_pages) == ("ok", "部门决算", ()), path.name


def test_kinds_option_skips_the_other_kinds_and_counts_them_apart(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(FINAL), "--out", str(out), "--kinds", "绩效自评报告,部门预算"]) == 0
    printed = capsys.readouterr().out
    assert "(1 skipped)" in printed and "SKIPPED" in printed
    row = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pylist()[0]
    assert (row["status"], row["error_class"], row["document_kind"]) == ("skipped", "kind_not_selected", "部门决算")
    assert row["error_message"].endswith("this run reads only 绩效自评报告, 部门预算")
    # A later run that asks for this kind reads it (a skip by --kinds is not "already extracted").
    assert main(["run", str(FINAL), "--out", str(out), "--kinds", "部门决算,单位决算"]) == 0
    assert "(1 ok)" in capsys.readouterr().out
    assert main(["run", str(FINAL), "--out", str(out), "--kinds", "决算"]) == 4
    assert "unknown document kind 决算" in capsys.readouterr().err


# ------------------------------------------------------------------ text-layer quality


@pytest.mark.parametrize("text,suspect", [
    ("收", False), ("1", False), ("×", False), ("°", False), ("\x14", True), ("\ue000", True),
    ("\ufffd", True), ("(cid:123)", True), ("Ä", True), ("ñ", True),
])
def test_suspect_glyphs(text, suspect):
    assert is_suspect(text) is suspect


def test_a_page_is_damaged_over_the_thresholds():
    clean = [Glyph("收", 10, 10, 20, 20, 10)] * 95
    assert not assess_page(clean + [Glyph("\x14", 10, 10, 20, 20, 10)] * 5, 100, 100).damaged  # 5%
    damaged = assess_page(clean + [Glyph("\x14", 10, 10, 20, 20, 10)] * 11, 100, 100)
    assert damaged.damaged and damaged.suspect == 11 and "no readable text" in damaged.reason
    outside = assess_page(clean + [Glyph("收", 10, 150, 20, 160, 10)] * 40, 100, 100)
    assert outside.damaged and outside.outside == 40 and "outside the page box" in outside.reason
    assert assess_page(clean, 100, 100, unmapped=20).damaged


def test_corrupted_tounicode_maps_fail_the_document_naming_its_pages(tmp_path):
    doc = process_document(_mutated(tmp_path, "bad_tounicode"))
    assert (doc.status, doc.error_class) == ("failed", "damaged_text_layer")
    assert doc.damaged_pages == tuple(range(1, 18))  # page 18 prints nothing
    assert doc.error_message.startswith("every page with text has a damaged text layer (page 1: over 10%")


def test_damaged_pages_make_a_document_partial_and_flag_their_rows():
    with open_backend("pdfium", str(FINAL), PipelineSettings().read) as reader:
        pages = list(reader.read_pages())
    bad = PageQuality(100, 50, 0, True, "over 10% of its glyphs have no readable text")
    pages = [replace(p, quality=bad) if p.page_no == 2 else p for p in pages]
    source = DocumentSource(file_sha256(FINAL), str(FINAL), FINAL.name)
    doc = extract_from_layout(DocumentLayout(source, len(pages), None, tuple(pages)))
    assert (doc.status, doc.damaged_pages) == ("partial", (2,))
    assert any(w.startswith("pages [2] have a damaged text layer") for w in doc.warnings)
    rows = document_rows(doc, "pdfium", "test")
    assert rows["documents"][0]["damaged_pages"] == [2]
    flagged = {(r["page"], r["page_quality"]) for r in rows["facts"]}
    assert (2, "damaged") in flagged and (3, "ok") in flagged
    assert {r["page_quality"] for r in rows["statement_lines"]} == {"ok"}  # tables start on page 4


def test_one_unreadable_page_does_not_lose_the_document(monkeypatch):
    real = PdfiumBackend.read_page

    def broken(self, page_no):
        if page_no == 5:
            raise RuntimeError("page 5 content stream cannot be parsed")
        return real(self, page_no)

    monkeypatch.setattr(PdfiumBackend, "read_page", broken)
    doc = process_document(FINAL)
    assert doc.status == "partial"
    assert "page 5 could not be read and was skipped: RuntimeError: page 5 content stream cannot be parsed" \
        in doc.warnings
    # The rest is read: the 收入支出决算总表 loses its continuation, the other tables are there.
    tables = {t.table: t for t in doc.statement_tables}
    assert tables["收入支出决算总表"].last_page == 4 and tables["收入决算表"].status == "present"


# ------------------------------------------------------------------ damaged bytes


def test_the_samples_and_shared_documents_are_intact():
    for path in (*SAMPLE_FILES, *STATEMENT_SAMPLES, *DOCUMENT_SAMPLES):
        integrity = check_integrity(path)
        assert integrity.findings(integrity.declared_pages or 0) == [] and integrity.streams > 0, path.name


@pytest.mark.parametrize("mutation,finding", [
    ("flip_stream", "compressed streams are damaged"),
    ("flip_xref", "cross-reference table"),
    ("absurd_count", "the page tree declares 999999999 pages but 18 could be read"),
    ("delete_object", "cross-reference table"),
])
def test_damaged_bytes_are_never_ok(tmp_path, mutation, finding):
    doc = process_document(_mutated(tmp_path, mutation))
    assert doc.status in ("partial", "failed"), doc.warnings
    assert any(finding in w for w in doc.warnings) or finding in (doc.error_message or "")


def test_fuzzed_batch_gives_every_input_an_honest_status(tmp_path):
    """200 seeded cases over the statement and whole-document samples, 2 workers."""
    problems, statuses, seconds = fuzz.run(200, 7, 2, 60.0, tmp_path)
    assert problems == []
    assert sum(statuses.values()) == 200 and statuses["failed"] and statuses["partial"]
    assert seconds < 180
