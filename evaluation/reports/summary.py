"""The summary report: reach, quality, effectiveness, knowledge gaps and evaluation runs for a
period, computed from the telemetry store (read only) with small groups suppressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from evaluation.golden.stored_runs import recent_runs
from evaluation.reports.baseline import Baseline
from evaluation.reports.effectiveness import effectiveness
from evaluation.reports.facts.cache import FactsCache
from evaluation.reports.gap_queue import marks
from evaluation.reports.group_filter import Filter, FilteredSummary, filtered_view
from evaluation.reports.knowledge_gaps import knowledge_gaps
from evaluation.reports.quality import quality
from evaluation.reports.reach import reach
from evaluation.reports.schema import PeriodPublic, Summary
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
    wanted = ("sessions", "counts", "gaps") if embedder else ("sessions", "counts")
    facts = cache.facts(period.start, period.end, today=today, parts=wanted)
    before = period.start - dt.timedelta(days=1)
    earlier = cache.facts(
        period.start - dt.timedelta(days=lookback_days), before, today=today, parts=("sessions",)
    ).sessions.user
    minimum = min_group_size
    report = Summary(
        period=PeriodPublic(start=period.start, end=period.end),
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        min_group_size=minimum,
        reach=reach(
            facts.sessions,
            earlier,
            period.start,
            period.end,
            minimum=minimum,
            lookback_days=lookback_days,
            baseline=baseline,
        ),
        quality=quality(facts.counts, period.start, period.end, minimum=minimum),
        effectiveness=effectiveness(facts.sessions, minimum=minimum),
        gaps=(
            knowledge_gaps(engine, facts.gaps, embedder, minimum=minimum, marks=marks(engine))
            if embedder
            else None
        ),
        eval_runs=recent_runs(engine),
    )
    if group is None:
        return report
    view = filtered_view(report, facts.sessions, earlier, facts.counts, group, minimum=minimum)
    return FilteredSummary(**dict(report), filter=view)
