"""Request and response models of the OpenAI-compatible API (`/v1`), as OpenAI clients expect."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from web.schemas import ISSUED_ID, ChatResponse, Language

MODEL_ID = "suunta"
MODEL_CREATED = 1_767_225_600
"""When the `suunta` model id was introduced (2026-01-01), as OpenAI's `created` wants it."""


class ContentPart(BaseModel):
    """A part of a message's content; only text parts are read."""

    model_config = ConfigDict(extra="ignore")
    type: str
    text: str | None = None


class MessageIn(BaseModel):
    """One message of the conversation the client sends."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None


class StreamOptions(BaseModel):
    """OpenAI's streaming options."""

    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False
    """Send a last chunk with `usage` (all zeros: Suunta counts no tokens)."""


class ChatCompletionRequest(BaseModel):
    """An OpenAI chat completion request; sampling options are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")
    model: str = Field(max_length=200)
    """Must be `suunta` (see `GET /v1/models`)."""
    messages: list[MessageIn] = Field(min_length=1, max_length=200)
    """The conversation; the last message must be the user's question."""
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int = Field(default=1, ge=1, le=1)
    """Only one choice is ever produced."""
    user: str | None = Field(default=None, max_length=256)
    """An end-user id: keeps follow-ups in one session. Never stored: it is hashed with a key
    that lives only in this process."""
    session_id: str | None = Field(default=None, pattern=ISSUED_ID)
    """Extension: the Suunta session to continue (an earlier response's `suunta.session_id`,
    32 hex digits)."""
    language: Language | None = None
    """Extension: pin the reply language; by default the question's own language."""


class Usage(BaseModel):
    """Token counts; Suunta's answers come from its knowledge base, so these are zeros."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class AssistantMessage(BaseModel):
    """The reply: the answer, then its sources as a numbered Markdown list."""

    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    """The one choice of a completion."""

    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class ChatCompletion(BaseModel):
    """An OpenAI `chat.completion`, with Suunta's own reply under `suunta`."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    usage: Usage = Field(default_factory=Usage)
    system_fingerprint: str | None = None
    suunta: ChatResponse
    """Extension: the same reply as `POST /api/chat` (kind, sources, session and message ids)."""


class ModelCard(BaseModel):
    """A model as `GET /v1/models` lists it."""

    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int = MODEL_CREATED
    owned_by: str = "suunta"


class ModelList(BaseModel):
    """The models on offer: only Suunta."""

    object: Literal["list"] = "list"
    data: list[ModelCard]


class ErrorDetail(BaseModel):
    """What went wrong, in OpenAI's terms."""

    message: str
    type: str = "invalid_request_error"
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    """OpenAI's error shape; `detail` repeats the message for clients of Suunta's own API."""

    error: ErrorDetail
    detail: str
