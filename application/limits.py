"""Request budgets (rate limits, the sign-in throttle) on the `limits` library: in this process
by default, in Redis when `SUUNTA_REDIS_URL` is set so that every process shares them."""

from __future__ import annotations

import hashlib
import time

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

__all__ = ["Budgets"]

EXPIRY_INTERVAL = 1.0
"""Seconds between sweeps of expired events from the in-process budgets."""


class _InlineExpiry(MemoryStorage):
    """`MemoryStorage` that drops expired events on the caller's thread, at most once every
    EXPIRY_INTERVAL seconds, instead of starting a timer thread: the library starts a new one
    whenever the last has finished (10 ms after it started), which on a server meant a thread
    started on the event loop for nearly every chat request (0.4 ms of CPU, 0.7 ms of the
    loop's time). The moving window reads event times, so how soon they are swept only
    decides how long they take memory."""

    def __init__(self) -> None:
        super().__init__()
        self.timer.cancel()
        self._next_sweep = 0.0

    # Replaces the library's private `__schedule_expiry` (limits 5.x), called on every hit.
    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + EXPIRY_INTERVAL
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]


def _key(key: str) -> str:
    # Client addresses and usernames are hashed so that neither memory nor Redis holds them.
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class Budgets:
    """At most `limit` events per `seconds` for each (name, key), in a moving window."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._limiter = MovingWindowRateLimiter(storage)

    @classmethod
    def from_url(cls, redis_url: str | None) -> Budgets:
        """Shared through Redis at `redis_url`, or kept in this process without one."""
        if not redis_url:
            return cls(_InlineExpiry())
        storage = storage_from_string(redis_url, key_prefix="suunta-limits")
        assert isinstance(storage, Storage)  # a synchronous one: the URL is redis://, not async+
        return cls(storage)

    def _wait(self, item: RateLimitItemPerSecond, name: str, key: str) -> float:
        stats = self._limiter.get_window_stats(item, name, _key(key))
        return max(0.0, stats.reset_time - time.time())

    def hit(self, name: str, key: str, *, limit: int, seconds: int) -> float | None:
        """Count one event unless over budget; the wait in seconds when refused."""
        item = RateLimitItemPerSecond(limit, seconds)
        if self._limiter.hit(item, name, _key(key)):
            return None
        return self._wait(item, name, key)

    def wait(self, name: str, key: str, *, limit: int, seconds: int) -> float | None:
        """Seconds until `key` may act again, or None when it is within its budget now."""
        item = RateLimitItemPerSecond(limit, seconds)
        if self._limiter.test(item, name, _key(key)):
            return None
        return self._wait(item, name, key)

    def clear(self, name: str, key: str, *, limit: int, seconds: int) -> None:
        """Forget `key`'s events (e.g. after a successful sign-in)."""
        self._limiter.clear(RateLimitItemPerSecond(limit, seconds), name, _key(key))
