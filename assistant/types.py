"""What the assistant hands back: a reply with its numbered sources."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A cited passage; its position in `Reply.sources` is its citation number minus one."""

    id: str
    title: str
    url: str
    snippet: str
    score: float
    language: str = "en"
    kind: str = "article"


@dataclass(frozen=True)
class PlanItem:
    """A service or education option suggested to a counsellor, with the source behind it."""

    title: str
    detail: str
    source: int
    """Citation number in `Reply.sources` (1-based)."""


@dataclass(frozen=True)
class Plan:
    """The counsellor co-pilot's structured suggestion."""

    services: list[PlanItem]
    options: list[PlanItem]
    questions: list[str]
    summary: str


@dataclass(frozen=True)
class Reply:
    """The assistant's answer to one message."""

    session_id: str
    message_id: str
    answer: str
    language: str
    kind: str
    confidence: float
    sources: list[Source] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    generator: str = "extractive"
    plan: Plan | None = None
    latency_ms: float = 0.0
    reason: str | None = None
    """Why a reply is not an answer (`not_covered`, `low_confidence`, `small_talk`, ...), or
    what an answer rests on (`card` when an answer card opened it)."""
