"""The report as tidy CSV: one figure a row, `section,dimension,group,metric,value`.

An empty value is a hidden figure (a small group, or one that would reveal a hidden figure) or
one that does not apply (e.g. latency per topic).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from evaluation.reports.schema import Gaps, GapTheme, QualityBlock, Reach, Summary

HEADER = ("section", "dimension", "group", "metric", "value")
Row = tuple[str, str, str, str, Any]


def _figures(
    section: str, dimension: str, group: str, item: BaseModel, skip: set[str]
) -> Iterator[Row]:
    for name, value in item.model_dump().items():
        if name not in skip and not isinstance(value, list | dict):
            yield section, dimension, group, name, value


def _quality(section: str, block: QualityBlock) -> Iterator[Row]:
    yield from _figures(section, "all", "all", block.overall, set())
    for dimension in ("language", "channel", "topic"):
        for g in getattr(block, f"by_{dimension}"):
            yield from _figures(section, dimension, g.group, g, {"group"})
    for p in block.trend:
        yield from _figures(section, block.trend_unit, p.start.isoformat(), p, {"start"})


def rows(summary: Summary) -> Iterator[Row]:
    """Every figure of the report as a row."""
    yield from _period(summary)
    yield from _reach(summary.reach)
    yield from _quality("quality_learner", summary.quality.learner)
    yield from _quality("quality_counsellor", summary.quality.counsellor)
    e = summary.effectiveness
    yield from _figures("effectiveness", "all", "all", e, set())
    for c in e.by_language:
        yield from _figures("effectiveness", "language", c.group, c, {"group"})
    if summary.gaps:
        yield from _gaps(summary.gaps)
    for run in summary.eval_runs:
        group = run.created_at.isoformat()
        yield from _figures("eval_runs", "run", group, run, {"created_at"})
        for language, rate in run.by_language.items():
            yield "eval_runs", "run", group, f"pass_rate_{language}", rate
        for kind, rate in run.by_kind.items():
            yield "eval_runs", "run", group, f"pass_rate_{kind}", rate


def _period(summary: Summary) -> Iterator[Row]:
    """The period, the privacy threshold, the previous period and the key figures."""
    yield "report", "period", "all", "start", summary.period.start.isoformat()
    yield "report", "period", "all", "end", summary.period.end.isoformat()
    yield "report", "privacy", "all", "min_group_size", summary.min_group_size
    if summary.previous_period:
        yield "report", "previous_period", "all", "start", summary.previous_period.start.isoformat()
        yield "report", "previous_period", "all", "end", summary.previous_period.end.isoformat()
    for k in summary.key_figures:
        yield "key_figures", "period", "current", k.name, k.value
        yield "key_figures", "period", "previous", k.name, k.previous
        yield "key_figures", "period", "change", k.name, k.change


def _reach(r: Reach) -> Iterator[Row]:
    for name in ("sessions", "users", "new_users", "returning_users", "lookback_days"):
        yield "reach", "all", "all", name, getattr(r, name)
    for unit in ("day", "week", "month"):
        for p in getattr(r, f"by_{unit}"):
            yield from _figures("reach", unit, p.start.isoformat(), p, {"start"})
    for dimension in ("channel", "language", "region", "age_band", "life_situation"):
        for g in getattr(r, f"by_{dimension}"):
            yield from _figures("reach", dimension, g.group, g, {"group"})
    if r.baseline:
        yield "reach", "baseline", "all", "source", r.baseline.source
        for dimension in ("region", "age_band"):
            for b in getattr(r.baseline, dimension):
                yield from _figures("reach_baseline", dimension, b.group, b, {"group"})


def _gaps(g: Gaps) -> Iterator[Row]:
    yield from _figures("gaps", "all", "all", g, set())
    for number, theme in enumerate(g.themes, start=1):
        yield from _theme(f"theme {number}", theme)
    for reason, n in g.not_covered.items():
        yield "gaps", "not_covered", reason, "questions", n
    for number, answer in enumerate(g.reported, start=1):
        group = f"reported {number}"
        yield "gaps", "reported", group, "question", answer.question
        yield "gaps", "reported", group, "kind", answer.kind
        yield "gaps", "reported", group, "sources", ",".join(answer.sources)
        yield "gaps", "reported", group, "reports", answer.reports
        for i, comment in enumerate(answer.comments, start=1):
            yield "gaps", "reported", group, f"comment_{i}", comment


def _theme(group: str, theme: GapTheme) -> Iterator[Row]:
    yield "gaps", "theme", group, "label", theme.label
    yield "gaps", "theme", group, "questions", theme.questions
    for language, n in theme.languages.items():
        yield "gaps", "theme", group, f"language_{language}", n
    for reason, n in theme.reasons.items():
        yield "gaps", "theme", group, f"reason_{reason}", n
    for i, example in enumerate(theme.examples, start=1):
        yield "gaps", "theme", group, f"example_{i}", example
    for reason, n in theme.reply_reasons.items():
        yield "gaps", "theme", group, f"why_{reason}", n
    if theme.status:
        yield "gaps", "theme", group, "status", theme.status.state
        yield "gaps", "theme", group, "fixed_by", theme.status.fixed_by
        yield "gaps", "theme", group, "new_since", theme.status.new_since


def render_csv(summary: Summary) -> str:
    """The report as CSV text (UTF-8, header first, `\\r\\n` line ends as RFC 4180 asks)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows(summary):
        value = row[4]
        writer.writerow((*row[:4], "" if value is None else value))
    return out.getvalue()
