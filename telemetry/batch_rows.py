"""Events turned into the rows of one batch, their texts redacted, without touching the store.

This runs on the writer's first thread while the second writes the batch before. The texts of a
batch are redacted together, from a cache of recent ones first (learners ask the same questions
often), the rest perhaps in another process (`redact_many`); the rows are built meanwhile, and
each text put in its place afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from telemetry.events import (
    ChatEvent,
    Event,
    FeedbackEvent,
    SessionDeleteEvent,
    SessionProfileEvent,
)
from telemetry.recent_map import RecentMap
from telemetry.stored_form import COMMENT_CHARS, ESCALATION_KINDS, QUESTION_CHARS, cut, kept_text

SESSION_COLUMNS = ("id", "user_id", "started_at", "channel", "language", "org_id")
MESSAGE_COLUMNS = (
    "id",
    "session_id",
    "created_at",
    "language",
    "mode",
    "channel",
    "kind",
    "confidence",
    "topics",
    "source_ids",
    "latency_ms",
    "generator",
    "question",
    "reason",
)
QUESTION = MESSAGE_COLUMNS.index("question")
# Redacted texts of recent questions, keyed by a digest of the text (the raw text is not
# kept): learners ask the same questions often ("suggested questions"), and redaction is the
# dearest part of an event.
REDACTION_CACHE = 8_192

RedactMany = Callable[[list[str]], Callable[[], list[str]]]
"""Starts redacting a list of texts and returns the function that waits for them."""


def _hour(at: dt.datetime) -> dt.datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def sqlite_time(at: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores (UTC), so reads and range scans agree."""
    if at.tzinfo is not None and at.utcoffset():
        at = at.astimezone(dt.UTC)
    return at.isoformat(" ", "microseconds")[:26]


@dataclass
class Rows:
    """Inserts collected from consecutive chat and feedback events."""

    sessions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    messages: list[list[Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sessions or self.messages or self.escalations or self.feedback)

    def drop(self, sessions: set[str]) -> Rows:
        """Leave out the sessions and messages of `sessions` (deleted), in place; the feedback
        on their messages then finds no message and is left out too."""
        if sessions and not sessions.isdisjoint(self.sessions):
            for session_id in sessions:
                self.sessions.pop(session_id, None)
            self.messages = [row for row in self.messages if row[1] not in sessions]
        return self


Step = Rows | SessionProfileEvent | SessionDeleteEvent
"""One part of a prepared batch: rows to insert, or a profile or deletion to apply."""
_Fill = tuple[Any, Any, str, int]
"""Where a redacted text goes: (row, index or key, the raw text, its length limit)."""


class RowBuilder:
    """Turns events into steps; `time` converts a datetime the way the dialect stores it."""

    def __init__(
        self,
        redact: Callable[[str], str],
        *,
        store_text: bool,
        time: Callable[[dt.datetime], Any],
        redact_many: RedactMany | None = None,
    ) -> None:
        self._redact_many = redact_many or (lambda texts: lambda: [redact(t) for t in texts])
        self._store_text = store_text
        self._time = time
        self._redacted = RecentMap(REDACTION_CACHE // 2)

    def _redact_texts(self, batch: Sequence[Event]) -> Callable[[], dict[str, str]]:
        """Start redacting every text of `batch` that is kept: from the cache, the rest
        together (perhaps in another process, see `redact_many`); the function returned
        waits for them."""
        if not self._store_text:
            return dict
        out: dict[str, str] = {}
        misses: dict[str, bytes] = {}
        for event in batch:
            value = kept_text(event, store_text=self._store_text)
            if not value or value in out or value in misses:
                continue
            key = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            redacted = self._redacted.get(key)
            if redacted is None:
                misses[value] = key
            else:
                out[value] = redacted
        if not misses:
            return lambda: out
        values = list(misses)
        pending = self._redact_many(values)

        def result() -> dict[str, str]:
            for value, redacted in zip(values, pending(), strict=True):
                out[value] = redacted
                self._redacted.put(misses[value], redacted)
            return out

        return result

    def prepare(self, batch: Sequence[Event]) -> list[Step]:
        """Redact and turn `batch` into steps, in order."""
        pending = self._redact_texts(batch)
        # The rows are built while the texts are redacted (in another process for a burst);
        # each text is put in its place afterwards.
        fills: list[_Fill] = []
        steps: list[Step] = []
        rows = Rows()
        for event in batch:
            if isinstance(event, ChatEvent):
                self._add_chat(rows, event, fills)
            elif isinstance(event, FeedbackEvent):
                rows.feedback.append(self._feedback_row(event, fills))
            else:
                # Profiles and deletions act on rows written before them: keep the order.
                if rows:
                    steps.append(rows)
                    rows = Rows()
                steps.append(event)
        if rows:
            steps.append(rows)
        texts = pending()
        for row, key, value, limit in fills:
            row[key] = cut(texts[value], limit)
        return steps

    def _add_chat(self, rows: Rows, event: ChatEvent, fills: list[_Fill]) -> None:
        at = self._time(event.at)
        if event.session_id not in rows.sessions:
            rows.sessions[event.session_id] = (
                event.session_id,
                event.user_id,
                at,
                event.channel,
                event.language,
                event.org_id,
            )
        row = [
            event.message_id,
            event.session_id,
            at,
            event.language,
            event.mode,
            event.channel,
            event.kind,
            float(event.confidence),
            cut(",".join(event.topics), 512),
            cut(",".join(event.source_ids), 1024),
            float(event.latency_ms),
            cut(event.generator, 32),
            None,  # the question, redacted, filled in by `prepare`
            cut(event.reason, 32) if event.reason else None,
        ]
        # Crisis and handoff messages are counted, never kept with their words.
        text = kept_text(event, store_text=True) if self._store_text else None
        if text:
            fills.append((row, QUESTION, text, QUESTION_CHARS))
        rows.messages.append(row)
        if event.kind in ESCALATION_KINDS:
            rows.escalations.append(
                {
                    "id": event.id,
                    "created_at": _hour(event.at),
                    "kind": event.kind,
                    "language": event.language,
                    "channel": event.channel,
                }
            )

    def _feedback_row(self, event: FeedbackEvent, fills: list[_Fill]) -> dict[str, Any]:
        row = {
            "id": event.id,
            "message_id": event.message_id,
            "created_at": event.at,
            "rating": event.rating,
            "helpful": event.helpful,
            "comment": None,
            "wrong_answer": True if event.wrong_answer else None,
        }
        text = event.comment if self._store_text else None
        if text:
            fills.append((row, "comment", text, COMMENT_CHARS))
        return row
