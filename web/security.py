"""Hardening middleware: security headers, request size limits and per-client rate limits
(the budgets are shared by every process when Redis is configured)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.deps import LimitsPort

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
# FastAPI's interactive docs load Swagger UI / ReDoc from a CDN and start them with an inline
# script; only those two developer pages get this looser policy, never the learner's pages.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
DOCS_PATHS = ("/docs", "/redoc")
EMBED_PREFIX = "/embed/"
"""The embeddable chat: its route sets its own CSP (the organisation's allowed parent sites in
`frame-ancestors`) and it is the one page that may be framed."""


def csp_with_frame_ancestors(origins: list[str]) -> str:
    """The strict CSP with `frame-ancestors` naming only `origins` ('none' when empty)."""
    allowed = " ".join(origins) if origins else "'none'"
    return CSP.replace("frame-ancestors 'none'", f"frame-ancestors {allowed}")


MAX_BODY_BYTES = 16 * 1024
"""Largest request body on /api and the pages; a chat message is at most 2,000 characters."""
MAX_BODY_BYTES_COMPLETIONS = 64 * 1024
"""OpenAI-style clients send the whole conversation on /v1, so it gets more room."""
MAX_BODY_BYTES_UPLOAD = 1024 * 1024
UPLOAD_PATH = "/admin/orgs/contacts"
"""An admin's contacts CSV upload (a year of 12 organisations' three channels is ~17 KB)."""
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _json_response_parts(
    status: int, detail: str, extra: Iterable[tuple[bytes, bytes]] = ()
) -> tuple[Message, Message]:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    start: Message = {"type": "http.response.start", "status": status, "headers": headers}
    return start, {"type": "http.response.body", "body": body}


async def send_json(
    send: Send, status: int, detail: str, extra: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """Send a small JSON error response straight from middleware."""
    start, body = _json_response_parts(status, detail, extra)
    await send(start)
    await send(body)


STAFF_PREFIXES = ("/api/reports", "/dashboard", "/counsellor", "/admin", "/login", "/logout")
"""Staff pages and APIs: their responses (figures, gap lists, exports) are never cached."""


def _no_store(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    if path.startswith("/static/"):
        return False
    if path.startswith(STAFF_PREFIXES):
        return True
    # Anything a signed-in member of staff is shown may be personal to them.
    cookies = dict(scope.get("headers", [])).get(b"cookie", b"")
    return b"suunta_session=" in cookies


class SecurityHeaders:
    """Adds the security headers (strict CSP, nosniff, no referrer, no framing) to responses,
    and `Cache-Control: no-store` to the staff pages and APIs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path in DOCS_PATHS else CSP
        https = scope.get("scheme") == "https"

        embed = path.startswith(EMBED_PREFIX)
        no_store = _no_store(scope)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = csp.encode()
                headers = []
                for k, v in message.get("headers", []):
                    if k.lower() != b"content-security-policy":
                        headers.append((k, v))
                    elif embed:  # the embed route's own frame-ancestors
                        own = v
                headers += [
                    (b"content-security-policy", own),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if not embed:
                    headers.append((b"x-frame-options", b"DENY"))
                headers += [
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                if https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if no_store:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodySizeLimit:
    """Refuses request bodies over the limit with 413 before the app reads them."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        max_bytes_completions: int = MAX_BODY_BYTES_COMPLETIONS,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_bytes_completions = max_bytes_completions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        limit = (
            self.max_bytes_completions
            if path.startswith("/v1/")
            else MAX_BODY_BYTES_UPLOAD
            if path == UPLOAD_PATH
            else self.max_bytes
        )
        detail = f"request body larger than {limit} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_json(send, 400, "invalid Content-Length")
                    return
                if declared > limit:
                    await send_json(send, 413, detail)
                    return
        # Chunked bodies have no length up front: read them here (they are small by definition)
        # and hand the app the same bytes.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message, receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_json(send, 413, detail)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)


def _replay(chunks: list[bytes], pending: Message | None, receive: Receive) -> Receive:
    """A `receive` that first gives the buffered body, then defers to the real one."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            if pending is not None:
                return pending
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        return await receive()

    return replay


RATE_LIMITED_PATHS = {
    "/api/chat": "chat",
    "/api/chat/stream": "chat",
    "/v1/chat/completions": "chat",
    "/api/feedback": "feedback",
}
"""Paths with a per-client budget for POST, and the budget (group) each one draws from."""
SESSION_WRITE = re.compile(r"/api/session/[^/]+(?:/profile)?")
"""A learner's session data (POST .../profile, DELETE): each write made a session appear in the
figures, so a script could invent hundreds a second (issue 16)."""


def budget_group(method: str, path: str) -> str | None:
    """The budget a request draws from, or None when it has none."""
    if method == "POST" and path in RATE_LIMITED_PATHS:
        return RATE_LIMITED_PATHS[path]
    if method in ("POST", "DELETE") and SESSION_WRITE.fullmatch(path):
        return "session"
    return None


class RateLimit:
    """Per-client request budget on the chat, feedback and session-data endpoints; 429 with
    Retry-After."""

    def __init__(self, app: ASGIApp, per_minute: int, budgets: LimitsPort) -> None:
        self.app = app
        self.per_minute = per_minute
        self.budgets = budgets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        group = (
            budget_group(scope.get("method", ""), scope.get("path", ""))
            if scope["type"] == "http"
            else None
        )
        if group is None:
            await self.app(scope, receive, send)
            return
        # The client's address is the key, hashed by the budgets: never logged nor stored.
        client = scope.get("client")
        key = client[0] if client else "unknown"
        wait = self.budgets.hit(group, key, limit=self.per_minute, seconds=60)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            await send_json(
                send,
                429,
                f"too many requests; try again in {seconds} s",
                [(b"retry-after", str(seconds).encode())],
            )
            return
        await self.app(scope, receive, send)
