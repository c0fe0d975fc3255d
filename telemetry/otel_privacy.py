"""The allow-list every exported span passes through: nothing personal reaches a collector."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import Status

# Exact keys, then prefixes, that may leave the process. Everything else is dropped: an
# allow-list cannot be defeated by a new instrumentation adding `client.address` or a header.
SAFE_KEYS = frozenset(
    {
        "http.request.method",
        "http.method",
        "http.route",
        "http.response.status_code",
        "http.status_code",
        "url.scheme",
        "http.scheme",
        "network.protocol.version",
        "http.flavor",
        "server.port",
        "net.host.port",
        "error.type",
        "exception.type",
        "asgi.event.type",
    }
)
SAFE_PREFIXES = ("gen_ai.", "suunta.", "otel.")


def is_safe(key: str) -> bool:
    """Whether an attribute may be exported."""
    return key in SAFE_KEYS or key.startswith(SAFE_PREFIXES)


def safe_attributes(attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Only the allow-listed attributes."""
    return {k: v for k, v in (attributes or {}).items() if is_safe(k)}


class PrivacySpanExporter(SpanExporter):
    """Wraps an exporter; each span loses every attribute not on the allow-list, its status
    description and its event details (an exception's message may quote the question)."""

    def __init__(self, inner: SpanExporter) -> None:
        self.inner = inner

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        """Export scrubbed copies of `spans`."""
        return self.inner.export([scrub(span) for span in spans])

    def shutdown(self) -> None:
        """Shut the wrapped exporter down."""
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Flush the wrapped exporter."""
        return self.inner.force_flush(timeout_millis)


def scrub(span: ReadableSpan) -> ReadableSpan:
    """A copy of `span` with only safe attributes, events and status."""
    return ReadableSpan(
        name=span.name,
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=safe_attributes(span.attributes),
        events=[Event(e.name, safe_attributes(e.attributes), e.timestamp) for e in span.events],
        links=[trace.Link(link.context) for link in span.links],
        kind=span.kind,
        status=Status(span.status.status_code),
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )
