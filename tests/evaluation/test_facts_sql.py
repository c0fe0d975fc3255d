"""The report facts read with SQL-side grouping are those of reading every row into Python
(`reports_rows.read_facts_rows`, the code it replaced), on random stores in SQLite and
PostgreSQL: sessions, every count array, knowledge-gap candidates; odd values included
(latencies on a bin's edge, confidences at the threshold in float32, missing languages,
unknown modes and channels, feedback on a deleted message)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import fields
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine, insert

from evaluation.reports.facts.columns import Coded
from evaluation.reports.facts.daily_counts import BIN, latency_bins, latency_edges
from evaluation.reports.facts.sql import fetch as sql_fetch
from evaluation.reports.facts.store_counts import latency_bin_sql
from evaluation.reports.facts.store_reader import Facts, read_facts
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from tests.evaluation.reports_rows import read_facts_rows

FIRST, LAST = dt.date(2026, 2, 1), dt.date(2026, 3, 31)
EDGES = [float(np.exp(k * BIN)) for k in (1, 40, 120, 299, 300)]
"""Latencies exactly on a bin's edge (in float64; float32 moves some across it)."""
KINDS = ["answer", "no_answer", "out_of_scope", "handoff", "crisis"]
TOPICS = ["", "vocational", "vocational,financial-aid", "jobseeking", "financial-aid,vocational"]


def _when(rnd: random.Random) -> dt.datetime:
    moment = dt.datetime(2026, 1, 31, tzinfo=dt.UTC) + dt.timedelta(
        seconds=rnd.randrange(62 * 86400)
    )
    if rnd.random() < 0.05:  # the last microseconds of a day (SQLite's julianday rounds up)
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999_800)
    return moment


def fill(engine: Engine, seed: int, sessions: int = 400) -> None:
    """Random sessions, questions, feedback and escalations around February and March 2026."""
    rnd = random.Random(seed)
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in (SessionRecord, MessageRecord)}
    feedback: list[dict[str, Any]] = []
    for _ in range(sessions):
        sid = uuid.uuid4().hex
        started = _when(rnd)
        rows[SessionRecord].append(
            {
                "id": sid,
                "user_id": rnd.choice([None, "", f"u{rnd.randrange(80)}"]),
                "started_at": started,
                "channel": rnd.choice(["web", "counsellor", "api", None]),
                "language": rnd.choice(["fi", "sv", "en", None]),
                "region": rnd.choice(["uusimaa", "lappi", None]),
                "age_band": rnd.choice(["25-34", None]),
                "life_situation": rnd.choice(["employed", None]),
                "clarity_start": rnd.choice([None, 0, 2, 5]),
                "clarity_end": rnd.choice([None, 3]),
            }
        )
        for _ in range(rnd.randint(1, 4)):
            mid = uuid.uuid4().hex
            created = started + dt.timedelta(seconds=rnd.choice([0, 30, 3600 * 20]))
            rows[MessageRecord].append(
                {
                    "id": mid,
                    "session_id": sid,
                    "created_at": created,
                    "language": rnd.choice(["fi", "sv", "en", "de"]),
                    "mode": rnd.choice(["learner", "learner", "counsellor", "other"]),
                    "channel": rnd.choice(["web", "api", "counsellor", "kiosk"]),
                    "kind": rnd.choice(KINDS),
                    "confidence": rnd.choice([0.1, 0.44999999, 0.45, 0.4500000001, 0.45000002, 1]),
                    "topics": rnd.choice(TOPICS),
                    "latency_ms": rnd.choice([-3.0, 0.0, 0.999, 1.0, 420.5, 9e6, *EDGES]),
                }
            )
            for _ in range(rnd.choice([0, 0, 1, 2])):
                feedback.append(
                    {
                        "id": uuid.uuid4().hex,
                        "message_id": rnd.choice([mid, mid, uuid.uuid4().hex]),  # or deleted
                        "created_at": created + dt.timedelta(minutes=rnd.choice([1, 60 * 30])),
                        "rating": rnd.choice([None, 1, 2, 3, 4, 5]),
                        "helpful": rnd.choice([None, True, False]),
                        "wrong_answer": rnd.choice([None, True, False]),
                    }
                )
    escalations = [
        {
            "id": uuid.uuid4().hex,
            "created_at": _when(rnd).replace(minute=0, second=0, microsecond=0),
            "kind": rnd.choice(["crisis", "handoff"]),
            "language": rnd.choice(["fi", "sv"]),
            "channel": rnd.choice(["web", "counsellor"]),
        }
        for _ in range(40)
    ]
    with engine.begin() as conn:
        for table, values in (*rows.items(), (FeedbackRecord, feedback)):
            conn.execute(insert(table), values)
        conn.execute(insert(EscalationRecord), escalations)


