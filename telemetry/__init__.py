"""Anonymised usage and satisfaction: redaction, event store, batch writer, OpenTelemetry."""
