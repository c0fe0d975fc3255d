"""The telemetry tables. Nothing here can hold an IP address, a user agent or raw text."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """Timezone-aware now, stored as UTC."""
    return dt.datetime.now(dt.UTC)


class SessionRecord(SQLModel, table=True):
    """A pseudonymous conversation; reach fields only when the learner chose to answer."""

    __tablename__ = "sessions"
    id: str = Field(primary_key=True, max_length=64)
    """Random id, never derived from the person or their device."""
    user_id: str | None = Field(default=None, max_length=64, index=True)
    """Random id a browser keeps to count returning users; never personal."""
    started_at: dt.datetime = Field(default_factory=utcnow, index=True)
    channel: str = Field(default="web", max_length=16)
    language: str = Field(default="fi", max_length=2)
    age_band: str | None = Field(default=None, max_length=16)
    region: str | None = Field(default=None, max_length=32)
    life_situation: str | None = Field(default=None, max_length=32)
    clarity_start: int | None = None
    """'How clear is your next step?' (1-5) at the start, if answered."""
    clarity_end: int | None = None
    """The same question at the end, if answered."""


class MessageRecord(SQLModel, table=True):
    """One question and the kind of reply it got; the text only after redaction."""

    __tablename__ = "messages"
    id: str = Field(primary_key=True, max_length=64)
    session_id: str = Field(index=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
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


class FeedbackRecord(SQLModel, table=True):
    """A learner's or counsellor's verdict on one reply."""

    __tablename__ = "feedback"
    id: str = Field(primary_key=True, max_length=64)
    message_id: str = Field(index=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
    rating: int | None = None
    helpful: bool | None = None
    comment: str | None = Field(default=None, max_length=1000)
    """After redaction."""
