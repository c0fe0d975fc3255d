"""The facts cache: same report as reading the store, and it notices deletions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evaluation.reports.facts.cache import FactsCache, Segment, decode, encode, segments
from evaluation.reports.facts.columns import day_number
from evaluation.reports.facts.store_reader import read_facts
from evaluation.reports.summary import Period, summary
from telemetry.events import SessionDeleteEvent
from tests.evaluation.conftest import TODAY, Store

SPRING = Period(dt.date(2026, 2, 10), dt.date(2026, 4, 19))


def _fill(store: Store) -> list[str]:
    sessions = []
    for day in (dt.date(2026, 2, 10) + dt.timedelta(days=d) for d in range(0, 69, 3)):
        for i in range(4):
            sid, _ = store.session(
                day.isoformat(),
                user=f"user-{i}",
                ratings=(4,),
                language="sv" if i == 3 else "fi",
                question="Kan jag studera med läroavtal?",
            )
            sessions.append(sid)
    store.flush()
    return sessions


def _json(report: object) -> str:
    return report.model_dump_json(exclude={"generated_at"})  # type: ignore[attr-defined]


def test_closed_months_are_one_file_and_open_days_one_each() -> None:
    got = segments(dt.date(2026, 2, 10), dt.date(2026, 4, 18), dt.date(2026, 4, 18))
    assert got[:2] == [
        Segment(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        Segment(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    ]
    assert got[2] == Segment(dt.date(2026, 4, 1), dt.date(2026, 4, 1)) and len(got) == 20
    assert got[0].name == "2026-02.facts" and got[2].name == "2026-04-01.facts"


def test_facts_survive_encoding(store: Store) -> None:
    _fill(store)
    facts = read_facts(store.engine, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    first, last = day_number(dt.date(2026, 2, 1)), day_number(dt.date(2026, 2, 28))
    again, counts = decode(encode(facts, [(1, 2, 3, 4)] * (last - first + 1)))
    assert counts[0] == (1, 2, 3, 4) and len(counts) == 28
    assert (again.sessions.user == facts.sessions.user).all()
    assert again.sessions.language.values == facts.sessions.language.values
    assert again.counts.first == first and again.counts.languages == ["fi", "sv"]
    assert (again.counts.ratings == facts.counts.ratings).all()
    assert again.counts.ratings.shape == (28, 2, 3, 2, 18)
    assert (again.gaps.message_id == facts.gaps.message_id).all()


def test_the_cache_gives_the_same_report_as_the_store(store: Store, tmp_path: Path) -> None:
    _fill(store)
    direct = summary(store.engine, SPRING, min_group_size=5, today=TODAY)
    cold = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    warm = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    assert _json(direct) == _json(cold) == _json(warm)
    files = sorted(p.name for p in tmp_path.rglob("*.facts"))
    assert "2026-03.facts" in files and "2026-04-18.facts" in files
    assert "2026-04-19.facts" not in files  # yesterday is still read live
    cache = FactsCache(store.engine, tmp_path)
    cache.facts(SPRING.start, SPRING.end, today=TODAY)
    assert cache.days_read == 1  # only yesterday


def test_a_deleted_session_leaves_the_cached_report(store: Store, tmp_path: Path) -> None:
    sessions = _fill(store)
    before = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    store.writer.write_batch([SessionDeleteEvent(sessions[0])])
    after = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    assert before.reach.sessions == 92 and after.reach.sessions == 91
    assert after.quality.learner.overall.ratings == 91


def test_a_broken_cache_file_is_read_again(store: Store, tmp_path: Path) -> None:
    _fill(store)
    good = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    for path in tmp_path.rglob("*.facts"):
        path.write_bytes(b"not a facts file")
    again = summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    assert _json(good) == _json(again)


def test_the_cache_holds_no_text_and_no_session_id(store: Store, tmp_path: Path) -> None:
    sessions = _fill(store)
    summary(store.engine, SPRING, min_group_size=5, today=TODAY, cache_dir=tmp_path)
    blob = b"".join(p.read_bytes() for p in tmp_path.rglob("*.facts"))
    assert blob and b"studera" not in blob
    assert not any(sid.encode() in blob for sid in sessions)


OPEN = Period(dt.date(2026, 4, 10), TODAY)
"""Ends today: yesterday and today are open (they may still change)."""


def _open_traffic(store: Store) -> list[str]:
    sessions = []
    for day in ("2026-04-12", "2026-04-19", "2026-04-20"):
        for hour in (0, 9, 23):
            for i in range(3):
                sid, _ = store.session(
                    day,
                    user=f"u{hour}-{i}",
                    hour=hour,
                    ratings=(1 + i,),
                    kind="no_answer" if i == 2 else "answer",
                    language=("fi", "sv", "en")[i],
                )
                sessions.append(sid)
        store.session(day, hour=9, kind="crisis", confidence=1.0, topics=())
    store.flush()
    return sessions


def _open_report(store: Store, cache: Path | None) -> str:
    return _json(summary(store.engine, OPEN, min_group_size=2, today=TODAY, cache_dir=cache))


def _hours_read(store: Store, cache: Path) -> int:
    facts = FactsCache(store.engine, cache)
    facts.facts(OPEN.start, OPEN.end, today=TODAY)
    return facts.hours_read


def test_open_days_read_again_only_the_hours_that_changed(store: Store, tmp_path: Path) -> None:
    sessions = _open_traffic(store)
    cache = tmp_path / "cache"
    assert _open_report(store, cache) == _open_report(store, None)
    assert len(list(cache.rglob("hours/*.facts"))) == 6  # three hours on each open day
    assert _hours_read(store, cache) == 0  # warm: every open hour from its file
    # A new question and rating at 9 today, a deleted session at 23 yesterday.
    store.session("2026-04-20", user="late", hour=9, ratings=(5,), language="sv")
    store.flush()
    store.writer.write_batch([SessionDeleteEvent(sessions[15])])
    assert _hours_read(store, cache) == 2
    assert _open_report(store, cache) == _open_report(store, None)
    assert _hours_read(store, cache) == 0
    # In one hour as many questions and ratings come as a deleted session had.
    store.session("2026-04-20", user="later", hour=0, ratings=(5,), language="sv")
    store.flush()
    store.writer.write_batch([SessionDeleteEvent(sessions[18])])
    assert _hours_read(store, cache) == 1
    assert _open_report(store, cache) == _open_report(store, None)
    report = summary(store.engine, OPEN, min_group_size=2, today=TODAY, cache_dir=cache)
    assert report.reach.sessions == 3 * 10 + 2 - 2
    assert report.quality.learner.overall.messages == 3 * 10 + 2 - 2  # crisis replies too


def test_hour_files_of_closed_days_are_removed(store: Store, tmp_path: Path) -> None:
    _open_traffic(store)
    cache = tmp_path / "cache"
    _open_report(store, cache)
    later = TODAY + dt.timedelta(days=1)  # the 19th is closed now
    summary(store.engine, OPEN, min_group_size=2, today=later, cache_dir=cache)
    assert sorted(p.stem[:10] for p in cache.rglob("hours/*.facts")) == ["2026-04-20"] * 3
