"""What a batch reads: PDF files, directories, zip and tar archives, lists of paths.

Archive members are read into memory with bounded reads, never unpacked to disk by their own
names, so a member called ``../../etc/passwd`` or ``/tmp/x.pdf`` cannot write anywhere. Zip
member names are decoded as UTF-8 when the archive says so, otherwise as GBK (Windows-made
archives: ``2023年度部门决算.pdf`` rather than mojibake), falling back to the raw name.
"""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
# A PDF inside an archive larger than this is refused (a decompression bomb or not a report).
DEFAULT_MAX_MEMBER_BYTES = 512 * 1024 * 1024
# PDFs are mostly compressed streams already: they rarely shrink more than ~10× in a zip.
DEFAULT_MAX_RATIO = 200
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Limits:
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    max_ratio: int = DEFAULT_MAX_RATIO


@dataclass(frozen=True)
class InputItem:
    """One PDF to extract: a file, a zip member (read again by name when needed) or a tar member
    (its bytes: a compressed tar stream cannot be re-opened at a member cheaply)."""

    source: str  # the file, or archive!/member as its author named it
    path: Path | None = None
    archive: Path | None = None
    member: str | None = None  # the zip library's name for the member
    content: bytes | None = None
    max_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    error_class: str | None = None  # the input could not be read
    error_message: str | None = None

    @property
    def name(self) -> str:
        return self.source.rsplit("!/", 1)[-1].rsplit("/", 1)[-1]

    def read(self) -> bytes:
        """The PDF's bytes (bounded for archive members)."""
        if self.content is not None:
            return self.content
        if self.archive is not None and self.member is not None:
            with zipfile.ZipFile(self.archive) as zf, zf.open(self.member) as f:
                data = f.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                raise ValueError("member larger than its header says")
            return data
        assert self.path is not None
        return self.path.read_bytes()

    def doc_id(self) -> str:
        """SHA-256 of the content; for an unreadable input, of its source (so it has a row)."""
        h = hashlib.sha256()
        if self.error_class is not None:
            h.update(b"unreadable:" + self.source.encode("utf-8", "surrogateescape"))
        elif self.path is not None:
            with open(self.path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        else:
            h.update(self.read())
        return h.hexdigest()


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it (GBK unless flagged UTF-8)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")  # zipfile decoded unflagged names as cp437
    for encoding in ("gbk", "utf-8"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unreadable(source: str, error_class: str, message: str) -> InputItem:
    return InputItem(source, error_class=error_class, error_message=message)


def _zip_members(archive: Path, limits: Limits) -> Iterator[InputItem]:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            name = zip_member_name(info)
            if info.is_dir() or not name.lower().endswith(".pdf"):
                continue
            source = f"{archive}!/{name}"
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.max_member_bytes or ratio > limits.max_ratio:
                yield _unreadable(source, "archive_bomb",
                                  f"refused: {info.file_size} bytes unpacked from {info.compress_size} "
                                  f"(limits {limits.max_member_bytes} bytes, ratio {limits.max_ratio})")
                continue
            yield InputItem(source, archive=archive, member=info.filename, max_bytes=limits.max_member_bytes)


def _tar_members(archive: Path, limits: Limits) -> Iterator[InputItem]:
    with tarfile.open(archive, mode="r:*") as tf:
        for member in tf:
            if not member.name.lower().endswith(".pdf"):
                continue
            source = f"{archive}!/{member.name}"
            if member.issym() or member.islnk():
                yield _unreadable(source, "unreadable_member", "a link inside the archive is not followed")
                continue
            if not member.isfile():
                continue
            if member.size > limits.max_member_bytes:
                yield _unreadable(source, "archive_bomb",
                                  f"refused: {member.size} bytes (limit {limits.max_member_bytes})")
                continue
            f = tf.extractfile(member)
            content = f.read(limits.max_member_bytes + 1) if f is not None else b""
            if len(content) > limits.max_member_bytes:
                yield _unreadable(source, "archive_bomb", "refused: member larger than its header says")
                continue
            yield InputItem(source, content=content)


def archive_members(archive: Path, limits: Limits) -> Iterator[InputItem]:
    """The PDFs inside a zip or tar archive; an unreadable archive is one failed item."""
    try:
        if archive.name.lower().endswith(".zip"):
            yield from _zip_members(archive, limits)
        else:
            yield from _tar_members(archive, limits)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        yield _unreadable(str(archive), "unreadable_archive", f"the archive cannot be read: {exc}")


def collect_inputs(paths: list[str], from_list: str | None = None,
                   limits: Limits = Limits()) -> Iterator[InputItem]:
    """Every PDF named, found below a directory, or inside an archive, in a stable order."""
    names = list(paths)
    if from_list:
        text = Path(from_list).read_text(encoding="utf-8")
        names += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for raw in names:
        p = Path(raw)
        if p.is_dir():
            for q in sorted(q for q in p.rglob("*") if q.is_file()):
                if is_archive(q):
                    yield from archive_members(q, limits)
                elif q.suffix.lower() == ".pdf":
                    yield InputItem(str(q), path=q)
        elif is_archive(p) and p.exists():
            yield from archive_members(p, limits)
        elif p.exists():
            yield InputItem(str(p), path=p)
        else:
            yield _unreadable(str(p), "missing", "no such file")
