"""The non-blocking batch writer: a bounded queue in front, redaction and batched inserts behind.

Two threads behind the queue, a pipeline: one takes batches and redacts them into rows, the
other writes the rows of the batch before (with retries, `telemetry.retry`). The database call
runs without the GIL, so on a machine with two cores the redaction of one batch and the insert
of the previous one overlap.

With a spool (`telemetry.spool`) `submit` redacts the event itself (tens of microseconds for a
question) and appends it to the spool, fsync'd, before it returns: an event the service
accepted then survives a `kill -9`, and the next start replays what the dead process had not
committed. The threads behind the queue then only write.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from telemetry.batch import BatchWriter, Step
from telemetry.event_lines import to_line
from telemetry.events import ChatEvent, Event, SessionDeleteEvent
from telemetry.models import MessageRecord
from telemetry.recent_map import RecentMap
from telemetry.redaction_process import RedactionProcess
from telemetry.replay import replay_orphans
from telemetry.retry import RetryingStore
from telemetry.spool import Spool, SpoolPlace
from telemetry.stored_form import StoredForm

log = logging.getLogger(__name__)

# Message ids issued recently, so feedback can be checked without a query (bounded memory).
RECENT_MESSAGES = 100_000

Prepared = tuple[list[Event], list[Step], int]
"""A batch, its rows, and the spool position of its last event."""


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
        spool: SpoolPlace | None = None,
    ) -> None:
        self._engine = engine
        self._place = spool
        self._spool: Spool | None = None
        # With a spool the texts are redacted on the way in; the batch writer gets them ready.
        self._stored = StoredForm(redact, store_text=store_text) if spool else None
        # With `redact_factory` (a module-level function that builds the same redaction), a
        # burst is redacted in a child process, on another core; see telemetry.redaction_process.
        self._redaction = (
            RedactionProcess(redact_factory, redact)
            if redact_factory is not None and spool is None
            else None
        )
        self._batch = BatchWriter(
            engine.dialect,
            (lambda text: text) if spool else redact,
            store_text=store_text,
            redact_many=self._redaction.start if self._redaction else None,
        )
        self._store = RetryingStore(engine, self._batch, max_backoff=max_backoff)
        # A deque, not a queue.Queue: append and popleft need no lock of their own, which
        # halved the cost of an event on its way in and out. Its bound is checked in `submit`.
        # Each event goes with its spool position (0 without a spool).
        self._queue: deque[tuple[Event, int]] = deque()
        self._max_queue = max_queue
        self._wake = threading.Event()
        # Redacted batches waiting for the insert thread: one in hand, one ready.
        self._prepared: queue.Queue[Prepared | None] = queue.Queue(1)
        self._in_flight = 0
        """Events taken from the queue and not yet written (guarded by `_lock`)."""
        self._batch_size = batch_size
        self._linger = linger_seconds
        self.on_drop = on_drop
        self._stop = threading.Event()
        self._keep_spool = False
        self._threads: list[threading.Thread] = []
        self._recent = RecentMap(RECENT_MESSAGES // 2)
        self._lock = threading.Lock()
        self.dropped = 0
        """Events dropped because the queue was full."""
        self._last_drop_log = 0.0

    @property
    def written(self) -> int:
        """Events written (or found already written)."""
        return self._store.written

    @property
    def rejected(self) -> int:
        """Events the database refused for good (e.g. a value it cannot store)."""
        return self._store.rejected

    @property
    def failures(self) -> int:
        """Failed write attempts that were retried."""
        return self._store.failures

    # -- request side ------------------------------------------------------------------------
    def start(self) -> None:
        """Replay what stopped processes left in the spool, then start the background threads
        (idempotent)."""
        if self._threads:
            return
        if self._place is not None:
            replay_orphans(self._place, self._store, self._batch, self._batch_size)
            self._spool = self._open_spool(self._place)
        self._stop.clear()
        self._store.give_up_at = float("inf")
        self._keep_spool = False
        self._prepared = queue.Queue(1)
        self._threads = [
            threading.Thread(target=self._redact_loop, name="telemetry-redact", daemon=True),
            # The spool of this run: a thread left stuck by an earlier stop releases in its own.
            threading.Thread(
                target=self._write_loop, args=(self._spool,), name="telemetry-writer", daemon=True
            ),
        ]
        for thread in self._threads:
            thread.start()

    @staticmethod
    def _open_spool(place: SpoolPlace) -> Spool | None:
        try:
            return place.open()
        except OSError as exc:
            log.error(
                "telemetry: no spool (%s at %s): a hard kill loses the events not yet written",
                type(exc).__name__,
                place.folder,
            )
            return None

    def submit(self, event: Event, *, wait: float = 0.0) -> bool:
        """Queue an event; a full queue drops it (counted and logged) unless `wait` > 0 frees
        a place in time. Chat requests never wait; a deletion request may."""
        if isinstance(event, ChatEvent):
            self._remember(event.message_id, event.session_id)
        elif isinstance(event, SessionDeleteEvent):
            self._forget(event.session_id)
        if not self._room(wait):
            self._count_drop()
            return False
        spool = self._spool
        if self._stored is None or spool is None:
            self._queue.append((event if self._stored is None else self._stored(event), 0))
        else:
            event = self._stored(event)
            line = to_line(event)
            with spool.lock:
                position = spool.append(line)
                self._queue.append((event, position))
            spool.sync(position)
        if len(self._queue) >= self._batch_size:
            self._wake.set()
        return True

    def _room(self, wait: float) -> bool:
        """Whether the queue has room, waiting up to `wait` seconds for it."""
        if len(self._queue) < self._max_queue:
            return True
        deadline = time.monotonic() + wait
        while len(self._queue) >= self._max_queue and time.monotonic() < deadline:
            self._wake.set()
            time.sleep(0.005)
        return len(self._queue) < self._max_queue

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

        If the database stays unreachable for `timeout` seconds the rest is given up, logged
        (and kept in the spool, if there is one, for the next start)."""
        self._store.give_up_at = time.monotonic() + timeout
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(max(0.0, self._store.give_up_at - time.monotonic()) + 1.0)
        stuck = any(thread.is_alive() for thread in self._threads)
        self._threads = []
        if self._redaction is not None:
            # Idle once the threads are done, so waiting for the child to exit is short.
            self._redaction.close(wait=not stuck)
        left = len(self._queue) + self._in_flight
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.close(remove=not (left or self._keep_spool or stuck))
        if left:
            kept = "; the spool keeps them for the next start" if spool else ""
            log.error("telemetry: %d events not written at shutdown%s", left, kept)

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
                batch, position = self._take_batch()
                if batch:
                    try:
                        steps = self._batch.prepare(batch)
                    except Exception as exc:
                        # Not expected (redaction fails closed); the write stage retries
                        # the batch event by event and counts what it cannot store.
                        log.error("telemetry: preparing a batch failed (%s)", type(exc).__name__)
                        steps = []
                    self._prepared.put((batch, steps, position))
                elif self._stop.is_set():
                    return
        finally:
            self._prepared.put(None)

    def _write_loop(self, spool: Spool | None) -> None:
        """Second stage: write prepared batches, in order, with retries."""
        while True:
            item = self._prepared.get()
            if item is None:
                return
            batch, steps, position = item
            done = True
            try:
                if steps or not batch:
                    done = self._store.write(batch, steps)
                else:
                    done = self._store.one_by_one(batch)
            except Exception as exc:
                # Not expected; the thread must live on, or the queue would never drain.
                self._store.rejected += len(batch)
                log.error("telemetry: a batch could not be written (%s)", type(exc).__name__)
            finally:
                self._release(spool, position, done)
                with self._lock:
                    self._in_flight -= len(batch)

    def _release(self, spool: Spool | None, position: int, done: bool) -> None:
        """Let the spool drop the lines of a batch done with, unless one was given up (its
        lines, and all after them, then wait for the next start)."""
        self._keep_spool = self._keep_spool or not done
        if spool is not None and not self._keep_spool:
            spool.release(position)

    def _take_batch(self) -> tuple[list[Event], int]:
        """Up to `batch_size` events, waiting at most `linger_seconds` for a full batch; and
        the spool position of the last."""
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
        items = [self._queue.popleft() for _ in range(take)]
        return [event for event, _ in items], (items[-1][1] if items else 0)

    def write_batch(self, batch: Sequence[Event]) -> None:
        """Redact and write a batch in one transaction; safe to repeat."""
        if self._stored is not None:
            batch = [self._stored(event) for event in batch]
        self._store.execute(self._batch.prepare(batch))
