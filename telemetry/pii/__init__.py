"""Detectors behind `telemetry.anonymiser`: structured identifiers and addresses, and names."""
