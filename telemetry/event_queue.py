"""The writer's bounded queue: events waiting for its threads, and those taken but not yet done.

A deque, not a queue.Queue: append and popleft need no lock of their own, which halved the cost
of an event on its way in and out. Its bound is checked by the writer's `submit`. Each event goes
with its spool position (0 without a spool), so a batch knows which spool lines it covers.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from telemetry.events import Event


class EventQueue:
    """Events in order, `in_flight` counting those taken and not yet `done`."""

    def __init__(self, max_size: int) -> None:
        self.items: deque[tuple[Event, int]] = deque()
        self.max_size = max_size
        self.wake = threading.Event()
        """Set to have the taking thread look now (a full batch, a flush, a stop)."""
        self._lock = threading.Lock()
        self.in_flight = 0
        """Events taken and not yet done (guarded by `_lock`)."""

    @property
    def depth(self) -> int:
        """Events waiting or being written."""
        return len(self.items) + self.in_flight

    def room(self, wait: float) -> bool:
        """Whether the queue has room, waiting up to `wait` seconds for the threads to free
        some."""
        deadline = time.monotonic() + wait
        while len(self.items) >= self.max_size and time.monotonic() < deadline:
            self.wake.set()
            time.sleep(0.005)
        return len(self.items) < self.max_size

    def take(self, size: int, linger: float, stop: threading.Event) -> tuple[list[Event], int]:
        """Up to `size` events, waiting at most `linger` seconds for that many (less once
        `stop` is set); and the spool position of the last."""
        deadline = time.monotonic() + linger
        while len(self.items) < size and not stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.wake.wait(remaining)
            self.wake.clear()
        take = min(len(self.items), size)
        with self._lock:
            self.in_flight += take
        items = [self.items.popleft() for _ in range(take)]
        return [event for event, _ in items], (items[-1][1] if items else 0)

    def done(self, count: int) -> None:
        """`count` events taken are written (or given up)."""
        with self._lock:
            self.in_flight -= count

    def drained(self, timeout: float) -> bool:
        """Wait until nothing is waiting or in flight; False if `timeout` ran out."""
        deadline = time.monotonic() + timeout
        self.wake.set()
        while self.items or self.in_flight:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True
