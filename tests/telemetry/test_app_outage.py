"""The chat API while the telemetry store is locked: replies stay fast, events land later."""

from __future__ import annotations

import sqlite3
import time

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import col

from suunta.settings import Settings
from suunta.wiring import Components
from telemetry.models import MessageRecord


def test_a_locked_store_never_fails_or_slows_a_chat(
    client: TestClient, components: Components, settings: Settings
) -> None:
    client.post("/api/chat", json={"message": "warm up"})
    assert components.writer.flush()
    path = settings.database_url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    ids = []
    try:
        for _ in range(8):
            started = time.perf_counter()
            response = client.post("/api/chat", json={"message": "How does apprenticeship work?"})
            assert response.status_code == 200
            assert time.perf_counter() - started < 3.0  # the writer's 5 s busy wait is not ours
            ids.append(response.json()["message_id"])
        rated = client.post("/api/feedback", json={"message_id": ids[0], "rating": 3})
        assert rated.status_code == 204
        deadline = time.monotonic() + 20
        while components.writer.failures == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert components.writer.failures >= 1, "the writer should have met the lock"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert components.writer.flush(30)
    with components.engine.connect() as conn:
        stored = set(conn.execute(select(col(MessageRecord.id))).scalars())
    assert set(ids) <= stored
