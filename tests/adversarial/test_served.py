"""What a real `suunta serve` process sends and believes (issue 16): no `Server` header, and
`X-Forwarded-For` only from the proxies named in settings (none by default)."""

from __future__ import annotations

import pytest

from suunta.settings import Settings
from tests.telemetry.server import ServerProcess

FEEDBACK = {"message_id": "0" * 32, "rating": 3}


def _serve(settings: Settings, **env: str) -> ServerProcess:
    server = ServerProcess(settings, SUUNTA_RATE_LIMIT_PER_MINUTE="2", **env)
    server.wait_ready()
    return server


def _statuses(server: ServerProcess, forwarded: str | None) -> list[int]:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return [
        server.client.post("/api/feedback", json=FEEDBACK, headers=headers).status_code
        for _ in range(3)
    ]


@pytest.mark.slow
def test_no_server_header_and_no_spoofed_client_by_default(web_settings: Settings) -> None:
    server = _serve(web_settings)
    try:
        health = server.client.get("/health")
        assert "server" not in health.headers
        assert _statuses(server, None) == [404, 404, 429]
        # A made-up client address buys no fresh budget: nobody's forwarding is trusted.
        assert _statuses(server, "203.0.113.7") == [429, 429, 429]
        assert server.terminate() in (0, -15)
    finally:
        server.kill()


@pytest.mark.slow
def test_a_trusted_proxy_names_the_client(web_settings: Settings) -> None:
    server = _serve(web_settings, SUUNTA_TRUSTED_PROXIES="127.0.0.1")
    try:
        assert _statuses(server, "203.0.113.7") == [404, 404, 429]
        assert _statuses(server, "203.0.113.8") == [404, 404, 429]
        assert server.terminate() in (0, -15)
    finally:
        server.kill()
