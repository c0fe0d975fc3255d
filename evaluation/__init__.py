"""Evaluation, by concern: `reports/` (reach, quality, effectiveness and knowledge gaps from the
telemetry store, with suppression, rendered as JSON, CSV or HTML), `golden/` (question sets run
through the assistant and scored) and `demo/` (synthetic traffic for the dashboard)."""
