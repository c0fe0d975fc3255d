"""The figures of one language or channel: they add up where shown, and no filter, nor all of
them together with the whole report, gives away a cell the whole report hides."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import numpy as np
import pytest

from evaluation.reports.group_filter import (
    DIMENSIONS,
    Filter,
    FilteredSummary,
    FilteredView,
    column,
)
from evaluation.reports.schema import Summary
from evaluation.reports.summary import Period, summary
from tests.evaluation.conftest import MARCH, TODAY, Store

MINIMUM = 5
LANGUAGES = {"fi": 0.8, "sv": 0.06, "en": 0.14}
CHANNELS = {"web": 0.85, "api": 0.1, "counsellor": 0.05}
REGIONS = ("uusimaa", "pirkanmaa", "lappi", None)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@pytest.fixture
def traffic(store: Store) -> tuple[Store, list[dict[str, str | None]]]:
    """300 random sessions in March, each with one learner question; their dimensions kept."""
    rng = random.Random(7)
    rows: list[dict[str, str | None]] = []
    for i in range(300):
        day = f"2026-03-{rng.randint(1, 31):02d}"
        row = {
            "day": day,
            "language": _pick(rng, LANGUAGES),
            "channel": _pick(rng, CHANNELS),
            "region": rng.choice(REGIONS),
        }
        profile: dict[str, Any] = {"region": row["region"]} if row["region"] else {}
        store.session(
            day,
            user=f"u{i % 260}",
            language=str(row["language"]),
            channel=str(row["channel"]),
            **profile,
        )
        rows.append(row)
    store.flush()
    return store, rows


def _report(store: Store, group: Filter | None = None) -> Summary:
    return summary(store.engine, MARCH, min_group_size=MINIMUM, today=TODAY, group=group)


def _view(store: Store, group: Filter, period: Period = MARCH) -> FilteredView:
    report = summary(store.engine, period, min_group_size=MINIMUM, today=TODAY, group=group)
    assert isinstance(report, FilteredSummary) and report.filter is not None
    return report.filter


def _safe(true: dict[str, int], shown: dict[str, int | None]) -> bool:
    """Hidden positive cells of a sum: none, or several adding up to >= MINIMUM; or the sum
    itself is below MINIMUM (so hidden, and protected, by the whole report)."""
    if 0 < sum(true.values()) < MINIMUM:
        return True
    hidden = [key for key, value in shown.items() if value is None and true.get(key, 0) > 0]
    return not hidden or (len(hidden) > 1 and sum(true[k] for k in hidden) >= MINIMUM)


@pytest.mark.parametrize("kind", DIMENSIONS)
def test_no_filter_reveals_a_hidden_cell(
    traffic: tuple[Store, list[dict[str, str | None]]], kind: str
) -> None:
    store, rows = traffic
    whole = _report(store)
    groups = sorted({str(r[kind]) for r in rows})
    views = {g: _view(store, Filter(kind, g)) for g in groups}  # type: ignore[arg-type]
    published = {r.group: r.sessions for r in getattr(whole.reach, f"by_{kind}")}
    # A group hidden in the whole report shows nothing, not even through its own filter.
    for g, view in views.items():
        assert view is not None
        if published[g] is None:
            assert not view.shown and view.sessions is None and not view.sessions_trend
    # Every day: the day's sessions (published by the whole report) split by group.
    for point in whole.reach.by_day:
        day = point.start.isoformat()
        true = Counter(str(r[kind]) for r in rows if r["day"] == day)
        shown = {
            g: (
                next(p.sessions for p in v.sessions_trend if p.start == point.start)
                if v is not None and v.shown
                else None
            )
            for g, v in views.items()
        }
        # Even where the whole report hides the day: a week minus its other days may give it.
        assert _safe(true, shown), (day, true, shown)
        for g, value in shown.items():
            assert value is None or value == true[g]
            assert value is None or value == 0 or value >= MINIMUM
    # Every group: its days add up to its published total.
    for g, view in views.items():
        if view is None or not view.shown:
            continue
        true = Counter(str(r["day"]) for r in rows if r[kind] == g)
        shown = {p.start.isoformat(): p.sessions for p in view.sessions_trend}
        assert _safe(true, shown), (g, true, shown)
    # Every region: split by group (the rows of the region breakdown).
    for region in whole.reach.by_region:
        true = Counter(
            str(r[kind]) for r in rows if (r["region"] or "not_answered") == region.group
        )
        shown = {}
        for g, view in views.items():
            cells = (
                {
                    c.group: c.sessions
                    for b in view.breakdowns
                    if b.name == "region"
                    for c in b.groups
                }
                if view is not None and view.shown
                else {}
            )
            shown[g] = cells.get(region.group)
        assert _safe(true, shown), (region.group, true, shown)


def test_learner_trend_and_figures_of_a_group(
    traffic: tuple[Store, list[dict[str, str | None]]],
) -> None:
    store, rows = traffic
    report = _report(store, Filter("language", "fi"))
    assert isinstance(report, FilteredSummary) and report.filter is not None
    view = report.filter
    fi = [r for r in rows if r["language"] == "fi"]
    assert view.shown and view.sessions == len(fi)
    assert view.learner is not None and view.learner.messages == len(fi)
    assert view.trend_unit == "day" and len(view.learner_trend) == 31
    for point in view.learner_trend:
        true = sum(1 for r in fi if r["day"] == point.start.isoformat())
        assert point.messages is None or point.messages == true
    assert sum(p.messages or 0 for p in view.learner_trend) <= len(fi)
    # The whole report is the same with or without a filter.
    assert report.reach == _report(store).reach


def test_an_unknown_group_has_no_figures(
    traffic: tuple[Store, list[dict[str, str | None]]],
) -> None:
    store, _ = traffic
    view = _view(store, Filter("channel", "telegram"))
    assert not view.shown and view.sessions == 0


def test_a_single_hidden_cell_gets_a_partner_in_its_row_and_column() -> None:
    import numpy as np

    # Groups x days; day 0: 20 + 3 (the 3 must not be the difference of 23 and 20).
    cells = np.array([[20, 10], [3, 12]])
    out = column(cells, [True, True], MINIMUM)
    assert out[1, 0] is None and out[0, 0] is None  # the row partner
    assert out[1, 1] is None  # the column partner (15 - 12 would give 3)


def test_a_longer_period_is_shown_by_week(
    traffic: tuple[Store, list[dict[str, str | None]]],
) -> None:
    from evaluation.reports.facts.columns import day_date, day_number
    from evaluation.reports.grouping import week_start

    store, rows = traffic
    spring = Period(dt.date(2026, 2, 1), dt.date(2026, 4, 30))
    view = _view(store, Filter("language", "fi"), spring)
    assert view.trend_unit == "week" and view.shown
    assert [p.start for p in view.sessions_trend] == [p.start for p in view.learner_trend]
    days = np.array([day_number(dt.date.fromisoformat(str(r["day"]))) for r in rows])
    fi = np.array([r["language"] == "fi" for r in rows])
    weeks = Counter(max(spring.start, day_date(int(d))) for d in week_start(days[fi]))
    assert sum(weeks.values()) == view.sessions
    for point in view.sessions_trend:
        assert point.sessions is None or point.sessions == weeks[point.start]
