"""The native reader: the pdfium backend's per-glyph and per-segment loops in C, and the
lattice's one loop over glyphs (``line_starts``).

``_pdfium_reader.c`` is built at install where a compiler exists (setup.py, an optional
extension) and loaded here with ctypes; it calls pdfium through the function addresses
pypdfium2 has loaded, so it needs neither pdfium's headers nor linking. Each function below
returns exactly what its pure-Python counterpart in pdfium_backend returns (the same pdfium
calls, made from C); ``load()`` is None where the library is not installed or does not fit.
"""

from __future__ import annotations

import ctypes
import importlib.machinery
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2.raw as raw

LIBRARY = "_pdfium_reader"

# The order of the C file's enum.
_API = (raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_GetTextObject,
        raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType,
        raw.FPDFPageObj_GetMatrix, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
        raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetPoint,
        raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetClose,
        raw.FPDFPageObj_GetClipPath, raw.FPDFClipPath_CountPaths,
        raw.FPDFClipPath_CountPathSegments, raw.FPDFClipPath_GetPathSegment,
        raw.FPDFText_IsGenerated, raw.FPDFText_HasUnicodeMapError)

_P = ctypes.c_void_p
_INTS, _FLOATS, _DOUBLES, _HANDLES = (np.ctypeslib.ndpointer(t, flags="C_CONTIGUOUS")
                                      for t in (np.intc, np.float32, np.float64, np.uintp))


def library_path() -> Path | None:
    """The built library beside this module, if the install built it."""
    here = Path(__file__).parent
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = here / (LIBRARY + suffix)
        if path.exists():
            return path
    return None


class NativeReader:
    """The C loops, bound to pypdfium2's function addresses."""

    name = "native"

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._api = (ctypes.c_void_p * len(_API))(*(ctypes.cast(f, ctypes.c_void_p).value for f in _API))
        signatures = {
            "read_chars": (None, [_P, _P, ctypes.c_int, _FLOATS, _INTS, _DOUBLES, _P]),
            "read_char_objects": (None, [_P, _P, _INTS, ctypes.c_int, _HANDLES]),
            "read_char_flags": (None, [_P, _P, ctypes.c_int, _INTS, ctypes.c_int, _INTS]),
            "read_objects": (ctypes.c_int, [_P, _P, ctypes.c_int, _HANDLES, _DOUBLES, _HANDLES,
                                            ctypes.POINTER(ctypes.c_int)]),
            "read_clips": (None, [_P, _HANDLES, ctypes.c_int, _DOUBLES, _INTS]),
            "count_segments": (ctypes.c_int, [_P, _HANDLES, ctypes.c_int, _INTS]),
            "read_segments": (None, [_P, _HANDLES, _INTS, ctypes.c_int, _FLOATS, _INTS, _INTS]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes

    def char_boxes(self, textpage: int, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every char's loose box (left, top, right, bottom; float32), whether it has one, its size."""
        boxes = np.zeros((count, 4), dtype=np.float32)
        has_box = np.zeros(count, dtype=np.intc)
        sizes = np.zeros(count, dtype=np.float64)
        self._lib.read_chars(self._api, textpage, count, boxes, has_box, sizes, None)
        return boxes, has_box.astype(bool), sizes

    def char_objects(self, textpage: int, chars: np.ndarray) -> np.ndarray:
        at = np.asarray(chars, dtype=np.intc)
        objects = np.zeros(len(at), dtype=np.uintp)
        self._lib.read_char_objects(self._api, textpage, at, len(at), objects)
        return objects.astype(np.uint64)

    def generated(self, textpage: int, chars: np.ndarray) -> np.ndarray:
        """Whether pdfium generated each of ``chars`` (a space or line break it inferred)."""
        return self._flags(textpage, 0, chars)

    def unmapped(self, textpage: int, chars: np.ndarray) -> np.ndarray:
        """Whether the font maps each of ``chars`` to no Unicode."""
        return self._flags(textpage, 1, chars)

    def _flags(self, textpage: int, flag: int, chars: np.ndarray) -> np.ndarray:
        at = np.ascontiguousarray(chars, dtype=np.intc)
        out = np.zeros(len(at), dtype=np.intc)
        if len(at):
            self._lib.read_char_flags(self._api, textpage, flag, at, len(at), out)
        return out.astype(bool)

    def objects(self, page: int) -> tuple[list[int], np.ndarray, list[int]]:
        """The page's path objects, their full matrices (n×6), and its text objects."""
        capacity = 2048
        while True:
            paths = np.zeros(capacity, dtype=np.uintp)
            matrices = np.zeros((capacity, 6), dtype=np.float64)
            texts = np.zeros(capacity, dtype=np.uintp)
            n_texts = ctypes.c_int(0)
            n_paths = self._lib.read_objects(self._api, page, capacity, paths, matrices, texts,
                                             ctypes.byref(n_texts))
            if n_paths >= 0:
                return paths[:n_paths].tolist(), matrices[:n_paths], texts[:n_texts.value].tolist()
            capacity *= 8  # a page of many objects: ask again with room for them

    def clip_rects(self, texts: list[int]) -> dict[int, tuple[float, float, float, float]]:
        """The clip box of each text object that has one (user space)."""
        if not texts:
            return {}
        handles = np.asarray(texts, dtype=np.uintp)
        rects = np.zeros((len(handles), 4), dtype=np.float64)
        status = np.zeros(len(handles), dtype=np.intc)
        self._lib.read_clips(self._api, handles, len(handles), rects, status)
        boxed = np.flatnonzero(status == 1)
        return {texts[i]: tuple(rects[i].tolist()) for i in boxed.tolist()}

    def segments(self, paths: list[int]) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
        """Each path's segment count; every segment's point (float32 x, y), type, closing flag."""
        handles = np.asarray(paths, dtype=np.uintp)
        counts = np.zeros(len(handles), dtype=np.intc)
        total = self._lib.count_segments(self._api, handles, len(handles), counts)
        points = np.zeros((total, 2), dtype=np.float32)
        kinds = np.zeros(total, dtype=np.intc)
        closes = np.zeros(total, dtype=np.intc)
        self._lib.read_segments(self._api, handles, counts, len(handles), points, kinds, closes)
        return counts.tolist(), points, kinds, closes


@cache
def _library() -> ctypes.CDLL | None:
    """The built library, or None where it was not built (no compiler at install), cannot load
    or comes from another version of the C file."""
    path = library_path()
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(str(path))
        if lib.reader_api_size() != len(_API):
            return None
        lib.line_starts.restype = ctypes.c_int
        lib.line_starts.argtypes = [_DOUBLES, _DOUBLES, _P, ctypes.c_int, _INTS]
        return lib
    except (OSError, AttributeError):
        return None


@cache
def load() -> NativeReader | None:
    """The native reader, or None where the library is not installed or does not fit."""
    lib = _library()
    return NativeReader(lib) if lib is not None else None


def line_starts(top: np.ndarray, bottom: np.ndarray, group: np.ndarray | None) -> list[int] | None:
    """lattice._line_starts in C (float64 top and bottom, int64 groups or None), or None where
    the library is not installed."""
    lib = _library()
    if lib is None:
        return None
    n = len(top)
    starts = np.empty(n, dtype=np.intc)
    groups = None if group is None else np.ascontiguousarray(group, dtype=np.int64)
    m = lib.line_starts(np.ascontiguousarray(top, dtype=np.float64), np.ascontiguousarray(bottom, dtype=np.float64),
                        None if groups is None else groups.ctypes.data, n, starts)
    return starts[:m].tolist()