def _column_equal(a: Any, b: Any) -> bool:
    if isinstance(a, Coded):
        return list(a.labels()) == list(b.labels())
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b)
    return bool(a == b)


def same(a: Facts, b: Facts) -> None:
    """Sessions row by row, counts array by array, gap candidates as a multiset."""
    for f in fields(a.sessions):
        assert _column_equal(getattr(a.sessions, f.name), getattr(b.sessions, f.name)), f.name
    for f in fields(a.counts):
        assert _column_equal(getattr(a.counts, f.name), getattr(b.counts, f.name)), f.name

    def gaps(facts: Facts) -> list[tuple[int, int, int, bytes]]:
        g = facts.gaps
        columns = (g.day, g.reason, g.new, g.message_id)
        return sorted(zip(*(c.tolist() for c in columns), strict=True))

    assert gaps(a) == gaps(b)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouped_facts_are_the_facts_of_every_row(sqlite_engine: Engine, seed: int) -> None:
    fill(sqlite_engine, seed)
    for first, last in ((FIRST, LAST), (FIRST, FIRST), (dt.date(2026, 3, 1), LAST)):
        grouped = read_facts(sqlite_engine, first, last)
        assert len(grouped.sessions) and grouped.counts.messages.sum()
        same(grouped, read_facts_rows(sqlite_engine, first, last))


def awkward_latencies() -> np.ndarray:
    """Each latency bin's edge, the doubles next to it, 2,000 random values and odd ones
    (below zero, zero, enormous)."""
    edges = np.array([v for v, _ in latency_edges()])
    rng = np.random.default_rng(0)
    return np.concatenate(
        [
            edges,
            np.nextafter(edges, 0),
            np.nextafter(edges, np.inf),
            rng.lognormal(5, 3, 2000),
            [-5.0, 0.0, 0.5, 1.0, 1e12],
        ]
    )


def test_sql_bins_every_latency_as_python_does(sqlite_engine: Engine) -> None:
    """Each bin's edge, the doubles next to it, random and odd values: the SQL binary search
    gives the bin `latency_bins` gives the value's float32."""
    values = awkward_latencies()
    ladder, params = latency_bin_sql("?", "v")
    with sqlite_engine.connect() as conn:
        conn.exec_driver_sql("CREATE TEMP TABLE t (i INTEGER, v REAL)")
        conn.exec_driver_sql(
            "INSERT INTO t VALUES (?, ?)", [(i, float(v)) for i, v in enumerate(values)]
        )
        got = sql_fetch(conn, f"SELECT {ladder} FROM t ORDER BY i", params)
    assert [g for (g,) in got] == latency_bins(values.astype(np.float32)).tolist()


@pytest.mark.postgres
@pytest.mark.parametrize("seed", [4, 5])
def test_grouped_facts_are_the_facts_of_every_row_in_postgres(pg_engine: Engine, seed: int) -> None:
    fill(pg_engine, seed)
    same(read_facts(pg_engine, FIRST, LAST), read_facts_rows(pg_engine, FIRST, LAST))
