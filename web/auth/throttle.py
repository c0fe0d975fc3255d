"""Sign-in throttling: attempts counted per username and failures per client, in shared budgets.

An attempt is counted before the password is checked, in one atomic step of the budget store
(a lock in this process, a Lua script in Redis): forty concurrent guesses for one username can
no longer all pass a check that runs before the slow argon2 verification and counts after it.
"""

from __future__ import annotations

from web.deps import LimitsPort

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
CLIENT_ATTEMPTS = 20
"""Attempts (right or wrong) one client may make per window: a whole office signing in behind
one address fits, a flood of concurrent guesses does not."""


class LoginThrottle:
    """At most MAX_FAILURES attempts per WINDOW_SECONDS for a username (a correct password
    clears them), MAX_FAILURES failures and CLIENT_ATTEMPTS attempts for a client."""

    def __init__(
        self,
        budgets: LimitsPort,
        max_failures: int = MAX_FAILURES,
        window: int = WINDOW_SECONDS,
        client_attempts: int = CLIENT_ATTEMPTS,
    ) -> None:
        self.budgets = budgets
        self.limit = max_failures
        self.window = window
        self.client_attempts = client_attempts

    @staticmethod
    def _user(username: str) -> str:
        return username.strip().lower()

    def attempt(self, username: str, client: str) -> float | None:
        """Count an attempt before the password is checked; the seconds to wait when it is
        refused, else None."""
        wait = self.budgets.wait("login-client", client, limit=self.limit, seconds=self.window)
        if wait is not None:
            return wait
        for name, key, limit in (
            ("login-user", self._user(username), self.limit),
            ("login-client-attempts", client, self.client_attempts),
        ):
            wait = self.budgets.hit(name, key, limit=limit, seconds=self.window)
            if wait is not None:
                return wait
        return None

    def failed(self, client: str) -> None:
        """Count a failed attempt against the client (the username's was counted before)."""
        self.budgets.hit("login-client", client, limit=self.limit, seconds=self.window)

    def succeeded(self, username: str) -> None:
        """A correct password clears the username's count (the client's stays)."""
        self.budgets.clear(
            "login-user", self._user(username), limit=self.limit, seconds=self.window
        )
