"""OpenTelemetry traces and metrics, set up once per process, that never carry personal data.

Every span passes through `PrivacySpanExporter` (telemetry/otel_privacy.py), which keeps only
allow-listed attributes (no message text, client address or user agent can reach a collector,
whatever an instrumentation library adds), and HTTP metrics keep only method, route, status and
scheme.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from opentelemetry import metrics, trace
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.sdk.metrics import AlwaysOffExemplarFilter, MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader
from opentelemetry.sdk.metrics.view import View
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import Span

from telemetry.otel_privacy import PrivacySpanExporter

log = logging.getLogger(__name__)

Exporter = Literal["none", "console", "otlp"]
OtlpProtocol = Literal["http", "grpc"]

HTTP_METRIC_KEYS = {
    "http.request.method",
    "http.method",
    "http.route",
    "http.response.status_code",
    "http.status_code",
    "url.scheme",
    "http.scheme",
    "network.protocol.version",
    "http.flavor",
    "error.type",
}
# Health checks and static files would only add noise (and cost) to the traces.
EXCLUDED_URLS = "/health,/static/.*"


def build_providers(
    span_exporter: SpanExporter, metric_reader: MetricReader, *, version: str = ""
) -> tuple[TracerProvider, MeterProvider]:
    """Tracer and meter providers whose output is scrubbed (tests pass in-memory parts)."""
    resource = Resource.create({"service.name": "suunta", "service.version": version})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(PrivacySpanExporter(span_exporter)))
    meter_provider = MeterProvider(
        resource=resource,
        metric_readers=[metric_reader],
        # Exemplars would re-attach the attributes the view removes (e.g. the raw target).
        exemplar_filter=AlwaysOffExemplarFilter(),
        # Instruments no view matches keep the default stream; a catch-all view here would
        # add a second, unfiltered stream of the HTTP metrics.
        views=[View(instrument_name="http.server.*", attribute_keys=HTTP_METRIC_KEYS)],
    )
    return tracer_provider, meter_provider


def _exporters(
    exporter: Exporter, endpoint: str | None, protocol: OtlpProtocol
) -> tuple[SpanExporter, Any]:
    if exporter == "console":
        from opentelemetry.sdk.metrics.export import ConsoleMetricExporter
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter(), ConsoleMetricExporter()
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import (
            OTLPMetricExporter as GrpcMetrics,
        )
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import (
            OTLPSpanExporter as GrpcSpans,
        )

        return GrpcSpans(endpoint=endpoint), GrpcMetrics(endpoint=endpoint)
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    base = endpoint.rstrip("/") if endpoint else None
    return (
        OTLPSpanExporter(endpoint=f"{base}/v1/traces" if base else None),
        OTLPMetricExporter(endpoint=f"{base}/v1/metrics" if base else None),
    )


class QueueStats(Protocol):
    """What the metrics read from the telemetry writer."""

    @property
    def depth(self) -> int: ...

    dropped: int


@dataclass
class Turn:
    """The chat turn in progress; `finish` records what the reply turned out to be."""

    span: Span
    started: float
    otel: Otel

    def finish(
        self,
        *,
        session_id: str,
        kind: str,
        language: str,
        confidence: float,
        topics: Sequence[str],
        sources: int,
        mode: str,
    ) -> None:
        """Set the reply's attributes on the span and count it."""
        self.span.set_attributes(
            {
                "gen_ai.conversation.id": session_id,
                "suunta.kind": kind,
                "suunta.language": language,
                "suunta.confidence": float(confidence),
                "suunta.topics": list(topics),
                "suunta.source_count": sources,
                "suunta.mode": mode,
            }
        )
        self.otel.count_reply(kind, language, mode, time.perf_counter() - self.started)


