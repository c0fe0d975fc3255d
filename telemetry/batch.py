"""One batch of events into the store, in one transaction, and safe to repeat.

Idempotent by construction: every row is keyed by an id the event carried from the request
(message id, feedback id, escalation id) and inserted with ON CONFLICT DO NOTHING; session rows
are upserted; profile updates and deletions give the same result when run twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, update
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
from telemetry.raw_insert import RawInsert
from telemetry.recent_map import RecentMap

ESCALATION_KINDS = frozenset({"crisis", "handoff"})
PROFILE_FIELDS = (
    "age_band",
    "region",
    "life_situation",
    "clarity_start",
    "clarity_end",
    "next_step_taken",
    "service_contacted",
)
SESSIONS = SessionRecord.__table__  # type: ignore[attr-defined]
SESSION_COLUMNS = ("id", "user_id", "started_at", "channel", "language", "org_id")
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
    "reason",
)


def _cut(value: str, length: int) -> str:
    return value if len(value) <= length else value[:length]


def _hour(at: dt.datetime) -> dt.datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def _sqlite_time(at: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores (UTC), so reads and range scans agree."""
    if at.tzinfo is not None and at.utcoffset():
        at = at.astimezone(dt.UTC)
    return at.isoformat(" ", "microseconds")[:26]


