"""The report as a self-contained HTML page (Jinja2 templates, inline SVG charts) or tidy CSV."""
