"""The report for one language or one channel: the figures the dashboard's filter shows.

A filtered figure is one column of a table whose rows the whole report already publishes: the
sessions of Finnish speakers on a day are a part of that day's sessions, next to the other
languages' parts. Showing each column on its own, one request at a time, publishes the whole
table, so each table is suppressed as a whole (`suppress_linked`) with both kinds of sums tied
in: a row adds up to the whole report's figure (the day's sessions), a column to the group's
figure in the whole report's breakdown (Finnish sessions). Every sum is treated as published,
even one the whole report hides (it may be the difference of figures it does show), so a hidden
cell always has a hidden partner in its row and in its column, and no difference of published
figures gives it away, whichever filter is asked for. The table is the same whichever group is
picked, so every request hides the same cells.

A group that the whole report hides in its breakdown (too small, or hidden to protect a small
one) is not shown at all. Figures the facts cannot split by the group (topics, knowledge gaps;
clarity by channel) are not in the filtered view: the dashboard says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from evaluation.reports.facts.columns import Sessions, day_date, day_number
from evaluation.reports.facts.daily_counts import Counts
from evaluation.reports.grouping import Groups, all_buckets, trend_unit
from evaluation.reports.schema import (
    ClarityGroup,
    GroupCount,
    QualityGroup,
    SeriesPoint,
    Summary,
    Unit,
)
from evaluation.reports.suppression import Sum, suppress_linked

Dimension = Literal["language", "channel"]
DIMENSIONS: tuple[Dimension, ...] = ("language", "channel")
_BREAKDOWNS = ("language", "channel", "region", "age_band", "life_situation")


@dataclass(frozen=True)
class Filter:
    """Only the sessions and questions in one language or one channel."""

    kind: Dimension
    value: str


class TrendPoint(BaseModel):
    """Questions in one trend bucket."""

    start: dt.date
    messages: int | None


class FilteredBreakdown(BaseModel):
    """Sessions of the group, split by another dimension."""

    name: str = Field(description="channel, language, region, age_band or life_situation")
    groups: list[GroupCount] = Field(description="`users` is not split by a filter: null")


class FilteredView(BaseModel):
    """The figures of one language or channel (null where hidden)."""

    kind: Dimension
    value: str
    shown: bool = Field(description="false when the whole report hides this group: too small")
    sessions: int | None
    users: int | None
    new_users: int | None
    returning_users: int | None
    sessions_trend: list[SeriesPoint] = Field(
        description="sessions per trend bucket, as `learner_trend` (`users` is null); one series "
        "only, as a group's weeks next to its days would give hidden days away"
    )
    breakdowns: list[FilteredBreakdown]
    learner: QualityGroup | None = Field(description="learners' quality figures for the group")
    counsellor: QualityGroup | None
    learner_trend: list[TrendPoint] = Field(description="learners' questions per trend bucket")
    trend_unit: Unit
    effectiveness: ClarityGroup | None = Field(description="clarity change: languages only")


class FilteredSummary(Summary):
    """The summary, with the figures of one group when a filter was asked for."""

    filter: FilteredView | None = None


def column(cells: np.ndarray, linked: Sequence[bool], minimum: int) -> np.ndarray:
    """Suppress a table of groups (axis 0) by parts (axis 1) as a whole; None where hidden.

    Every row (a part: a day, a region) is tied to its sum over the groups, and every group g
    with `linked[g]` to its sum over the parts (False: the group has no published total, say
    'unknown'). The sums are taken as published even where the whole report hides one: it may
    still be the difference of figures it does publish (a week minus its other days)."""
    groups, parts = cells.shape
    counts: dict[Hashable, int] = {}
    links: list[Sum[Hashable]] = []
    for j in range(parts):
        counts[("row", j)] = int(cells[:, j].sum())
        links.append(Sum(("row", j), tuple(("cell", g, j) for g in range(groups))))
    for g in range(groups):
        for j in range(parts):
            counts[("cell", g, j)] = int(cells[g, j])
        if linked[g]:
            counts[("column", g)] = int(cells[g].sum())
            links.append(Sum(("column", g), tuple(("cell", g, j) for j in range(parts))))
    shown = suppress_linked(counts, links, minimum)
    out = np.empty((groups, parts), dtype=object)
    for g in range(groups):
        for j in range(parts):
            out[g, j] = shown[("cell", g, j)]
    return out


def filtered_view(
    report: Summary,
    sessions: Sessions,
    earlier_users: np.ndarray,
    counts: Counts,
    group: Filter,
    *,
    minimum: int,
) -> FilteredView:
    """The figures of `group`, consistent with `report` (the whole report of the same facts)."""
    first, last = report.period.start, report.period.end
    unit = trend_unit(first, last)
    reach = report.reach
    own = {r.group: r for r in getattr(reach, f"by_{group.kind}")}
    learner = {r.group: r for r in getattr(report.quality.learner, f"by_{group.kind}")}
    counsellor = {r.group: r for r in getattr(report.quality.counsellor, f"by_{group.kind}")}
    clarity = {r.group: r for r in report.effectiveness.by_language}
    mine = own.get(group.value)
    shown = mine is not None and mine.sessions is not None and mine.users is not None
    if not shown:
        return _hidden(group, 0 if mine is None else mine.sessions, unit)
    assert mine is not None
    groups = Groups.of(getattr(sessions, group.kind))
    pick = groups.names.index(group.value)
    linked = [True] * len(groups.names)
    return FilteredView(
        kind=group.kind,
        value=group.value,
        shown=True,
        sessions=mine.sessions,
        users=mine.users,
        **_new_returning(report, sessions, groups, earlier_users, linked, pick, minimum),
        sessions_trend=_sessions_trend(report, sessions, groups, linked, pick, unit, minimum),
        breakdowns=[
            _breakdown(report, sessions, groups, linked, name, pick, minimum)
            for name in _BREAKDOWNS
            if name != group.kind
        ],
        learner=_quality_row(learner.get(group.value)),
        counsellor=_quality_row(counsellor.get(group.value)),
        learner_trend=_learner_trend(report, counts, group, unit, minimum),
        trend_unit=unit,
        effectiveness=clarity.get(group.value) if group.kind == "language" else None,
    )


def _hidden(group: Filter, sessions: int | None, unit: Unit) -> FilteredView:
    """The view of a group the whole report hides: nothing but its (hidden) sessions."""
    return FilteredView(
        kind=group.kind,
        value=group.value,
        shown=False,
        sessions=sessions,
        users=None,
        new_users=None,
        returning_users=None,
        sessions_trend=[],
        breakdowns=[],
        learner=None,
        counsellor=None,
        learner_trend=[],
        trend_unit=unit,
        effectiveness=None,
    )


def _quality_row(row: QualityGroup | None) -> QualityGroup | None:
    return row if row is not None and row.messages is not None else None


def _new_returning(
    report: Summary,
    sessions: Sessions,
    groups: Groups,
    earlier: np.ndarray,
    linked: list[bool],
    pick: int,
    minimum: int,
) -> dict[str, int | None]:
    # Users of each group, new or seen before; a user of two groups counts in both, so the
    # rows are not exact sums: linking them anyway only hides more.
    cells = np.zeros((len(groups.names), 2), dtype=np.int64)
    for g in range(len(groups.names)):
        mine = np.unique(sessions.user[groups.index == g])
        back = int(np.isin(mine, earlier).sum()) if len(earlier) else 0
        cells[g] = (len(mine) - back, back)
    out = column(cells, linked, minimum)
    return {"new_users": out[pick, 0], "returning_users": out[pick, 1]}


def _sessions_trend(
    report: Summary,
    sessions: Sessions,
    groups: Groups,
    linked: list[bool],
    pick: int,
    unit: Unit,
    minimum: int,
) -> list[SeriesPoint]:
    first = report.period.start
    starts = all_buckets(first, report.period.end, unit)
    bucket = Groups.by_time(sessions.day, starts, unit).index.astype(np.int64)
    n = len(starts)
    cells = np.bincount(
        groups.index.astype(np.int64) * n + bucket, minlength=len(groups.names) * n
    ).reshape(len(groups.names), n)
    out = column(cells, linked, minimum)
    return [
        SeriesPoint(start=max(first, day_date(s)), sessions=out[pick, j], users=None)
        for j, s in enumerate(starts)
    ]


def _breakdown(
    report: Summary,
    sessions: Sessions,
    groups: Groups,
    linked: list[bool],
    name: str,
    pick: int,
    minimum: int,
) -> FilteredBreakdown:
    published: list[GroupCount] = getattr(report.reach, f"by_{name}")
    other = Groups.of(getattr(sessions, name))
    order = [other.names.index(r.group) for r in published]
    cells = np.bincount(
        groups.index.astype(np.int64) * len(other.names) + other.index,
        minlength=len(groups.names) * len(other.names),
    ).reshape(len(groups.names), len(other.names))[:, order]
    out = column(cells, linked, minimum)
    return FilteredBreakdown(
        name=name,
        groups=[
            GroupCount(group=r.group, sessions=out[pick, j], users=None)
            for j, r in enumerate(published)
        ],
    )


def _learner_trend(
    report: Summary, counts: Counts, group: Filter, unit: Unit, minimum: int
) -> list[TrendPoint]:
    first, last = report.period.start, report.period.end
    c = counts.between(day_number(first), day_number(last))
    names = c.languages if group.kind == "language" else c.channels
    trend = report.quality.learner.trend
    if group.value not in names:
        return [TrendPoint(start=p.start, messages=0) for p in trend]
    # (day, language+1, channel+1): learners' questions; the last language/channel is unknown.
    per_day = c.messages[:, 0].sum(axis=-1, dtype=np.int64)
    per_day = per_day.sum(axis=2) if group.kind == "language" else per_day.sum(axis=1)
    starts = all_buckets(first, last, unit)
    days = np.arange(c.first, c.first + c.days, dtype=np.int32)
    bucket = Groups.by_time(days, starts, unit).index
    cells = np.zeros((len(names) + 1, len(starts)), dtype=np.int64)
    np.add.at(cells.T, bucket, per_day)
    # Questions of an unknown language or channel have no published total of their own.
    out = column(cells, [True] * len(names) + [False], minimum)
    pick = names.index(group.value)
    return [TrendPoint(start=p.start, messages=out[pick, j]) for j, p in enumerate(trend)]
