"""The monitoring year read with SQL-side grouping gives the same cells as reading it row by
row (`monitoring_rows.read_year_rows`, the code it replaced), on random stores in SQLite and
PostgreSQL, odd values included."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine, insert

from evaluation.monitoring.facts import FEEDBACK, MESSAGES, SESSIONS, YearFacts, read_year
from tests.evaluation.monitoring_rows import read_year_rows

TODAY = dt.date(2026, 11, 15)
ORGS = ["koulu-a", "ohjaamo-b", "te-c", None, None, ""]
KINDS = ["answer", "no_answer", "handoff", "crisis", "out_of_scope"]
REGIONS = ["uusimaa", "lappi", "ahvenanmaa", "pirkanmaa", None, ""]


def _when(rnd: random.Random, year: int) -> dt.datetime:
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    moment = start + dt.timedelta(seconds=rnd.randrange(366 * 86400))
    # Now and then exactly on the hour, at a month's edges or at a DST change (01:00 UTC).
    if rnd.random() < 0.1:
        moment = moment.replace(minute=0, second=0, microsecond=0)
    if rnd.random() < 0.05:
        moment = dt.datetime(year, rnd.randint(1, 12), 1, tzinfo=dt.UTC) - dt.timedelta(
            microseconds=rnd.choice([1, 0])
        )
    if rnd.random() < 0.03:
        moment = rnd.choice(
            [
                dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC),
                dt.datetime(2026, 10, 25, 1, tzinfo=dt.UTC),
            ]
        ) - dt.timedelta(microseconds=rnd.choice([1, 0]))
    return moment


def fill(engine: Engine, seed: int, sessions: int = 500) -> None:
    """Random sessions, questions and feedback over 2025-2026, odd values included: no
    language, unknown channels and modes, empty user ids, clarity 0, latencies below zero and
    above 20 s, confidences at the threshold, an organisation seen only before the year."""
    rnd = random.Random(seed)
    srows: list[dict[str, Any]] = []
    mrows: list[dict[str, Any]] = []
    frows: list[dict[str, Any]] = []
    for i in range(sessions):
        sid = uuid.uuid4().hex
        started = _when(rnd, rnd.choice([2025, 2026, 2026]))
        org = rnd.choice(ORGS)
        if i == 0:  # only in 2025, near its end: its 2026 questions need its name
            started, org = dt.datetime(2025, 12, 1, 12, tzinfo=dt.UTC), "vanha-org"
        srows.append(
            {
                "id": sid,
                "user_id": rnd.choice([None, "", f"u{rnd.randrange(60)}"]),
                "started_at": started,
                "channel": rnd.choice(["web", "counsellor", "api", "kiosk", None]),
                "language": rnd.choice(["fi", "sv", "en", "de", None]),
                "region": rnd.choice(REGIONS),
                "org_id": org,
                "clarity_start": rnd.choice([None, 0, 1, 2, 3, 4, 5]),
                "clarity_end": rnd.choice([None, 0, 1, 3, 5]),
                "next_step_taken": rnd.choice([None, "yes", "partly", "not_yet", "not_relevant"]),
                "service_contacted": rnd.choice([None, "yes", "not_yet", "not_relevant", ""]),
                "handoff_taken": rnd.choice([None, None, "link", "phone", "", "other"]),
            }
        )
        for _ in range(rnd.randint(1, 4)):
            mid = uuid.uuid4().hex
            later = 60 * 24 * 40  # a session open for weeks (or its first question, in 2026)
            created = started + dt.timedelta(minutes=later if i == 0 else rnd.choice([0, 1, later]))
            mrows.append(
                {
                    "id": mid,
                    "session_id": sid,
                    "created_at": created,
                    "language": rnd.choice(["fi", "sv", "en"]),
                    "mode": rnd.choice(["learner", "learner", "counsellor", "other"]),
                    "channel": "web",
                    "kind": rnd.choice(
                        ["answer", "no_answer", "handoff", "crisis", "out_of_scope"]
                    ),
                    "confidence": rnd.choice([0.1, 0.449999, 0.45, 0.450001, 0.9]),
                    "latency_ms": rnd.choice([-5.0, 0.0, 49.999, 50.0, 420.7, 19999.9, 25000.0]),
                }
            )
            for _ in range(rnd.choice([0, 0, 1, 2])):
                frows.append(
                    {
                        "id": uuid.uuid4().hex,
                        "message_id": mid,
                        "created_at": created + dt.timedelta(minutes=rnd.choice([1, 60 * 24 * 31])),
                        "rating": rnd.choice([None, 1, 2, 3, 4, 5]),
                        "helpful": rnd.choice([None, True, False]),
                        "wrong_answer": rnd.choice([None, None, True, False]),
                    }
                )
    with engine.begin() as conn:
        conn.execute(insert(SESSIONS), srows)
        conn.execute(insert(MESSAGES), mrows)
        conn.execute(insert(FEEDBACK), frows)


def same(a: YearFacts, b: YearFacts) -> None:
    """Equal cell by cell: counts (zeros included), users, latency histograms."""
    assert {k: dict(v) for k, v in a.counts.items() if v} == {
        k: dict(v) for k, v in b.counts.items() if v
    }
    assert {k: v for k, v in a.users.items() if v} == {k: v for k, v in b.users.items() if v}
    assert a.latency.keys() == b.latency.keys()
    for cell, hist in a.latency.items():
        assert np.array_equal(hist, b.latency[cell]), cell


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouped_reading_gives_the_cells_of_the_row_reading(
    sqlite_engine: Engine, seed: int
) -> None:
    fill(sqlite_engine, seed)
    for year in (2025, 2026):
        grouped = read_year(sqlite_engine, year, today=TODAY)
        assert grouped.counts["sessions"]
        same(grouped, read_year_rows(sqlite_engine, year, today=TODAY))


def test_questions_of_a_session_from_the_year_before(sqlite_engine: Engine) -> None:
    fill(sqlite_engine, 4, sessions=50)
    # vanha-org has a session only on 2025-12-01: its questions of 2026 land in its cells.
    grouped = read_year(sqlite_engine, 2026, today=TODAY)
    found = {atom for part in ("copilot", "messages") for atom, _ in grouped.counts[part]}
    assert ("org", "vanha-org") in found
    same(grouped, read_year_rows(sqlite_engine, 2026, today=TODAY))


def test_an_empty_year(sqlite_engine: Engine) -> None:
    same(read_year(sqlite_engine, 2026, today=TODAY), YearFacts(2026))


@pytest.mark.postgres
@pytest.mark.parametrize("seed", [5, 6])
def test_grouped_reading_gives_the_cells_of_the_row_reading_in_postgres(
    pg_engine: Engine, seed: int
) -> None:
    fill(pg_engine, seed)
    for year in (2025, 2026):
        same(read_year(pg_engine, year, today=TODAY), read_year_rows(pg_engine, year, today=TODAY))
