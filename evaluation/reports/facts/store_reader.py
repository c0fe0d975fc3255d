"""The facts every report is computed from, read from the telemetry store (reads only).

Sessions stay rows (distinct users need them), with users as a stable 64-bit hash of the
pseudonymous browser id; messages, ratings and escalations are counted per day at once
(`evaluation.reports.facts.daily_counts`); knowledge-gap candidates keep only their message id,
so the text is read
(and its deletion honoured) from the store when the gap report needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Engine, Integer, String, cast, func, literal_column, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from evaluation.reports.facts.columns import (
    Coded,
    Escalations,
    Gaps,
    Messages,
    Ratings,
    Sessions,
    day_number,
)
from evaluation.reports.facts.daily_counts import Counts
from evaluation.reports.vocabulary import LOW_CONFIDENCE
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord

GAP_NO_ANSWER, GAP_LOW_CONFIDENCE, GAP_POOR_RATING, GAP_WRONG_ANSWER = 1, 2, 3, 4
POOR_RATING = 2


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


def _day_of(engine: Engine, column: Any) -> ColumnElement[Any]:
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(column) - 2440587.5, Integer)
    return cast(func.floor(func.extract("epoch", column) / 86400), Integer)


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
    """Facts for the UTC days first..last, read from the store."""
    lo, hi = bounds(first, last)
    counts, gaps = read_events(engine, lo, hi, day_number(first), (last - first).days + 1)
    return Facts(read_sessions(engine, lo, hi), counts, gaps)


def read_sessions(engine: Engine, lo: dt.datetime, hi: dt.datetime) -> Sessions:
    """The sessions started in [lo, hi), in user order (each user's in day order)."""
    s = SessionRecord
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                _day_of(engine, col(s.started_at)),
                col(s.user_id),
                col(s.id),
                col(s.channel),
                col(s.language),
                col(s.region),
                col(s.age_band),
                col(s.life_situation),
                col(s.clarity_start),
                col(s.clarity_end),
            ).where(col(s.started_at) >= lo, col(s.started_at) < hi)
        ).all()
    sessions = _sessions(rows)
    # A report sorts the sessions of many days by user (sorted runs make that sort faster) and
    # counts a user's days in order.
    return sessions.take(np.lexsort((sessions.day, sessions.user)))  # type: ignore[no-any-return]


def read_events(
    engine: Engine, lo: dt.datetime, hi: dt.datetime, first: int, days: int
) -> tuple[Counts, Gaps]:
    """Counts of the messages, ratings and escalations written in [lo, hi), as days
    first..first+days-1 (day numbers), and their knowledge-gap candidates."""
    m, f, e = MessageRecord, FeedbackRecord, EscalationRecord
    with engine.connect() as conn:
        mrows = conn.execute(
            select(
                _day_of(engine, col(m.created_at)),
                col(m.language),
                col(m.channel),
                col(m.mode),
                col(m.kind),
                col(m.confidence),
                col(m.latency_ms),
                col(m.topics),
                col(m.id),
            ).where(col(m.created_at) >= lo, col(m.created_at) < hi)
        ).all()
        frows = conn.execute(
            select(
                _day_of(engine, col(f.created_at)),
                col(f.rating),
                col(f.helpful),
                col(m.language),
                col(m.channel),
                col(m.mode),
                col(m.kind),
                col(m.topics),
                col(f.message_id),
                col(m.confidence),
                col(f.wrong_answer),
            )
            .select_from(f)
            .join(m, col(m.id) == col(f.message_id), isouter=True)
            .where(col(f.created_at) >= lo, col(f.created_at) < hi)
        ).all()
        erows = conn.execute(
            select(
                _day_of(engine, col(e.created_at)),
                col(e.kind),
                col(e.language),
                col(e.channel),
            ).where(col(e.created_at) >= lo, col(e.created_at) < hi)
        ).all()
    messages, gaps = _messages(mrows)
    poor = [r for r in frows if r[1] and r[1] <= POOR_RATING]
    rated_gaps = Gaps(
        day=np.array([r[0] for r in poor], dtype=np.int32),
        reason=np.full(len(poor), GAP_POOR_RATING, dtype=np.int8),
        new=np.array([not _is_gap(r[6], r[9]) for r in poor], dtype=np.int8),
        message_id=_ids([r[8] for r in poor]),
    )
    # A wrong-answer report (perhaps twice for one answer: the click, then a comment) marks
    # its message as a candidate; it adds no question to the gap count, which keeps its meaning.
    wrong = [r for r in frows if r[10]]
    wrong_gaps = Gaps(
        day=np.array([r[0] for r in wrong], dtype=np.int32),
        reason=np.full(len(wrong), GAP_WRONG_ANSWER, dtype=np.int8),
        new=np.zeros(len(wrong), dtype=np.int8),
        message_id=_ids([r[8] for r in wrong]),
    )
    escalations = Escalations(
        day=np.array(_column(erows, 0), dtype=np.int32),
        kind=Coded.of(_column(erows, 1)),
        language=Coded.of(_column(erows, 2)),
        channel=Coded.of(_column(erows, 3)),
    )
    counts = Counts.count(messages, _ratings(frows), escalations, first, days)
    return counts, Gaps.concat([gaps, rated_gaps, wrong_gaps])


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


