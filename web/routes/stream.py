"""`POST /api/chat/stream`: the reply as Server-Sent Events, text as it is produced."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.streaming import Delta, Done, Restart, stream_reply
from assistant.types import Reply
from suunta.wiring import Components
from telemetry.otel import Turn
from web.deps import ComponentsDep
from web.routes.chat import chat_event, to_public
from web.schemas import ChatRequest

router = APIRouter(prefix="/api", tags=["chat"])

SSE_HEADERS = {
    "Cache-Control": "no-cache",
    # Proxies such as nginx buffer responses unless told not to; a stream must not wait.
    "X-Accel-Buffering": "no",
}
STREAM_DOC = """Server-Sent Events, in this order:

- `event: delta`, data `{"text": "..."}`: the next piece of the answer, as it is written;
- `event: reset`, data `{}` (rare): forget the text so far; the answer starts again, because the
  language model's text did not cite its sources correctly and the extractive answer replaces it;
- `event: done`, data: the complete reply, the same JSON as `POST /api/chat` returns.
"""


def finish_turn(turn: Turn, reply: Reply, mode: str) -> None:
    """Put a reply's attributes on its chat-turn span, as `POST /api/chat` does."""
    turn.finish(
        session_id=reply.session_id,
        kind=reply.kind,
        language=reply.language,
        confidence=reply.confidence,
        topics=reply.topics,
        sources=len(reply.sources),
        mode=mode,
    )


def record_streamed_reply(
    components: Components,
    reply: Reply,
    question: str,
    mode: str,
    channel: str,
    user_id: str | None = None,
) -> None:
    """The telemetry of a streamed reply: the same event and span as `POST /api/chat` gives."""
    # A stream's steps run on different worker threads, so a span cannot stay open across
    # them: it is recorded once the reply is complete, its duration counted from the start.
    with components.otel.chat_turn(reply.session_id) as turn:
        turn.started = time.perf_counter() - reply.latency_ms / 1000
        finish_turn(turn, reply, mode)
    components.writer.submit(chat_event(reply, question, mode, channel, user_id))


def sse(event: str, data: str) -> str:
    """One Server-Sent Event."""
    return f"event: {event}\ndata: {data}\n\n"


def _events(body: ChatRequest, components: Components) -> Iterator[str]:
    for event in stream_reply(
        components.assistant,
        body.message,
        session_id=body.session_id,
        language=body.language,
        mode=body.mode,
    ):
        if isinstance(event, Delta):
            yield sse("delta", json.dumps({"text": event.text}, ensure_ascii=False))
        elif isinstance(event, Restart):
            yield sse("reset", "{}")
        elif isinstance(event, Done):
            channel = "counsellor" if body.mode == "counsellor" else "web"
            record_streamed_reply(
                components, event.reply, body.message, body.mode, channel, body.user_id
            )
            yield sse("done", to_public(event.reply).model_dump_json())


@router.post(
    "/chat/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": STREAM_DOC}},
)
def chat_stream(body: ChatRequest, components: ComponentsDep) -> StreamingResponse:
    """Answer one message as Server-Sent Events: text deltas, then the whole reply."""
    # A sync iterator: Starlette runs each step in its thread pool, off the event loop.
    return StreamingResponse(
        _events(body, components), media_type="text/event-stream", headers=SSE_HEADERS
    )
