"""A real `suunta serve` process exporting OTLP to a real receiver: SIGTERM flushes every queued
telemetry event to the store and every span to the receiver, none with personal data."""

from __future__ import annotations

import asyncio
import signal
from typing import Any

import pytest
from oteltap import OtelTapHttpProtobufReceiver, OtelTapHttpProtobufReceiverSettings
from sqlalchemy import select
from sqlmodel import col

from suunta.settings import Settings
from telemetry.models import FeedbackRecord, MessageRecord
from telemetry.store import make_engine
from tests.telemetry.conftest import QUESTIONS
from tests.telemetry.server import ServerProcess
from tests.telemetry.tcp_proxy import free_port


def _chat_then_sigterm(server: ServerProcess) -> set[str]:
    server.wait_ready()
    message_ids: set[str] = set()
    session = None
    for n in range(24):
        body = {"message": QUESTIONS[n % len(QUESTIONS)], "session_id": session}
        reply = server.client.post("/api/chat", json=body).json()
        session = reply["session_id"] if n % 6 else None
        message_ids.add(reply["message_id"])
    rated = server.client.post(
        "/api/feedback", json={"message_id": reply["message_id"], "rating": 4}
    )
    assert rated.status_code == 204
    # SIGTERM at once: the last events are still in the writer's queue (it lingers 0.2 s).
    # uvicorn re-raises the signal once it has shut down cleanly, hence -SIGTERM.
    assert server.terminate() in (0, -signal.SIGTERM), server.log.read_text()
    return message_ids


def _attributes(span: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for kv in span.attributes:
        kind = kv.value.WhichOneof("value")
        value: Any = getattr(kv.value, kind) if kind else None
        values[kv.key] = list(value.values) if kind == "array_value" else value
    return values


@pytest.mark.slow
def test_sigterm_flushes_events_and_spans(settings: Settings) -> None:
    port = free_port()

    async def scenario() -> tuple[set[str], list[Any], ServerProcess]:
        receiver = OtelTapHttpProtobufReceiver(OtelTapHttpProtobufReceiverSettings(http_port=port))
        async with receiver:
            spans: list[Any] = []

            async def collect() -> None:
                async for span in receiver.stream_traces():
                    spans.append(span)

            collector = asyncio.create_task(collect())
            server = ServerProcess(
                settings,
                SUUNTA_OTEL_EXPORTER="otlp",
                SUUNTA_OTEL_ENDPOINT=f"http://127.0.0.1:{port}",
                SUUNTA_OTEL_PROTOCOL="http",
            )
            try:
                message_ids = await asyncio.to_thread(_chat_then_sigterm, server)
            finally:
                server.kill()
            for _ in range(50):  # the exporter sent everything before the process exited
                if sum(s.name == "chat extractive" for s in spans) >= 24:
                    break
                await asyncio.sleep(0.1)
            collector.cancel()
            return message_ids, spans, server

    message_ids, spans, server = asyncio.run(scenario())

    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        stored = set(conn.execute(select(col(MessageRecord.id))).scalars())
        ratings = list(conn.execute(select(col(FeedbackRecord.rating))).scalars())
    engine.dispose()
    assert stored == message_ids
    assert ratings == [4]

    turns = [_attributes(s) for s in spans if s.name == "chat extractive"]
    assert len(turns) == 24
    assert {t["gen_ai.operation.name"] for t in turns} == {"chat"}
    assert all(t["gen_ai.conversation.id"] for t in turns)
    names = {s.name for s in spans}
    assert {"POST /api/chat", "POST /api/feedback", "retrieval knowledge-base"} <= names
    for span in spans:
        text = " ".join([span.name, *map(str, _attributes(span).values())])
        assert "127.0.0.1" not in text and "python-httpx" not in text, text
        assert not any(q[:25] in text for q in QUESTIONS), text
        assert not set(_attributes(span)) & {"client.address", "user_agent.original"}

    log = server.log.read_text()
    assert "Application shutdown complete" in log
    assert "Traceback" not in log and "not written" not in log
    assert "127.0.0.1:" not in log.replace(server.url, ""), "no client address in the logs"
