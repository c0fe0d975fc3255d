"""CSRF protection for the staff forms and the staff API's writes: a token bound to the session.

A random secret sits in an HttpOnly, SameSite=Strict cookie. Before sign-in (the sign-in form)
the form token is that secret (double submit). Once signed in, the form token is an HMAC of the
secret keyed by the sign-in session's token, so a token is good for one session only: a secret
planted by another site (a sibling subdomain can set cookies) or a token read from an earlier
session is refused, because the attacker cannot know the HttpOnly session token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

COOKIE = "suunta_csrf"
FIELD = "csrf_token"
SESSION_COOKIE = "suunta_session"
"""The sign-in cookie (`web.auth.deps.COOKIE`; repeated here, as deps imports the services)."""


def is_https(request: Request) -> bool:
    """Whether the browser reached us over HTTPS (uvicorn applies trusted proxy headers)."""
    return request.url.scheme == "https"


def _secret(request: Request) -> str | None:
    existing = request.cookies.get(COOKIE)
    return existing if existing and 20 <= len(existing) <= 128 else None


def _bound(secret: str, request: Request) -> str:
    """The form token for `secret` in this request's sign-in session (the secret without one)."""
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        return secret
    return hmac.new(session.encode(), secret.encode(), hashlib.sha256).hexdigest()


def token_for(request: Request) -> str:
    """The form token for this request (set the cookie on the response with `set_token`)."""
    secret = _secret(request) or secrets.token_urlsafe(32)
    request.state.csrf_secret = secret
    return _bound(secret, request)


def set_token(request: Request, response: Response, token: str) -> None:
    """Store the CSRF secret behind `token` (from `token_for`) in its cookie."""
    response.set_cookie(
        COOKIE,
        getattr(request.state, "csrf_secret", token),
        httponly=True,
        samesite="strict",
        secure=is_https(request),
        path="/",
    )


def valid(request: Request, submitted: str | None) -> bool:
    """Whether the submitted token belongs to the cookie's secret and this sign-in session."""
    secret = _secret(request)
    if not secret or not submitted:
        return False
    return hmac.compare_digest(_bound(secret, request).encode(), submitted.encode())
