"""The backend contract: a PDF in, one PageLayout per page out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..datamodel import PageLayout
from .lattice import LatticeSettings
from .names import READERS
from .ocr import OcrSettings
from .textlayer import TextLayerSettings


@dataclass(frozen=True)
class ReadSettings:
    """The settings of the read stage: the grid algorithm's and the text-layer check's."""

    lattice: LatticeSettings = field(default_factory=LatticeSettings)
    text_layer: TextLayerSettings = field(default_factory=TextLayerSettings)
    # Who makes the pdfium backend's per-glyph calls: "auto" the native (C) reader where the
    # install built it, else Python; "native" requires it; "python" never uses it. The records
    # are the same with either (tests/test_native_reader.py).
    reader: str = "auto"
    # Pages read from their image (backends/ocr.py; the pdfium backend).
    ocr: OcrSettings = field(default_factory=OcrSettings)

    def __post_init__(self) -> None:
        if self.reader not in READERS:
            raise ValueError(f"reader must be one of {', '.join(READERS)}, not {self.reader!r}")


class GridBackend(ABC):
    """Reads a PDF's pages into the common grid type. One instance per document."""

    name: str = ""

    def __init__(self, path: str, settings: ReadSettings | None = None) -> None:
        self.path = path
        self.settings = settings or ReadSettings()

    @property
    @abstractmethod
    def page_count(self) -> int: ...

    @property
    def reader(self) -> str:
        """What reads the glyphs (the pdfium backend: its native or Python reader)."""
        return self.name

    @property
    @abstractmethod
    def producer(self) -> str | None: ...

    @abstractmethod
    def read_page(self, page_no: int) -> PageLayout:
        """The ruled tables and the free text lines of one page (1-based)."""

    def read_text_page(self, page_no: int) -> PageLayout:
        """A page's glyphs, text-layer quality and text lines, no tables: every printed line,
        a table's rows too. For a survey of the pages; a backend that cannot read less reads
        the page whole."""
        return self.read_page(page_no)

    def read_page_or_error(self, page_no: int, text_only: bool = False) -> PageLayout:
        """read_page (or read_text_page); a page that cannot be parsed or laid out is an empty
        page with ``error`` set, so one bad page never loses the others."""
        try:
            return self.read_text_page(page_no) if text_only else self.read_page(page_no)
        except MemoryError:
            raise
        except Exception as exc:  # the page's own damage, whatever the library raises
            return PageLayout(page_no, 0.0, 0.0, (), (), 0, error=f"{type(exc).__name__}: {exc}"[:300])

    @property
    def repaired_cross_reference(self) -> bool:
        """The parser rebuilt a damaged cross-reference table (known for pdfium only)."""
        return False

    def read_pages(self) -> Iterator[PageLayout]:
        """Every page; one that cannot be parsed or laid out is an empty page with ``error`` set,
        so one bad page never loses the others."""
        for page_no in range(1, self.page_count + 1):
            yield self.read_page_or_error(page_no)

    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> "GridBackend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
