"""CSRF protection for the sign-in and sign-out forms: a double-submit token.

The token sits in an HttpOnly, SameSite=Strict cookie and in a hidden form field; a POST is
accepted only when both are present and equal. A cross-site page can neither read the cookie
nor make the browser send it.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response

COOKIE = "suunta_csrf"
FIELD = "csrf_token"


def is_https(request: Request) -> bool:
    """Whether the browser reached us over HTTPS (uvicorn applies trusted proxy headers)."""
    return request.url.scheme == "https"


def token_for(request: Request) -> str:
    """The request's CSRF token, or a new one (set it on the response with `set_token`)."""
    existing = request.cookies.get(COOKIE)
    if existing and 20 <= len(existing) <= 128:
        return existing
    return secrets.token_urlsafe(32)


def set_token(request: Request, response: Response, token: str) -> None:
    """Store the CSRF token in its cookie."""
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=is_https(request),
        path="/",
    )


def valid(request: Request, submitted: str | None) -> bool:
    """Whether the submitted form token matches the cookie."""
    expected = request.cookies.get(COOKIE)
    if not expected or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())
