"""Which message ids exist, so that feedback on an unknown reply can be refused at once."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from telemetry.models import MessageRecord
from telemetry.recent_map import RecentMap

# Message ids issued recently, so feedback can be checked without a query (bounded memory).
RECENT_MESSAGES = 100_000


class KnownMessages:
    """The message ids issued here recently, then the store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._recent = RecentMap(RECENT_MESSAGES // 2)
        self._lock = threading.Lock()

    def remember(self, message_id: str, session_id: str) -> None:
        """A reply was given in `session_id` under `message_id`."""
        with self._lock:
            self._recent.put(message_id, session_id)

    def forget_session(self, session_id: str) -> None:
        """The session was deleted: its replies take no more feedback."""
        with self._lock:
            self._recent.discard_values(session_id)

    def knows(self, message_id: str) -> bool:
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
