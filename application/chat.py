"""The chat service: a reply or a stream, its span, its `ChatEvent` and the channel rule, once.

The web routes (`/api/chat`, `/api/chat/stream`, `/v1/chat/completions`), the learner's session
routes and `suunta chat` all go through here, so a turn is recorded the same way everywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator, Sequence
from typing import Literal, Protocol

from assistant.assistant import Assistant, new_id
from assistant.history import recall_turns, unanswered_crisis
from assistant.memory import Memory
from assistant.streaming import Delta, Done, Restart, StreamEvent, stream_reply
from assistant.types import Reply
from telemetry.events import ChatEvent, FeedbackEvent, SessionDeleteEvent, SessionProfileEvent
from telemetry.otel import Otel, Turn
from telemetry.writer import TelemetryWriter

__all__ = [
    "ChatService",
    "Delta",
    "Done",
    "Reply",
    "Restart",
    "StreamEvent",
    "Via",
    "channel",
    "unanswered_crisis",
]

Via = Literal["web", "api"]
"""How a message came in: the web pages, or an API client (OpenAI protocol, the CLI)."""
DELETE_WAIT_SECONDS = 2.0
"""A deletion must not be lost to a full queue: it may wait this long for a place."""


class OrgDoor(Protocol):
    """Resolves the organisation a session came through (None: the national service)."""

    def door(self, org_id: str | None) -> object | None: ...


class OtelSource(Protocol):
    """Whatever holds the current OpenTelemetry set-up (replaced once the web app starts)."""

    otel: Otel


def channel(mode: str, via: Via) -> str:
    """The channel a turn is counted under: counsellor-mode messages on the web are the
    co-pilot's; everything through an API client is `api`."""
    if via == "web":
        return "counsellor" if mode == "counsellor" else "web"
    return "api"


def reason_of(reply: Reply) -> str | None:
    """Why the reply is what it is (`not_covered`, `low_confidence`, `injection` for any message
    that tried to instruct the model, ...), when the assistant says so."""
    reason = getattr(reply, "reason", None)
    return reason if isinstance(reason, str) and reason else None


def chat_event(
    reply: Reply,
    question: str,
    *,
    mode: str,
    via: Via,
    user_id: str | None = None,
    org_id: str | None = None,
) -> ChatEvent:
    """The telemetry event of a reply (the writer redacts the question)."""
    return ChatEvent(
        message_id=reply.message_id,
        session_id=reply.session_id,
        language=reply.language,
        mode=mode,
        kind=reply.kind,
        confidence=reply.confidence,
        topics=tuple(reply.topics),
        source_ids=tuple(s.id for s in reply.sources),
        latency_ms=reply.latency_ms,
        generator=reply.generator,
        question=question,
        channel=channel(mode, via),
        user_id=user_id,
        org_id=org_id,
        reason=reason_of(reply),
    )


def finish_turn(turn: Turn, reply: Reply, mode: str) -> None:
    """Put a reply's attributes on its chat-turn span."""
    turn.finish(
        session_id=reply.session_id,
        kind=reply.kind,
        language=reply.language,
        confidence=reply.confidence,
        topics=reply.topics,
        sources=len(reply.sources),
        mode=mode,
    )


