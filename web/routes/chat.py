"""The chat and feedback API."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, HTTPException, Response, status

from assistant.types import Reply
from telemetry.events import ChatEvent, FeedbackEvent
from web.deps import ComponentsDep
from web.schemas import ChatRequest, ChatResponse, FeedbackRequest, PlanPublic, SourcePublic

router = APIRouter(prefix="/api", tags=["chat"])


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


def chat_event(
    reply: Reply, question: str, mode: str, channel: str, user_id: str | None = None
) -> ChatEvent:
    """The telemetry event for a reply (the writer redacts the question)."""
    return ChatEvent(
        message_id=reply.message_id,
        session_id=reply.session_id,
        language=reply.language,  # type: ignore[arg-type]
        mode=mode,
        kind=reply.kind,
        confidence=reply.confidence,
        topics=tuple(reply.topics),
        source_ids=tuple(s.id for s in reply.sources),
        latency_ms=reply.latency_ms,
        generator=reply.generator,
        question=question,
        channel=channel,
        user_id=user_id,
    )


@router.post("/chat", response_model=ChatResponse)
def chat(body: ChatRequest, components: ComponentsDep) -> ChatResponse:
    """Answer one message, citing the knowledge-base passages it used."""
    with components.otel.chat_turn(body.session_id) as turn:
        reply = components.assistant.reply(
            body.message, session_id=body.session_id, language=body.language, mode=body.mode
        )
        turn.finish(
            session_id=reply.session_id,
            kind=reply.kind,
            language=reply.language,
            confidence=reply.confidence,
            topics=reply.topics,
            sources=len(reply.sources),
            mode=body.mode,
        )
    channel = "counsellor" if body.mode == "counsellor" else "web"
    components.writer.submit(chat_event(reply, body.message, body.mode, channel, body.user_id))
    return to_public(reply)


@router.post(
    "/feedback",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "No reply has this `message_id`"}},
)
def feedback(body: FeedbackRequest, components: ComponentsDep) -> Response:
    """Rate a reply: helpful or not, 1-5, and an optional comment."""
    if not components.writer.knows_message(body.message_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown message_id")
    components.writer.submit(
        FeedbackEvent(body.message_id, body.rating, body.helpful, body.comment)
    )
    components.otel.count_rating(body.rating, body.helpful)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
