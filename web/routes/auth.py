"""Staff sign-in and sign-out (learners need no account)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accounts.sign_in import SESSION_LIFETIME
from accounts.users import User
from web.auth import csrf
from web.auth.deps import COOKIE, CurrentUserDep
from web.auth.throttle import LoginThrottle
from web.deps import AccountsDep
from web.rendering import render

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None, user: User | None = None) -> str:
    """A same-site path to go to after sign-in (never another site)."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    if user is not None and user.role in ("owner", "admin"):
        return "/dashboard"
    return "/counsellor"


def _form(request: Request, *, next_path: str, status: int = 200, **extra: Any) -> Response:
    return render(
        request,
        "login.html",
        title_key="login_title",
        script="page.js",
        next_path=next_path,
        status_code=status,
        **extra,
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: CurrentUserDep, next: str | None = None) -> Response:
    """The sign-in form (or straight on, when already signed in)."""
    if user is not None:
        return RedirectResponse(safe_next(next, user), status_code=303)
    return _form(request, next_path=next or "")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    accounts: AccountsDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
    csrf_token: Annotated[str, Form(max_length=128)] = "",
    next: Annotated[str, Form(max_length=512)] = "",
) -> Response:
    """Check the password, start a session and go on; throttled per username and client."""
    if not csrf.valid(request, csrf_token):
        return _form(request, next_path=next, status=403, error_key="login_expired")
    throttle: LoginThrottle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    wait = throttle.attempt(username, client)
    if wait is not None:
        minutes = max(1, math.ceil(wait / 60))
        response = _form(
            request,
            next_path=next,
            status=429,
            username=username,
            error_key="login_throttled",
            error_args={"minutes": minutes},
        )
        response.headers["retry-after"] = str(max(1, math.ceil(wait)))
        return response
    user = accounts.authenticate(username, password)
    if user is None:
        throttle.failed(client)
        return _form(
            request, next_path=next, status=401, username=username, error_key="login_failed"
        )
    throttle.succeeded(username)
    token = accounts.start_session(user)
    response = RedirectResponse(safe_next(next, user), status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=csrf.is_https(request),
        path="/",
    )
    return response


@router.post("/logout")
def logout(
    request: Request,
    accounts: AccountsDep,
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    """End the session and go back to the sign-in form."""
    if not csrf.valid(request, csrf_token):
        return _form(request, next_path="", status=403, error_key="login_expired")
    accounts.end_session(request.cookies.get(COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response
