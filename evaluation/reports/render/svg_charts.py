"""Small inline SVG charts for the HTML report: no script, no fonts or files from elsewhere.

Each chart carries a `<title>` and an `aria-label`; the same numbers are always in a table next
to it, so nothing is only in a picture. Hidden (suppressed) values leave a gap, never a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

PALETTE = ("#1d5b8f", "#d9822b", "#2e8540", "#8e3b8e", "#6b6b6b")
_FONT = "font-family:system-ui,sans-serif;font-size:11px;fill:#333"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.2f}"


def columns(
    title: str, points: Sequence[tuple[str, float | None]], *, width: int = 720, height: int = 180
) -> str:
    """A column chart of a time series (labels are dates; a few are printed under the axis)."""
    values = [v for _, v in points if v is not None]
    top = max(values, default=0) or 1
    left, plot_h = 44, height - 34
    step = (width - left - 8) / max(len(points), 1)
    bars = []
    for i, (label, value) in enumerate(points):
        if value is None:
            continue
        h = plot_h * value / top
        x = left + i * step
        bars.append(
            f'<rect x="{x:.1f}" y="{8 + plot_h - h:.1f}" width="{max(step - 1, 0.8):.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[0]}"><title>{escape(label)}: {_fmt(value)}</title>'
            "</rect>"
        )
    ticks = []
    every = max(1, len(points) // 6)
    for i in range(0, len(points), every):
        x = left + i * step
        ticks.append(
            f'<text x="{x:.1f}" y="{height - 6}" style="{_FONT}">{escape(points[i][0])}</text>'
        )
    axis = (
        f'<text x="0" y="14" style="{_FONT}">{_fmt(top)}</text>'
        f'<text x="0" y="{8 + plot_h}" style="{_FONT}">0</text>'
        f'<line x1="{left}" y1="{8 + plot_h}" x2="{width - 8}" y2="{8 + plot_h}" stroke="#999"/>'
    )
    return _svg(title, width, height, axis + "".join(bars) + "".join(ticks))


def bars(
    title: str, rows: Sequence[tuple[str, float | None]], *, width: int = 480, percent: bool = False
) -> str:
    """A horizontal bar chart of groups (one bar per group, value printed at its end)."""
    bar_h, gap, label_w = 16, 5, 170
    height = max(len(rows), 1) * (bar_h + gap) + 4
    values = [v for _, v in rows if v is not None]
    top = max(values, default=0) or 1
    out = []
    for i, (label, value) in enumerate(rows):
        y = 2 + i * (bar_h + gap)
        shown = "—" if value is None else f"{value:.0%}" if percent else _fmt(value)
        out.append(
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" style="{_FONT}">'
            f"{escape(label)}</text>"
        )
        w = 0.0 if value is None else (width - label_w - 60) * value / top
        if value is not None:
            out.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{PALETTE[0]}"/>'
            )
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" style="{_FONT}">{shown}</text>')
    return _svg(title, width, height, "".join(out))


def lines(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    width: int = 720,
    height: int = 200,
) -> str:
    """Rates (0..1) over time, one line per series; a hidden value breaks the line."""
    left, plot_h, plot_w = 40, height - 50, width - 50
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return 8 + plot_h * (1 - v)

    parts = [
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{left + plot_w}" y2="{y(0):.1f}" stroke="#999"/>',
        f'<text x="0" y="{y(1) + 4:.1f}" style="{_FONT}">100%</text>',
        f'<text x="0" y="{y(0.5) + 4:.1f}" style="{_FONT}">50%</text>',
        f'<text x="0" y="{y(0) + 4:.1f}" style="{_FONT}">0%</text>',
    ]
    for k, (name, values) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        parts += _line(name, labels, values, colour, x, y)
        parts.append(
            f'<rect x="{left + k * 170}" y="{height - 16}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{left + k * 170 + 14}" y="{height - 7}" style="{_FONT}">'
            f"{escape(name)}</text>"
        )
    every = max(1, n // 6)
    for i in range(0, len(labels), every):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 24}" style="{_FONT}">{escape(labels[i])}</text>'
        )
    return _svg(title, width, height, "".join(parts))


def _line(
    name: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    colour: str,
    x: Callable[[int], float],
    y: Callable[[float], float],
) -> list[str]:
    """One series: a dot a value (its title tells the value), joined where none is hidden."""
    parts: list[str] = []
    run: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            if len(run) > 1:
                parts.append(_polyline(run, colour))
            run = []
            continue
        run.append(f"{x(i):.1f},{y(v):.1f}")
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{colour}">'
            f"<title>{escape(name)} {escape(labels[i])}: {v:.0%}</title></circle>"
        )
    if len(run) > 1:
        parts.append(_polyline(run, colour))
    return parts


def _polyline(points: list[str], colour: str) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _svg(title: str, width: int, height: int, body: str) -> str:
    label = escape(title)
    return (
        f'<svg role="img" aria-label="{label}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{label}</title>{body}</svg>"
    )