@dataclass
class _Rows:
    """Inserts collected from consecutive chat and feedback events."""

    sessions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    messages: list[list[Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sessions or self.messages or self.escalations or self.feedback)


Step = _Rows | SessionProfileEvent | SessionDeleteEvent
"""One part of a prepared batch: rows to insert, or a profile or deletion to apply."""
_Fill = tuple[Any, Any, str, int]
"""Where a redacted text goes: (row, index or key, the raw text, its length limit)."""
QUESTION = MESSAGE_COLUMNS.index("question")


# Redacted texts of recent questions, keyed by a digest of the text (the raw text is not
# kept): learners ask the same questions often ("suggested questions"), and redaction is the
# dearest part of an event.
REDACTION_CACHE = 8_192
# Sessions this writer has stored complete (language and channel set) recently, whose upsert a
# later message can skip. Forgotten after KNOWN_SESSION_SECONDS, and at once when deleted here.
KNOWN_SESSIONS = 100_000
KNOWN_SESSION_SECONDS = 600.0


class BatchWriter:
    """Turns events into rows and writes them; the dialect decides the ON CONFLICT syntax."""

    def __init__(
        self,
        dialect: Any,
        redact: Callable[[str], str],
        *,
        store_text: bool,
        redact_many: Callable[[list[str]], Callable[[], list[str]]] | None = None,
    ) -> None:
        self._redact = redact
        # Starts redacting a list of texts and returns the function that waits for them.
        self._redact_many = redact_many or (lambda texts: lambda: [redact(t) for t in texts])
        self._store_text = store_text
        module: Any = postgresql if dialect.name == "postgresql" else sqlite
        self._insert = module.insert
        # SQLite stores datetimes as text: convert them as SQLAlchemy would; psycopg takes them.
        self._time: Callable[[dt.datetime], Any] = (
            _sqlite_time if dialect.name == "sqlite" else (lambda at: at)
        )
        self._redacted = RecentMap(REDACTION_CACHE // 2)
        self._known = RecentMap(KNOWN_SESSIONS // 2)
        session_insert = self._insert(SessionRecord)
        # A session first seen through its profile has no language or channel yet.
        session_upsert = session_insert.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "language": func.coalesce(SESSIONS.c.language, session_insert.excluded.language),
                "channel": func.coalesce(SESSIONS.c.channel, session_insert.excluded.channel),
                "user_id": func.coalesce(SESSIONS.c.user_id, session_insert.excluded.user_id),
                "org_id": func.coalesce(SESSIONS.c.org_id, session_insert.excluded.org_id),
            },
            where=or_(
                SESSIONS.c.language.is_(None),
                SESSIONS.c.channel.is_(None),
                SESSIONS.c.user_id.is_(None) & session_insert.excluded.user_id.is_not(None),
            ),
        )
        self._sessions = RawInsert(session_upsert, SESSION_COLUMNS, dialect)
        self._messages = RawInsert(
            self._insert(MessageRecord).on_conflict_do_nothing(), MESSAGE_COLUMNS, dialect
        )

    def _redact_texts(self, batch: Sequence[Event]) -> Callable[[], dict[str, str]]:
        """Start redacting every text of `batch` that is kept: from the cache, the rest
        together (perhaps in another process, see `redact_many`); the function returned
        waits for them."""
        if not self._store_text:
            return dict
        out: dict[str, str] = {}
        misses: dict[str, bytes] = {}
        for event in batch:
            if isinstance(event, ChatEvent):
                value = None if event.kind in ESCALATION_KINDS else event.question
            elif isinstance(event, FeedbackEvent):
                value = event.comment
            else:
                continue
            if not value or value in out or value in misses:
                continue
            key = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            redacted = self._redacted.get(key)
            if redacted is None:
                misses[value] = key
            else:
                out[value] = redacted
        if not misses:
            return lambda: out
        values = list(misses)
        pending = self._redact_many(values)

        def result() -> dict[str, str]:
            for value, redacted in zip(values, pending(), strict=True):
                out[value] = redacted
                self._redacted.put(misses[value], redacted)
            return out

        return result

    def write(self, conn: Connection, batch: Sequence[Event]) -> None:
        """Write `batch` in order on `conn` (the caller owns the transaction, and calls
        `committed` once it is committed)."""
        self.execute(conn, self.prepare(batch))

    def prepare(self, batch: Sequence[Event]) -> list[Step]:
        """Redact and turn `batch` into rows, without touching the database (so this can run
        on one thread while another writes the batch before)."""
        pending = self._redact_texts(batch)
        # The rows are built while the texts are redacted (in another process for a burst);
        # each text is put in its place afterwards.
        fills: list[_Fill] = []
        steps: list[Step] = []
        rows = _Rows()
        for event in batch:
            if isinstance(event, ChatEvent):
                self._add_chat(rows, event, fills)
            elif isinstance(event, FeedbackEvent):
                rows.feedback.append(self._feedback_row(event, fills))
            else:
                # Profiles and deletions act on rows written before them: keep the order.
                if rows:
                    steps.append(rows)
                    rows = _Rows()
                steps.append(event)
        if rows:
            steps.append(rows)
        texts = pending()
        for row, key, value, limit in fills:
            row[key] = _cut(texts[value], limit)
        return steps

    def execute(self, conn: Connection, steps: Sequence[Step]) -> None:
        """Run prepared `steps` in order on `conn`; safe to repeat after a rollback."""
        for step in steps:
            if isinstance(step, _Rows):
                self._insert_rows(conn, step)
            elif isinstance(step, SessionProfileEvent):
                self._apply_profile(conn, step)
            else:
                # Forgotten before the commit: a failed deletion only costs an upsert later.
                self._known.discard(step.session_id)
                delete_session(conn, step.session_id)

    def committed(self, steps: Sequence[Step]) -> None:
        """Remember the sessions `steps` stored complete, once their transaction committed."""
        now = time.monotonic()
        for step in steps:
            if isinstance(step, _Rows):
                for row in step.sessions.values():
                    self._known.put(row[0], (now, row[1] is not None))
            elif isinstance(step, SessionDeleteEvent):
                self._known.discard(step.session_id)

    def _session_rows(self, rows: _Rows) -> list[tuple[Any, ...]]:
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

    # -- rows --------------------------------------------------------------------------------
    def _add_chat(self, rows: _Rows, event: ChatEvent, fills: list[_Fill]) -> None:
        at = self._time(event.at)
        if event.session_id not in rows.sessions:
            rows.sessions[event.session_id] = (
                event.session_id,
                event.user_id,
                at,
                event.channel,
                event.language,
                event.org_id,
            )
        escalated = event.kind in ESCALATION_KINDS
        row = [
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
            None,  # the question, redacted, filled in by `prepare`
            _cut(event.reason, 32) if event.reason else None,
        ]
        # Crisis and handoff messages are counted, never kept with their words.
        if self._store_text and event.question and not escalated:
            fills.append((row, QUESTION, event.question, 2000))
        rows.messages.append(row)
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

    def _feedback_row(self, event: FeedbackEvent, fills: list[_Fill]) -> dict[str, Any]:
        row = {
            "id": event.id,
            "message_id": event.message_id,
            "created_at": event.at,
            "rating": event.rating,
            "helpful": event.helpful,
            "comment": None,
            "wrong_answer": True if event.wrong_answer else None,
        }
        if self._store_text and event.comment:
            fills.append((row, "comment", event.comment, 1000))
        return row

    # -- statements --------------------------------------------------------------------------
    def _insert_rows(self, conn: Connection, rows: _Rows) -> None:
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
    """Delete a session with its messages and their feedback (escalation counts stay)."""
    ids = select(col(MessageRecord.id)).where(col(MessageRecord.session_id) == session_id)
    conn.execute(delete(FeedbackRecord).where(col(FeedbackRecord.message_id).in_(ids)))
    conn.execute(delete(MessageRecord).where(col(MessageRecord.session_id) == session_id))
    conn.execute(delete(SessionRecord).where(col(SessionRecord.id) == session_id))
