"""Compact, column-wise facts read from the telemetry store: what every report is computed from.

Each table becomes numpy columns (days since 1970-01-01 in UTC, small integer codes for the text
columns, floats), without question texts or session ids: users are a stable 64-bit hash of the
pseudonymous browser id, and gap candidates keep only their message id, so the text can be read
(and its deletion honoured) from the store when the gap report needs it. Reads only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from sqlalchemy import Engine, Integer, cast, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from evaluation.vocabulary import LOW_CONFIDENCE
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord

EPOCH = dt.date(1970, 1, 1)
GAP_NO_ANSWER, GAP_LOW_CONFIDENCE, GAP_POOR_RATING = 1, 2, 3
POOR_RATING = 2


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


def day_date(number: int) -> dt.date:
    """The date of a day number."""
    return EPOCH + dt.timedelta(days=int(number))


@dataclass
class Coded:
    """A text column as int16 codes into `values`; -1 is a missing value."""

    codes: np.ndarray
    values: list[str]

    @classmethod
    def of(cls, items: Sequence[str | None]) -> Coded:
        """Code a sequence of texts."""
        values = sorted(str(v) for v in set(items) if v is not None)
        lookup: dict[str | None, int] = {v: i for i, v in enumerate(values)}
        lookup[None] = -1
        codes = np.fromiter(map(lookup.__getitem__, items), dtype=np.int16, count=len(items))
        return cls(codes, values)

    @classmethod
    def concat(cls, parts: Sequence[Coded]) -> Coded:
        """One column from several, with one shared list of values."""
        values: dict[str, int] = {}
        out = []
        for part in parts:
            remap = np.array([values.setdefault(v, len(values)) for v in part.values] + [-1])
            same = part.values == list(values)[: len(part.values)]
            if same or not len(part.codes):
                out.append(part.codes)  # the common case: nothing to renumber
            else:
                out.append(remap[part.codes].astype(np.int16))
        codes = np.concatenate(out) if len(out) > 1 else out[0] if out else np.empty(0, np.int16)
        return cls(codes.astype(np.int16, copy=False), list(values))

    def take(self, index: np.ndarray) -> Coded:
        """The rows selected by a boolean mask or index array."""
        return Coded(self.codes[index], self.values)

    def labels(self) -> np.ndarray:
        """Values as an object array (None for missing), one per row."""
        table = np.array([*self.values, None], dtype=object)
        return table[self.codes]


@dataclass
class Table:
    """Columns of equal length; subclasses name them."""

    def take(self, index: np.ndarray) -> Any:
        """The rows selected by a boolean mask or index array."""
        return type(self)(**{f.name: _take(getattr(self, f.name), index) for f in fields(self)})

    def __len__(self) -> int:
        return len(getattr(self, fields(self)[0].name))

    @classmethod
    def concat(cls, parts: Sequence[Any]) -> Any:
        """One table from several (an empty list gives an empty table)."""
        out: dict[str, Any] = {}
        for f in fields(cls):
            columns = [getattr(p, f.name) for p in parts]
            if f.type == "Coded":
                out[f.name] = Coded.concat(columns)
            elif f.type == "list[str]":
                out[f.name] = [x for c in columns for x in c]
            else:
                dtype = _DTYPES[f.name]
                joined = (
                    np.concatenate(columns) if len(columns) > 1 else columns[0] if columns else None
                )
                out[f.name] = (
                    np.empty(0, dtype) if joined is None else joined.astype(dtype, copy=False)
                )
        return cls(**out)


def _take(column: Any, index: np.ndarray) -> Any:
    if isinstance(column, Coded):
        return column.take(index)
    if isinstance(column, list):
        return (
            [column[i] for i in np.flatnonzero(index)]
            if index.dtype == bool
            else [column[i] for i in index]
        )
    return column[index]


_DTYPES: dict[str, Any] = {
    "day": np.int32,
    "user": np.int64,
    "clarity_start": np.int8,
    "clarity_end": np.int8,
    "confidence": np.float32,
    "latency": np.float32,
    "rating": np.int8,
    "helpful": np.int8,
    "reason": np.int8,
}


@dataclass
class Sessions(Table):
    """One row per session."""

    day: np.ndarray
    user: np.ndarray
    channel: Coded
    language: Coded
    region: Coded
    age_band: Coded
    life_situation: Coded
    clarity_start: np.ndarray
    clarity_end: np.ndarray
    """0 when not answered."""


@dataclass
class Messages(Table):
    """One row per question."""

    day: np.ndarray
    language: Coded
    channel: Coded
    mode: Coded
    kind: Coded
    confidence: np.ndarray
    latency: np.ndarray
    topics: Coded
    """The comma-separated topic keys, coded as a whole."""


@dataclass
class Ratings(Table):
    """One row per feedback, with the dimensions of the message it rates."""

    day: np.ndarray
    rating: np.ndarray
    """0 when only `helpful` was given."""
    helpful: np.ndarray
    """1 yes, 0 no, -1 not given."""
    language: Coded
    channel: Coded
    mode: Coded
    kind: Coded
    topics: Coded


@dataclass
class Escalations(Table):
    """Crisis replies and handoffs, counted apart from sessions (hour precision)."""

    day: np.ndarray
    kind: Coded
    language: Coded
    channel: Coded


@dataclass
class Gaps(Table):
    """Messages that are knowledge-gap candidates (ids only: texts stay in the store)."""

    day: np.ndarray
    reason: np.ndarray
    message_id: list[str]


@dataclass
class Facts:
    """Everything a report needs about a range of days."""

    sessions: Sessions
    messages: Messages
    ratings: Ratings
    escalations: Escalations
    gaps: Gaps

    @classmethod
    def concat(cls, parts: Sequence[Facts]) -> Facts:
        """Facts of several ranges together."""
        return cls(
            **{
                f.name: TABLES[f.name].concat([getattr(p, f.name) for p in parts])
                for f in fields(cls)
            }
        )

    def between(self, first: int, last: int) -> Facts:
        """Only the days first..last (day numbers, inclusive)."""
        parts = {}
        for f in fields(self):
            table = getattr(self, f.name)
            keep = (table.day >= first) & (table.day <= last)
            parts[f.name] = table if keep.all() else table.take(keep)
        return Facts(**parts)

    def counts(self) -> tuple[int, int, int, int]:
        """Rows read from each store table: sessions, messages, feedback, escalations."""
        return len(self.sessions), len(self.messages), len(self.ratings), len(self.escalations)


TABLES: dict[str, Any] = {
    "sessions": Sessions,
    "messages": Messages,
    "ratings": Ratings,
    "escalations": Escalations,
    "gaps": Gaps,
}


def _day_of(engine: Engine, column: Any) -> ColumnElement[Any]:
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(column) - 2440587.5, Integer)
    return cast(func.floor(func.extract("epoch", column) / 86400), Integer)


def user_hash(value: str) -> int:
    """A stable signed 64-bit hash of a pseudonymous id (collisions: ~1 in 10^7 at 2M users)."""
    return int.from_bytes(
        hashlib.blake2b(value.encode(), digest_size=8).digest(), "big", signed=True
    )


def bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC datetimes [first 00:00, last+1 00:00)."""
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC),
    )