class ChatService:
    """Replies to messages and records each turn once; the learner's own session data."""

    def __init__(
        self,
        assistant: Assistant,
        writer: TelemetryWriter,
        telemetry: OtelSource,
        *,
        memory: Memory,
        session_secret: bytes,
        orgs: OrgDoor | None = None,
    ) -> None:
        self.assistant = assistant
        self.orgs = orgs
        self.writer = writer
        self._telemetry = telemetry
        self.memory = memory
        self._secret = session_secret

    @property
    def otel(self) -> Otel:
        """The current OpenTelemetry set-up."""
        return self._telemetry.otel

    @property
    def index_documents(self) -> int:
        """How many articles the loaded index holds."""
        return self.assistant.retriever.article_count

    def reply(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
        via: Via = "web",
        user_id: str | None = None,
        org_id: str | None = None,
    ) -> Reply:
        """Answer one message, inside its span, and record the turn (under the organisation
        `org_id` when it is registered, else under the national service)."""
        with self.otel.chat_turn(session_id) as turn:
            reply = self.assistant.reply(
                message, session_id=session_id, language=language, mode=mode
            )
            finish_turn(turn, reply, mode)
        org = self.org_of(org_id)
        self.writer.submit(
            chat_event(reply, message, mode=mode, via=via, user_id=user_id, org_id=org)
        )
        return reply

    def stream(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
        via: Via = "web",
        user_id: str | None = None,
        org_id: str | None = None,
    ) -> Iterator[StreamEvent]:
        """The reply as text deltas, then the whole reply; the turn is recorded at the end."""
        for event in stream_reply(
            self.assistant, message, session_id=session_id, language=language, mode=mode
        ):
            if isinstance(event, Done):
                self._record_streamed(
                    event.reply, message, mode=mode, via=via, user_id=user_id, org_id=org_id
                )
            yield event

    def _record_streamed(
        self,
        reply: Reply,
        question: str,
        *,
        mode: str,
        via: Via,
        user_id: str | None,
        org_id: str | None = None,
    ) -> None:
        # A stream's steps run on different worker threads, so a span cannot stay open across
        # them: it is recorded once the reply is complete, its duration counted from the start.
        with self.otel.chat_turn(reply.session_id) as turn:
            turn.started = time.perf_counter() - reply.latency_ms / 1000
            finish_turn(turn, reply, mode)
        org = self.org_of(org_id)
        self.writer.submit(
            chat_event(reply, question, mode=mode, via=via, user_id=user_id, org_id=org)
        )

    def org_of(self, org_id: str | None) -> str | None:
        """`org_id` when it names a registered organisation, else None (national service)."""
        if not org_id or self.orgs is None:
            return None
        return org_id if self.orgs.door(org_id) is not None else None

    def session_for_user(self, user: str | None) -> str:
        """A session id for an API client's `user` (the same in every process that shares the
        secret, and not traceable back to it), or a new random one."""
        if not user:
            return new_id()
        return hmac.new(self._secret, user.encode(), hashlib.sha256).hexdigest()[:32]

    def staff_key(self, account_id: int) -> str:
        """The pseudonymous user id a member of staff's co-pilot sessions are kept under, so
        that they (and only they) can see their own use and ratings: keyed with the secret,
        so the store alone does not tell whose they are."""
        return self.session_for_user(f"staff:{account_id}")

    def recall(self, session_id: str, earlier_questions: Sequence[str]) -> int:
        """Remember a stateless client's earlier questions for follow-ups (see `recall_turns`)."""
        return recall_turns(self.memory, session_id, earlier_questions)

    def feedback(
        self,
        message_id: str,
        *,
        rating: int | None,
        helpful: bool | None,
        comment: str | None,
        wrong_answer: bool = False,
    ) -> bool:
        """Record a rating of a reply, or a report that it is wrong (counted apart from
        ratings); False when no reply has this id."""
        if not self.writer.knows_message(message_id):
            return False
        self.writer.submit(
            FeedbackEvent(message_id, rating, helpful, comment, wrong_answer=wrong_answer)
        )
        if wrong_answer:
            self.otel.count_wrong_answer()
        if rating is not None or helpful is not None or not wrong_answer:
            self.otel.count_rating(rating, helpful)
        return True

    def save_profile(self, session_id: str, answers: dict[str, str | int | None]) -> None:
        """Record the optional reach answers a learner chose to give."""
        self.writer.submit(SessionProfileEvent(session_id, **answers))  # type: ignore[arg-type]

    def delete_session(self, session_id: str) -> bool:
        """Forget a session's memory in every process and queue the deletion of its data;
        False when the queue stayed full."""
        self.memory.forget(session_id)
        return self.writer.submit(SessionDeleteEvent(session_id), wait=DELETE_WAIT_SECONDS)
