"""A real `suunta serve` killed with SIGKILL before its writer wrote anything loses no accepted
event: the next start replays its spool, and every chat is in the store exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import col

from suunta.settings import Settings
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord
from telemetry.store import make_engine
from tests.telemetry.conftest import QUESTIONS, count_rows
from tests.telemetry.server import ServerProcess

CHATS = 18
# Long enough that the writer of the first server commits nothing before it is killed.
NEVER = {"SUUNTA_TELEMETRY_FLUSH_SECONDS": "3600"}


def _chat(server: ServerProcess) -> tuple[list[str], str]:
    """CHATS chats in three sessions, a rating and a profile answer; the ids acknowledged."""
    server.wait_ready()
    ids: list[str] = []
    sessions: list[str | None] = [None, None, None]
    for n in range(CHATS):
        body = {"message": QUESTIONS[n % len(QUESTIONS)], "session_id": sessions[n % 3]}
        reply = server.client.post("/api/chat", json=body)
        assert reply.status_code == 200, reply.text
        sessions[n % 3] = reply.json()["session_id"]
        ids.append(reply.json()["message_id"])
    rated = server.client.post("/api/feedback", json={"message_id": ids[0], "rating": 5})
    assert rated.status_code == 204
    session = sessions[0]
    assert session is not None
    profile = server.client.post(f"/api/session/{session}/profile", json={"clarity_start": 2})
    assert profile.status_code == 204
    return ids, session


@pytest.mark.slow
def test_kill_9_loses_no_accepted_event(settings: Settings) -> None:
    assert settings.telemetry_spool_dir is not None
    spool = Path(settings.telemetry_spool_dir)
    first = ServerProcess(settings, **NEVER)
    try:
        ids, session = _chat(first)
        first.process.kill()  # SIGKILL: no shutdown, no flush
        first.process.wait(30)
    finally:
        first.kill()
    engine = make_engine(settings.database_url)
    assert count_rows(engine, MessageRecord) == 0, "the killed writer must not have written yet"
    spooled = b"".join(p.read_bytes() for p in spool.rglob("*.jsonl"))
    assert spooled.count(b"\n") == CHATS + 2
    for secret in (b"Virtanen", b"040 123 4567", b"aino.korhonen", b"Storgatan"):
        assert secret not in spooled, secret

    second = ServerProcess(settings)
    try:
        second.wait_ready()  # the spool is replayed before the server answers
        with engine.connect() as conn:
            stored = list(conn.execute(select(col(MessageRecord.id))).scalars())
            clarity = conn.execute(
                select(col(SessionRecord.clarity_start)).where(col(SessionRecord.id) == session)
            ).scalar_one()
        assert sorted(stored) == sorted(ids), "every chat exactly once"
        assert count_rows(engine, FeedbackRecord) == 1 and clarity == 2
        assert second.terminate() in (0, -15)
    finally:
        second.kill()
    log = second.log.read_text()
    assert f"{CHATS + 2} events replayed" in log and "Traceback" not in log
    assert not [p for p in spool.rglob("*") if p.is_dir() and p.parent != spool], "spool left"
    engine.dispose()
