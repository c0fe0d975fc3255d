"""The writer's write-ahead spool: an event the service accepted survives a `kill -9`.

`TelemetryWriter.submit` appends each event it accepts, as one line of JSON, to a file here
before it returns: once `write` has returned, the line is in the kernel's page cache and survives
the process (a `kill -9`, an out-of-memory kill, a crash of Python). Getting it onto the disk, so
that it survives a power cut or a kernel crash too, is a background thread's work (group commit):
it `fdatasync`s at once for a line after a quiet spell and at most once every `SYNC_SECONDS`, one
call for every line written since the last; a clean stop syncs the rest. The request never
waits for the disk. The line holds the event as the store will keep it: its texts already
redacted, or none when the store keeps no text (crisis and handoff messages,
`SUUNTA_STORE_TEXT=none`), and nothing the store does not keep. Once the writer has committed
the events up to a line, the lines go: a segment file whose lines are all committed is deleted,
and the file being written is emptied when everything in it is committed. A segment is closed
after `segment_bytes` or `SEGMENT_SECONDS`, so under steady load committed lines (a deleted
session's among them) leave the disk within seconds.

Layout: `<root>/<store key>/<instance>/00000001.jsonl ...`, and a `lock` file that the process
owning the instance holds (`flock`) while it lives. The store key is a digest of the database
URL, so a spool is only ever replayed into the store it was written for. On start the writer
takes the instances whose lock nobody holds (their process died, or stopped with events it
could not write), replays them into the store (idempotent: every row is keyed by the event's own
ids, see `telemetry.batch`) and deletes them.

Bounded: past `max_bytes` on disk an event is still accepted, but not spooled (a warning says
so, at most every 5 s), until the store catches up.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from telemetry.spool_files import LOCK, Orphan, remove_if_empty, sync_folder, try_lock

log = logging.getLogger(__name__)

SEGMENT_SECONDS = 5.0
"""A segment with lines in it is closed after this long, so its committed lines can go."""
MIN_SEGMENT_BYTES = 64 * 1024
SYNC_SECONDS = 0.05
"""The least time between two `fdatasync`s of a spool: a line reaches the disk at most this long
plus one `fdatasync` after it was written (the window a power cut can lose; a `kill -9` loses
nothing). An `fdatasync` a request, on the request thread, cost ~2 ms of a reply's CPU
(docs/performance.md)."""


def store_key(url: str) -> str:
    """A folder name for one store: a digest of its URL (never the URL, which may hold a
    password)."""
    return hashlib.blake2b(url.encode(), digest_size=8).hexdigest()


def spool_place(root: Path | None, engine: Engine, max_bytes: int) -> SpoolPlace | None:
    """Where the spools of `engine`'s store go under `root` (None: no spool)."""
    if root is None:
        return None
    return SpoolPlace(root / store_key(engine.url.render_as_string(hide_password=True)), max_bytes)


