"""The non-blocking batch writer: a bounded queue in front, redaction and batched inserts behind.

Two threads behind the queue, a pipeline: one takes batches and redacts them into rows, the
other writes the rows of the batch before. The database call runs without the GIL, so on a
machine with two cores the redaction of one batch and the insert of the previous one overlap.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import col

from telemetry.batch import BatchWriter, Step
from telemetry.events import ChatEvent, Event, SessionDeleteEvent
from telemetry.models import MessageRecord
from telemetry.recent_map import RecentMap
from telemetry.redaction_process import RedactionProcess

log = logging.getLogger(__name__)

# Message ids issued recently, so feedback can be checked without a query (bounded memory).
RECENT_MESSAGES = 100_000


def is_transient(exc: BaseException) -> bool:
    """Whether a database error is worth retrying (down, locked, disconnected)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout)


class TelemetryWriter:
    """Requests `submit` events and never wait; two threads redact and write them in batches."""

    def __init__(
        self,
        engine: Engine,
        redact: Callable[[str], str],
        *,
        store_text: bool = True,
        max_queue: int = 50_000,
        batch_size: int = 4_000,
        linger_seconds: float = 0.2,
        max_backoff: float = 5.0,
        on_drop: Callable[[], None] | None = None,
        redact_factory: Callable[[], Callable[[str], str]] | None = None,
    ) -> None:
        self._engine = engine
        # With `redact_factory` (a module-level function that builds the same redaction), a
        # burst is redacted in a child process, on another core; see telemetry.redaction_process.
        self._redaction = RedactionProcess(redact_factory, redact) if redact_factory else None
        self._batch = BatchWriter(
            engine.dialect,
            redact,
            store_text=store_text,
            redact_many=self._redaction.start if self._redaction else None,
        )
        # A deque, not a queue.Queue: append and popleft need no lock of their own, which
        # halved the cost of an event on its way in and out. Its bound is checked in `submit`.
        self._queue: deque[Event] = deque()
        self._max_queue = max_queue
        self._wake = threading.Event()
        # Redacted batches waiting for the insert thread: one in hand, one ready.
        self._prepared: queue.Queue[tuple[list[Event], list[Step]] | None] = queue.Queue(1)
        self._in_flight = 0
        """Events taken from the queue and not yet written (guarded by `_lock`)."""
        self._batch_size = batch_size
        self._linger = linger_seconds
        self._max_backoff = max_backoff
        self.on_drop = on_drop
        self._stop = threading.Event()
        self._give_up_at = float("inf")
        self._threads: list[threading.Thread] = []
        self._recent = RecentMap(RECENT_MESSAGES // 2)
        self._lock = threading.Lock()
        self.dropped = 0
        """Events dropped because the queue was full."""
        self.rejected = 0
        """Events the database refused for good (e.g. a value it cannot store)."""
        self.written = 0
        """Events written (or found already written)."""
        self.failures = 0
        """Failed write attempts that were retried."""
        self._last_drop_log = 0.0

    # -- request side ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the background threads (idempotent)."""
        if not self._threads:
            self._stop.clear()
            self._give_up_at = float("inf")
            self._prepared = queue.Queue(1)
            self._threads = [
                threading.Thread(target=self._redact_loop, name="telemetry-redact", daemon=True),
                threading.Thread(target=self._write_loop, name="telemetry-writer", daemon=True),
            ]
            for thread in self._threads:
                thread.start()

    def submit(self, event: Event, *, wait: float = 0.0) -> bool:
        """Queue an event; a full queue drops it (counted and logged) unless `wait` > 0 frees
        a place in time. Chat requests never wait; a deletion request may."""
        if isinstance(event, ChatEvent):
            self._remember(event.message_id, event.session_id)
        elif isinstance(event, SessionDeleteEvent):
            self._forget(event.session_id)
        if len(self._queue) >= self._max_queue:
            deadline = time.monotonic() + wait
            while len(self._queue) >= self._max_queue and time.monotonic() < deadline:
                self._wake.set()
                time.sleep(0.005)
            if len(self._queue) >= self._max_queue:
                self._count_drop()
                return False
        self._queue.append(event)
        if len(self._queue) >= self._batch_size:
            self._wake.set()
        return True

    @property
    def depth(self) -> int:
        """Events waiting to be written."""
        return len(self._queue) + self._in_flight

    def knows_message(self, message_id: str) -> bool:
        """Whether a message id was issued here recently or is in the store; True when the
        store cannot be asked (feedback is then accepted, and kept only if its message is)."""
        with self._lock:
            if self._recent.get(message_id) is not None:
                return True
        try:
            with self._engine.connect() as conn:
                found = conn.execute(
                    select(col(MessageRecord.id)).where(col(MessageRecord.id) == message_id)
                ).first()
            return found is not None
        except SQLAlchemyError:
            return True

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written; False if `timeout` ran out."""
        deadline = time.monotonic() + timeout
        self._wake.set()
        while self._queue or self._in_flight:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def stop(self, timeout: float = 30.0) -> None:
        """Write everything queued, then stop the threads (called on a clean shutdown).

        If the database stays unreachable for `timeout` seconds the rest is given up, logged."""
        self._give_up_at = time.monotonic() + timeout
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(max(0.0, self._give_up_at - time.monotonic()) + 1.0)
        stuck = any(thread.is_alive() for thread in self._threads)
        self._threads = []
        if self._redaction is not None:
            # Idle once the threads are done, so waiting for the child to exit is short.
            self._redaction.close(wait=not stuck)
        left = len(self._queue) + self._in_flight
        if left:
            log.error("telemetry: %d events not written at shutdown", left)

    # -- writer side -------------------------------------------------------------------------
    def _count_drop(self) -> None:
        with self._lock:
            self.dropped += 1
            now = time.monotonic()
            should_log = now - self._last_drop_log > 5.0
            if should_log:
                self._last_drop_log = now
        if self.on_drop:
            self.on_drop()
        if should_log:
            log.warning("telemetry queue full: %d events dropped so far", self.dropped)

    def _remember(self, message_id: str, session_id: str) -> None:
        with self._lock:
            self._recent.put(message_id, session_id)

    def _forget(self, session_id: str) -> None:
        with self._lock:
            self._recent.discard_values(session_id)

    def _redact_loop(self) -> None:
        """First stage: take batches off the queue and redact them into rows."""
        try:
            while True:
                batch = self._take_batch()
                if batch:
                    try:
                        steps = self._batch.prepare(batch)
                    except Exception as exc:
                        # Not expected (redaction fails closed); the write stage retries
                        # the batch event by event and counts what it cannot store.
                        log.error("telemetry: preparing a batch failed (%s)", type(exc).__name__)
                        steps = []
                    self._prepared.put((batch, steps))
                elif self._stop.is_set():
                    return
        finally:
            self._prepared.put(None)

    def _write_loop(self) -> None:
        """Second stage: write prepared batches, in order, with retries."""
        while True:
            item = self._prepared.get()
            if item is None:
                return
            batch, steps = item
            try:
                if steps or not batch:
                    self._write_with_retry(batch, steps)
                else:
                    self._write_one_by_one(batch)
            except Exception as exc:
                # Not expected; the thread must live on, or the queue would never drain.
                self.rejected += len(batch)
                log.error("telemetry: a batch could not be written (%s)", type(exc).__name__)
            finally:
                with self._lock:
                    self._in_flight -= len(batch)

    def _take_batch(self) -> list[Event]:
        """Up to `batch_size` events, waiting at most `linger_seconds` for a full batch."""
        deadline = time.monotonic() + self._linger
        while len(self._queue) < self._batch_size and not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._wake.wait(remaining)
            self._wake.clear()
        take = min(len(self._queue), self._batch_size)
        with self._lock:
            self._in_flight += take
        return [self._queue.popleft() for _ in range(take)]

    def _write_with_retry(self, batch: Sequence[Event], steps: list[Step]) -> None:
        backoff = 0.05
        while True:
            try:
                self._execute(steps)
                self.written += len(batch)
                return
            except SQLAlchemyError as exc:
                if not is_transient(exc):
                    self._write_one_by_one(batch)
                    return
                # Down or locked: keep the batch and try again later. The batch is one
                # transaction and every insert is idempotent, so a retry never double-counts.
                self.failures += 1
                if self._stop.is_set() and time.monotonic() > self._give_up_at:
                    log.error(
                        "telemetry: database unreachable at shutdown; %d events lost", len(batch)
                    )
                    return
                log.warning(
                    "telemetry write failed (%s); retrying in %.2fs", type(exc).__name__, backoff
                )
                time.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)

    def _write_one_by_one(self, batch: Sequence[Event]) -> None:
        """Find the events the database refuses for good, and write the rest."""
        for event in batch:
            try:
                self.write_batch([event])
                self.written += 1
            except Exception as exc:
                if isinstance(exc, SQLAlchemyError) and is_transient(exc):
                    # Gone again while isolating the bad event: retry what is left.
                    self._write_with_retry([event], self._batch.prepare([event]))
                    continue
                self.rejected += 1
                # Only the type: the message of a database error can quote the values.
                log.warning("telemetry event refused by the database (%s)", type(exc).__name__)

    def _execute(self, steps: list[Step]) -> None:
        with self._engine.begin() as conn:
            self._batch.execute(conn, steps)
        self._batch.committed(steps)

    def write_batch(self, batch: Sequence[Event]) -> None:
        """Redact and write a batch in one transaction; safe to repeat."""
        self._execute(self._batch.prepare(batch))
