"""The service-owner report: `summary.py` puts the sections together; `facts/` reads and caches
what the sections count; `render/` writes the report as HTML or CSV."""
