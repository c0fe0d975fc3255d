"""The report facts as they were read before the reading moved into SQL (commit 9dc4528): every
message, rating and session row into Python, counted there. Kept only to check that the grouped
reading (`evaluation.reports.facts.store_reader`) gives the same facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Engine, Integer, cast, func, select
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
from evaluation.reports.facts.store_reader import (
    GAP_LOW_CONFIDENCE,
    GAP_NO_ANSWER,
    GAP_POOR_RATING,
    GAP_WRONG_ANSWER,
    Facts,
    bounds,
    user_hashes,
)
from evaluation.reports.vocabulary import LOW_CONFIDENCE
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord

POOR_RATING = 2


def _day_of(engine: Engine, column: Any) -> ColumnElement[Any]:
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(column) - 2440587.5, Integer)
    return cast(func.floor(func.extract("epoch", column) / 86400), Integer)


def read_facts_rows(engine: Engine, first: dt.date, last: dt.date) -> Facts:
    """Facts for the UTC days first..last, read from the store."""
    lo, hi = bounds(first, last)
    counts, gaps = read_events_rows(engine, lo, hi, day_number(first), (last - first).days + 1)
    return Facts(read_sessions_rows(engine, lo, hi), counts, gaps)


def read_sessions_rows(engine: Engine, lo: dt.datetime, hi: dt.datetime) -> Sessions:
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


def read_events_rows(
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
