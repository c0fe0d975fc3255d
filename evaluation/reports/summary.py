"""The summary report: reach, quality, effectiveness, knowledge gaps and evaluation runs for a
period, computed from the telemetry store (read only) with small groups suppressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine

from evaluation.golden.stored_runs import recent_runs
from evaluation.reports.baseline import Baseline
from evaluation.reports.effectiveness import effectiveness
from evaluation.reports.facts.cache import FactsCache
from evaluation.reports.facts.store_reader import Facts
from evaluation.reports.gap_queue import marks
from evaluation.reports.group_filter import Filter, FilteredSummary, filtered_view
from evaluation.reports.knowledge_gaps import knowledge_gaps
from evaluation.reports.quality import quality
from evaluation.reports.reach import reach
from evaluation.reports.schema import (
    Effectiveness,
    Gaps,
    KeyFigure,
    PeriodPublic,
    Quality,
    Reach,
    Summary,
)
from evaluation.reports.suppression import suppress
from knowledge_base.embedding import Embedder

__all__ = ["Filter", "Period", "summary", "suppress"]

LOOKBACK_DAYS = 365
MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] in UTC days."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("the period starts after it ends")
        if (self.end - self.start).days >= MAX_PERIOD_DAYS:
            raise ValueError(f"a period is at most {MAX_PERIOD_DAYS} days")

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Datetime bounds [start 00:00, end+1 00:00)."""
        lo = dt.datetime.combine(self.start, dt.time(), tzinfo=dt.UTC)
        hi = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        return lo, hi


KEY_FIGURES = (
    "sessions",
    "users",
    "returning_users",
    "messages",
    "satisfaction",
    "helpful_rate",
    "no_answer_rate",
    "mean_change",
)


def key_values(reach_: Any, quality_: Any, effectiveness_: Any) -> dict[str, float | None]:
    """The key figures of a report's sections (learners' quality)."""
    learner = quality_.learner.overall
    return {
        "sessions": reach_.sessions,
        "users": reach_.users,
        "returning_users": reach_.returning_users,
        "messages": learner.messages,
        "satisfaction": learner.satisfaction,
        "helpful_rate": learner.helpful_rate,
        "no_answer_rate": learner.no_answer_rate,
        "mean_change": effectiveness_.mean_change,
    }


def compare(now: dict[str, float | None], before: dict[str, float | None]) -> list[KeyFigure]:
    """Each key figure with its previous value and the change (None when either is hidden)."""
    out = []
    for name in KEY_FIGURES:
        value, previous = now.get(name), before.get(name)
        change = None if value is None or previous is None else round(value - previous, 4)
        out.append(KeyFigure(name=name, value=value, previous=previous, change=change))
    return out


@dataclass(frozen=True)
class _Sections:
    """The reach, quality and effectiveness of some days, and the facts they came from."""

    facts: Facts
    earlier_users: np.ndarray
    """User hashes of the lookback before the first day."""
    reach: Reach
    quality: Quality
    effectiveness: Effectiveness


def _sections(
    cache: FactsCache,
    first: dt.date,
    last: dt.date,
    *,
    today: dt.date | None,
    minimum: int,
    lookback_days: int,
    baseline: Baseline | None,
    parts: tuple[str, ...],
) -> _Sections:
    """The sections every report computes, for the days first..last."""
    facts = cache.facts(first, last, today=today, parts=parts)
    earlier = cache.facts(
        first - dt.timedelta(days=lookback_days),
        first - dt.timedelta(days=1),
        today=today,
        parts=("sessions",),
    ).sessions.user
    return _Sections(
        facts=facts,
        earlier_users=earlier,
        reach=reach(
            facts.sessions,
            earlier,
            first,
            last,
            minimum=minimum,
            lookback_days=lookback_days,
            baseline=baseline,
        ),
        quality=quality(facts.counts, first, last, minimum=minimum),
        effectiveness=effectiveness(facts.sessions, minimum=minimum),
    )


def _previous(
    cache: FactsCache, period: Period, *, today: dt.date | None, minimum: int, lookback_days: int
) -> tuple[Period, dict[str, float | None]] | None:
    """The key figures of the as many days just before `period` (none before 1970)."""
    days = period.end - period.start
    end = period.start - dt.timedelta(days=1)
    start = end - days
    if start < dt.date(1970, 1, 2):
        return None
    before = _sections(
        cache,
        start,
        end,
        today=today,
        minimum=minimum,
        lookback_days=lookback_days,
        baseline=None,
        parts=("sessions", "counts"),
    )
    return Period(start, end), key_values(before.reach, before.quality, before.effectiveness)


def summary(
    engine: Engine,
    period: Period,
    *,
    min_group_size: int,
    cache_dir: Path | None = None,
    baseline: Baseline | None = None,
    embedder: Embedder | None = None,
    lookback_days: int = LOOKBACK_DAYS,
    today: dt.date | None = None,
    group: Filter | None = None,
) -> Summary:
    """The whole report for `period`; gaps only when an embedder is given; with `group`, also
    the figures of that language or channel (`evaluation.reports.group_filter`)."""
    cache = FactsCache(engine, cache_dir)
    minimum = min_group_size
    now = _sections(
        cache,
        period.start,
        period.end,
        today=today,
        minimum=minimum,
        lookback_days=lookback_days,
        baseline=baseline,
        parts=("sessions", "counts", "gaps") if embedder else ("sessions", "counts"),
    )
    report = Summary(
        period=PeriodPublic(start=period.start, end=period.end),
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        min_group_size=minimum,
        reach=now.reach,
        quality=now.quality,
        effectiveness=now.effectiveness,
        gaps=_gaps(engine, now.facts, embedder, minimum),
        eval_runs=recent_runs(engine),
    )
    previous = _previous(cache, period, today=today, minimum=minimum, lookback_days=lookback_days)
    if previous is not None:
        report.previous_period = PeriodPublic(start=previous[0].start, end=previous[0].end)
        figures = key_values(report.reach, report.quality, report.effectiveness)
        report.key_figures = compare(figures, previous[1])
    if group is None:
        return report
    facts = now.facts
    view = filtered_view(
        report, facts.sessions, now.earlier_users, facts.counts, group, minimum=minimum
    )
    return FilteredSummary(**dict(report), filter=view)


def _gaps(engine: Engine, facts: Facts, embedder: Embedder | None, minimum: int) -> Gaps | None:
    """The knowledge gaps of `facts`, or None without an embedder to group them with."""
    if embedder is None:
        return None
    return knowledge_gaps(engine, facts.gaps, embedder, minimum=minimum, marks=marks(engine))
