"""The non-blocking batch writer: a bounded queue in front, redaction and batched inserts behind."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import OrderedDict
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

from telemetry.batch import BatchWriter
from telemetry.events import ChatEvent, Event, SessionDeleteEvent
from telemetry.models import MessageRecord

log = logging.getLogger(__name__)

# Message ids issued recently, so feedback can be checked without a query (bounded memory).
RECENT_MESSAGES = 100_000


def is_transient(exc: BaseException) -> bool:
    """Whether a database error is worth retrying (down, locked, disconnected)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout)


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
        self._batch = BatchWriter(engine.dialect, redact, store_text=store_text)
        self._queue: queue.Queue[Event] = queue.Queue(maxsize=max_queue)
        self._batch_size = batch_size
        self._linger = linger_seconds
        self._max_backoff = max_backoff
        self.on_drop = on_drop
        self._stop = threading.Event()
        self._give_up_at = float("inf")
        self._thread: threading.Thread | None = None
        self._recent: OrderedDict[str, str] = OrderedDict()
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
        """Start the background thread (idempotent)."""
        if self._thread is None:
            self._stop.clear()
            self._give_up_at = float("inf")
            self._thread = threading.Thread(target=self._run, name="telemetry-writer", daemon=True)
            self._thread.start()

    def submit(self, event: Event, *, wait: float = 0.0) -> bool:
        """Queue an event; a full queue drops it (counted and logged) unless `wait` > 0 frees
        a place in time. Chat requests never wait; a deletion request may."""
        if isinstance(event, ChatEvent):
            self._remember(event.message_id, event.session_id)
        elif isinstance(event, SessionDeleteEvent):
            self._forget(event.session_id)
        try:
            if wait > 0:
                self._queue.put(event, timeout=wait)
            else:
                self._queue.put_nowait(event)
            return True
        except queue.Full:
            self._count_drop()
            return False

    @property
    def depth(self) -> int:
        """Events waiting to be written."""
        return self._queue.qsize()

    def knows_message(self, message_id: str) -> bool:
        """Whether a message id was issued here recently or is in the store; True when the
        store cannot be asked (feedback is then accepted, and kept only if its message is)."""
        with self._lock:
            if message_id in self._recent:
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
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def stop(self, timeout: float = 30.0) -> None:
        """Write everything queued, then stop the thread (called on a clean shutdown).

        If the database stays unreachable for `timeout` seconds the rest is given up, logged."""
        self._give_up_at = time.monotonic() + timeout
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout + 1.0)
            self._thread = None
        if self._queue.unfinished_tasks:
            log.error("telemetry: %d events not written at shutdown", self._queue.unfinished_tasks)

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
            self._recent[message_id] = session_id
            while len(self._recent) > RECENT_MESSAGES:
                self._recent.popitem(last=False)

    def _forget(self, session_id: str) -> None:
        with self._lock:
            for message_id in [m for m, s in self._recent.items() if s == session_id]:
                del self._recent[message_id]

    def _run(self) -> None:
        while True:
            batch = self._take_batch()
            if batch:
                try:
                    self._write_with_retry(batch)
                finally:
                    for _ in batch:
                        self._queue.task_done()
            elif self._stop.is_set():
                return

    def _take_batch(self) -> list[Event]:
        batch: list[Event] = []
        deadline = time.monotonic() + self._linger
        while len(batch) < self._batch_size:
            try:
                if self._stop.is_set():
                    batch.append(self._queue.get_nowait())
                else:
                    batch.append(self._queue.get(timeout=max(0.0, deadline - time.monotonic())))
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
            except SQLAlchemyError as exc:
                if is_transient(exc):
                    # Gone again while isolating the bad event: retry what is left.
                    self._write_with_retry([event])
                    continue
                self.rejected += 1
                # Only the type: the message of a database error can quote the values.
                log.warning("telemetry event refused by the database (%s)", type(exc).__name__)

    def write_batch(self, batch: Sequence[Event]) -> None:
        """Redact and write a batch in one transaction; safe to repeat."""
        with self._engine.begin() as conn:
            self._batch.write(conn, batch)
