"""Four real `suunta serve` processes, started at once, sharing one PostgreSQL store."""

from __future__ import annotations

import concurrent.futures
import signal

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from suunta.settings import Settings
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord
from telemetry.schema import current_revision, head_revision
from telemetry.store import make_engine
from tests.telemetry.conftest import QUESTIONS
from tests.telemetry.server import ServerProcess

PROCESSES = 4
CHATS = 15


def _chat(server: ServerProcess) -> set[str]:
    ids: set[str] = set()
    session = None
    for n in range(CHATS):
        reply = server.client.post(
            "/api/chat", json={"message": QUESTIONS[n % len(QUESTIONS)], "session_id": session}
        ).json()
        session = reply["session_id"]
        ids.add(reply["message_id"])
    assert (
        server.client.post(
            "/api/feedback", json={"message_id": reply["message_id"], "rating": 5}
        ).status_code
        == 204
    )
    return ids


@pytest.mark.slow
@pytest.mark.postgres
def test_four_app_processes_write_to_one_postgres(settings: Settings, pg_url: str) -> None:
    shared = settings.model_copy(update={"database_url": pg_url})
    servers = [ServerProcess(shared) for _ in range(PROCESSES)]  # all migrate at start
    try:
        for server in servers:
            server.wait_ready(180)
        with concurrent.futures.ThreadPoolExecutor(PROCESSES) as pool:
            sent = set().union(*pool.map(_chat, servers))
        for server in servers:
            assert server.terminate() in (0, -signal.SIGTERM), server.log.read_text()
    finally:
        for server in servers:
            server.kill()
    engine = make_engine(pg_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        stored = set(conn.execute(select(col(MessageRecord.id))).scalars())
        sessions = conn.execute(select(func.count()).select_from(SessionRecord)).scalar_one()
        ratings = conn.execute(select(func.count()).select_from(FeedbackRecord)).scalar_one()
    engine.dispose()
    assert len(sent) == PROCESSES * CHATS and stored == sent
    assert sessions == PROCESSES and ratings == PROCESSES
    for server in servers:
        assert "Traceback" not in server.log.read_text()
