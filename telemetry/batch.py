"""One batch of events into the store, in one transaction, and safe to repeat.

Idempotent by construction: every row is keyed by an id the event carried from the request
(message id, feedback id, escalation id) and inserted with ON CONFLICT DO NOTHING; session rows
are upserted; profile updates and deletions give the same result when run twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, String, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from telemetry.events import (
    ChatEvent,
    Event,
    FeedbackEvent,
    SessionDeleteEvent,
    SessionProfileEvent,
)
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord

ESCALATION_KINDS = frozenset({"crisis", "handoff"})
PROFILE_FIELDS = ("age_band", "region", "life_situation", "clarity_start", "clarity_end")
SESSIONS = SessionRecord.__table__  # type: ignore[attr-defined]
SESSION_COLUMNS = ("id", "user_id", "started_at", "channel", "language")
MESSAGE_COLUMNS = (
    "id",
    "session_id",
    "created_at",
    "language",
    "mode",
    "channel",
    "kind",
    "confidence",
    "topics",
    "source_ids",
    "latency_ms",
    "generator",
    "question",
)


def _cut(value: str, length: int) -> str:
    return value if len(value) <= length else value[:length]


def _hour(at: dt.datetime) -> dt.datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def _impl(sql_type: Any) -> Any:
    """The underlying type of a TypeDecorator (SQLModel's AutoString is one)."""
    return getattr(sql_type, "impl_instance", sql_type)


def _sqlite_time(at: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores (UTC), so reads and range scans agree."""
    if at.tzinfo is not None and at.utcoffset():
        at = at.astimezone(dt.UTC)
    return at.isoformat(" ", "microseconds")[:26]


class _RawInsert:
    """One compiled INSERT for many rows, run with the driver's fastest form.

    The hot tables skip SQLAlchemy's per-row parameter processing, which cost more than the
    database itself (PERF-NOTES: Core ~80k rows/s, raw executemany ~400k). SQLite gets
    `executemany` of a prepared statement; PostgreSQL one statement per batch that unnests
    one array per column, instead of a round trip per row."""

    def __init__(self, statement: Any, columns: Sequence[str], dialect: Any) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(columns))
        self.columns = tuple(columns)
        self.unnest = dialect.name == "postgresql"
        if not self.unnest:
            assert compiled.positional and tuple(compiled.positiontup) == self.columns
            self.sql = str(compiled)
            return
        table = statement.table
        # Arrays of unbounded varchar: a value too long must fail on insert, as it would in a
        # plain INSERT, not be cut silently by a cast to varchar(n).
        arrays = ", ".join(
            "%s::"
            + ("VARCHAR" if isinstance(_impl(t), String) else t.compile(dialect=dialect))
            + "[]"
            for t in (table.c[name].type for name in self.columns)
        )
        conflict = str(compiled).split(" ON CONFLICT ", 1)[1]
        self.sql = (
            f"INSERT INTO {table.name} ({', '.join(self.columns)}) "
            f"SELECT * FROM unnest({arrays}) ON CONFLICT {conflict}"
        )

    def run(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Insert `rows`, tuples in `columns` order."""
        if self.unnest:
            conn.exec_driver_sql(
                self.sql, tuple(list(column) for column in zip(*rows, strict=True))
            )
        else:
            conn.exec_driver_sql(self.sql, rows)


@dataclass
class _Rows:
    """Inserts collected from consecutive chat and feedback events."""

    sessions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    messages: list[tuple[Any, ...]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sessions or self.messages or self.escalations or self.feedback)


class BatchWriter:
    """Turns events into rows and writes them; the dialect decides the ON CONFLICT syntax."""

    def __init__(self, dialect: Any, redact: Callable[[str], str], *, store_text: bool) -> None:
        self._redact = redact
        self._store_text = store_text
        module: Any = postgresql if dialect.name == "postgresql" else sqlite
        self._insert = module.insert
        # SQLite stores datetimes as text: convert them as SQLAlchemy would; psycopg takes them.
        self._time: Callable[[dt.datetime], Any] = (
            _sqlite_time if dialect.name == "sqlite" else (lambda at: at)
        )
        session_insert = self._insert(SessionRecord)
        # A session first seen through its profile has no language or channel yet.
        session_upsert = session_insert.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "language": func.coalesce(SESSIONS.c.language, session_insert.excluded.language),
                "channel": func.coalesce(SESSIONS.c.channel, session_insert.excluded.channel),
                "user_id": func.coalesce(SESSIONS.c.user_id, session_insert.excluded.user_id),
            },
            where=or_(
                SESSIONS.c.language.is_(None),
                SESSIONS.c.channel.is_(None),
                SESSIONS.c.user_id.is_(None) & session_insert.excluded.user_id.is_not(None),
            ),
        )
        self._sessions = _RawInsert(session_upsert, SESSION_COLUMNS, dialect)
        self._messages = _RawInsert(
            self._insert(MessageRecord).on_conflict_do_nothing(), MESSAGE_COLUMNS, dialect
        )

    def text(self, value: str | None, limit: int) -> str | None:
        """The redacted text to store, or None when no text is kept."""
        if not value or not self._store_text:
            return None
        return _cut(self._redact(value), limit)

    def write(self, conn: Connection, batch: Sequence[Event]) -> None:
        """Write `batch` in order on `conn` (the caller owns the transaction)."""
        rows = _Rows()
        for event in batch:
            if isinstance(event, ChatEvent):
                self._add_chat(rows, event)
            elif isinstance(event, FeedbackEvent):
                rows.feedback.append(self._feedback_row(event))
            else:
                # Profiles and deletions act on rows written before them: keep the order.
                self._insert_rows(conn, rows)
                rows = _Rows()
                if isinstance(event, SessionProfileEvent):
                    self._apply_profile(conn, event)
                elif isinstance(event, SessionDeleteEvent):
                    delete_session(conn, event.session_id)
        self._insert_rows(conn, rows)

    # -- rows --------------------------------------------------------------------------------
    def _add_chat(self, rows: _Rows, event: ChatEvent) -> None:
        at = self._time(event.at)
        if event.session_id not in rows.sessions:
            rows.sessions[event.session_id] = (
                event.session_id,
                event.user_id,
                at,
                event.channel,
                event.language,
            )
        escalated = event.kind in ESCALATION_KINDS
        rows.messages.append(
            (
                event.message_id,
                event.session_id,
                at,
                event.language,
                event.mode,
                event.channel,
                event.kind,
                float(event.confidence),
                _cut(",".join(event.topics), 512),
                _cut(",".join(event.source_ids), 1024),
                float(event.latency_ms),
                _cut(event.generator, 32),
                # Crisis and handoff messages are counted, never kept with their words.
                None if escalated else self.text(event.question, 2000),
            )
        )
        if escalated:
            rows.escalations.append(
                {
                    "id": event.id,
                    "created_at": _hour(event.at),
                    "kind": event.kind,
                    "language": event.language,
                    "channel": event.channel,
                }
            )

    def _feedback_row(self, event: FeedbackEvent) -> dict[str, Any]:
        return {
            "id": event.id,
            "message_id": event.message_id,
            "created_at": event.at,
            "rating": event.rating,
            "helpful": event.helpful,
            "comment": self.text(event.comment, 1000),
        }

    # -- statements --------------------------------------------------------------------------
    def _insert_rows(self, conn: Connection, rows: _Rows) -> None:
        if not rows:
            return
        if rows.sessions:
            self._sessions.run(conn, list(rows.sessions.values()))
        if rows.messages:
            self._messages.run(conn, rows.messages)
        if rows.escalations:
            conn.execute(self._insert(EscalationRecord).on_conflict_do_nothing(), rows.escalations)
        if rows.feedback:
            # Feedback on a message that is not stored (deleted by the learner, or its event
            # dropped) is not kept: it could not be reported and must not outlive a deletion.
            wanted = {row["message_id"] for row in rows.feedback}
            stored = set(
                conn.execute(
                    select(col(MessageRecord.id)).where(col(MessageRecord.id).in_(wanted))
                ).scalars()
            )
            kept = [row for row in rows.feedback if row["message_id"] in stored]
            if kept:
                conn.execute(self._insert(FeedbackRecord).on_conflict_do_nothing(), kept)

    def _apply_profile(self, conn: Connection, event: SessionProfileEvent) -> None:
        conn.execute(
            self._insert(SessionRecord).on_conflict_do_nothing(),
            [{"id": event.session_id, "started_at": event.at}],
        )
        values = {k: getattr(event, k) for k in PROFILE_FIELDS if getattr(event, k) is not None}
        if values:
            conn.execute(
                update(SessionRecord)
                .where(col(SessionRecord.id) == event.session_id)
                .values(**values)
            )


def delete_session(conn: Connection, session_id: str) -> None:
    """Delete a session with its messages and their feedback (escalation counts stay)."""
    ids = select(col(MessageRecord.id)).where(col(MessageRecord.session_id) == session_id)
    conn.execute(delete(FeedbackRecord).where(col(FeedbackRecord.message_id).in_(ids)))
    conn.execute(delete(MessageRecord).where(col(MessageRecord.session_id) == session_id))
    conn.execute(delete(SessionRecord).where(col(SessionRecord.id) == session_id))
