"""Writing prepared batches through a database that may be down, locked or refusing a value.

A batch is one transaction and every insert in it is idempotent (`telemetry.batch`), so a batch
that failed is simply written again: with backoff while the database is down or locked, event by
event when the database refuses something for good, so that only the bad event is lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout

from telemetry.batch import BatchWriter, Step
from telemetry.events import Event

# The writer's log: what an operator watches for the telemetry writer.
log = logging.getLogger("telemetry.writer")


def is_transient(exc: BaseException) -> bool:
    """Whether a database error is worth retrying (down, locked, disconnected)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout)


class RetryingStore:
    """Writes prepared batches in one transaction each, retrying until `give_up_at`."""

    def __init__(self, engine: Engine, batch: BatchWriter, *, max_backoff: float) -> None:
        self._engine = engine
        self._batch = batch
        self._max_backoff = max_backoff
        self.give_up_at = float("inf")
        """A `time.monotonic()` after which a batch the database will not take is given up
        (set when the writer stops)."""
        self.rejected = 0
        """Events the database refused for good (e.g. a value it cannot store)."""
        self.written = 0
        """Events written (or found already written)."""
        self.failures = 0
        """Failed write attempts that were retried."""

    def execute(self, steps: list[Step]) -> None:
        """Run `steps` in one transaction (raises what the database raises)."""
        with self._engine.begin() as conn:
            self._batch.execute(conn, steps)
        self._batch.committed(steps)

    def write(self, batch: Sequence[Event], steps: list[Step]) -> bool:
        """Write `batch` (prepared as `steps`), retrying while the database is down or locked;
        False if it was given up (the database still unreachable after `give_up_at`)."""
        backoff = 0.05
        while True:
            try:
                self.execute(steps)
                self.written += len(batch)
                return True
            except SQLAlchemyError as exc:
                if not is_transient(exc):
                    return self.one_by_one(batch)
                # Down or locked: keep the batch and try again later. The batch is one
                # transaction and every insert is idempotent, so a retry never double-counts.
                self.failures += 1
                if time.monotonic() > self.give_up_at:
                    log.error(
                        "telemetry: database unreachable at shutdown; %d events not written",
                        len(batch),
                    )
                    return False
                log.warning(
                    "telemetry write failed (%s); retrying in %.2fs", type(exc).__name__, backoff
                )
                time.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)

    def one_by_one(self, batch: Sequence[Event]) -> bool:
        """Find the events the database refuses for good, and write the rest; False if some
        were given up (see `write`)."""
        done = True
        for event in batch:
            try:
                self.execute(self._batch.prepare([event]))
                self.written += 1
            except Exception as exc:
                if isinstance(exc, SQLAlchemyError) and is_transient(exc):
                    # Gone again while isolating the bad event: retry what is left.
                    done = self.write([event], self._batch.prepare([event])) and done
                    continue
                self.rejected += 1
                # Only the type: the message of a database error can quote the values.
                log.warning("telemetry event refused by the database (%s)", type(exc).__name__)
        return done
