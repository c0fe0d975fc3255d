"""A build's progress as one line: chunks done of all, the rate, and the time left."""

from __future__ import annotations

import time
from typing import TextIO

# Without a terminal (a service's log) a line at most this often, instead of redrawing one.
_LOG_EVERY_SECONDS = 10.0


class ProgressLine:
    """A `build_index` progress callback that writes to `stream` (a terminal or a log)."""

    def __init__(self, stream: TextIO, *, label: str = "embedding", unit: str = "chunks") -> None:
        self._stream = stream
        self._label = label
        self._unit = unit
        self._tty = bool(getattr(stream, "isatty", lambda: False)())
        self._started: float | None = None
        self._last_line = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self._started is None:
            self._started = now
        if total == 0:
            return
        line = self.describe(done, total, now - self._started)
        finished = done >= total
        if self._tty:
            self._stream.write("\r" + line + ("\n" if finished else ""))
        elif finished or done == 0 or now - self._last_line >= _LOG_EVERY_SECONDS:
            self._stream.write(line + "\n")
            self._last_line = now
        self._stream.flush()

    def describe(self, done: int, total: int, seconds: float) -> str:
        """`embedding 1,024/3,723 chunks (28%), 41.0 chunks/s, 66 s left`."""
        text = f"{self._label} {done:,}/{total:,} {self._unit} ({done / total:.0%})"
        if done and seconds > 0:
            rate = done / seconds
            text += f", {rate:.1f} {self._unit}/s"
            text += ", done" if done >= total else f", {(total - done) / rate:.0f} s left"
        return text
