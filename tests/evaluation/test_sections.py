"""Each report section over a small store built by hand, with the figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from evaluation.reports.baseline import load_baseline
from evaluation.reports.schema import Summary
from evaluation.reports.summary import Period, summary
from tests.evaluation.conftest import MARCH, TODAY, Store


def _report(store: Store, period: Period = MARCH, **kwargs: object) -> Summary:
    return summary(store.engine, period, min_group_size=5, today=TODAY, **kwargs)  # type: ignore[arg-type]


def _by(rows: list, key: str = "group") -> dict:  # type: ignore[type-arg]
    return {getattr(r, key): r for r in rows}


@pytest.fixture
def reach_store(store: Store) -> Store:
    """29 sessions in March by 28 users (one returning from February), in three languages."""
    store.session("2026-02-10", user="u-old")
    store.session("2026-03-02", user="u-old", region="uusimaa", age_band="35-44")
    for i in range(19):
        day = f"2026-03-{2 + i % 3:02d}"  # Mon 2 .. Wed 4 March
        store.session(day, user=f"fi-{i}", region="uusimaa", age_band="25-34")
    store.session("2026-03-16", user="fi-0")  # fi-0 comes back: 2 sessions, 1 user
    for i in range(6):
        store.session("2026-03-17", user=f"en-{i}", language="en", region="pirkanmaa")
    for i in range(3):
        store.session("2026-03-18", user=f"sv-{i}", language="sv", channel="counsellor")
    store.flush()
    return store


def test_reach_counts_sessions_users_and_returning_users(reach_store: Store) -> None:
    reach = _report(reach_store).reach
    assert reach.sessions == 30 and reach.users == 29
    # u-old was here in February: 1 returning user is too few to show, so "new" hides too.
    assert reach.returning_users is None and reach.new_users is None
    languages = _by(reach.by_language)
    # sv (3) is too small; en (6) goes with it, or sv would be 30 - fi - en.
    assert languages["fi"].sessions == 21 and languages["fi"].users == 20
    assert languages["sv"].sessions is None and languages["en"].sessions is None
    regions = _by(reach.by_region)
    # 4 did not say (hidden), so Pirkanmaa (6) hides with them.
    assert regions["uusimaa"].sessions == 20
    assert regions["not_answered"].sessions is None and regions["pirkanmaa"].sessions is None


def test_reach_over_time_suppresses_days_inside_weeks_and_months(reach_store: Store) -> None:
    reach = _report(reach_store).reach
    days = {p.start: p.sessions for p in reach.by_day}
    assert len(days) == 31
    assert days[dt.date(2026, 3, 2)] == 8 and days[dt.date(2026, 3, 5)] == 0
    # 16 March (1 session) and 18 March (3) are hidden; 17 March (6) is the only other
    # non-empty day of that week, so it hides too: the week's 10 cannot be split.
    assert days[dt.date(2026, 3, 16)] is None and days[dt.date(2026, 3, 18)] is None
    assert days[dt.date(2026, 3, 17)] is None
    weeks = {p.start: p.sessions for p in reach.by_week}
    assert weeks[dt.date(2026, 3, 2)] == 20 and weeks[dt.date(2026, 3, 16)] == 10
    assert [p.sessions for p in reach.by_month] == [30]


def test_reach_against_a_population_baseline(store: Store, tmp_path: Path) -> None:
    for i in range(20):
        store.session("2026-03-09", user=f"u{i}", region="uusimaa", age_band="25-34")
    for i in range(6):
        store.session("2026-03-10", user=f"p{i}", region="pirkanmaa", age_band="35-44")
    store.flush()
    csv = tmp_path / "population.csv"
    csv.write_text(
        "dimension,group,population,source\n"
        'region,uusimaa,600,"Test fixture, not statistics"\n'
        'region,pirkanmaa,300,"Test fixture, not statistics"\n'
        'region,lappi,100,"Test fixture, not statistics"\n'
        'age_band,25-34,500,"Test fixture, not statistics"\n'
        'age_band,35-44,500,"Test fixture, not statistics"\n',
        encoding="utf-8",
    )
    baseline = _report(store, baseline=load_baseline(csv)).reach.baseline
    assert baseline is not None and baseline.source == "Test fixture, not statistics"
    regions = _by(baseline.region)
    # 26 users answered: 20 Uusimaa (77%, population 60%), 6 Pirkanmaa (23%, 30%), 0 Lappi.
    assert regions["uusimaa"].user_share == pytest.approx(20 / 26, abs=1e-4)
    assert regions["uusimaa"].population_share == pytest.approx(0.6)
    assert regions["uusimaa"].representation == pytest.approx((20 / 26) / 0.6, abs=0.01)
    assert regions["pirkanmaa"].representation == pytest.approx((6 / 26) / 0.3, abs=0.01)
    assert regions["lappi"].users == 0 and regions["lappi"].representation == 0
    assert _by(baseline.age_band)["35-44"].users == 6


def test_a_small_group_stays_hidden_against_the_baseline(store: Store, tmp_path: Path) -> None:
    for i in range(20):
        store.session("2026-03-09", user=f"u{i}", region="uusimaa")
    for i in range(7):
        store.session("2026-03-10", user=f"p{i}", region="pirkanmaa")
    for i in range(2):
        store.session("2026-03-11", user=f"l{i}", region="lappi")
    store.flush()
    csv = tmp_path / "population.csv"
    csv.write_text(
        "dimension,group,population,source\n"
        "region,uusimaa,600,Test fixture\n"
        "region,pirkanmaa,300,Test fixture\n"
        "region,lappi,100,Test fixture\n",
        encoding="utf-8",
    )
    baseline = _report(store, baseline=load_baseline(csv)).reach.baseline
    assert baseline is not None
    regions = _by(baseline.region)
    # Two Lapland users are too few to show, and neither their share nor its ratio is shown;
    # the next smallest group is hidden too, or the answered total would give Lapland away.
    assert regions["lappi"].users is None and regions["lappi"].user_share is None
    assert regions["lappi"].representation is None
    assert regions["pirkanmaa"].users is None
    assert regions["lappi"].population_share == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("dimension,group,population\nregion,uusimaa,5\n", "missing column"),
        ("dimension,group,population,source\ncity,x,5,s\n", "line 2: dimension"),
        ("dimension,group,population,source\nregion,x,lots,s\n", "line 2: population"),
        ("dimension,group,population,source\nregion,x,5,\n", "line 2: every row needs"),
    ],
)
def test_a_bad_baseline_names_its_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_baseline(path)


@pytest.fixture
def quality_store(store: Store) -> Store:
    """Learners: 10 rated answers, 2 unanswered, 1 off-topic, 1 handoff, 1 crisis (fi);
    counsellors: 6 answers, all rated 5."""
    ratings = (5, 5, 4, 4, 3, 2, 1, 5, 4, 4)
    votes = (True, True, True, True, False, False, True, True, True, True)
    for i in range(10):
        store.session(
            "2026-03-03",
            latency=100.0 * (i + 1),
            ratings=(ratings[i],),
            helpful=(votes[i],),
            topics=("vocational", "apprenticeship") if i < 6 else ("financial_aid",),
        )
    store.session("2026-03-04", kind="no_answer", confidence=0.1, topics=(), messages=2)
    store.session("2026-03-04", kind="out_of_scope", confidence=0.0, topics=())
    store.session("2026-03-05", kind="handoff", confidence=1.0, topics=())
    store.session("2026-03-05", kind="crisis", confidence=1.0, topics=())
    for _ in range(6):
        store.session(
            "2026-03-06", mode="counsellor", channel="counsellor", ratings=(5,), latency=900.0
        )
    store.flush()
    return store


def test_quality_for_learners(quality_store: Store) -> None:
    q = _report(quality_store).quality.learner.overall
    assert q.messages == 15 and q.ratings == 10
    assert q.satisfaction == pytest.approx(0.7)  # 5,5,4,4,5,4,4: seven of ten are 4-5
    assert q.mean_rating == pytest.approx(3.7)
    assert q.helpful_votes == 10 and q.helpful_rate == pytest.approx(0.8)
    assert q.no_answer_rate == pytest.approx(2 / 15, abs=1e-4)
    assert q.out_of_scope_rate == pytest.approx(1 / 15, abs=1e-4)
    assert q.handoff_rate == pytest.approx(1 / 15, abs=1e-4)
    assert q.crisis is None  # one crisis reply: counted, but too few to show
    latencies = [100.0 * (i + 1) for i in range(10)] + [400.0] * 5
    # From a histogram of 5%-wide bins: within 2.5% of the exact percentile.
    assert q.latency_p50_ms == pytest.approx(np.percentile(latencies, 50), rel=0.025)
    assert q.latency_p95_ms == pytest.approx(np.percentile(latencies, 95), rel=0.025)


def test_counsellor_ratings_are_kept_apart(quality_store: Store) -> None:
    quality = _report(quality_store).quality
    c = quality.counsellor.overall
    assert c.messages == 6 and c.ratings == 6 and c.mean_rating == 5.0
    assert c.latency_p50_ms == pytest.approx(900.0, rel=0.025)
    assert quality.learner.overall.ratings == 10


def test_quality_by_topic_language_and_over_time(quality_store: Store) -> None:
    learner = _report(quality_store).quality.learner
    topics = _by(learner.by_topic)
    # A message counts in each of its topics.
    assert topics["vocational"].messages == 6 and topics["apprenticeship"].messages == 6
    assert topics["vocational"].satisfaction == pytest.approx(4 / 6, abs=1e-4)
    assert topics["financial_aid"].ratings is None  # 4 ratings: too few
    assert _by(learner.by_language)["fi"].messages == 15
    assert learner.trend_unit == "day"
    trend = {p.start: p for p in learner.trend}
    assert trend[dt.date(2026, 3, 3)].messages == 10
    assert trend[dt.date(2026, 3, 4)].messages is None  # 3 messages


def test_effectiveness_reports_the_change_with_its_count(store: Store) -> None:
    for start, end in ((2, 4), (3, 3), (1, 2), (4, 3), (2, 5), (3, 4)):
        store.session("2026-03-10", clarity_start=start, clarity_end=end)
    store.session("2026-03-11", clarity_start=2)
    store.flush()
    e = _report(store).effectiveness
    assert e.pairs == 6 and e.answered_start == 7 and e.answered_end == 6
    assert e.mean_start == pytest.approx(2.5) and e.mean_end == pytest.approx(3.5)
    assert e.mean_change == pytest.approx(1.0)
    # 4 clearer, 1 unchanged, 1 less clear: the two small ones sum to 2, so all three hide.
    assert (e.improved, e.unchanged, e.worse) == (None, None, None)


def test_too_few_answers_give_no_effect_figure(store: Store) -> None:
    for _ in range(4):
        store.session("2026-03-10", clarity_start=1, clarity_end=5)
    store.flush()
    e = _report(store).effectiveness
    assert e.pairs is None and e.mean_change is None


def test_an_empty_store_gives_an_empty_report(store: Store) -> None:
    report = _report(store)
    assert report.reach.sessions == 0 and report.reach.users == 0
    assert report.quality.learner.overall.messages == 0
    assert report.quality.learner.overall.satisfaction is None
    assert report.gaps is None and report.eval_runs == []
