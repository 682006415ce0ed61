"""Damage a PDF library repairs in silence, found in the file's own bytes.

pdfium opens most damaged files: it rebuilds a broken cross-reference table (the backend asks it
whether it had to), stops a compressed stream where its data stops making sense, and lists the
pages it can still find. The text then differs from the printed document and nothing says so.
This scan looks at the bytes directly:

* every Flate-compressed stream must inflate completely (a flipped byte fails the checksum or
  the decoder; a cut one never reaches its end);
* the largest ``/Count`` of the page tree (also inside compressed object streams) is the number
  of pages the file declares; fewer readable pages means pages were lost;
* each in-use entry of a classic cross-reference table must point at its object (``N G obj``);
  a wrong offset makes the library load another object, or none, without a word.

Findings are plain sentences for the document's warnings; the scan never raises.
"""

from __future__ import annotations

import binascii
import mmap
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_STREAM = re.compile(rb"stream\r?\n")  # not after "end": checked by hand (a look-behind slows the search)
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_DICT_TAIL = 600  # bytes before ``stream`` searched for the stream's dictionary
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_FILTER_NAME = re.compile(rb"/(\w+)")
# Filters undone here, in the order a /Filter array lists them; a stream with any other filter
# (images: DCT, JPX, CCITT, JBIG2) is not looked at.
_ASCII85 = (b"ASCII85Decode", b"A85")
_ASCIIHEX = (b"ASCIIHexDecode", b"AHx")
_FLATE = (b"FlateDecode", b"Fl")
_A85_WEIGHTS = np.array([85 ** 4, 85 ** 3, 85 ** 2, 85, 1], dtype=np.uint64)
_XREF_SECTION_LINE = re.compile(rb"(\d+) (\d+)")
_XREF_ENTRY_LINE = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")
_OFFSET_SLACK = 2
_XREF_START = re.compile(rb"xref[ \t]*\r?\n")  # not after a word character: checked by hand
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm")
_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]{0,400}?/Count\s+(\d{1,9})|/Count\s+(\d{1,9})[^>]{0,400}?/Type\s*/Pages\b")
_COUNT_REACH = 440  # _COUNT's longest reach either side of /Count
_WORD_BYTE = re.compile(rb"\w")
_ENCRYPTED = re.compile(rb"/Encrypt\b")
MAX_REPORTED = 3


@dataclass(frozen=True)
class Integrity:
    corrupt_streams: int  # Flate streams that do not inflate completely
    streams: int  # Flate streams looked at
    declared_pages: int | None  # the page tree's /Count, where it can be read
    first_error: str | None = None
    bad_xref_entries: int = 0  # cross-reference entries that do not point at their object

    def findings(self, readable_pages: int) -> list[str]:
        """What a reader should be told, as warnings."""
        out = []
        if self.corrupt_streams:
            out.append(f"{self.corrupt_streams} of {self.streams} compressed streams are damaged "
                       f"({self.first_error}): text or pages drawn from them may be lost")
        if self.bad_xref_entries:
            out.append(f"{self.bad_xref_entries} entries of the cross-reference table do not point at "
                       f"their objects: the file's bytes are damaged")
        if self.declared_pages is not None and self.declared_pages != readable_pages:
            out.append(f"the page tree declares {self.declared_pages} pages but {readable_pages} could be read")
        return out


def _stream_dict(data: bytes | mmap.mmap, start: int) -> bytes:
    head = bytes(data[max(0, start - _DICT_TAIL):start])
    opened = list(_OBJ.finditer(head))
    return head[opened[-1].start():] if opened else head


def _filters(head: bytes) -> list[bytes] | None:
    """The stream's filters in order, or None when one is not undone here (or none is Flate).

    Images are not looked at: damage there changes no text, and they are most of the bytes.
    """
    if _IMAGE.search(head):
        return None
    m = _FILTER.search(head)
    names = _FILTER_NAME.findall(m.group(1)) if m else []
    if not any(n in _FLATE for n in names) or any(n not in _FLATE + _ASCII85 + _ASCIIHEX for n in names):
        return None
    return names


def _decode(data: bytes | mmap.mmap, start: int, filters: list[bytes]) -> tuple[bytes | None, str | None]:
    """The decoded stream at ``start``, or None and why it does not decode."""
    end = data.find(b"endstream", start)
    if end < 0:
        return None, "a stream without its end"
    out = bytes(data[start:end])
    for name in filters:
        try:
            if name in _ASCII85:
                out = _a85(re.sub(rb"\s", b"", out))
            elif name in _ASCIIHEX:
                text = re.sub(rb"\s", b"", out).split(b">")[0]
                out = binascii.unhexlify(text + b"0" * (len(text) % 2))
            else:
                decoder = zlib.decompressobj()
                out = decoder.decompress(out, 64 << 20)
                if not decoder.eof:
                    return None, "a stream cut short"
        except (ValueError, binascii.Error, zlib.error) as exc:
            return None, f"{name.decode()}: {exc}"
    return out, None


