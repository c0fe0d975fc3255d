"""Per-day counts of messages, ratings and escalations, grouped in the database.

Why: `Counts` are sums, so the rows need not come to Python one by one. The messages come back
grouped twice (by day, mode, language, channel, kind and latency bin; by day, mode, kind and
topics), the ratings once with their message's dimensions, and only the knowledge-gap
candidates (which keep their message ids) row by row: about 40,000 groups and 150,000
candidates for a month of a million messages instead of a million rows.

The latency bin is found in SQL by comparisons alone (a binary search over the bins' edges,
`daily_counts.latency_edges`, passed as parameters): the same bin as the per-row reading gives
each value, float32 rounding included, with no logarithm in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine

from evaluation.reports.facts import group_arrays, rollups, sql
from evaluation.reports.facts.columns import Gaps
from evaluation.reports.facts.daily_counts import BINS, Counts, latency_edges
from evaluation.reports.facts.group_arrays import (
    GAP_LOW_CONFIDENCE,
    GAP_NO_ANSWER,
    GAP_POOR_RATING,
    GAP_WRONG_ANSWER,
    POOR_RATING,
)
from evaluation.reports.vocabulary import LOW_CONFIDENCE

__all__ = [
    "GAP_LOW_CONFIDENCE",
    "GAP_NO_ANSWER",
    "GAP_POOR_RATING",
    "GAP_WRONG_ANSWER",
    "latency_bin_sql",
    "read_counts",
]
_ABOVE_LOW = float(np.nextafter(np.float32(LOW_CONFIDENCE), np.float32(1)))
"""Every confidence whose float32 is below LOW_CONFIDENCE's is below this (SQL's filter; the
exact float32 test, as the per-row reading made it, is applied in Python)."""
CANDIDATES = f"kind = 'no_answer' OR (kind = 'answer' AND confidence < {_ABOVE_LOW!r})"
"""The questions that may be knowledge gaps by their reply: written out, not a parameter, and
the condition of their partial index (migration 0014), so the reading stays in the index."""


def latency_bin_sql(mark: str, column: str = "latency_ms") -> tuple[str, list[float]]:
    """SQL giving a latency's bin (0..BINS-1) by a binary search over the bins' edges, and
    its parameters in order."""
    edges = latency_edges()

    def ladder(low: int, high: int) -> tuple[str, list[float]]:
        if low == high:
            return str(low), []
        mid = (low + high + 1) // 2
        value, inclusive = edges[mid - 1]
        above, above_params = ladder(mid, high)
        below, below_params = ladder(low, mid - 1)
        test = f"{column} {'>=' if inclusive else '>'} {mark}"
        return f"CASE WHEN {test} THEN {above} ELSE {below} END", [
            value,
            *above_params,
            *below_params,
        ]

    return ladder(0, BINS - 1)


def read_counts(
    engine: Engine, lo: dt.datetime, hi: dt.datetime, first: int, days: int
) -> tuple[Counts, Gaps]:
    """Counts of the messages, ratings and escalations written in [lo, hi), as days
    first..first+days-1 (day numbers), and their knowledge-gap candidates: the messages' and
    the feedback's queries side by side, on two connections."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        feedback = pool.submit(_on_connection, engine, _feedback_rows, lo, hi)
        latency, topics, candidates, escalations = _on_connection(engine, _message_rows, lo, hi)
        ratings, rated = feedback.result()
    counts = group_arrays.counts(latency, topics, ratings, escalations, first, days)
    return counts, group_arrays.gaps(candidates, rated)


Rows = list[tuple[Any, ...]]


def _on_connection(engine: Engine, read: Callable[..., Any], *args: Any) -> Any:
    with engine.connect() as conn:
        sql.prepare(conn)
        return read(conn, *args)


def _message_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, ...]:
    """Messages grouped for the counts and the latency bins, by topics, the knowledge-gap
    candidates, and the escalations."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    in_range = f"created_at >= {m} AND created_at < {m}"
    day = sql.day(d, "created_at")
    days = rollups.whole_days(lo, hi)
    if days is not None:
        latency, topics = rollups.message_groups(conn, *days)
    else:
        latency, topics = _grouped_rows(conn, lo, hi)
    candidates = sql.fetch(
        conn,
        f"SELECT {day}, kind, confidence, id FROM messages WHERE {in_range} AND "
        f"({CANDIDATES}) ORDER BY created_at",
        stamps,
    )
    escalations = sql.fetch(
        conn, f"SELECT {day}, kind, language, channel FROM escalations WHERE {in_range}", stamps
    )
    return latency, topics, candidates, escalations


def _grouped_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, Rows]:
    """The messages of [lo, hi) grouped from the rows, as `rollups.message_groups` reads them
    (for ranges that start or end inside a day)."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    in_range = f"created_at >= {m} AND created_at < {m}"
    bin_sql, bin_params = latency_bin_sql(m)
    day = sql.day(d, "created_at")
    latency = sql.fetch(
        conn,
        f"SELECT {day}, mode, language, channel, kind, {bin_sql}, count(*) "
        f"FROM messages WHERE {in_range} GROUP BY 1, 2, 3, 4, 5, 6",
        [*bin_params, *stamps],
    )
    topics = sql.fetch(
        conn,
        f"SELECT {day}, mode, kind, topics, count(*) FROM messages WHERE {in_range} "
        "GROUP BY 1, 2, 3, 4",
        stamps,
    )
    return latency, topics


def _feedback_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, Rows]:
    """Feedback grouped with its message's dimensions (whole days from their roll-up), and the
    poor ratings and wrong-answer reports one by one (knowledge-gap candidates)."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    fday = sql.day(d, "f.created_at")
    f_range = f"f.created_at >= {m} AND f.created_at < {m}"
    joined = "feedback f LEFT JOIN messages m ON m.id = f.message_id"
    days = rollups.whole_days(lo, hi)
    if days is not None:
        ratings = rollups.feedback_groups(conn, *days)
    else:
        ratings = sql.fetch(
            conn,
            f"SELECT {fday}, f.rating, f.helpful, m.language, m.channel, m.mode, m.kind, "
            f"m.topics, count(*) FROM {joined} WHERE {f_range} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
            stamps,
        )
    wrong = "f.wrong_answer = 1" if d == "sqlite" else "f.wrong_answer IS TRUE"
    if d == "postgresql":
        # Each poor rating's question looked up by its id, not all questions hashed: a year of
        # 10M messages' 268,557 poor ratings took 1.9 s, not 7.4-8.1 s (docs/performance.md).
        conn.exec_driver_sql("SET LOCAL enable_hashjoin = off")
        conn.exec_driver_sql("SET LOCAL enable_mergejoin = off")
    rated = sql.fetch(
        conn,
        f"SELECT {fday}, f.rating, {wrong}, m.kind, m.confidence, f.message_id FROM {joined} "
        f"WHERE {f_range} AND ((f.rating <= {POOR_RATING} AND f.rating <> 0) OR {wrong}) "
        "ORDER BY f.created_at",
        stamps,
    )
    return ratings, rated
