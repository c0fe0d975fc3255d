"""`POST /api/chat/stream`: Server-Sent Events through the real app, extractive and with an LLM."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opentelemetry.sdk.metrics.export import (
    HistogramDataPoint,
    InMemoryMetricReader,
    NumberDataPoint,
)
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlmodel import Session, col, select

from knowledge_base.embedding import Embedder
from suunta.index_setup import build
from suunta.settings import Settings
from suunta.wiring import Components, build_components
from telemetry.models import MessageRecord
from telemetry.otel import Otel, build_providers
from tests.assistant.openai_server import openai_server
from tests.conftest import small_settings

QUESTION = "How does apprenticeship training work?"


def parse_sse(body: str) -> list[tuple[str, Any]]:
    """(event, data) pairs of a Server-Sent Events body."""
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def without_ids(reply: dict[str, Any]) -> dict[str, Any]:
    """A reply without its random ids, to compare two replies to the same question."""
    return {k: v for k, v in reply.items() if k not in ("session_id", "message_id")}


def test_deltas_then_the_same_json_as_api_chat(client: TestClient) -> None:
    response = client.post("/api/chat/stream", json={"message": QUESTION})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[-1] == "done" and set(names[:-1]) == {"delta"} and len(names) > 2
    done = events[-1][1]
    streamed = "".join(data["text"] for name, data in events if name == "delta")
    assert streamed == done["answer"]
    plain = client.post("/api/chat", json={"message": QUESTION}).json()
    assert without_ids(done) == without_ids(plain)
    assert set(done) == set(plain)


def test_fixed_replies_stream_as_one_delta(client: TestClient) -> None:
    events = parse_sse(
        client.post("/api/chat/stream", json={"message": "I want to kill myself"}).text
    )
    assert [name for name, _ in events] == ["delta", "done"]
    assert events[1][1]["kind"] == "crisis"
    assert events[0][1]["text"] == events[1][1]["answer"] and "112" in events[1][1]["answer"]


def test_the_stream_keeps_the_session_and_records_telemetry(
    client: TestClient, components: Components
) -> None:
    first = parse_sse(client.post("/api/chat/stream", json={"message": QUESTION}).text)[-1][1]
    second = parse_sse(
        client.post(
            "/api/chat/stream",
            json={"message": "Kela student aid", "session_id": first["session_id"]},
        ).text
    )[-1][1]
    assert second["session_id"] == first["session_id"]
    components.writer.flush()
    with Session(components.engine) as db:
        stored = db.exec(select(MessageRecord).order_by(col(MessageRecord.created_at))).all()
    assert [m.id for m in stored] == [first["message_id"], second["message_id"]]
    assert {m.channel for m in stored} == {"web"} and stored[0].generator == "extractive"


def test_invalid_bodies_get_422_with_detail(client: TestClient) -> None:
    for body in ({}, {"message": ""}, {"message": "hi", "mode": "admin"}, {"message": "x" * 2001}):
        response = client.post("/api/chat/stream", json=body)
        assert response.status_code == 422 and "detail" in response.json(), body


@pytest.fixture(params=["cite"])
def llm_app(
    request: pytest.FixtureRequest, tmp_path: Path, minilm: Embedder
) -> Iterator[tuple[TestClient, Components]]:
    """The app configured with `SUUNTA_GENERATOR=openai` against an OpenAI-protocol server."""
    from web.app import create_app

    with openai_server() as server:
        settings = small_settings(
            tmp_path,
            generator="openai",
            openai_base_url=server.base_url,
            openai_model=request.param,
        )
        build(settings, minilm)
        components = build_components(settings)
        with TestClient(create_app(settings, components)) as client:
            yield client, components
        components.close()


def test_llm_text_streams_as_the_model_writes_it(
    llm_app: tuple[TestClient, Components],
) -> None:
    client, components = llm_app
    events = parse_sse(client.post("/api/chat/stream", json={"message": QUESTION}).text)
    done = events[-1][1]
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) == 2 * len(done["sources"]) >= 2  # one piece per cited sentence
    assert "".join(deltas) == done["answer"]
    assert done["answer"].startswith(f"The article {done['sources'][0]['title']} explains")
    components.writer.flush()
    with Session(components.engine) as db:
        assert db.exec(select(MessageRecord.generator)).one() == "openai"


def test_streamed_and_api_turns_are_traced_like_api_chat(
    settings: Settings, components: Components
) -> None:
    from web.app import create_app

    exporter = InMemorySpanExporter()
    reader = InMemoryMetricReader()
    tracer_provider, meter_provider = build_providers(exporter, reader)
    components.otel = Otel(tracer_provider, meter_provider)
    with TestClient(create_app(settings, components)) as client:
        streamed = parse_sse(client.post("/api/chat/stream", json={"message": QUESTION}).text)
        completion = client.post(
            "/v1/chat/completions",
            json={"model": "suunta", "messages": [{"role": "user", "content": QUESTION}]},
        ).json()
    tracer_provider.force_flush()
    turns = [s for s in exporter.get_finished_spans() if s.name == "chat extractive"]
    sessions = [streamed[-1][1]["session_id"], completion["suunta"]["session_id"]]
    assert [(s.attributes or {})["gen_ai.conversation.id"] for s in turns] == sessions
    for span in turns:
        assert (span.attributes or {})["suunta.kind"] == "answer"
    counted = reader.get_metrics_data()
    assert counted is not None
    names = {
        metric.name: metric
        for resource in counted.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
    }
    (replies,) = names["suunta.replies"].data.data_points
    assert isinstance(replies, NumberDataPoint) and replies.value == 2
    (duration,) = names["suunta.chat.duration"].data.data_points
    # A streamed turn is counted from when its reply began, not from when it was recorded.
    assert isinstance(duration, HistogramDataPoint) and duration.min > 0.001


@pytest.mark.parametrize("llm_app", ["cite-wrong"], indirect=True)
def test_a_late_wrong_citation_resets_the_stream(llm_app: tuple[TestClient, Components]) -> None:
    client, components = llm_app
    events = parse_sse(client.post("/api/chat/stream", json={"message": QUESTION}).text)
    names = [name for name, _ in events]
    reset = names.index("reset")
    assert names[:reset] and set(names[:reset]) == {"delta"} and names[-1] == "done"
    after = "".join(data["text"] for name, data in events[reset:] if name == "delta")
    done = events[-1][1]
    assert after == done["answer"] and "free of charge" not in after
    plain = client.post("/api/chat", json={"message": QUESTION}).json()
    assert done["answer"] == plain["answer"]  # the extractive answer, as /api/chat gives
    components.writer.flush()
    with Session(components.engine) as db:
        assert set(db.exec(select(MessageRecord.generator)).all()) == {"extractive"}


@pytest.mark.parametrize("llm_app", ["cite-wrong"], indirect=True)
def test_an_openai_stream_separates_the_replaced_text(
    llm_app: tuple[TestClient, Components],
) -> None:
    client, _ = llm_app
    body = {"model": "suunta", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    lines = client.post("/v1/chat/completions", json=body).text.strip().split("\n\n")
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    content = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    replaced, _, rest = content.partition("\n\n---\n\n")
    assert "[1]" in replaced and "free of charge" not in content
    reply = chunks[-1]["suunta"]
    assert rest.startswith(reply["answer"]) and "**Sources:**" in rest
