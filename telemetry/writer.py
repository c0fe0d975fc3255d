"""The non-blocking batch writer: a bounded queue in front, redaction and batched inserts behind."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlmodel import col
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from telemetry.events import (
    ChatEvent,
    Event,
    FeedbackEvent,
    SessionDeleteEvent,
    SessionProfileEvent,
)
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord

log = logging.getLogger(__name__)


class TelemetryWriter:
    """Requests `submit` events and never wait; a thread redacts and writes them in batches."""

    def __init__(
        self,
        engine: Engine,
        redact: Callable[[str], str],
        *,
        store_text: bool = True,
        max_queue: int = 50_000,
        batch_size: int = 1_000,
        linger_seconds: float = 0.2,
        max_backoff: float = 5.0,
        on_drop: Callable[[], None] | None = None,
    ) -> None:
        self._engine = engine
        self._redact = redact
        self._store_text = store_text
        self._queue: queue.Queue[Event] = queue.Queue(maxsize=max_queue)
        self._batch_size = batch_size
        self._linger = linger_seconds
        self._max_backoff = max_backoff
        self._on_drop = on_drop
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._recent_lock = threading.Lock()
        self.dropped = 0
        self.written = 0
        self.failures = 0
        self._last_drop_log = 0.0
        insert_module: Any = postgresql if engine.dialect.name == "postgresql" else sqlite
        self._insert = insert_module.insert

    # -- request side ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the background thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="telemetry-writer", daemon=True)
            self._thread.start()

    def submit(self, event: Event) -> bool:
        """Queue an event without blocking; a full queue drops it (counted and logged)."""
        if isinstance(event, ChatEvent):
            self._remember(event.message_id)
        try:
            self._queue.put_nowait(event)
            return True
        except queue.Full:
            self.dropped += 1
            if self._on_drop:
                self._on_drop()
            now = time.monotonic()
            if now - self._last_drop_log > 5:
                self._last_drop_log = now
                log.warning("telemetry queue full: %d events dropped so far", self.dropped)
            return False

    @property
    def depth(self) -> int:
        """Events waiting to be written."""
        return self._queue.qsize()

    def knows_message(self, message_id: str) -> bool:
        """Whether a message id was issued here recently or is in the store."""
        with self._recent_lock:
            if message_id in self._recent:
                return True
        try:
            with self._engine.connect() as conn:
                found = conn.execute(
                    select(col(MessageRecord.id)).where(col(MessageRecord.id) == message_id)
                ).first()
            return found is not None
        except SQLAlchemyError:
            return False

    def stop(self, timeout: float = 30.0) -> None:
        """Flush everything queued, then stop the thread (called on a clean shutdown)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until the queue is empty and written (tests and the CLI use this)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return
            time.sleep(0.01)

    # -- writer side -------------------------------------------------------------------------
    def _remember(self, message_id: str) -> None:
        with self._recent_lock:
            self._recent[message_id] = None
            while len(self._recent) > 100_000:
                self._recent.popitem(last=False)

    def _run(self) -> None:
        while True:
            batch = self._take_batch()
            if batch:
                self._write_with_retry(batch)
                for _ in batch:
                    self._queue.task_done()
            elif self._stop.is_set():
                return

    def _take_batch(self) -> list[Event]:
        batch: list[Event] = []
        deadline = time.monotonic() + self._linger
        while len(batch) < self._batch_size:
            timeout = max(0.0, deadline - time.monotonic())
            try:
                batch.append(self._queue.get(timeout=timeout if not self._stop.is_set() else 0.01))
            except queue.Empty:
                break
        return batch

    def _write_with_retry(self, batch: Sequence[Event]) -> None:
        backoff = 0.05
        while True:
            try:
                self.write_batch(batch)
                self.written += len(batch)
                return
            except SQLAlchemyError as exc:
                # The database is down or locked: keep the batch and try again; inserts are
                # idempotent, so a batch that half-landed before the error is not doubled.
                self.failures += 1
                log.warning(
                    "telemetry write failed (%s); retrying in %.1fs", type(exc).__name__, backoff
                )
                time.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)

    def _text(self, value: str | None) -> str | None:
        if not value or not self._store_text:
            return None
        return self._redact(value)[:2000]

    def write_batch(self, batch: Sequence[Event]) -> None:
        """Redact and write a batch in one transaction; safe to repeat."""
        sessions: dict[str, dict[str, Any]] = {}
        messages: list[dict[str, Any]] = []
        feedback: list[dict[str, Any]] = []
        profiles: list[SessionProfileEvent] = []
        deletions: list[str] = []
        for event in batch:
            if isinstance(event, ChatEvent):
                sessions.setdefault(
                    event.session_id,
                    {
                        "id": event.session_id,
                        "user_id": event.user_id,
                        "started_at": event.at,
                        "channel": event.channel,
                        "language": event.language,
                    },
                )
                keep_text = event.kind not in ("crisis", "handoff")
                messages.append(
                    {
                        "id": event.message_id,
                        "session_id": event.session_id,
                        "created_at": event.at,
                        "language": event.language,
                        "mode": event.mode,
                        "channel": event.channel,
                        "kind": event.kind,
                        "confidence": event.confidence,
                        "topics": ",".join(event.topics),
                        "source_ids": ",".join(event.source_ids),
                        "latency_ms": event.latency_ms,
                        "generator": event.generator,
                        "question": self._text(event.question) if keep_text else None,
                    }
                )
            elif isinstance(event, FeedbackEvent):
                feedback.append(
                    {
                        "id": event.id,
                        "message_id": event.message_id,
                        "created_at": event.at,
                        "rating": event.rating,
                        "helpful": event.helpful,
                        "comment": self._text(event.comment),
                    }
                )
            elif isinstance(event, SessionProfileEvent):
                profiles.append(event)
            elif isinstance(event, SessionDeleteEvent):
                deletions.append(event.session_id)
        with self._engine.begin() as conn:
            if sessions:
                conn.execute(
                    self._insert(SessionRecord).on_conflict_do_nothing(), list(sessions.values())
                )
            if messages:
                conn.execute(self._insert(MessageRecord).on_conflict_do_nothing(), messages)
            if feedback:
                conn.execute(self._insert(FeedbackRecord).on_conflict_do_nothing(), feedback)
            for profile in profiles:
                values = {
                    k: getattr(profile, k)
                    for k in (
                        "age_band",
                        "region",
                        "life_situation",
                        "clarity_start",
                        "clarity_end",
                    )
                    if getattr(profile, k) is not None
                }
                conn.execute(
                    self._insert(SessionRecord).on_conflict_do_nothing(),
                    [{"id": profile.session_id, "started_at": profile.at}],
                )
                if values:
                    conn.execute(
                        update(SessionRecord)
                        .where(col(SessionRecord.id) == profile.session_id)
                        .values(**values)
                    )
            for session_id in deletions:
                ids = select(col(MessageRecord.id)).where(
                    col(MessageRecord.session_id) == session_id
                )
                conn.execute(delete(FeedbackRecord).where(col(FeedbackRecord.message_id).in_(ids)))
                conn.execute(
                    delete(MessageRecord).where(col(MessageRecord.session_id) == session_id)
                )
                conn.execute(delete(SessionRecord).where(col(SessionRecord.id) == session_id))