@dataclass(frozen=True)
class SpoolPlace:
    """Where the spools of one store live (`<root>/<store key>`), and their size bound."""

    folder: Path
    max_bytes: int

    def open(self) -> Spool:
        """A new spool of this process (OSError if the folder cannot be written)."""
        try:
            return Spool(self.folder / uuid.uuid4().hex, self.max_bytes)
        except FileNotFoundError:
            # The store's folder was removed (emptied by another process) as it was made.
            return Spool(self.folder / uuid.uuid4().hex, self.max_bytes)

    def orphans(self) -> Iterator[Orphan]:
        """The spools no live process holds, each locked while it is handed out."""
        if not self.folder.is_dir():
            return
        # A folder still being made has a name starting with "." (see `Spool`).
        found = (p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        for folder in sorted(found):
            try:
                fd = try_lock(folder / LOCK)
            except OSError:
                continue
            if fd is not None:
                yield Orphan(folder, fd)


class Spool:
    """One process's spool. `append` needs `lock` held (the writer queues the event under the
    same lock, so the spool's order is the queue's); the other methods take what they need.
    A thread of its own syncs what was appended (`SYNC_SECONDS`); `close` syncs the rest.
    Locks are taken in one order: `_sync_lock`, then `lock`."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        # Made under a hidden name and locked before it gets its own, so that no other process
        # ever sees it unlocked and takes it for the spool of a dead one.
        making = folder.with_name("." + folder.name)
        making.mkdir(mode=0o700, parents=True)
        lock_fd = try_lock(making / LOCK, create=True)
        if lock_fd is None:  # pragma: no cover - the folder name is random
            raise OSError(f"spool {folder} is locked")
        making.rename(folder)
        self.folder = folder
        self.max_bytes = max_bytes
        self.segment_bytes = max(MIN_SEGMENT_BYTES, max_bytes // 8)
        self.lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._lock_fd = lock_fd
        self._position = 0  # lines appended so far
        self._synced = 0  # lines known to be on disk
        self._retired: list[int] = []  # closed segments' descriptors, not yet synced
        self._folder_dirty = False  # a segment's name is not yet durable
        self._waiting = False  # a line is appended that the flusher has not been told of
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._shut = False
        self._released = 0  # lines whose events are committed
        self._closed: deque[tuple[Path, int, int]] = deque()  # (segment, last line, bytes)
        self._closed_bytes = 0
        self._number = 0
        self._fd = -1
        self._path = folder
        self._bytes = 0
        self._first_line_at = 0.0  # when the segment being written got its first line
        self.unspooled = 0
        """Events accepted without a line (the spool was full or could not be written)."""
        self._last_warning = 0.0
        self._open_segment()
        sync_folder(self.folder)
        self._folder_dirty = False
        self._flusher = threading.Thread(
            target=self._flush_loop, name="telemetry-spool-sync", daemon=True
        )
        self._flusher.start()

    @property
    def synced(self) -> int:
        """Lines known to be on disk (see `append`'s positions)."""
        return self._synced

    @property
    def size(self) -> int:
        """Bytes on disk now."""
        return self._closed_bytes + self._bytes

    def _open_segment(self) -> None:
        self._number += 1
        self._path = self.folder / f"{self._number:08d}.jsonl"
        self._fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._bytes = 0
        self._folder_dirty = True  # the flusher syncs the folder with the lines

    def _rotate(self) -> None:
        """Stop writing to the segment being written and start the next (call with `lock`
        held). The old descriptor stays open until the flusher has synced its lines."""
        # Marked closed first: if the next segment cannot be opened, nothing may be written
        # through a descriptor the flusher is about to close.
        fd, self._fd = self._fd, -1
        self._retired.append(fd)
        if self._released >= self._position:
            self._path.unlink()
        else:
            self._closed.append((self._path, self._position, self._bytes))
            self._closed_bytes += self._bytes
        self._open_segment()

    def append(self, line: bytes) -> int:
        """Write `line` (call with `lock` held); the position to `sync` and later `release`.
        When the line cannot be written the position does not move, and that is said."""
        if self._fd < 0:
            return self._not_spooled("closed", None)
        if self.size + len(line) > self.max_bytes:
            return self._not_spooled("full", None)
        try:
            now = time.monotonic()
            if self._bytes and (
                self._bytes + len(line) > self.segment_bytes
                or now - self._first_line_at > SEGMENT_SECONDS
            ):
                self._rotate()
            if not self._bytes:
                self._first_line_at = now
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            # Disk full or gone: cut a half-written line off, so the next one stays whole.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._bytes)
            return self._not_spooled("not writable", exc)
        self._bytes += len(line)
        self._position += 1
        if not self._waiting:  # set before the flusher reads the position it syncs up to
            self._waiting = True
            self._wake.set()
        return self._position

    def _not_spooled(self, why: str, exc: OSError | None) -> int:
        self.unspooled += 1
        now = time.monotonic()
        if now - self._last_warning > 5.0:
            self._last_warning = now
            log.warning(
                "telemetry spool %s (%d of %d bytes at %s%s): %d events accepted without a copy "
                "on disk so far; a hard kill now would lose them",
                why,
                self.size,
                self.max_bytes,
                self.folder,
                f", {type(exc).__name__}" if exc else "",
                self.unspooled,
            )
        return self._position

    def _flush_loop(self) -> None:
        """Sync when a line is waiting, at most once every `SYNC_SECONDS`, until `close`."""
        synced_at = 0.0
        while not self._closing.is_set():
            self._wake.wait()
            # A line after a quiet spell is synced at once; one soon after a sync waits for
            # the rest of the interval (no timer runs while nothing is written).
            rest = synced_at + SYNC_SECONDS - time.monotonic()
            if rest > 0:
                self._closing.wait(rest)
            self._wake.clear()
            self._waiting = False  # before `sync` reads the position: a later line wakes us
            self.sync(self._position)
            synced_at = time.monotonic()

    def sync(self, position: int) -> None:
        """Return once the lines up to `position` are on disk (one fsync serves many)."""
        if position <= self._synced:
            return
        with self._sync_lock:
            with self.lock:
                if position <= self._synced or (self._fd < 0 and not self._retired):
                    return
                # What was appended so far is in these descriptors; `append` may go on
                # meanwhile (a rotation retires the descriptor, it does not close it).
                written, fd, folder = self._position, self._fd, self._folder_dirty
                retired, self._retired = self._retired, []
                self._folder_dirty = False
            failed: OSError | None = None
            for old in retired:
                try:
                    os.fdatasync(old)
                except OSError as exc:
                    failed = exc
                finally:
                    os.close(old)
            try:
                if folder:
                    sync_folder(self.folder)
                if fd >= 0:  # else a rotation could not open the next segment
                    os.fdatasync(fd)
            except OSError as exc:
                failed = exc
            if failed is not None:
                log.error("telemetry spool: fsync failed (%s)", type(failed).__name__)
                return
            self._synced = written

    def release(self, position: int) -> None:
        """The events up to `position` are committed: their lines may go."""
        with self.lock:
            if self._fd < 0:
                return  # closed: what is left belongs to the next start
            self._released = max(self._released, position)
            while self._closed and self._closed[0][1] <= self._released:
                path, _, size = self._closed.popleft()
                with contextlib.suppress(OSError):
                    path.unlink()
                self._closed_bytes -= size
            if self._bytes and self._released >= self._position and self._fd >= 0:
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, 0)
                    self._bytes = 0

    def close(self, *, remove: bool) -> None:
        """Stop spooling; `remove` the spool (everything is committed), else leave it, unlocked,
        for the next start to replay."""
        self._closing.set()
        self._wake.set()
        with self._sync_lock, self.lock:
            if self._shut:
                return
            self._shut = True
            synced = True
            for fd in [*self._retired, *([self._fd] if self._fd >= 0 else [])]:
                try:
                    os.fdatasync(fd)
                except OSError:
                    synced = False
                os.close(fd)
            if synced:
                self._synced = self._position
            self._retired = []
            self._fd = -1
            if remove:
                shutil.rmtree(self.folder, ignore_errors=True)
                remove_if_empty(self.folder.parent)
            else:
                with contextlib.suppress(OSError):
                    sync_folder(self.folder)
            os.close(self._lock_fd)
        self._flusher.join(5.0)
