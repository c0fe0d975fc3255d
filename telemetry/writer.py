"""The non-blocking batch writer: a bounded queue in front, redaction and batched inserts behind.

Two threads behind the queue, a pipeline: one takes batches and redacts them into rows, the
other writes the rows of the batch before (with retries, `telemetry.retry`). The database call
runs without the GIL, so on a machine with two cores the redaction of one batch and the insert
of the previous one overlap.

With a spool (`telemetry.spool`) `submit` redacts the event itself (tens of microseconds for a
question) and appends it to the spool before it returns: an event the service accepted then
survives a `kill -9` (the line is in the page cache; the spool's own thread gets it onto the disk
within `telemetry.spool.SYNC_SECONDS`), and the next start replays what the dead process had not
committed. The threads behind the queue then only write.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence

from sqlalchemy import Engine

from telemetry.batch import BatchWriter, Step
from telemetry.event_lines import to_line
from telemetry.event_queue import EventQueue
from telemetry.events import ChatEvent, Event, SessionDeleteEvent
from telemetry.known_messages import KnownMessages
from telemetry.redaction_process import RedactionProcess
from telemetry.replay import replay_orphans
from telemetry.retry import RetryingStore
from telemetry.spool import Spool, SpoolPlace
from telemetry.stored_form import StoredForm

log = logging.getLogger(__name__)

Prepared = tuple[list[Event], list[Step], int]
"""A batch, its rows, and the spool position of its last event."""
Redact = Callable[[str], str]


def _batch_writer(
    engine: Engine,
    redact: Redact,
    store_text: bool,
    redaction: RedactionProcess | None,
    spool: SpoolPlace | None,
) -> BatchWriter:
    """The batch writer: with a spool the texts come redacted already (`StoredForm`)."""
    return BatchWriter(
        engine.dialect,
        (lambda text: text) if spool else redact,
        store_text=store_text,
        redact_many=redaction.start if redaction else None,
    )


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
        self._place = spool
        self._spool: Spool | None = None
        # With a spool the texts are redacted on the way in (`submit`), not behind the queue.
        self._stored = StoredForm(redact, store_text=store_text) if spool else None
        # With `redact_factory` (a module-level function that builds the same redaction), a
        # burst is redacted in a child process, on another core; see telemetry.redaction_process.
        self._redaction = (
            RedactionProcess(redact_factory, redact) if redact_factory and not spool else None
        )
        self._batch = _batch_writer(engine, redact, store_text, self._redaction, spool)
        self._store = RetryingStore(engine, self._batch, max_backoff=max_backoff)
        self._queue = EventQueue(max_queue)
        # Redacted batches waiting for the insert thread: one in hand, one ready.
        self._prepared: queue.Queue[Prepared | None] = queue.Queue(1)
        self._batch_size = batch_size
        self._linger = linger_seconds
        self.on_drop = on_drop
        self._stop = threading.Event()
        self._keep_spool = False
        self._threads: list[threading.Thread] = []
        self._messages = KnownMessages(engine)
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
            self._messages.remember(event.message_id, event.session_id)
        elif isinstance(event, SessionDeleteEvent):
            self._messages.forget_session(event.session_id)
        items = self._queue.items
        if len(items) >= self._queue.max_size and not self._queue.room(wait):
            self._count_drop()
            return False
        if self._stored is None:
            items.append((event, 0))
        else:
            self._spool_and_queue(self._stored(event))
        if len(items) >= self._batch_size:
            self._queue.wake.set()
        return True

    def _spool_and_queue(self, event: Event) -> None:
        """Append the (redacted) event to the spool and the queue in one order (the spool's
        thread syncs the line to the disk; a process kill keeps it already)."""
        spool = self._spool
        if spool is None:  # not started, or no spool could be opened
            self._queue.items.append((event, 0))
            return
        line = to_line(event)
        with spool.lock:
            position = spool.append(line)
            self._queue.items.append((event, position))

    @property
    def depth(self) -> int:
        """Events waiting to be written."""
        return self._queue.depth

    def knows_message(self, message_id: str) -> bool:
        """Whether a message id was issued here recently or is in the store; True when the
        store cannot be asked (feedback is then accepted, and kept only if its message is)."""
        return self._messages.knows(message_id)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written; False if `timeout` ran out."""
        return self._queue.drained(timeout)

    def stop(self, timeout: float = 30.0) -> None:
        """Write everything queued, then stop the threads (called on a clean shutdown).

        If the database stays unreachable for `timeout` seconds the rest is given up, logged
        (and kept in the spool, if there is one, for the next start)."""
        self._store.give_up_at = time.monotonic() + timeout
        self._stop.set()
        self._queue.wake.set()
        for thread in self._threads:
            thread.join(max(0.0, self._store.give_up_at - time.monotonic()) + 1.0)
        stuck = any(thread.is_alive() for thread in self._threads)
        self._threads = []
        if self._redaction is not None:
            # Idle once the threads are done, so waiting for the child to exit is short.
            self._redaction.close(wait=not stuck)
        left = self._queue.depth
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

    def _redact_loop(self) -> None:
        """First stage: take batches off the queue and redact them into rows."""
        try:
            while True:
                batch, position = self._queue.take(self._batch_size, self._linger, self._stop)
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
                self._queue.done(len(batch))

    def _release(self, spool: Spool | None, position: int, done: bool) -> None:
        """Let the spool drop the lines of a batch done with, unless one was given up (its
        lines, and all after them, then wait for the next start)."""
        self._keep_spool = self._keep_spool or not done
        if spool is not None and not self._keep_spool:
            spool.release(position)

    def write_batch(self, batch: Sequence[Event]) -> None:
        """Redact and write a batch in one transaction; safe to repeat."""
        if self._stored is not None:
            batch = [self._stored(event) for event in batch]
        self._store.execute(self._batch.prepare(batch))
