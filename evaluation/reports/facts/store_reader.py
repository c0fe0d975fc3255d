"""The facts every report is computed from, read from the telemetry store (reads only).

Sessions stay rows (distinct users need them), with users as a stable 64-bit hash of the
pseudonymous browser id; messages, ratings and escalations are counted per day, grouped in the
database (`evaluation.reports.facts.store_counts`); knowledge-gap candidates keep only their
message id, so the text is read (and its deletion honoured) from the store when the gap report
needs it. Rows come through the driver's own cursor (`evaluation.reports.facts.sql`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Engine, Integer, String, cast, func, literal_column, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from evaluation.reports.facts import sql
from evaluation.reports.facts.columns import Coded, Gaps, Sessions, day_number
from evaluation.reports.facts.daily_counts import Counts
from evaluation.reports.facts.store_counts import (
    GAP_LOW_CONFIDENCE,
    GAP_NO_ANSWER,
    GAP_POOR_RATING,
    GAP_WRONG_ANSWER,
    read_counts,
)
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord

__all__ = [
    "GAP_LOW_CONFIDENCE",
    "GAP_NO_ANSWER",
    "GAP_POOR_RATING",
    "GAP_WRONG_ANSWER",
    "Facts",
    "read_events",
    "read_facts",
    "read_sessions",
]


@dataclass
class Facts:
    """Everything a report needs about a range of days."""

    sessions: Sessions
    counts: Counts
    gaps: Gaps

    @classmethod
    def concat(cls, parts: Sequence[Facts]) -> Facts:
        """Facts of consecutive day ranges, in order."""
        return cls(
            Sessions.concat([p.sessions for p in parts]),
            Counts.concat([p.counts for p in parts]),
            Gaps.concat([p.gaps for p in parts]),
        )

    def between(self, first: int, last: int) -> Facts:
        """Only the days first..last (day numbers, inclusive)."""

        def rows(table: Any) -> Any:
            keep = (table.day >= first) & (table.day <= last)
            return table if keep.all() else table.take(keep)

        return Facts(rows(self.sessions), self.counts.between(first, last), rows(self.gaps))


_WORDS = 10
"""A pseudonymous id is hashed as 10 little-endian 64-bit words (80 bytes, zero-padded)."""
_MIX = np.uint64(0x9E3779B97F4A7C15)
_FINISH = np.uint64(0xBF58476D1CE4E5B9)


def user_hashes(values: Sequence[str]) -> np.ndarray:
    """Stable signed 64-bit hashes of pseudonymous ids (up to 80 bytes), all at once: each
    word is mixed in by xor, an odd multiplier and a shift (collisions: ~1 in 10^7 at 2M
    users, as for any good 64-bit hash)."""
    raw = np.array([v.encode() for v in values], dtype=f"S{8 * _WORDS}")
    words = raw.view("<u8").reshape(len(values), _WORDS)
    h = np.full(len(values), 0x6A09E667F3BCC909, dtype=np.uint64)
    for j in range(_WORDS):
        h ^= words[:, j]
        h *= _MIX
        h ^= h >> np.uint64(31)
    h *= _FINISH
    h ^= h >> np.uint64(29)
    return h.view(np.int64)


def bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC datetimes [first 00:00, last+1 00:00)."""
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC),
    )


def read_facts(engine: Engine, first: dt.date, last: dt.date) -> Facts:
    """Facts for the UTC days first..last, read from the store (the sessions and the counts
    side by side, on two connections)."""
    lo, hi = bounds(first, last)
    with ThreadPoolExecutor(max_workers=1) as pool:
        days = (last - first).days + 1
        events = pool.submit(read_events, engine, lo, hi, day_number(first), days)
        sessions = read_sessions(engine, lo, hi)
        counts, gaps = events.result()
    return Facts(sessions, counts, gaps)


def read_segments(engine: Engine, ranges: list[tuple[dt.date, dt.date]]) -> list[Facts]:
    """Facts of several day ranges: in SQLite one range a query, two side by side (SQLite
    leaves the GIL while it works); in PostgreSQL all in one (a month's range is planned as a
    scan of the whole table anyway, and its day numbers are exact, so splitting the days of
    one reading gives each range's own facts)."""
    if len(ranges) > 1 and engine.dialect.name == "postgresql":
        facts = read_facts(engine, min(r[0] for r in ranges), max(r[1] for r in ranges))
        return [facts.between(day_number(a), day_number(b)) for a, b in ranges]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda r: read_facts(engine, *r), ranges))


def read_sessions(engine: Engine, lo: dt.datetime, hi: dt.datetime) -> Sessions:
    """The sessions started in [lo, hi), in user order (each user's in day order)."""
    d = engine.dialect.name
    m = sql.mark(d)
    with engine.connect() as conn:
        rows = sql.fetch(
            conn,
            f"SELECT {sql.day(d, 'started_at')}, CASE WHEN user_id IS NULL OR user_id = '' "
            "THEN 'session:' || id ELSE user_id END, channel, language, region, age_band, "
            "life_situation, clarity_start, clarity_end FROM sessions "
            f"WHERE started_at >= {m} AND started_at < {m}",
            [sql.stamp(d, lo), sql.stamp(d, hi)],
        )
    sessions = _sessions(rows)
    # A report sorts the sessions of many days by user (sorted runs make that sort faster) and
    # counts a user's days in order.
    return sessions.take(np.lexsort((sessions.day, sessions.user)))  # type: ignore[no-any-return]


