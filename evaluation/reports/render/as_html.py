"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

The page is laid out in Jinja2 templates (`templates/report.html.j2` and the sections it
includes); this module gives them the labels in the reader's language, the number formats and the
charts. Autoescaping is on, so every text from the store (example questions) is escaped. A
service owner can mail the file on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from evaluation.reports.grouping import NOT_ANSWERED
from evaluation.reports.labels import dimension_label, group_label, metric_label, text
from evaluation.reports.render import svg_charts as charts
from evaluation.reports.schema import GroupCount, QualityPoint, SeriesPoint, Summary

UNDER_SERVED = 0.8
"""Groups whose share of users is below this fraction of their share of the population."""

_PERCENT = {
    "satisfaction",
    "helpful_rate",
    "no_answer_rate",
    "out_of_scope_rate",
    "handoff_rate",
    "user_share",
    "population_share",
    "pass_rate",
    "language_match",
}
_QUALITY = (
    "messages",
    "ratings",
    "satisfaction",
    "mean_rating",
    "helpful_rate",
    "no_answer_rate",
    "out_of_scope_rate",
    "handoff_rate",
    "crisis",
    "latency_p50_ms",
    "latency_p95_ms",
)
# Unanswered and off-topic questions carry no topic, so per topic only ratings tell anything.
_TOPIC = ("messages", "ratings", "satisfaction", "mean_rating", "helpful_rate")
_TRENDS = ("satisfaction", "helpful_rate", "no_answer_rate")


def render_html(
    summary: Summary, *, lang: str = "en", topics: dict[str, dict[str, str]] | None = None
) -> str:
    """The whole report as one HTML document in `lang` (fi, sv or en)."""
    page = _environment().get_template("report.html.j2")
    return page.render(s=summary, lang=lang, topics=topics) + "\n"


_SIGNED = {"mean_change"}
_NBSP = "\u00a0"
_PP = {"fi": "%-yks.", "sv": "%-enh.", "en": "pp"}
"""Percentage points, as a change of a share is written in each language."""


def _plain(value: float, decimals: int, lang: str, *, signed: bool = False) -> str:
    """`value` with thousands grouped and `decimals` places: 1,141.5 in English, 1 141,5 in
    Finnish and Swedish (no-break space, decimal comma, a real minus sign)."""
    text = f"{abs(value):,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", _NBSP).replace(".", ",")
    negative = value < 0 and float(text.replace(_NBSP, "").replace(",", ".")) != 0
    if negative:
        return ("\u2212" if lang in ("fi", "sv") else "-") + text
    return "+" + text if signed and value > 0 else text


def figure(value: Any, metric: str, lang: str = "en") -> str:
    """A figure as the report prints it in `lang`: a share as a percentage, a hidden one as a
    dash (1 141 · 66,4 % · +0,75 in Finnish; 1,141 · 66.4% · +0.75 in English)."""
    if value is None:
        return "—"
    signed = metric in _SIGNED
    if metric in _PERCENT:
        shown = _plain(value * 100, 1, lang, signed=signed)
        return f"{shown}{_NBSP}%" if lang in ("fi", "sv") else f"{shown}%"
    if isinstance(value, float):
        return _plain(value, 2 if abs(value) < 100 else 0, lang, signed=signed)
    return _plain(value, 0, lang, signed=signed)


def change(value: Any, metric: str, lang: str = "en") -> str:
    """The change of a figure from the previous period: signed; a share's in percentage
    points."""
    if value is None:
        return "—"
    if metric in _PERCENT:
        return f"{_plain(value * 100, 1, lang, signed=True)}{_NBSP}{_PP.get(lang, 'pp')}"
    if (isinstance(value, float) and not float(value).is_integer()) or metric in _SIGNED:
        return _plain(float(value), 2, lang, signed=True)
    return _plain(value, 0, lang, signed=True)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("evaluation.reports.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        t=_text,
        metric=_metric,
        dimension=_dimension,
        group=_group,
        figure=_figure,
        change=_change,
        day=_day,
        zip=lambda left, right: list(zip(left, right, strict=True)),
    )
    env.globals.update(
        under_served=UNDER_SERVED,
        quality_metrics=list(_QUALITY),
        topic_metrics=list(_TOPIC),
        group_bars=_group_bars,
        sessions_columns=_sessions_columns,
        trend_lines=_trend_lines,
        metric_bars=_metric_bars,
    )
    return env


# Labels in the page's language: the templates call them as filters ("reach"|t).


@pass_context
def _text(ctx: Context, key: str, **values: object) -> str:
    return text(key, ctx["lang"], **values)


@pass_context
def _figure(ctx: Context, value: Any, metric: str) -> str:
    return figure(value, metric, ctx["lang"])


@pass_context
def _day(ctx: Context, value: Any) -> str:
    """A date as the reader writes it: 6.12.2026 in Finnish and Swedish, 2026-12-06 else."""
    if ctx["lang"] in ("fi", "sv"):
        return f"{value.day}.{value.month}.{value.year}"
    return str(value.isoformat())


@pass_context
def _change(ctx: Context, value: Any, metric: str) -> str:
    return change(value, metric, ctx["lang"])


@pass_context
def _metric(ctx: Context, key: str) -> str:
    return metric_label(key, ctx["lang"])


@pass_context
def _dimension(ctx: Context, key: str) -> str:
    return dimension_label(key, ctx["lang"])


@pass_context
def _group(ctx: Context, key: str) -> str:
    return group_label(key, ctx["lang"], ctx["topics"])


# Charts: the SVG is built (and its text escaped) in svg_charts, so it is safe markup here.


@pass_context
def _group_bars(ctx: Context, title: str, rows: Sequence[GroupCount]) -> Markup:
    """Sessions per group; "not answered" (usually the largest) stays in the table only."""
    shown = [(_group(ctx, r.group), r.sessions) for r in rows if r.group != NOT_ANSWERED]
    return Markup(charts.bars(title, shown))


def _sessions_columns(title: str, series: Iterable[SeriesPoint]) -> Markup:
    return Markup(charts.columns(title, [(p.start.isoformat(), p.sessions) for p in series]))


@pass_context
def _trend_lines(ctx: Context, title: str, trend: Sequence[QualityPoint]) -> Markup:
    labels = [p.start.isoformat() for p in trend]
    lines = [(_metric(ctx, m), [getattr(p, m) for p in trend]) for m in _TRENDS]
    return Markup(charts.lines(title, labels, lines))


@pass_context
def _metric_bars(ctx: Context, title: str, item: object, names: Sequence[str]) -> Markup:
    return Markup(charts.bars(title, [(_metric(ctx, n), getattr(item, n)) for n in names]))
