"""One batch of events into the store, in one transaction, and safe to repeat.

Idempotent by construction: every row is keyed by an id the event carried from the request
(message id, feedback id, escalation id) and inserted with ON CONFLICT DO NOTHING; session rows
are upserted; profile updates and deletions give the same result when run twice. The rows
themselves are built in `telemetry.batch_rows`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from telemetry.batch_rows import MESSAGE_COLUMNS as MESSAGE_COLUMNS
from telemetry.batch_rows import SESSION_COLUMNS, RedactMany, RowBuilder, Rows, Step, sqlite_time
from telemetry.deletions import Tombstones, forget_turns
from telemetry.events import Event, SessionDeleteEvent, SessionProfileEvent
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.raw_insert import RawInsert
from telemetry.recent_map import RecentMap

__all__ = ["MESSAGE_COLUMNS", "BatchWriter", "Step", "delete_session"]

PROFILE_FIELDS = (
    "age_band",
    "region",
    "life_situation",
    "clarity_start",
    "clarity_end",
    "next_step_taken",
    "service_contacted",
    "handoff_taken",
)
SESSIONS = SessionRecord.__table__  # type: ignore[attr-defined]
# Sessions this writer has stored complete (language and channel set) recently, whose upsert a
# later message can skip. Forgotten after KNOWN_SESSION_SECONDS, and at once when deleted here.
KNOWN_SESSIONS = 100_000
KNOWN_SESSION_SECONDS = 600.0


def _session_upsert(insert: Any) -> Any:
    """Insert a session, or complete one first seen through its profile (no language or
    channel yet) or given a user id later."""
    statement = insert(SessionRecord)
    return statement.on_conflict_do_update(
        index_elements=["id"],
        set_={
            "language": func.coalesce(SESSIONS.c.language, statement.excluded.language),
            "channel": func.coalesce(SESSIONS.c.channel, statement.excluded.channel),
            "user_id": func.coalesce(SESSIONS.c.user_id, statement.excluded.user_id),
            "org_id": func.coalesce(SESSIONS.c.org_id, statement.excluded.org_id),
        },
        where=or_(
            SESSIONS.c.language.is_(None),
            SESSIONS.c.channel.is_(None),
            SESSIONS.c.user_id.is_(None) & statement.excluded.user_id.is_not(None),
        ),
    )


class BatchWriter:
    """Turns events into rows and writes them; the dialect decides the ON CONFLICT syntax."""

    def __init__(
        self,
        dialect: Any,
        redact: Callable[[str], str],
        *,
        store_text: bool,
        redact_many: RedactMany | None = None,
    ) -> None:
        module: Any = postgresql if dialect.name == "postgresql" else sqlite
        self._insert = module.insert
        # SQLite stores datetimes as text: convert them as SQLAlchemy would; psycopg takes them.
        self._rows = RowBuilder(
            redact,
            store_text=store_text,
            time=sqlite_time if dialect.name == "sqlite" else (lambda at: at),
            redact_many=redact_many,
        )
        self._known = RecentMap(KNOWN_SESSIONS // 2)
        self._tombstones = Tombstones(dialect.name)
        self._sessions = RawInsert(_session_upsert(self._insert), SESSION_COLUMNS, dialect)
        self._messages = RawInsert(
            self._insert(MessageRecord).on_conflict_do_nothing(), MESSAGE_COLUMNS, dialect
        )

    def write(self, conn: Connection, batch: Sequence[Event]) -> None:
        """Write `batch` in order on `conn` (the caller owns the transaction, and calls
        `committed` once it is committed)."""
        self.execute(conn, self.prepare(batch))

    def prepare(self, batch: Sequence[Event]) -> list[Step]:
        """Redact and turn `batch` into rows, without touching the database (so this can run
        on one thread while another writes the batch before)."""
        return self._rows.prepare(batch)

    def execute(self, conn: Connection, steps: Sequence[Step]) -> None:
        """Run prepared `steps` in order on `conn`; safe to repeat after a rollback. Nothing
        of a deleted session is stored (`telemetry.deletions`)."""
        gone = self._deleted(conn, steps)
        for session_id in gone:
            delete_session(conn, session_id)  # a memory turn written after the deletion
        for step in steps:
            if isinstance(step, Rows):
                self._insert_rows(conn, step.drop(gone))
            elif isinstance(step, SessionProfileEvent):
                if step.session_id not in gone:
                    self._apply_profile(conn, step)
            else:
                # Forgotten before the commit: a failed deletion only costs an upsert later.
                self._known.discard(step.session_id)
                self._tombstones.record(conn, step.session_id)
                delete_session(conn, step.session_id)
                gone.add(step.session_id)

    def _deleted(self, conn: Connection, steps: Sequence[Step]) -> set[str]:
        """Lock as a batch does, and the sessions of `steps` deleted before this batch."""
        sessions: list[str] = []
        deleting = False
        for step in steps:
            if isinstance(step, Rows):
                sessions.extend(step.sessions)
            else:
                sessions.append(step.session_id)
                deleting = deleting or isinstance(step, SessionDeleteEvent)
        return self._tombstones.begin(conn, sessions, deleting=deleting)

    def committed(self, steps: Sequence[Step]) -> None:
        """Remember the sessions `steps` stored complete, once their transaction committed."""
        now = time.monotonic()
        for step in steps:
            if isinstance(step, Rows):
                for row in step.sessions.values():
                    self._known.put(row[0], (now, row[1] is not None))
            elif isinstance(step, SessionDeleteEvent):
                self._known.discard(step.session_id)

    def _session_rows(self, rows: Rows) -> list[tuple[Any, ...]]:
        """The session upserts that can change something: not those of sessions stored
        complete here recently (a user id arriving later still goes through)."""
        now = time.monotonic()
        out = []
        for row in rows.sessions.values():
            known = self._known.get(row[0])
            stale = known is None or now - known[0] > KNOWN_SESSION_SECONDS
            if stale or (row[1] is not None and not known[1]):
                out.append(row)
        return out

    # -- statements --------------------------------------------------------------------------
    def _insert_rows(self, conn: Connection, rows: Rows) -> None:
        if not rows:
            return
        sessions = self._session_rows(rows)
        if sessions:
            self._sessions.run(conn, sessions)
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
    """Delete a session with its messages, their feedback and its memory turns in the store
    (escalation counts stay)."""
    ids = select(col(MessageRecord.id)).where(col(MessageRecord.session_id) == session_id)
    conn.execute(delete(FeedbackRecord).where(col(FeedbackRecord.message_id).in_(ids)))
    conn.execute(delete(MessageRecord).where(col(MessageRecord.session_id) == session_id))
    conn.execute(delete(SessionRecord).where(col(SessionRecord.id) == session_id))
    forget_turns(conn, session_id)
