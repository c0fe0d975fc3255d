"""An OpenAI-compatible API (`/v1/chat/completions`, `/v1/models`) for existing chat clients."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute

from application.chat import Delta, Done, Reply, Restart, unanswered_crisis
from web.deps import ChatDep, ChatPort
from web.i18n import strings
from web.openai_schemas import (
    MODEL_ID,
    AssistantMessage,
    ChatCompletion,
    ChatCompletionRequest,
    Choice,
    ErrorDetail,
    ErrorResponse,
    MessageIn,
    ModelCard,
    ModelList,
    Usage,
)
from web.schemas import to_public

MAX_QUESTION_CHARS = 2000
# An append-only stream cannot take text back: when the model's text fails its citation check
# after some was sent, a rule separates it from the extractive answer that replaces it.
RESTART_SEPARATOR = "\n\n---\n\n"


def openai_error(
    status: int, message: str, *, param: str | None = None, code: str | None = None
) -> JSONResponse:
    """An error in OpenAI's shape."""
    error_type = "not_found_error" if status == 404 else "invalid_request_error"
    body = ErrorResponse(
        error=ErrorDetail(message=message, type=error_type, param=param, code=code),
        detail=message,
    )
    return JSONResponse(status_code=status, content=body.model_dump())


class OpenAIErrorRoute(APIRoute):
    """Validation errors as OpenAI clients understand them (400, `error.message`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                first = exc.errors()[0]
                location = [str(part) for part in first["loc"] if part != "body"]
                where = ".".join(location) or "body"
                if first["type"] == "json_invalid":
                    where = "body"
                # The input itself is not echoed: it may hold personal data.
                return openai_error(400, f"{where}: {first['msg']}", param=where or None)

        return route


router = APIRouter(prefix="/v1", tags=["openai"], route_class=OpenAIErrorRoute)


def _text(message: MessageIn) -> str:
    if isinstance(message.content, list):
        return "\n".join(p.text for p in message.content if p.type == "text" and p.text)
    return message.content or ""


def session_for(body: ChatCompletionRequest, chat: ChatPort) -> str:
    """The session: the client's own, one keyed to its `user`, or a new random one."""
    return body.session_id or chat.session_for_user(body.user)


def sources_markdown(reply: Reply) -> str:
    """The reply's sources as a numbered Markdown list under a heading in its language."""
    if not reply.sources:
        return ""
    lines = [f"{n}. [{s.title}]({s.url})" for n, s in enumerate(reply.sources, start=1)]
    return f"\n\n**{strings(reply.language)['sources']}:**\n" + "\n".join(lines)


def _chunk(ident: str, created: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        **fields,
    }


def _delta(ident: str, created: int, delta: dict[str, str], finish: str | None = None) -> dict:
    choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
    return _chunk(ident, created, choices=[choice])


def _data(chunk: dict[str, Any]) -> str:
    return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"


def _stream(
    body: ChatCompletionRequest, question: str, session_id: str, chat: ChatPort
) -> Iterator[str]:
    ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    yield _data(_delta(ident, created, {"role": "assistant", "content": ""}))
    for event in chat.stream(question, session_id=session_id, language=body.language, via="api"):
        if isinstance(event, Delta):
            yield _data(_delta(ident, created, {"content": event.text}))
        elif isinstance(event, Restart):
            yield _data(_delta(ident, created, {"content": RESTART_SEPARATOR}))
        elif isinstance(event, Done):
            sources = sources_markdown(event.reply)
            if sources:
                yield _data(_delta(ident, created, {"content": sources}))
            last = _delta(ident, created, {}, "stop")
            last["suunta"] = to_public(event.reply).model_dump(mode="json")
            yield _data(last)
    if body.stream_options and body.stream_options.include_usage:
        yield _data(_chunk(ident, created, choices=[], usage=Usage().model_dump()))
    yield "data: [DONE]\n\n"


def _question(body: ChatCompletionRequest) -> str | JSONResponse:
    """The user's question (the last message), or the OpenAI-shaped error saying what is wrong."""
    if body.model != MODEL_ID:
        return openai_error(
            404,
            f"model '{body.model}' does not exist; use '{MODEL_ID}'",
            param="model",
            code="model_not_found",
        )
    last = body.messages[-1]
    question = _text(last).strip()
    if last.role != "user" or not question:
        return openai_error(400, "the last message must be the user's question", param="messages")
    if len(question) > MAX_QUESTION_CHARS:
        return openai_error(
            400, f"the question is longer than {MAX_QUESTION_CHARS} characters", param="messages"
        )
    return question


def _completion(reply: Reply) -> JSONResponse:
    completion = ChatCompletion(
        id=f"chatcmpl-{uuid.uuid4().hex}",
        created=int(time.time()),
        choices=[Choice(message=AssistantMessage(content=reply.answer + sources_markdown(reply)))],
        suunta=to_public(reply),
    )
    return JSONResponse(completion.model_dump(mode="json"))


@router.post(
    "/chat/completions",
    response_model=None,
    responses={
        200: {
            "model": ChatCompletion,
            "description": "A `chat.completion`, or with `stream: true` Server-Sent Events of "
            "`chat.completion.chunk` objects ending with `data: [DONE]`.",
            "content": {"text/event-stream": {}},
        },
        400: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
)
def chat_completions(body: ChatCompletionRequest, chat: ChatDep) -> Response:
    """Answer the conversation's last user message, the OpenAI way, with sources appended."""
    question = _question(body)
    if isinstance(question, JSONResponse):
        return question
    session_id = session_for(body, chat)
    turns = [(m.role, _text(m)) for m in body.messages[:-1]]
    # A crisis in an earlier turn not yet met with help is answered before anything else (a
    # crisis reply stores no question text, so neither message is kept).
    question = unanswered_crisis(turns) or question
    chat.recall(session_id, [text for role, text in turns if role == "user" and text.strip()])
    if body.stream:
        return StreamingResponse(
            _stream(body, question, session_id, chat),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    reply = chat.reply(question, session_id=session_id, language=body.language, via="api")
    return _completion(reply)


@router.get("/models", response_model=ModelList)
def list_models() -> ModelList:
    """The models on offer (OpenAI's `GET /v1/models`): only `suunta`."""
    return ModelList(data=[ModelCard()])


@router.get(
    "/models/{model_id}", response_model=ModelCard, responses={404: {"model": ErrorResponse}}
)
def retrieve_model(model_id: str) -> ModelCard | JSONResponse:
    """One model by id (OpenAI's `GET /v1/models/{model}`)."""
    if model_id != MODEL_ID:
        return openai_error(
            404, f"model '{model_id}' does not exist", param="model", code="model_not_found"
        )
    return ModelCard()
