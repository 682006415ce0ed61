"""A process's memory as Linux's /proc tells it (nothing where there is no /proc)."""

from __future__ import annotations

import os

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _statm(pid: int | str) -> list[int]:
    """Linux /proc/PID/statm in pages (size, resident, …); empty where there is no /proc."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return [int(v) for v in f.read().split()]
    except (OSError, ValueError):
        return []


def mapped_bytes(pid: int | str) -> int:
    fields = _statm(pid)
    return fields[0] * _PAGE_BYTES if fields else 0


def resident_bytes(pid: int | str | None) -> int:
    fields = _statm(pid) if pid else []
    return fields[1] * _PAGE_BYTES if len(fields) > 1 else 0