class Otel:
    """The process's tracer and Suunta's instruments; everything is a no-op when disabled."""

    def __init__(
        self,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        *,
        model: str = "extractive",
        provider_name: str = "suunta",
    ) -> None:
        self.tracer_provider = tracer_provider
        self.meter_provider = meter_provider
        self.model = model
        self.provider_name = provider_name
        self.tracer = (tracer_provider or trace.NoOpTracerProvider()).get_tracer("suunta")
        self._writer: QueueStats | None = None
        meter = (meter_provider or metrics.NoOpMeterProvider()).get_meter("suunta")
        self._replies = meter.create_counter(
            "suunta.replies", unit="{reply}", description="Replies by kind, language and mode"
        )
        self._duration = meter.create_histogram(
            "suunta.chat.duration", unit="s", description="Time to answer one chat turn"
        )
        self._ratings = meter.create_counter(
            "suunta.feedback.ratings", unit="{rating}", description="Feedback by rating"
        )
        self._wrong_answers = meter.create_counter(
            "suunta.feedback.wrong_answers",
            unit="{report}",
            description="Replies reported as wrong (apart from ratings)",
        )
        meter.create_observable_gauge(
            "suunta.telemetry.queue_depth",
            callbacks=[self._observe(lambda w: w.depth)],
            unit="{event}",
            description="Telemetry events waiting to be written",
        )
        meter.create_observable_counter(
            "suunta.telemetry.dropped",
            callbacks=[self._observe(lambda w: w.dropped)],
            unit="{event}",
            description="Telemetry events dropped because the queue was full",
        )

    @property
    def enabled(self) -> bool:
        """Whether anything is recorded."""
        return self.tracer_provider is not None

    def _observe(
        self, read: Callable[[QueueStats], int]
    ) -> Callable[[CallbackOptions], Iterator[Observation]]:
        def callback(_: CallbackOptions) -> Iterator[Observation]:
            if self._writer is not None:
                yield Observation(read(self._writer))

        return callback

    def watch(self, writer: QueueStats) -> None:
        """Report this writer's queue depth and drops."""
        self._writer = writer

    def instrument(self, app: Any) -> None:
        """HTTP spans and request-duration metrics for a FastAPI app (before it serves)."""
        if not self.enabled:
            return
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(
            app,
            tracer_provider=self.tracer_provider,
            meter_provider=self.meter_provider,
            excluded_urls=EXCLUDED_URLS,
            exclude_spans=["receive", "send"],
        )
        # The lifespan runs inside the stack built before instrumenting; rebuild it so the
        # requests that follow go through the instrumentation.
        app.middleware_stack = app.build_middleware_stack()

    @contextlib.contextmanager
    def chat_turn(self, session_id: str | None, *, operation: str = "chat") -> Iterator[Turn]:
        """A span for one chat turn (GenAI semantic conventions); never the message itself."""
        attributes: dict[str, Any] = {
            "gen_ai.operation.name": operation,
            "gen_ai.request.model": self.model,
            "gen_ai.provider.name": self.provider_name,
        }
        if session_id:
            attributes["gen_ai.conversation.id"] = session_id
        with self.tracer.start_as_current_span(
            f"{operation} {self.model}", kind=trace.SpanKind.INTERNAL, attributes=attributes
        ) as span:
            yield Turn(span, time.perf_counter(), self)

    def count_reply(self, kind: str, language: str, mode: str, seconds: float) -> None:
        """Count a reply and its duration."""
        labels = {"suunta.kind": kind, "suunta.language": language, "suunta.mode": mode}
        self._replies.add(1, labels)
        self._duration.record(seconds, labels)

    def count_rating(self, rating: int | None, helpful: bool | None) -> None:
        """Count a piece of feedback."""
        labels: dict[str, Any] = {}
        if rating is not None:
            labels["suunta.rating"] = rating
        if helpful is not None:
            labels["suunta.helpful"] = helpful
        self._ratings.add(1, labels)

    def count_wrong_answer(self) -> None:
        """Count a "Report a wrong answer"."""
        self._wrong_answers.add(1)

    def shutdown(self) -> None:
        """Flush and stop the exporters."""
        if self.tracer_provider is not None:
            self.tracer_provider.shutdown()
        if self.meter_provider is not None:
            self.meter_provider.shutdown()


def setup_otel(
    exporter: Exporter,
    *,
    endpoint: str | None = None,
    protocol: OtlpProtocol = "http",
    model: str = "extractive",
    provider_name: str = "suunta",
    version: str = "",
    export_interval_ms: int = 30_000,
    set_global: bool = True,
) -> Otel:
    """The process's OpenTelemetry set-up for `SUUNTA_OTEL_EXPORTER` (call once per process)."""
    if exporter == "none":
        return Otel(model=model, provider_name=provider_name)
    span_exporter, metric_exporter = _exporters(exporter, endpoint, protocol)
    reader = PeriodicExportingMetricReader(
        metric_exporter, export_interval_millis=export_interval_ms
    )
    tracer_provider, meter_provider = build_providers(span_exporter, reader, version=version)
    # Global, so the retrieval and embedding spans (opentelemetry API only) land here too.
    if not set_global:
        pass
    elif isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        trace.set_tracer_provider(tracer_provider)
    else:
        log.info("a tracer provider was already set; library spans go there")
    return Otel(tracer_provider, meter_provider, model=model, provider_name=provider_name)
