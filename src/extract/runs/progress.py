"""What a run tells as it goes (the progress bar) and at its end (the totals)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from .documents import Outcome


@dataclass
class Totals:
    inputs: int = 0
    documents: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    seconds: float = 0.0
    ocr_pages: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"inputs": self.inputs, "documents": self.documents, "statuses": dict(self.statuses),
                "error_classes": dict(self.errors), "pages": self.pages, "ocr_pages": self.ocr_pages,
                "seconds": round(self.seconds, 2)}

    def count(self, outcome: Outcome) -> None:
        self.statuses[outcome.status] += 1
        self.pages += outcome.pages
        self.ocr_pages += outcome.ocr_pages
        if outcome.error_class:
            self.errors[outcome.error_class] += 1


class Progress:
    """A one-line progress bar on a terminal; one line per document otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, log: TextIO | None = None) -> None:
        # Looked up now, not at import: a caller may have redirected them.
        self.total, self.stream, self.log = total, stream or sys.stderr, log or sys.stdout
        self.tty = self.stream.isatty()
        self.done = self.pages = self.ocr_pages = self.failed = self.skipped = 0
        self.hash_shown = False
        self.started = time.perf_counter()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.pages += outcome.pages
        self.ocr_pages += outcome.ocr_pages
        self.failed += outcome.status == "failed"
        self.skipped += outcome.status == "skipped"
        if not self.tty:
            print(f"[{self.done}/{self.total}] {outcome.summary}", file=self.log, flush=True)
            return
        if outcome.status not in ("ok", "skipped"):
            print(f"\r\033[K{outcome.summary}", file=self.stream)
        elapsed = time.perf_counter() - self.started
        rate = self.pages / elapsed if elapsed else 0.0
        eta = elapsed / self.done * (self.total - self.done)
        ocr = f" ({self.ocr_pages} by OCR)" if self.ocr_pages else ""
        print(f"\r\033[K{self.done}/{self.total} documents, {self.pages} pages{ocr}, {rate:.1f} pages/s, "
              f"ETA {eta:.0f}s, {self.failed} failed, {self.skipped} skipped (not 决算)", end="",
              file=self.stream, flush=True)

    def hashed(self, done: int, total: int) -> None:
        """How far hashing the inputs got, before any document starts; silent when it was
        over before the first report."""
        if done == total and not self.hash_shown:
            return
        self.hash_shown = True
        if self.tty:
            print(f"\r\033[Khashing inputs: {done}/{total}", end="\n" if done == total else "",
                  file=self.stream, flush=True)
        else:
            print(f"hashing inputs: {done}/{total}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.tty:
            print(file=self.stream)
