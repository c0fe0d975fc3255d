"""Security headers, request size limits and per-client rate limits on the real app."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from fastapi.testclient import TestClient

from application.limits import Budgets
from web.security import CSP, MAX_BODY_BYTES


def _directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def test_every_response_carries_the_security_headers(web_client: TestClient) -> None:
    for response in (
        web_client.get("/"),
        web_client.get("/health"),
        web_client.get("/static/style.css"),
        web_client.get("/no-such-page"),
        web_client.post("/api/chat", json={}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        csp = _directives(response.headers["content-security-policy"])
        assert csp["default-src"] == "'self'"
        assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no CDN
        assert csp["style-src"] == "'self'"
        assert csp["img-src"] == "'self' data:"
        assert csp["frame-ancestors"] == "'none'"
        assert csp["base-uri"] == "'none'"
        assert csp["form-action"] == "'self'"
        assert "strict-transport-security" not in response.headers


def test_docs_work_under_their_own_policy(web_client: TestClient) -> None:
    response = web_client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    assert response.headers["content-security-policy"] != CSP
    # The looser policy never reaches the learner's pages.
    assert web_client.get("/").headers["content-security-policy"] == CSP


def test_hsts_only_over_https(make_client: Callable[..., TestClient]) -> None:
    https = make_client(base_url="https://testserver")
    assert https.get("/health").headers["strict-transport-security"].startswith("max-age=")


def test_oversized_bodies_get_413_with_detail(web_client: TestClient) -> None:
    big = b'{"message": "' + b"a" * MAX_BODY_BYTES + b'"}'
    response = web_client.post(
        "/api/chat", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "detail" in response.json()


def test_oversized_chunked_bodies_get_413(web_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(40):
            yield b"b" * 1024
        yield b'"}'

    response = web_client.post(
        "/api/feedback", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"]


def test_small_chunked_bodies_still_reach_the_route(web_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"message_id": "nope",'
        yield b' "rating": 3}'

    response = web_client.post(
        "/api/feedback", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 404  # parsed and looked up: the body arrived whole


def test_rate_limit_gives_429_with_retry_after(make_client: Callable[..., TestClient]) -> None:
    client = make_client(rate_limit_per_minute=3)
    statuses = [
        client.post("/api/feedback", json={"message_id": "nope"}).status_code for _ in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
    limited = client.post("/api/feedback", json={"message_id": "nope"})
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert "detail" in limited.json()
    # Chat has its own budget; pages and health are never limited.
    assert client.post("/api/chat", json={"message": "apprenticeship"}).status_code == 200
    assert client.get("/health").status_code == 200


def test_chat_stream_and_chat_share_one_budget(make_client: Callable[..., TestClient]) -> None:
    client = make_client(rate_limit_per_minute=2)
    assert client.post("/api/chat", json={}).status_code == 422
    assert client.post("/api/chat/stream", json={}).status_code == 422
    assert client.post("/api/chat", json={}).status_code == 429


def test_budgets_window_slides() -> None:
    budgets = Budgets.from_url(None)
    size = {"limit": 2, "seconds": 1}
    assert budgets.hit("chat", "a", **size) is None
    assert budgets.hit("chat", "a", **size) is None
    wait = budgets.hit("chat", "a", **size)
    assert wait is not None and 0 < wait <= 1
    assert budgets.hit("chat", "b", **size) is None  # keys are independent
    assert budgets.hit("feedback", "a", **size) is None  # and so are budgets
    time.sleep(1.05)
    assert budgets.hit("chat", "a", **size) is None
    budgets.clear("chat", "a", **size)
    assert budgets.wait("chat", "a", **size) is None


def test_untrusted_text_is_escaped_in_pages(web_client: TestClient) -> None:
    attack = '"><script>alert(1)</script>'
    page = web_client.get("/login", params={"next": attack}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page or "&#34;&gt;&lt;script" in page
