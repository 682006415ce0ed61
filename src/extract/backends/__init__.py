"""Backends turn a PDF page into the common grid type (datamodel.PageLayout).

Reassembly consumes only that type, so backends can be swapped by name.
"""

from __future__ import annotations

from .base import GridBackend

DEFAULT_BACKEND = "pdfplumber"


def _registry() -> dict[str, type[GridBackend]]:
    # Imported lazily: camelot pulls in OpenCV, which a pdfplumber run never needs.
    from .pdfplumber_backend import PdfplumberBackend

    def camelot() -> type[GridBackend]:
        from .camelot_backend import CamelotBackend
        return CamelotBackend

    return {"pdfplumber": PdfplumberBackend, "camelot": camelot}  # type: ignore[dict-item]


BACKEND_NAMES = ("pdfplumber", "camelot")


def open_backend(name: str, path: str) -> GridBackend:
    """An opened backend for ``path``; an unknown name raises ValueError listing the known ones."""
    registry = _registry()
    if name not in registry:
        raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKEND_NAMES)}")
    entry = registry[name]
    cls = entry if isinstance(entry, type) else entry()
    return cls(path)


__all__ = ["GridBackend", "open_backend", "BACKEND_NAMES", "DEFAULT_BACKEND"]
