"""Sign-in throttling: failed attempts are counted per username and per client, in memory."""

from __future__ import annotations

import hashlib

from web.ratelimit import RateLimiter

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


class LoginThrottle:
    """At most MAX_FAILURES failed sign-ins per WINDOW_SECONDS, per username and per client."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.by_user = RateLimiter(max_failures, window)
        self.by_client = RateLimiter(max_failures, window)

    @staticmethod
    def _user_key(username: str) -> str:
        # Hashed so that even a memory dump holds no typed-in usernames in the clear.
        return hashlib.sha256(username.strip().lower().encode()).hexdigest()

    def retry_after(self, username: str, client: str) -> float | None:
        """Seconds to wait before another attempt, or None when one is allowed."""
        waits = [
            w
            for w in (
                self.by_user.retry_after(self._user_key(username)),
                self.by_client.retry_after(client),
            )
            if w is not None
        ]
        return max(waits) if waits else None

    def failed(self, username: str, client: str) -> None:
        """Count a failed attempt."""
        self.by_user.record(self._user_key(username))
        self.by_client.record(client)

    def succeeded(self, username: str) -> None:
        """A correct password clears the username's count (the client's stays)."""
        self.by_user.reset(self._user_key(username))
