"""OpenTelemetry: the spans and metrics of a chat turn, and that none carries personal data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from suunta.settings import Settings
from suunta.wiring import Components
from telemetry.otel import HTTP_METRIC_KEYS, Otel, PrivacySpanExporter, build_providers, setup_otel

SECRET_QUESTION = "I'm Matti Virtanen, 040 123 4567 — how does apprenticeship training work?"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) SuuntaTestBrowser/1.0"


@pytest.fixture(scope="module")
def exported() -> Iterator[tuple[InMemorySpanExporter, TracerProvider]]:
    """The process's tracer provider, global once (the retriever's spans go there)."""
    exporter = InMemorySpanExporter()
    provider, _ = build_providers(exporter, InMemoryMetricReader())
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        trace.set_tracer_provider(provider)
    elif not isinstance(trace.get_tracer_provider(), TracerProvider):
        pytest.fail("an unexpected tracer provider is installed")
    else:
        # Another module set it first: route its spans to this exporter as well.
        global_provider = trace.get_tracer_provider()
        global_provider.add_span_processor(  # type: ignore[attr-defined]
            SimpleSpanProcessor(PrivacySpanExporter(exporter))
        )
        provider = global_provider  # type: ignore[assignment]
    yield exporter, provider
    exporter.clear()


def _values(attributes: Any) -> list[str]:
    return [str(v) for v in (attributes or {}).values()]


def _all_text(span: ReadableSpan) -> str:
    parts = [span.name, *_values(span.attributes), span.status.description or ""]
    for event in span.events:
        parts += [event.name, *_values(event.attributes)]
    return " ".join(parts)


def test_a_chat_turn_is_traced_with_genai_conventions_and_nothing_personal(
    settings: Settings,
    components: Components,
    exported: tuple[InMemorySpanExporter, TracerProvider],
) -> None:
    from web.app import create_app

    exporter, provider = exported
    exporter.clear()
    reader = InMemoryMetricReader()
    _, meters = build_providers(InMemorySpanExporter(), reader)
    components.otel = Otel(provider, meters)
    with TestClient(create_app(settings, components)) as client:
        headers = {"user-agent": USER_AGENT, "x-forwarded-for": "203.0.113.7"}
        reply = client.post("/api/chat", json={"message": SECRET_QUESTION}, headers=headers)
        assert reply.status_code == 200
        body = reply.json()
        client.post(
            "/api/feedback",
            json={"message_id": body["message_id"], "rating": 4, "comment": "Matti here"},
        )
        client.post("/api/chat", json={"message": "x" * 3000})  # 422
    provider.force_flush()
    spans = exporter.get_finished_spans()
    by_name = {s.name: s for s in spans}
    turn = by_name["chat extractive"]
    (http,) = [
        s
        for s in spans
        if s.name == "POST /api/chat" and s.context.trace_id == turn.context.trace_id
    ]
    retrieval = by_name["retrieval knowledge-base"]
    embeddings = [
        s
        for s in spans
        if s.name.startswith("embeddings ") and s.context.trace_id == turn.context.trace_id
    ]
    assert embeddings, [s.name for s in spans]
    embedding = embeddings[0]
    assert turn.parent is not None and turn.parent.span_id == http.context.span_id
    assert retrieval.parent is not None and retrieval.parent.span_id == turn.context.span_id
    for span in embeddings:
        assert span.parent is not None and span.parent.span_id == turn.context.span_id

    attributes: dict[str, Any] = dict(turn.attributes or {})
    assert attributes["gen_ai.operation.name"] == "chat"
    assert attributes["gen_ai.request.model"] == "extractive"
    assert attributes["gen_ai.provider.name"] == "suunta"
    assert attributes["gen_ai.conversation.id"] == body["session_id"]
    assert attributes["suunta.kind"] == body["kind"]
    assert attributes["suunta.language"] == "en"
    assert attributes["suunta.source_count"] == len(body["sources"])
    assert 0.0 <= attributes["suunta.confidence"] <= 1.0
    assert "suunta.topics" in attributes
    assert embedding.attributes["gen_ai.operation.name"] == "embeddings"  # type: ignore[index]
    assert embedding.attributes["gen_ai.request.model"] == "all-minilm-l6-v2"  # type: ignore[index]
    assert retrieval.attributes["gen_ai.operation.name"] == "retrieval"  # type: ignore[index]
    assert http.attributes["http.route"] == "/api/chat"  # type: ignore[index]

    forbidden = (
        "Matti",
        "Virtanen",
        "040",
        "apprenticeship training",
        "testclient",
        "SuuntaTestBrowser",
        "203.0.113.7",
        "xxxx",
    )
    for span in spans:
        text = _all_text(span)
        assert not [f for f in forbidden if f in text], (span.name, text)
        keys = set(span.attributes or {})
        assert not keys & {
            "client.address",
            "http.client_ip",
            "net.peer.ip",
            "user_agent.original",
            "http.user_agent",
            "url.full",
            "http.url",
        }

    metrics: dict[str, Any] = {
        m.name: m
        for rm in reader.get_metrics_data().resource_metrics  # type: ignore[union-attr]
        for sm in rm.scope_metrics
        for m in sm.metrics
    }
    replies = metrics["suunta.replies"].data.data_points
    assert sum(p.value for p in replies) == 1
    assert dict(replies[0].attributes)["suunta.kind"] == body["kind"]
    ratings = metrics["suunta.feedback.ratings"].data.data_points
    assert [dict(p.attributes) for p in ratings] == [{"suunta.rating": 4}]
    assert "suunta.telemetry.queue_depth" in metrics and "suunta.telemetry.dropped" in metrics
    assert "suunta.chat.duration" in metrics
    http_metrics = [m for name, m in metrics.items() if name.startswith("http.server")]
    assert http_metrics, sorted(metrics)
    for metric in http_metrics:
        for point in metric.data.data_points:
            assert set(point.attributes or {}) <= HTTP_METRIC_KEYS, metric.name
    for metric in metrics.values():
        for point in metric.data.data_points:
            assert not getattr(point, "exemplars", None), metric.name  # they carry raw attributes


def test_the_privacy_exporter_keeps_only_safe_attributes() -> None:
    inner = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(PrivacySpanExporter(inner)))
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("GET /x") as span:
        span.set_attributes(
            {
                "client.address": "198.51.100.4",
                "user_agent.original": USER_AGENT,
                "http.url": "http://x/?q=Matti",
                "http.request.header.cookie": "sid=1",
                "message": SECRET_QUESTION,
                "http.route": "/x",
                "gen_ai.operation.name": "chat",
                "suunta.kind": "answer",
            }
        )
        try:
            raise ValueError(SECRET_QUESTION)
        except ValueError as exc:
            span.record_exception(exc)
            span.set_status(StatusCode.ERROR, f"ValueError: {exc}")
    (exported_span,) = inner.get_finished_spans()
    assert dict(exported_span.attributes or {}) == {
        "http.route": "/x",
        "gen_ai.operation.name": "chat",
        "suunta.kind": "answer",
    }
    assert exported_span.status.status_code == StatusCode.ERROR
    assert not exported_span.status.description
    (event,) = exported_span.events
    assert dict(event.attributes or {}) == {"exception.type": "ValueError"}
    provider.shutdown()


@pytest.mark.parametrize(
    ("exporter", "protocol"), [("console", "http"), ("otlp", "http"), ("otlp", "grpc")]
)
def test_every_configured_exporter_builds(exporter: str, protocol: str) -> None:
    otel = setup_otel(
        exporter,  # type: ignore[arg-type]
        endpoint="http://127.0.0.1:9",
        protocol=protocol,  # type: ignore[arg-type]
        set_global=False,
    )
    assert otel.enabled
    otel.meter_provider.shutdown(timeout_millis=1000)  # type: ignore[union-attr]
    otel.tracer_provider = None  # nothing was recorded: no export to wait for


def test_none_records_nothing_and_costs_nothing() -> None:
    otel = setup_otel("none")
    assert not otel.enabled
    with otel.chat_turn("s") as turn:
        turn.finish(
            session_id="s",
            kind="answer",
            language="fi",
            confidence=0.5,
            topics=[],
            sources=0,
            mode="learner",
        )
    assert not turn.span.is_recording()
