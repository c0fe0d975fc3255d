"""Events handed to the writer by the request path: plain data, text not yet redacted."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from telemetry.models import utcnow


def _event_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ChatEvent:
    """A question and the reply's metadata; `question` is redacted by the writer."""

    message_id: str
    session_id: str
    language: str
    mode: str
    kind: str
    confidence: float
    topics: tuple[str, ...]
    source_ids: tuple[str, ...]
    latency_ms: float
    generator: str
    question: str
    channel: str = "web"
    user_id: str | None = None
    org_id: str | None = None
    """The registered organisation the session came through (None: the national service)."""
    reason: str | None = None
    """Why the reply is what it is (`not_covered`, `own_case`, ...), when the assistant says."""
    id: str = field(default_factory=_event_id)
    """The event's own id; crisis and handoff counts are keyed by it, not by the message."""
    at: dt.datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class FeedbackEvent:
    """A rating of one reply, or a wrong-answer report; `comment` is redacted by the writer."""

    message_id: str
    rating: int | None
    helpful: bool | None
    comment: str | None
    wrong_answer: bool = False
    """A "Report a wrong answer" (counted apart from ratings)."""
    id: str = field(default_factory=_event_id)
    at: dt.datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class SessionProfileEvent:
    """Optional answers a learner chose to give: reach questions and next-step clarity."""

    session_id: str
    age_band: str | None = None
    region: str | None = None
    life_situation: str | None = None
    clarity_start: int | None = None
    clarity_end: int | None = None
    next_step_taken: str | None = None
    service_contacted: str | None = None
    handoff_taken: str | None = None
    """`link` or `phone`: the learner opened a service a handoff reply offered."""
    id: str = field(default_factory=_event_id)
    at: dt.datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class SessionDeleteEvent:
    """The learner asked to delete their conversation's data."""

    session_id: str
    id: str = field(default_factory=_event_id)
    at: dt.datetime = field(default_factory=utcnow)


Event = ChatEvent | FeedbackEvent | SessionProfileEvent | SessionDeleteEvent