def _a85(text: bytes) -> bytes:
    """PDF's ASCII85 (ends with ~>, no <~), whitespace already removed; vectorized, since
    base64.a85decode walks the groups in Python."""
    body = text[2:] if text.startswith(b"<~") else text
    end = body.find(b"~>")
    if end < 0:
        raise ValueError("ASCII85 data without its end marker")
    body = body[:end].replace(b"z", b"!!!!!")
    digits = np.frombuffer(body, dtype=np.uint8)
    if ((digits < 33) | (digits > 117)).any():
        raise ValueError("a byte outside the ASCII85 alphabet")
    pad = -len(digits) % 5
    groups = np.concatenate([digits, np.full(pad, 117, np.uint8)]).astype(np.uint64) - 33
    values = groups.reshape(-1, 5) @ _A85_WEIGHTS
    if (values > 0xFFFFFFFF).any():
        raise ValueError("an ASCII85 group over 2^32")
    out = values.astype(">u4").tobytes()
    return out[:len(out) - pad]


def _bad_xref_entries(data: mmap.mmap) -> int:
    """Lines of classic cross-reference tables that are malformed, or whose in-use offset holds
    no ``N G obj`` of the entry's number."""
    bad = 0
    for m in _XREF_START.finditer(data):
        if m.start() and _WORD_BYTE.match(data[m.start() - 1:m.start()]):
            continue  # startxref
        end = data.find(b"trailer", m.end())
        if end < 0:
            bad += 1
            continue
        number, i = None, 0
        for line in bytes(data[m.end():end]).splitlines():
            line = line.strip()
            if not line:
                continue
            section = _XREF_SECTION_LINE.fullmatch(line)
            if section:
                number, i = int(section.group(1)), 0
                continue
            entry = _XREF_ENTRY_LINE.fullmatch(line)
            if entry is None or number is None:
                bad += 1
            elif entry.group(3) == b"n" and not _object_at(data, int(entry.group(1)), number + i,
                                                          int(entry.group(2))):
                bad += 1
            i += 1
    return bad


def _object_at(data: mmap.mmap, offset: int, number: int, generation: int) -> bool:
    """Does ``N G obj`` start at ``offset``? Within a byte or two: some producers count the
    line break before an object, and PDF readers forgive it; a damaged offset is further off."""
    for at in range(max(0, offset - _OFFSET_SLACK), offset + _OFFSET_SLACK + 1):
        found = _OBJ_AT.match(data[at:at + 32])
        if found and int(found.group(1)) == number and int(found.group(2)) == generation:
            return True
    return False


def _declared_counts(data: bytes | mmap.mmap) -> list[int]:
    """Every page-tree /Count. _COUNT is tried around each /Count only: run over the whole file
    it would start at every slash."""
    counts: list[int] = []
    at = data.find(b"/Count")
    while at >= 0:
        window = bytes(data[max(0, at - _COUNT_REACH):at + _COUNT_REACH])
        counts += [int(a or b) for a, b in _COUNT.findall(window)]
        at = data.find(b"/Count", at + 1)
    return counts


def check_integrity(path: str | Path) -> Integrity:
    """Scan one file's bytes (see the module docstring). Encrypted files are not scanned."""
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _scan(data)
    except (OSError, ValueError) as exc:  # empty file (mmap of 0 bytes), unreadable: told elsewhere
        return Integrity(0, 0, None, f"{type(exc).__name__}: {exc}")


def _scan(data: mmap.mmap) -> Integrity:
    if _ENCRYPTED.search(data):
        return Integrity(0, 0, None)  # streams are ciphertext: nothing to learn here
    counts = _declared_counts(data)
    corrupt = streams = 0
    first_error = None
    for m in _STREAM.finditer(data):
        if data[max(0, m.start() - 3):m.start()] == b"end":
            continue
        head = _stream_dict(data, m.start())
        filters = _filters(head)
        if filters is None:
            continue
        streams += 1
        inflated, error = _decode(data, m.end(), filters)
        if error:
            corrupt += 1
            first_error = first_error or error
        elif inflated is not None and _OBJECT_STREAM.search(head):
            counts += _declared_counts(inflated)
    return Integrity(corrupt, streams, max(counts) if counts else None, first_error, _bad_xref_entries(data))