def read_facts(engine: Engine, first: dt.date, last: dt.date) -> Facts:
    """Facts for the UTC days first..last, read from the store."""
    lo, hi = bounds(first, last)
    s, m, f, e = SessionRecord, MessageRecord, FeedbackRecord, EscalationRecord
    with engine.connect() as conn:
        srows = conn.execute(
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
    poor = [(r[0], r[8]) for r in frows if r[1] and r[1] <= POOR_RATING]
    rated_gaps = Gaps(
        day=np.array([p[0] for p in poor], dtype=np.int32),
        reason=np.full(len(poor), GAP_POOR_RATING, dtype=np.int8),
        message_id=[p[1] for p in poor],
    )
    escalations = Escalations(
        day=np.array(_column(erows, 0), dtype=np.int32),
        kind=Coded.of(_column(erows, 1)),
        language=Coded.of(_column(erows, 2)),
        channel=Coded.of(_column(erows, 3)),
    )
    return Facts(
        _sessions(srows), messages, _ratings(frows), escalations, Gaps.concat([gaps, rated_gaps])
    )


def _column(rows: Sequence[Any], i: int) -> list[Any]:
    return [r[i] for r in rows]


def _sessions(rows: Sequence[Any]) -> Sessions:
    return Sessions(
        day=np.array(_column(rows, 0), dtype=np.int32),
        user=np.array([user_hash(r[1] or "session:" + r[2]) for r in rows], dtype=np.int64),
        channel=Coded.of(_column(rows, 3)),
        language=Coded.of(_column(rows, 4)),
        region=Coded.of(_column(rows, 5)),
        age_band=Coded.of(_column(rows, 6)),
        life_situation=Coded.of(_column(rows, 7)),
        clarity_start=np.array([r[8] or 0 for r in rows], dtype=np.int8),
        clarity_end=np.array([r[9] or 0 for r in rows], dtype=np.int8),
    )


def _messages(rows: Sequence[Any]) -> tuple[Messages, Gaps]:
    day = np.array(_column(rows, 0), dtype=np.int32)
    kind = Coded.of(_column(rows, 4))
    confidence = np.array(_column(rows, 5), dtype=np.float32)
    kinds = kind.labels()
    no_answer = kinds == "no_answer"
    low = (kinds == "answer") & (confidence < LOW_CONFIDENCE)
    gap = no_answer | low
    ids = [rows[i][8] for i in np.flatnonzero(gap).tolist()]
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
    return messages, Gaps(day=day[gap], reason=reason, message_id=ids)


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