def _column(rows: Sequence[Any], i: int) -> list[Any]:
    return [r[i] for r in rows]


def _sessions(rows: Sequence[Any]) -> Sessions:
    return Sessions(
        day=np.array(_column(rows, 0), dtype=np.int32),
        user=user_hashes([r[1] or "session:" + r[2] for r in rows]),
        channel=Coded.of(_column(rows, 3)),
        language=Coded.of(_column(rows, 4)),
        region=Coded.of(_column(rows, 5)),
        age_band=Coded.of(_column(rows, 6)),
        life_situation=Coded.of(_column(rows, 7)),
        clarity_start=np.array([r[8] or 0 for r in rows], dtype=np.int8),
        clarity_end=np.array([r[9] or 0 for r in rows], dtype=np.int8),
    )


def _is_gap(kind: str | None, confidence: float | None) -> bool:
    return kind == "no_answer" or (
        kind == "answer" and confidence is not None and confidence < LOW_CONFIDENCE
    )


def _ids(ids: list[str]) -> np.ndarray:
    return np.array([i.encode() for i in ids], dtype=np.bytes_)


def _messages(rows: Sequence[Any]) -> tuple[Messages, Gaps]:
    day = np.array(_column(rows, 0), dtype=np.int32)
    kind = Coded.of(_column(rows, 4))
    confidence = np.array(_column(rows, 5), dtype=np.float32)
    kinds = kind.labels()
    no_answer = kinds == "no_answer"
    low = (kinds == "answer") & (confidence < LOW_CONFIDENCE)
    gap = no_answer | low
    ids = _ids([rows[i][8] for i in np.flatnonzero(gap).tolist()])
    reason = np.where(no_answer, GAP_NO_ANSWER, GAP_LOW_CONFIDENCE)[gap].astype(np.int8)
    messages = Messages(
        day=day,
        language=Coded.of(_column(rows, 1)),
        channel=Coded.of(_column(rows, 2)),
        mode=Coded.of(_column(rows, 3)),
        kind=kind,
        confidence=confidence,
        latency=np.array(_column(rows, 6), dtype=np.float32),
        topics=Coded.of(_column(rows, 7)),
    )
    new = np.ones(len(ids), dtype=np.int8)
    return messages, Gaps(day=day[gap], reason=reason, new=new, message_id=ids)


def _ratings(rows: Sequence[Any]) -> Ratings:
    return Ratings(
        day=np.array(_column(rows, 0), dtype=np.int32),
        rating=np.array([r[1] or 0 for r in rows], dtype=np.int8),
        helpful=np.array([-1 if r[2] is None else int(bool(r[2])) for r in rows], dtype=np.int8),
        language=Coded.of(_column(rows, 3)),
        channel=Coded.of(_column(rows, 4)),
        mode=Coded.of(_column(rows, 5)),
        kind=Coded.of(_column(rows, 6)),
        topics=Coded.of(_column(rows, 7)),
    )


def fingerprint(engine: Engine, first: dt.date, last: dt.date) -> tuple[int, int]:
    """Sessions and escalations the store holds for the days first..last (the cache's check).

    Sessions, not messages: every deletion (a learner's, the retention purge) removes the
    session row too, and counting three times fewer index entries keeps the check cheap."""
    lo, hi = bounds(first, last)
    out = []
    with engine.connect() as conn:
        for table, column in (
            (SessionRecord, col(SessionRecord.started_at)),
            (EscalationRecord, col(EscalationRecord.created_at)),
        ):
            out.append(
                conn.execute(
                    select(func.count()).select_from(table).where(column >= lo, column < hi)
                ).scalar_one()
            )
    return out[0], out[1]
