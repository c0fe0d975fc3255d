"""Two real `suunta serve` processes on one PostgreSQL (and one Redis), requests alternating
between them: a replica behind a load balancer must not need the same replica twice."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from typing import Any

import pytest

from suunta.settings import Settings
from tests.redis_db import private_redis_db
from tests.telemetry.server import ServerProcess

FIRST = "What is apprenticeship training?"
FOLLOW_UP = "And the income limits?"
PER_MINUTE = 20
"""Each budget (chat, feedback) per client; the test sends fewer chats than this."""


@pytest.fixture(params=["store", "redis"])
def servers(
    request: pytest.FixtureRequest, settings: Settings, pg_url: str
) -> Iterator[tuple[ServerProcess, ServerProcess, bool]]:
    """Two servers sharing the store, and Redis when the parameter says so."""
    with private_redis_db() as redis_url:
        env = {
            "SUUNTA_SESSION_SECRET": "a secret every replica shares",
            "SUUNTA_RATE_LIMIT_PER_MINUTE": str(PER_MINUTE),
        }
        if request.param == "redis":
            env["SUUNTA_REDIS_URL"] = redis_url
        shared = settings.model_copy(update={"database_url": pg_url})
        first = ServerProcess(shared, **env)
        first.wait_ready(180)  # it migrates the store; the second starts on a migrated one
        second = ServerProcess(shared, **env)
        try:
            second.wait_ready(180)
            yield first, second, request.param == "redis"
            for server in (first, second):
                assert server.terminate() in (0, -signal.SIGTERM), server.log.read_text()
                assert "Traceback" not in server.log.read_text()
        finally:
            first.kill()
            second.kill()


def _chat(server: ServerProcess, message: str, session: str | None = None) -> dict[str, Any]:
    reply = server.client.post("/api/chat", json={"message": message, "session_id": session})
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _completion(server: ServerProcess, message: str, user: str) -> dict[str, Any]:
    body = {"model": "suunta", "messages": [{"role": "user", "content": message}], "user": user}
    reply = server.client.post("/v1/chat/completions", json=body)
    assert reply.status_code == 200, reply.text
    return dict(reply.json()["suunta"])


def _is_apprenticeship_answer(reply: dict[str, Any]) -> bool:
    return reply["kind"] == "answer" and reply["sources"][0]["id"] == "apprenticeship"


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_requests_alternating_between_two_processes(
    servers: tuple[ServerProcess, ServerProcess, bool],
) -> None:
    a, b, with_redis = servers
    # Without the earlier question a follow-up has nothing to go on.
    assert not _is_apprenticeship_answer(_chat(b, FOLLOW_UP))

    # A follow-up served by the other process keeps the conversation.
    session = _chat(a, FIRST)["session_id"]
    follow_up = _chat(b, FOLLOW_UP, session)
    assert follow_up["session_id"] == session and _is_apprenticeship_answer(follow_up)

    # Deleting through one process forgets the conversation in the other, both ways round.
    for asked, deleted_by, then in ((a, b, a), (b, a, b)):
        session = _chat(asked, FIRST)["session_id"]
        assert deleted_by.client.delete(f"/api/session/{session}").status_code == 204
        assert not _is_apprenticeship_answer(_chat(then, FOLLOW_UP, session))

    # The OpenAI `user` maps to one session in every process, and the memory follows it.
    first = _completion(a, FIRST, user="learner-7")
    second = _completion(b, FOLLOW_UP, user="learner-7")
    assert second["session_id"] == first["session_id"] and _is_apprenticeship_answer(second)
    assert _completion(b, FIRST, user="learner-8")["session_id"] != first["session_id"]

    # The rate limit: with Redis the processes share one budget, without it each has its own.
    statuses = [
        server.client.post("/api/feedback", json={}).status_code
        for _ in range(PER_MINUTE + 2)
        for server in (a, b)
    ]
    accepted = [s for s in statuses if s != 429]
    assert set(accepted) == {422}
    assert len(accepted) == (PER_MINUTE if with_redis else 2 * PER_MINUTE)
    if with_redis:
        assert statuses[PER_MINUTE:] == [429] * (len(statuses) - PER_MINUTE)
