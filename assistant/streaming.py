"""A reply as a stream of events: text deltas as produced, a restart on fallback, the reply."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant.assistant import Assistant
from assistant.generation import GenerationFailed
from assistant.types import Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delta:
    """The next piece of the answer's text."""

    text: str


@dataclass(frozen=True)
class Restart:
    """Forget the text streamed so far: the answer starts again from `generator`."""

    generator: str


@dataclass(frozen=True)
class Done:
    """The complete reply, exactly as `Assistant.reply` would have returned it."""

    reply: Reply


StreamEvent = Delta | Restart | Done


def trimmed(pieces: Iterator[str]) -> Iterator[str]:
    """The pieces without the text's outer whitespace, so that they join to the stripped text."""
    pending = ""
    started = False
    for piece in pieces:
        if not started:
            piece = piece.lstrip()
            started = bool(piece)
        # Whitespace waits for the next piece: at the very end it is dropped.
        text = pending + piece
        body = text.rstrip()
        pending = text[len(body) :]
        if body:
            yield body


def stream_reply(
    assistant: Assistant,
    message: str,
    *,
    session_id: str | None = None,
    language: str | None = None,
    mode: str = "learner",
) -> Iterator[StreamEvent]:
    """Prepare a reply, stream its text as the generator writes it, then the whole reply.

    The deltas since the start or the last `Restart` join to exactly `Done.reply.answer`.
    """
    started = time.perf_counter()
    draft = assistant.prepare(message, session_id=session_id, language=language, mode=mode)
    generator = draft.reply.generator
    pieces: list[str] = []
    # Fixed replies stream as they are, exactly as `Assistant.reply` returns them.
    pieces_of = (
        assistant.stream(draft) if draft.context is None else trimmed(assistant.stream(draft))
    )
    try:
        for piece in pieces_of:
            pieces.append(piece)
            yield Delta(piece)
    except GenerationFailed as exc:
        if draft.context is None:
            raise
        # Same rule as Assistant.reply: the extractive answer replaces a failed or ungrounded one.
        log.warning("%s generator failed (%s); answering extractively", generator, exc)
        generator = assistant.fallback.name
        if pieces:
            yield Restart(generator)
        pieces = []
        for piece in trimmed(assistant.stream(draft, fallback=True)):
            pieces.append(piece)
            yield Delta(piece)
    answer = draft.reply.answer if draft.context is None else "".join(pieces)
    yield Done(
        replace(
            draft.reply,
            answer=answer,
            generator=generator,
            latency_ms=(time.perf_counter() - started) * 1000,
        )
    )
