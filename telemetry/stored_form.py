"""Which text of an event the store keeps, and the event as the store keeps it.

Crisis and handoff messages are counted, never kept with their words; with
`SUUNTA_STORE_TEXT=none` no text is kept at all; a kept text is redacted, then cut to its column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from telemetry.events import ChatEvent, Event, FeedbackEvent

ESCALATION_KINDS = frozenset({"crisis", "handoff"})
QUESTION_CHARS = 2000
COMMENT_CHARS = 1000


def cut(value: str, length: int) -> str:
    """`value`, at most `length` characters of it."""
    return value if len(value) <= length else value[:length]


def kept_text(event: Event, *, store_text: bool) -> str | None:
    """The raw text of `event` that is stored once redacted (None: no text is kept)."""
    if not store_text:
        return None
    if isinstance(event, ChatEvent):
        return None if event.kind in ESCALATION_KINDS else event.question or None
    if isinstance(event, FeedbackEvent):
        return event.comment or None
    return None


class StoredForm:
    """Turns an event into the one the store keeps: what a spool line may hold."""

    def __init__(self, redact: Callable[[str], str], *, store_text: bool) -> None:
        self._redact = redact
        self._store_text = store_text

    def __call__(self, event: Event) -> Event:
        """`event` with its text redacted and cut, or emptied when it is not kept."""
        text = kept_text(event, store_text=self._store_text)
        if isinstance(event, ChatEvent):
            question = cut(self._redact(text), QUESTION_CHARS) if text else ""
            return dataclasses.replace(event, question=question)
        if isinstance(event, FeedbackEvent):
            comment = cut(self._redact(text), COMMENT_CHARS) if text else None
            return dataclasses.replace(event, comment=comment)
        return event
