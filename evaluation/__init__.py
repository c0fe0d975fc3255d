"""Reach, quality and knowledge-gap reports over the telemetry store; golden-set evaluation."""
