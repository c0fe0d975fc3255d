"""An in-memory sliding-window rate limiter; keys (client addresses, usernames) never leave it."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

MAX_KEYS = 100_000
"""Beyond this many tracked keys the stalest are dropped, so memory stays bounded."""


class RateLimiter:
    """At most `limit` events per `window` seconds for each key."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= MAX_KEYS:
                self._prune(now)
            events = self._events[key] = deque()
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def _prune(self, now: float) -> None:
        stale = [k for k, v in self._events.items() if not v or v[-1] <= now - self.window]
        for key in stale:
            del self._events[key]
        # Still full of live keys (a flood of addresses): forget the oldest half.
        if len(self._events) >= MAX_KEYS:
            by_age = sorted(self._events, key=lambda k: self._events[k][-1])
            for key in by_age[: len(by_age) // 2]:
                del self._events[key]

    def retry_after(self, key: str) -> float | None:
        """Seconds until `key` may act again, or None when it is within its budget now."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            if len(events) < self.limit:
                return None
            return max(0.0, events[0] + self.window - now)

    def record(self, key: str) -> None:
        """Count one event for `key`."""
        with self._lock:
            now = self.clock()
            self._recent(key, now).append(now)

    def hit(self, key: str) -> float | None:
        """Count one event unless over budget; returns the wait in seconds when refused."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            if len(events) >= self.limit:
                return max(0.0, events[0] + self.window - now)
            events.append(now)
            return None

    def reset(self, key: str) -> None:
        """Forget `key` (e.g. after a successful sign-in)."""
        with self._lock:
            self._events.pop(key, None)
