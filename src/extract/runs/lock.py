"""One run at a time per output directory: a second run refuses with a clear message."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_NAME = ".extract.lock"


class OutputLocked(RuntimeError):
    """Another run holds the output directory."""


class OutputLock:
    """An exclusive lock on the output directory for the duration of a run."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLocked(f"{self.path.parent} is in use by another extract run; "
                               "wait for it to finish or use another --out") from None
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
