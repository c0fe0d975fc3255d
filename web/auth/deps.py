"""FastAPI dependencies for signed-in staff: who is signed in, and which roles may pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from accounts.models import REPORT_ROLES as REPORT_ROLES
from accounts.models import STAFF_ROLES as STAFF_ROLES
from accounts.users import User
from web.deps import AccountsDep

COOKIE = "suunta_session"
"""The sign-in cookie: a random token of which the store keeps only a hash."""


def current_user(request: Request, accounts: AccountsDep) -> User | None:
    """The signed-in user, or None."""
    return accounts.user_for_token(request.cookies.get(COOKIE))


CurrentUserDep = Annotated[User | None, Depends(current_user)]


def require_roles(*roles: str) -> Callable[[User | None], User]:
    """A dependency that lets only users with one of `roles` through (401 / 403 otherwise)."""

    def check(user: CurrentUserDep) -> User:
        if user is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="sign in first")
        if user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail="your role may not do this")
        return user

    return check


def counsellor_mode_guard(request: Request, accounts: AccountsDep) -> Callable[[str], User | None]:
    """A check for chat requests: `mode=counsellor` is the co-pilot's and counts in the
    counsellor figures, so it needs a signed-in member of staff (403 otherwise); the check
    gives that member back (None for learner mode), whose own figures the turn counts in.
    The sign-in is looked up only for such requests."""

    def check(mode: str) -> User | None:
        if mode != "counsellor":
            return None
        user = accounts.user_for_token(request.cookies.get(COOKIE))
        if user is None or user.role not in STAFF_ROLES:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, detail="counsellor mode is for signed-in counsellors"
            )
        return user

    return check


ModeGuardDep = Annotated[Callable[[str], User | None], Depends(counsellor_mode_guard)]


AUTH_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"description": "Not signed in"},
    403: {"description": "Signed in with a role that may not do this"},
}
"""Documented in OpenAPI for every route behind a role check."""
