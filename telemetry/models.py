"""The telemetry tables. Nothing here can hold an IP address, a user agent or raw text.

The schema is owned by the Alembic migrations in `telemetry/migrations`; these classes must
match them (a test compares the two).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, text
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """Timezone-aware now, stored as UTC."""
    return dt.datetime.now(dt.UTC)


# timestamptz on PostgreSQL, so a server whose TimeZone is not UTC cannot shift the values.
Timestamp = DateTime(timezone=True)


class SessionRecord(SQLModel, table=True):
    """A pseudonymous conversation; reach fields only when the learner chose to answer."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_started_at", "started_at"),
        Index("ix_sessions_user_id", "user_id"),
    )
    id: str = Field(primary_key=True, max_length=64)
    """Random id, never derived from the person or their device."""
    user_id: str | None = Field(default=None, max_length=64)
    """Random id a browser keeps to count returning users; never personal."""
    started_at: dt.datetime = Field(default_factory=utcnow, sa_type=Timestamp)
    channel: str | None = Field(default=None, max_length=16)
    """`web`, `counsellor` or `api`; empty until the session's first message is recorded."""
    language: str | None = Field(default=None, max_length=2)
    """Language of the session's first message; empty until it is recorded."""
    age_band: str | None = Field(default=None, max_length=16)
    region: str | None = Field(default=None, max_length=32)
    life_situation: str | None = Field(default=None, max_length=32)
    clarity_start: int | None = None
    """'How clear is your next step?' (1-5) at the start, if answered."""
    clarity_end: int | None = None
    """The same question at the end, if answered."""
    org_id: str | None = Field(default=None, max_length=32)
    """The registered organisation the session came through; empty for the national service."""
    next_step_taken: str | None = Field(default=None, max_length=16)
    """'Did you take the next step you planned?', asked on a later visit (`telemetry.profile`)."""
    service_contacted: str | None = Field(default=None, max_length=16)
    """'Did you contact the service we suggested?' after a handoff (`telemetry.profile`)."""
    handoff_taken: str | None = Field(default=None, max_length=16)
    """`link` or `phone`: the learner opened a service a handoff reply offered, by its web
    address or phone number (`telemetry.profile.HANDOFF_TAKEN`); never which service."""


GAP_CANDIDATES = "kind = 'no_answer' OR (kind = 'answer' AND confidence < 0.45000001788139343)"
"""The condition of `ix_messages_gap_candidates` (migration 0014)."""


class MessageRecord(SQLModel, table=True):
    """One question and the kind of reply it got; the text only after redaction."""

    __tablename__ = "messages"
    # (created_at, kind) also serves every range scan on created_at alone, so there is no
    # separate created_at index to slow the writer down.
    __table_args__ = (
        Index("ix_messages_session_id", "session_id"),
        Index("ix_messages_created_at_kind", "created_at", "kind"),
        Index("ix_messages_created_at_language", "created_at", "language"),
        # Only the questions that may be knowledge gaps by their reply, with all a report reads
        # of them (migration 0014: a report's condition must imply this one).
        Index(
            "ix_messages_gap_candidates",
            "created_at",
            "kind",
            "confidence",
            "id",
            sqlite_where=text(GAP_CANDIDATES),
            postgresql_where=text(GAP_CANDIDATES),
        ),
    )
    id: str = Field(primary_key=True, max_length=64)
    session_id: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=Timestamp)
    language: str = Field(max_length=2)
    mode: str = Field(default="learner", max_length=16)
    channel: str = Field(default="web", max_length=16)
    kind: str = Field(max_length=16)
    confidence: float = 0.0
    topics: str = Field(default="", max_length=512)
    """Comma-separated topic keys."""
    source_ids: str = Field(default="", max_length=1024)
    """Comma-separated ids of the cited sources."""
    latency_ms: float = 0.0
    generator: str = Field(default="extractive", max_length=32)
    question: str | None = Field(default=None, max_length=2000)
    """The question after redaction (`SUUNTA_STORE_TEXT=redacted`), else empty."""
    reason: str | None = Field(default=None, max_length=32)
    """Why the reply is what it is (`not_covered`, `own_case`, `local`, ...), when the
    assistant says so."""


class FeedbackRecord(SQLModel, table=True):
    """A learner's or counsellor's verdict on one reply."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_message_id", "message_id"),
        Index("ix_feedback_created_at", "created_at"),
    )
    id: str = Field(primary_key=True, max_length=64)
    message_id: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=Timestamp)
    rating: int | None = None
    helpful: bool | None = None
    comment: str | None = Field(default=None, max_length=1000)
    """After redaction."""
    wrong_answer: bool | None = None
    """A "Report a wrong answer": counted apart from ratings (which it does not carry)."""


class EscalationRecord(SQLModel, table=True):
    """A crisis reply or a handoff to a human, counted apart from any session and never with
    text, so the count survives a learner deleting their session."""

    __tablename__ = "escalations"
    __table_args__ = (Index("ix_escalations_created_at_kind", "created_at", "kind"),)
    id: str = Field(primary_key=True, max_length=64)
    """The chat event's own random id (not the message id: nothing links the two)."""
    created_at: dt.datetime = Field(sa_type=Timestamp)
    """Truncated to the hour, so a row cannot be matched to a message by its time."""
    kind: str = Field(max_length=16)
    """`crisis` or `handoff`."""
    language: str = Field(max_length=2)
    channel: str = Field(default="web", max_length=16)


class DeletedSessionRecord(SQLModel, table=True):
    """A session the learner deleted, remembered for a while by a keyed hash of its id (never
    the id), so that its events still on the way are not stored (`telemetry.deletions`)."""

    __tablename__ = "deleted_sessions"
    __table_args__ = (Index("ix_deleted_sessions_deleted_at", "deleted_at"),)
    key: str = Field(primary_key=True, max_length=32)
    deleted_at: dt.datetime = Field(sa_type=Timestamp)


class StoreKeyRecord(SQLModel, table=True):
    """A random key of the store, made by a migration (`deleted_sessions` hashes with one)."""

    __tablename__ = "store_keys"
    name: str = Field(primary_key=True, max_length=32)
    value: str = Field(max_length=128)


TABLES = (
    SessionRecord,
    MessageRecord,
    FeedbackRecord,
    EscalationRecord,
    DeletedSessionRecord,
    StoreKeyRecord,
)
"""Every telemetry table, in the order they are created."""
