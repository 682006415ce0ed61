"""A document whose cover names another kind than a 决算 is surveyed: its pages are read as
text, and laid out (tables read) only where they may be read — a 自评表's or indicators' words,
a standard 决算 table's title. What is read of it is exactly what a whole layout gives."""

from __future__ import annotations

import pytest

from conftest import DOCUMENT_SAMPLES, shared_file
from extract.datamodel import PageLayout, TextLine
from extract.pipeline import PipelineSettings, _read_all_pages, process_document


class _Reader:
    """A backend stand-in: pages of given lines; records which pages were laid out."""

    def __init__(self, *pages: tuple[str, ...]) -> None:
        self.pages, self.laid_out = pages, []

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def read_page_or_error(self, page_no: int, text_only: bool = False) -> PageLayout:
        if not text_only:
            self.laid_out.append(page_no)
        lines = tuple(TextLine(t, (0, 10 * i, 100, 10 * i + 8)) for i, t in enumerate(self.pages[page_no - 1]))
        return PageLayout(page_no, 595, 842, lines, (), sum(len(t) for t in self.pages[page_no - 1]))


def test_only_the_cover_and_pages_that_may_be_read_are_laid_out():
    reader = _Reader(("2026年示例市财政局", "部门预算"), ("目录",), ("一、部门主要职责",),
                     ("2026年部门整体支出绩效目标表", "一级指标"), ("收入支出预算总表",),
                     ("财政拨款收入支出决算总表",))
    pages, surveyed = _read_all_pages(reader, PipelineSettings())
    assert surveyed and reader.laid_out == [1, 2, 4, 6] and len(pages) == 6


@pytest.mark.parametrize("cover", [("2024年示例市财政局", "部门决算"), ("示例市财政局",)])
def test_a_final_or_unnamed_cover_lays_out_every_page(cover):
    reader = _Reader(cover, ("目录",), ("一、部门主要职责",))
    assert _read_all_pages(reader, PipelineSettings())[1] is False and reader.laid_out == [1, 2, 3]
    reader = _Reader(("2026年示例市财政局", "部门预算"), ("目录",), ("一、部门主要职责",))
    assert _read_all_pages(reader, PipelineSettings(survey_other_kinds=False))[1] is False
    assert reader.laid_out == [1, 2, 3]


@pytest.mark.parametrize("name", ["2026_北京市民政局_部门预算.pdf", "2025_上海市普陀区商务委员会_部门预算.pdf"])
def test_a_surveyed_budget_is_read_exactly_as_a_whole_layout_reads_it(name):
    path = shared_file("real", "budget", name)
    surveyed = process_document(path)
    whole = process_document(path, settings=PipelineSettings(survey_other_kinds=False))
    assert surveyed.status == "skipped"
    assert surveyed == whole


def test_a_surveyed_document_that_is_read_after_all_is_read_again_whole(monkeypatch):
    """A budget cover over a 决算's tables (or a 自评表): classify does not skip it, so it is
    read again with every page laid out — the result is the whole layout's."""
    import extract.pipeline as pipeline
    sample = DOCUMENT_SAMPLES[0]
    whole = process_document(sample)
    real = pipeline._read_all_pages
    calls = []

    def surveyed_first(reader, settings):
        pages, _ = real(reader, settings)
        calls.append(settings.survey_other_kinds)
        return pages, settings.survey_other_kinds  # as if its cover named another kind
    monkeypatch.setattr(pipeline, "_read_all_pages", surveyed_first)
    again = process_document(sample)
    assert calls == [True, False] and again.status == "ok" and again == whole


def test_a_page_surveyed_then_laid_out_is_read_from_pdfium_once(monkeypatch):
    """The pdfium backend keeps the page a text pass read open: when the survey lays that page
    out next, its glyphs are not read again. Every page is read once, and each layout equals
    the layout of the page read afresh."""
    import pypdfium2 as pdfium

    from extract.backends import open_backend
    from extract.backends.pdfium_backend import PdfiumBackend
    from extract.pipeline import _genre_read_settings

    path = shared_file("real", "budget", "2025_上海市普陀区商务委员会_部门预算.pdf")
    opened: list[int] = []
    read_glyphs = PdfiumBackend._read_glyphs

    def counted(self, page_no):
        opened.append(page_no)
        return read_glyphs(self, page_no)

    closed: list[int] = []
    close_page = pdfium.PdfPage.close

    def close(page):
        closed.append(1)
        return close_page(page)

    monkeypatch.setattr(PdfiumBackend, "_read_glyphs", counted)
    monkeypatch.setattr(pdfium.PdfPage, "close", close)
    with open_backend("pdfium", path, _genre_read_settings()) as reader:
        pages, surveyed = _read_all_pages(reader, PipelineSettings())
        count = reader.page_count
    assert surveyed and any(p.grids for p in pages[2:])  # laid out after its text pass
    assert sorted(opened) == list(range(1, count + 1))
    assert len(closed) == count  # each page closed by the backend, the one it held last too
    with open_backend("pdfium", path, _genre_read_settings()) as fresh:
        for page in pages:
            if page.grids:
                assert fresh.read_page(page.page_no) == page
