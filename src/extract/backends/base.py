"""The backend contract: a PDF in, one PageLayout per page out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator

from ..datamodel import PageLayout


class GridBackend(ABC):
    """Reads a PDF's pages into the common grid type. One instance per document."""

    name: str = ""

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    @abstractmethod
    def page_count(self) -> int: ...

    @property
    @abstractmethod
    def producer(self) -> str | None: ...

    @abstractmethod
    def read_page(self, page_no: int) -> PageLayout:
        """The ruled tables and the free text lines of one page (1-based)."""

    def read_pages(self) -> Iterator[PageLayout]:
        for page_no in range(1, self.page_count + 1):
            yield self.read_page(page_no)

    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> "GridBackend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
