"""Request and response models of the HTTP API (their docstrings become the OpenAPI docs)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from application.chat import Reply

Language = Literal["fi", "sv", "en"]
ISSUED_ID = r"^[0-9a-f]{32}$"
"""The only form of session and visitor ids: 128 random bits in hex, as the server (a session)
or the browser's `crypto.getRandomValues` (a visitor code) makes them. Anything else, such as
"Mikko_Virtanen_131052-308T", is refused with 422 and never stored."""
Kind = Literal["answer", "no_answer", "out_of_scope", "crisis", "handoff"]


class ChatRequest(BaseModel):
    """A learner's or counsellor's message."""

    model_config = ConfigDict(extra="forbid")
    message: str = Field(min_length=1, max_length=2000)
    """The question or situation, 1-2000 characters."""
    session_id: str | None = Field(default=None, pattern=ISSUED_ID)
    """The session to continue (the `session_id` of an earlier reply); omit to start one."""
    language: Language | None = None
    """Pin the reply language; by default the message's own language."""
    mode: Literal["learner", "counsellor"] = "learner"
    """`counsellor` adds a structured plan for a client's situation."""
    user_id: str | None = Field(default=None, pattern=ISSUED_ID)
    """A random code (32 hex digits) the browser keeps, only if the learner agreed, so that
    return visits can be counted; never derived from the person or the device."""
    org_id: str | None = Field(default=None, max_length=32, pattern=r"^[a-z0-9-]+$")
    """The organisation whose door the learner came through (`/?org=<id>`, `/embed/<id>`);
    an unknown id counts as the national service."""


class SourcePublic(BaseModel):
    """A cited source; its position in `sources` is its citation number minus one."""

    id: str
    """Article id (shared by translations) or ESCO occupation URI."""
    title: str
    url: str
    """Where the facts can be checked."""
    snippet: str
    """The cited passage, shortened."""
    score: float
    """Similarity between the question and the passage."""


class PlanItemPublic(BaseModel):
    """A service or education option for the client, with the source it comes from."""

    title: str
    detail: str
    """One sentence from the source saying what it offers."""
    source: int
    """Citation number: the item's source is `sources[source - 1]`."""


class PlanPublic(BaseModel):
    """The counsellor co-pilot's structured suggestion, composed from the cited sources."""

    services: list[PlanItemPublic]
    """Services to contact."""
    options: list[PlanItemPublic]
    """Education options and ways to fund them."""
    questions: list[str]
    """Questions to explore with the client."""
    summary: str
    """A short summary to copy into the counsellor's notes (no personal data)."""


class ChatResponse(BaseModel):
    """The assistant's reply."""

    session_id: str
    message_id: str
    """Give this to /api/feedback to rate the reply."""
    answer: str
    """Markdown text citing sources as [1], [2]."""
    language: Language
    """The reply's language."""
    kind: Kind
    confidence: float = Field(ge=0.0, le=1.0)
    """Calibrated confidence that the answer is right."""
    sources: list[SourcePublic]
    plan: PlanPublic | None = None
    """Only with `mode=counsellor` and an answer: services, options, questions and a summary."""


class FeedbackRequest(BaseModel):
    """A verdict on one reply (a rating, helpful or not, a comment), or a report that it is
    wrong; every field but the message id is optional."""

    model_config = ConfigDict(extra="forbid")
    message_id: str = Field(min_length=1, max_length=64)
    rating: int | None = Field(default=None, ge=1, le=5)
    """1 (poor) to 5 (excellent)."""
    helpful: bool | None = None
    """Did the reply help?"""
    comment: str | None = Field(default=None, max_length=1000)
    """Free text; do not write personal details (names, phone numbers, identity codes): they
    are removed before it is stored."""
    wrong_answer: bool = False
    """"Report a wrong answer": counted apart from ratings and shown with the answer in the
    knowledge-gap report; may come with a `comment` and cannot come with a rating."""

    @model_validator(mode="after")
    def _no_rating_with_report(self) -> FeedbackRequest:
        if self.wrong_answer and (self.rating is not None or self.helpful is not None):
            raise ValueError("a wrong-answer report carries no rating; send the rating apart")
        return self


class HealthResponse(BaseModel):
    """Liveness and what the service runs on."""

    status: Literal["ok"]
    index_documents: int
    """Articles (per language) in the loaded index."""
    version: str


def to_public(reply: Reply) -> ChatResponse:
    """The API shape of a reply."""
    return ChatResponse(
        session_id=reply.session_id,
        message_id=reply.message_id,
        answer=reply.answer,
        language=reply.language,  # type: ignore[arg-type]
        kind=reply.kind,  # type: ignore[arg-type]
        confidence=min(1.0, max(0.0, reply.confidence)),
        sources=[
            SourcePublic(id=s.id, title=s.title, url=s.url, snippet=s.snippet, score=s.score)
            for s in reply.sources
        ],
        plan=PlanPublic.model_validate(asdict(reply.plan)) if reply.plan else None,
    )