def read_events(
    engine: Engine, lo: dt.datetime, hi: dt.datetime, first: int, days: int
) -> tuple[Counts, Gaps]:
    """Counts of the messages, ratings and escalations written in [lo, hi), as days
    first..first+days-1 (day numbers), and their knowledge-gap candidates."""
    return read_counts(engine, lo, hi, first, days)


HourCounts = tuple[int, int, int, int]
"""Messages, feedback and escalations written in one UTC hour, and a sum over the hour's
messages that changes when one is deleted even if another came (`_row_sum`)."""


def _hour_of(engine: Engine, column: Any) -> ColumnElement[Any]:
    if engine.dialect.name == "sqlite":
        # SQLite keeps UTC times as text, 'YYYY-MM-DD HH:MM:SS.ffffff': the hour is a prefix.
        return func.substr(column, 1, 13, type_=String)
    return cast(func.floor(func.extract("epoch", column) / 3600), Integer)


def hour_counts(engine: Engine, lo: dt.datetime, hi: dt.datetime) -> dict[int, HourCounts]:
    """`HourCounts` of each UTC hour (hours since 1970) in [lo, hi) that has any: the check of
    the cached hours of the open days."""
    out: dict[int, list[int]] = {}
    m = MessageRecord
    with engine.connect() as conn:
        for i, (table, column) in enumerate(
            (
                (m, col(m.created_at)),
                (FeedbackRecord, col(FeedbackRecord.created_at)),
                (EscalationRecord, col(EscalationRecord.created_at)),
            )
        ):
            hour = _hour_of(engine, column)
            total = _row_sum(engine) if table is m else func.count()
            rows = conn.execute(
                select(hour, func.count(), total)
                .select_from(table)
                .where(column >= lo, column < hi)
                .group_by(hour)
            ).all()
            for key, n, summed in rows:
                found = out.setdefault(_hour_number(key), [0, 0, 0, 0])
                found[i] = int(n)
                if table is m:
                    found[3] = int(summed or 0)
    return {h: (c[0], c[1], c[2], c[3]) for h, c in out.items()}


def _row_sum(engine: Engine) -> ColumnElement[Any]:
    """A sum over messages that a deletion changes even when as many new ones came: SQLite's
    rowids (a new row gets a rowid above all others, so it equals a deleted one's only when
    that was the newest message of all), PostgreSQL's hash of the message id."""
    if engine.dialect.name == "sqlite":
        return func.sum(literal_column("messages.rowid"))
    return func.sum(cast(func.hashtext(col(MessageRecord.id)), BigInteger))


def _hour_number(key: Any) -> int:
    if isinstance(key, str):
        at = dt.datetime.fromisoformat(key + ":00").replace(tzinfo=dt.UTC)
        return int(at.timestamp()) // 3600
    return int(key)


def hour_start(hour: int) -> dt.datetime:
    """The UTC start of an hour number."""
    return dt.datetime.fromtimestamp(hour * 3600, dt.UTC)


def _sessions(rows: Sequence[Any]) -> Sessions:
    column = [list(map(itemgetter(i), rows)) for i in range(9)]
    return Sessions(
        day=np.array(column[0], dtype=np.int32),
        user=user_hashes(column[1]),
        channel=Coded.of(column[2]),
        language=Coded.of(column[3]),
        region=Coded.of(column[4]),
        age_band=Coded.of(column[5]),
        life_situation=Coded.of(column[6]),
        clarity_start=np.array([c or 0 for c in column[7]], dtype=np.int8),
        clarity_end=np.array([c or 0 for c in column[8]], dtype=np.int8),
    )


def fingerprint(engine: Engine, first: dt.date, last: dt.date) -> tuple[int, int]:
    """Sessions and escalations the store holds for the days first..last (the cache's check).

    Sessions, not messages: every deletion (a learner's, the retention purge) removes the
    session row too. They are counted from `session_hours` (migration 0017: sessions per UTC
    hour, organisation and region, kept by triggers on `sessions`): a year is 600,000 roll-up
    rows instead of 3.3M index entries (SQLite 0.05 against 0.14-0.24 CPU-s, PostgreSQL 0.19
    against 0.39 s over 10M messages)."""
    lo, hi = bounds(first, last)
    m = sql.mark(engine.dialect.name)
    with engine.connect() as conn:
        sessions = sql.fetch(
            conn,
            f"SELECT coalesce(sum(n), 0) FROM session_hours WHERE hour >= {m} AND hour < {m}",
            [lo.strftime("%Y-%m-%d %H"), hi.strftime("%Y-%m-%d %H")],
        )[0][0]
        column = col(EscalationRecord.created_at)
        escalations = conn.execute(
            select(func.count()).select_from(EscalationRecord).where(column >= lo, column < hi)
        ).scalar_one()
    return int(sessions), escalations
