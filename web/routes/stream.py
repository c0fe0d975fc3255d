"""`POST /api/chat/stream`: the reply as Server-Sent Events, text as it is produced."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from application.chat import Delta, Done, Restart
from web.auth.deps import ModeGuardDep
from web.deps import ChatDep, ChatPort
from web.schemas import ChatRequest, to_public

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


def sse(event: str, data: str) -> str:
    """One Server-Sent Event."""
    return f"event: {event}\ndata: {data}\n\n"


def _events(body: ChatRequest, chat: ChatPort, user_id: str | None) -> Iterator[str]:
    for event in chat.stream(
        body.message,
        session_id=body.session_id,
        language=body.language,
        mode=body.mode,
        user_id=user_id,
        org_id=body.org_id,
    ):
        if isinstance(event, Delta):
            yield sse("delta", json.dumps({"text": event.text}, ensure_ascii=False))
        elif isinstance(event, Restart):
            yield sse("reset", "{}")
        elif isinstance(event, Done):
            yield sse("done", to_public(event.reply).model_dump_json())


@router.post(
    "/chat/stream",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": STREAM_DOC},
        403: {"description": "`mode=counsellor` without a signed-in counsellor"},
    },
)
def chat_stream(body: ChatRequest, chat: ChatDep, guard: ModeGuardDep) -> StreamingResponse:
    """Answer one message as Server-Sent Events: text deltas, then the whole reply."""
    staff = guard(body.mode)
    user_id = chat.staff_key(staff.id) if staff else body.user_id
    # A sync iterator: Starlette runs each step in its thread pool, off the event loop.
    return StreamingResponse(
        _events(body, chat, user_id), media_type="text/event-stream", headers=SSE_HEADERS
    )
