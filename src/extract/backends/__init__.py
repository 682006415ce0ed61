"""Backends turn a PDF page into the common grid type (datamodel.PageLayout).

Reassembly consumes only that type, so backends can be swapped by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .names import BACKEND_NAMES, DEFAULT_BACKEND, READER_VARIABLE, READERS

if TYPE_CHECKING:
    from .base import GridBackend, ReadSettings


def __getattr__(name: str) -> object:
    """The backend contract (base.py), loaded on first use: the names above need no numpy."""
    if name in ("GridBackend", "ReadSettings"):
        from . import base
        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pdfium() -> type[GridBackend]:
    from .pdfium_backend import PdfiumBackend
    return PdfiumBackend


def _pdfplumber() -> type[GridBackend]:
    from .pdfplumber_backend import PdfplumberBackend
    return PdfplumberBackend


def _camelot() -> type[GridBackend]:
    from .camelot_backend import CamelotBackend
    return CamelotBackend


# Imported on first use: camelot pulls in OpenCV and pdfplumber pdfminer, which a run on
# another backend never needs.
_REGISTRY: dict[str, Callable[[], type[GridBackend]]] = {
    "pdfium": _pdfium, "pdfplumber": _pdfplumber, "camelot": _camelot}


def open_backend(name: str, path: str, settings: ReadSettings | None = None) -> GridBackend:
    """An opened backend for ``path``; an unknown name raises ValueError listing the known ones."""
    if name not in _REGISTRY:
        raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKEND_NAMES)}")
    return _REGISTRY[name]()(path, settings)


def pdfium_reader(choice: str = "auto") -> str:
    """Which reader the pdfium backend runs with ``ReadSettings.reader`` = ``choice``:
    ``native`` (the C loops, built at install where a compiler exists) or ``python``."""
    if choice == "python":
        return "python"
    from .native import load
    return "native" if load() is not None else "python"


__all__ = ["pdfium_reader", "READER_VARIABLE", "READERS", "GridBackend", "ReadSettings", "open_backend", "BACKEND_NAMES", "DEFAULT_BACKEND"]
