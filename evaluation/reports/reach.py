"""Reach: sessions and distinct users over time and by group, new versus returning, and the
share of users against a population baseline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from evaluation.reports.baseline import Baseline
from evaluation.reports.facts.columns import Sessions, day_date
from evaluation.reports.grouping import (
    NOT_ANSWERED,
    Groups,
    Users,
    all_buckets,
    bucket_starts,
)
from evaluation.reports.schema import (
    BaselineComparison,
    BaselineRow,
    GroupCount,
    Reach,
    SeriesPoint,
    Unit,
)
from evaluation.reports.suppression import Sum, count, share, suppress, suppress_linked

UNITS: tuple[Unit, ...] = ("day", "week", "month")


def reach(
    sessions: Sessions,
    earlier_users: np.ndarray,
    first: dt.date,
    last: dt.date,
    *,
    minimum: int,
    lookback_days: int,
    baseline: Baseline | None = None,
) -> Reach:
    """The reach section for sessions of the days first..last; `earlier_users` are the user
    hashes seen in the lookback before `first`."""
    users = Users(sessions.user)
    n_users = len(users)
    returning = users.returning(earlier_users)
    split = suppress({"new": n_users - returning, "returning": returning}, minimum)
    series = _series(sessions, users, first, last, minimum)
    breakdowns, comparison = _breakdowns(sessions, users, minimum, baseline)
    return Reach(
        sessions=count(len(sessions), minimum),
        users=count(n_users, minimum),
        new_users=split["new"],
        returning_users=split["returning"],
        lookback_days=lookback_days,
        by_day=series["day"],
        by_week=series["week"],
        by_month=series["month"],
        by_channel=breakdowns["channel"],
        by_language=breakdowns["language"],
        by_region=breakdowns["region"],
        by_age_band=breakdowns["age_band"],
        by_life_situation=breakdowns["life_situation"],
        baseline=BaselineComparison(
            source=baseline.source,
            region=comparison.get("region", []),
            age_band=comparison.get("age_band", []),
        )
        if baseline
        else None,
    )


def _breakdowns(
    sessions: Sessions, users: Users, minimum: int, baseline: Baseline | None
) -> tuple[dict[str, list[GroupCount]], dict[str, list[BaselineRow]]]:
    """Sessions and users by channel, language, region, age band and life situation, and the
    users against the population baseline where it has the dimension."""
    n_users = len(users)
    breakdowns: dict[str, list[GroupCount]] = {}
    comparison: dict[str, list[BaselineRow]] = {}
    names = ("channel", "language", "region", "age_band", "life_situation")
    grouped = [Groups.of(getattr(sessions, name)) for name in names]
    for name, groups, per_group in zip(names, grouped, users.per_groups(grouped), strict=True):
        counted = suppress(dict(zip(groups.names, groups.counts().tolist(), strict=True)), minimum)
        distinct = dict(zip(groups.names, per_group.tolist(), strict=True))
        answered = [g for g in groups.names if g != NOT_ANSWERED]
        # One suppression for both tables, so neither can fill in the other's hidden cells.
        shown_users = suppress_linked(
            {**distinct, "<all>": n_users, "<answered>": sum(distinct[g] for g in answered)},
            [Sum("<all>", tuple(groups.names)), Sum("<answered>", tuple(answered))],
            minimum,
        )
        breakdowns[name] = sorted(
            (GroupCount(group=g, sessions=counted[g], users=shown_users[g]) for g in groups.names),
            key=lambda c: (c.group == NOT_ANSWERED, -(c.sessions or 0), c.group),
        )
        if baseline and name in baseline.population:
            comparison[name] = _compare(baseline.population[name], shown_users, answered)
    return breakdowns, comparison


def _series(
    sessions: Sessions,
    users: Users,
    first: dt.date,
    last: dt.date,
    minimum: int,
) -> dict[Unit, list[SeriesPoint]]:
    cells: dict[Any, int] = {"total": len(sessions)}
    links: list[Sum[Any]] = []
    distinct: dict[Unit, dict[int, int]] = {}
    for unit in UNITS:
        starts = all_buckets(first, last, unit)
        groups = Groups.by_time(sessions.day, starts, unit)
        cells.update({(unit, s): int(c) for s, c in zip(starts, groups.counts(), strict=True)})
        links.append(Sum("total", tuple((unit, s) for s in starts)))
        distinct[unit] = dict(zip(starts, users.per_group(groups).tolist(), strict=True))
    # A week (and a month) is published as the sum of its days: suppress them together.
    day_starts = np.array([k[1] for k in cells if isinstance(k, tuple) and k[0] == "day"])
    for unit in ("week", "month"):
        parents: dict[int, list[Any]] = {}
        for day, parent in zip(
            day_starts.tolist(), bucket_starts(day_starts, unit).tolist(), strict=True
        ):
            parents.setdefault(parent, []).append(("day", day))
        links.extend(Sum((unit, p), tuple(days)) for p, days in parents.items())
    shown = suppress_linked(cells, links, minimum)
    out: dict[Unit, list[SeriesPoint]] = {}
    for unit in UNITS:
        users_shown = suppress(distinct[unit], minimum, total=False)
        out[unit] = [
            SeriesPoint(
                start=max(first, day_date(s)), sessions=shown[(unit, s)], users=users_shown[s]
            )
            for s in sorted(distinct[unit])
        ]
    return out


def _compare(
    population: dict[str, int], users: dict[str, int | None], answered: list[str]
) -> list[BaselineRow]:
    whole = users["<answered>"]
    people = sum(population.values())
    rows = []
    for group, size in sorted(population.items()):
        n = users.get(group, 0) if group in answered else 0
        user_share = share(n, whole)
        population_share = round(size / people, 4)
        rows.append(
            BaselineRow(
                group=group,
                users=n,
                user_share=user_share,
                population_share=population_share,
                representation=round(user_share / population_share, 2)
                if user_share is not None
                else None,
            )
        )
    return rows
