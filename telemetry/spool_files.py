"""The spool's files as the operating system sees them: locks, durable names, and the spool of a
process that is gone (`telemetry.spool` writes them; `telemetry.replay` reads orphans back)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

LOCK = "lock"
"""The file the process owning a spool holds (`flock`) while it lives."""


def try_lock(path: Path, *, create: bool = False) -> int | None:
    """An fd holding an exclusive lock on `path`, or None if another process holds it."""
    fd = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def sync_folder(folder: Path) -> None:
    """Make a new file's name durable, not only its contents."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_if_empty(folder: Path) -> None:
    """Leave no empty folder of a store behind (tests and one-off commands make many)."""
    with contextlib.suppress(OSError):
        folder.rmdir()


class Orphan:
    """The spool of a process that is gone, locked by this one until `remove` or `close`."""

    def __init__(self, folder: Path, lock_fd: int) -> None:
        self.folder = folder
        self._lock_fd = lock_fd

    def lines(self) -> list[bytes]:
        """Its complete lines, oldest first (a line cut short by the crash is left out)."""
        out: list[bytes] = []
        for segment in sorted(self.folder.glob("*.jsonl")):
            out.extend(segment.read_bytes().split(b"\n")[:-1])
        return out

    def remove(self) -> None:
        """Delete it (its events are in the store)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.close()

    def close(self) -> None:
        """Leave it for the next start."""
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)
