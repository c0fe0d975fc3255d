"""On start, the events that stopped processes left in their spools go into the store.

Replaying is idempotent (every row is keyed by the event's own ids, profiles and deletions give
the same result twice), so a spool replayed twice (a crash during the replay itself) or holding
events that were committed just before the crash changes nothing. The events go in the order
they were accepted, before the writer takes any new one. An event of a session deleted since
(by any process) is not stored (`telemetry.deletions`); an event older than
`telemetry.deletions.REPLAY_DAYS` is not replayed at all, as its session's tombstone may be gone.
"""

from __future__ import annotations

import logging
import time

from telemetry.batch import BatchWriter
from telemetry.deletions import REPLAY_DAYS, too_old_to_replay
from telemetry.event_lines import from_line
from telemetry.events import Event
from telemetry.retry import RetryingStore
from telemetry.spool import SpoolPlace
from telemetry.spool_files import Orphan

log = logging.getLogger("telemetry.writer")

REPLAY_SECONDS = 30.0
"""How long a replay waits for a store that is down or locked before leaving it to the next
start (the schema migration has just reached the store, so it is rarely needed)."""


def _events(orphan: Orphan) -> list[Event]:
    events: list[Event] = []
    unreadable = old = 0
    for line in orphan.lines():
        try:
            event = from_line(line)
        except (ValueError, KeyError, TypeError):
            unreadable += 1
            continue
        if too_old_to_replay(event.at):
            old += 1
        else:
            events.append(event)
    if unreadable:
        log.warning("telemetry spool: %d unreadable lines skipped in %s", unreadable, orphan.folder)
    if old:
        log.warning(
            "telemetry spool: %d events older than %d days not replayed from %s (a deleted "
            "session's tombstone may be gone by now)",
            old,
            REPLAY_DAYS,
            orphan.folder,
        )
    return events


def _replay(events: list[Event], store: RetryingStore, batch: BatchWriter, size: int) -> bool:
    store.give_up_at = time.monotonic() + REPLAY_SECONDS
    try:
        for i in range(0, len(events), size):
            chunk = events[i : i + size]
            if not store.write(chunk, batch.prepare(chunk)):
                return False
        return True
    finally:
        store.give_up_at = float("inf")


def replay_orphans(place: SpoolPlace, store: RetryingStore, batch: BatchWriter, size: int) -> int:
    """Write the events of every spool no live process holds, in batches of `size`, and
    delete each spool once its events are in the store; the number of events replayed."""
    replayed = 0
    for orphan in place.orphans():
        events = _events(orphan)
        if not _replay(events, store, batch, size):
            log.error("telemetry: the spool %s could not be replayed; kept for the next start",
                      orphan.folder)  # fmt: skip
            orphan.close()
            continue
        orphan.remove()
        replayed += len(events)
        if events:
            log.warning(
                "telemetry: %d events replayed from a spool a stopped process left", len(events)
            )
    return replayed
