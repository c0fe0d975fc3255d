"""Retention: telemetry older than a cutoff is deleted, on demand or once a day."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass

from sqlalchemy import Engine, delete, exists, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord, utcnow

log = logging.getLogger(__name__)

DAY = dt.timedelta(days=1)
_AGE_RE = re.compile(r"^([1-9][0-9]{0,5})d$")


def parse_age(value: str) -> dt.timedelta:
    """'365d' -> 365 days; anything else raises ValueError."""
    match = _AGE_RE.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' is not an age in days such as 365d")
    return dt.timedelta(days=int(match.group(1)))


@dataclass(frozen=True)
class PurgeResult:
    """Rows deleted per table."""

    cutoff: dt.datetime
    sessions: int
    messages: int
    feedback: int
    escalations: int

    @property
    def total(self) -> int:
        """Rows deleted in all tables."""
        return self.sessions + self.messages + self.feedback + self.escalations


def purge(
    engine: Engine, older_than: dt.timedelta, *, now: dt.datetime | None = None
) -> PurgeResult:
    """Delete everything recorded before `now - older_than`, in one transaction."""
    cutoff = (now or utcnow()) - older_than
    with engine.begin() as conn:
        feedback = conn.execute(
            delete(FeedbackRecord).where(col(FeedbackRecord.created_at) < cutoff)
        ).rowcount
        old_messages = select(col(MessageRecord.id)).where(col(MessageRecord.created_at) < cutoff)
        # Feedback newer than the cutoff on an expired message goes with its message.
        feedback += conn.execute(
            delete(FeedbackRecord).where(col(FeedbackRecord.message_id).in_(old_messages))
        ).rowcount
        messages = conn.execute(
            delete(MessageRecord).where(col(MessageRecord.created_at) < cutoff)
        ).rowcount
        # A session that started before the cutoff but still has newer messages stays.
        sessions = conn.execute(
            delete(SessionRecord).where(
                col(SessionRecord.started_at) < cutoff,
                ~exists().where(col(MessageRecord.session_id) == col(SessionRecord.id)),
            )
        ).rowcount
        escalations = conn.execute(
            delete(EscalationRecord).where(col(EscalationRecord.created_at) < cutoff)
        ).rowcount
    return PurgeResult(cutoff, sessions, messages, feedback, escalations)


class DailyPurge:
    """A thread that purges at start and then every `interval` (a day) until stopped."""

    def __init__(
        self, engine: Engine, older_than: dt.timedelta, *, interval: dt.timedelta = DAY
    ) -> None:
        self._engine = engine
        self._older_than = older_than
        self._interval = interval.total_seconds()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0
        """Purges completed (tests and health checks read it)."""

    def start(self) -> None:
        """Start the thread (idempotent)."""
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="telemetry-purge", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the thread; a purge in progress finishes first."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                result = purge(self._engine, self._older_than)
                self.runs += 1
                log.info(
                    "telemetry retention: %d rows older than %s deleted",
                    result.total,
                    result.cutoff.date(),
                )
            except SQLAlchemyError as exc:
                # Tried again at the next interval; the rows are only a day older by then.
                log.warning("telemetry retention purge failed (%s)", type(exc).__name__)
            self._stop.wait(self._interval)
