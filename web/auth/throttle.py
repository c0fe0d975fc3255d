"""Sign-in throttling: failed attempts counted per username and per client, in shared budgets."""

from __future__ import annotations

from web.deps import LimitsPort

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


class LoginThrottle:
    """At most MAX_FAILURES failed sign-ins per WINDOW_SECONDS, per username and per client."""

    def __init__(
        self, budgets: LimitsPort, max_failures: int = MAX_FAILURES, window: int = WINDOW_SECONDS
    ) -> None:
        self.budgets = budgets
        self.limit = max_failures
        self.window = window

    @staticmethod
    def _user(username: str) -> str:
        return username.strip().lower()

    def retry_after(self, username: str, client: str) -> float | None:
        """Seconds to wait before another attempt, or None when one is allowed."""
        size = {"limit": self.limit, "seconds": self.window}
        waits = [
            w
            for w in (
                self.budgets.wait("login-user", self._user(username), **size),
                self.budgets.wait("login-client", client, **size),
            )
            if w is not None
        ]
        return max(waits) if waits else None

    def failed(self, username: str, client: str) -> None:
        """Count a failed attempt."""
        self.budgets.hit("login-user", self._user(username), limit=self.limit, seconds=self.window)
        self.budgets.hit("login-client", client, limit=self.limit, seconds=self.window)

    def succeeded(self, username: str) -> None:
        """A correct password clears the username's count (the client's stays)."""
        self.budgets.clear(
            "login-user", self._user(username), limit=self.limit, seconds=self.window
        )
