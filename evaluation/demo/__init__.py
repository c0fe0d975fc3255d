"""Demo data: synthetic but realistic traffic written through the real telemetry writer."""
