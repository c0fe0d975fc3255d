"""Conversation memory every process sees: in the telemetry store, or in Redis when configured.

Both keep what `assistant.memory.ConversationMemory` keeps in one process: the redacted last few
questions of a session (each cut to `MAX_REMEMBERED_WORDS` words), forgotten `ttl_seconds` after
the session's last turn, and at once when the learner deletes the conversation.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, String, bindparam, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Field, SQLModel

from assistant.memory import MAX_REMEMBERED_WORDS, Turn

log = logging.getLogger(__name__)

MAX_TURNS = 6
TTL_SECONDS = 3600.0
SWEEP_SECONDS = 60.0
"""How often one process deletes every expired turn from the store."""
BUSY_MS = 250
"""How long a turn waits for a locked SQLite store: past that the turn is not remembered, and
the reply is not held up (the telemetry writer itself may wait 5 s, off the request path)."""


class ConversationTurnRecord(SQLModel, table=True):
    """One remembered question (redacted); made by telemetry migration 0004."""

    __tablename__ = "conversation_turns"
    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(max_length=64, index=True)
    at: float = Field(index=True)
    """Seconds since the epoch (every process reads the same clock)."""
    question: str = Field(max_length=2000)
    doc_ids: str = Field(default="", max_length=1024)
    """The articles the answer was about, space-separated."""
    language: str = Field(default="", max_length=8)


def _cut(redact: Callable[[str], str], question: str) -> str:
    return " ".join(redact(question).split()[-MAX_REMEMBERED_WORDS:])


class StoredMemory:
    """Conversation memory in the telemetry store's `conversation_turns` table.

    A store that cannot be reached costs follow-ups their context, never a reply. The statements
    are SQLAlchemy Core, built once: a turn is written on the request path (every process must
    see it before the reply leaves), and the ORM unit of work took ~2 ms of CPU a reply.
    """

    def __init__(
        self,
        engine: Engine,
        redact: Callable[[str], str],
        *,
        max_turns: int = MAX_TURNS,
        ttl_seconds: float = TTL_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self._redact = redact
        self._max_turns = max_turns
        self._ttl = ttl_seconds
        self._clock = clock
        self._swept = 0.0
        self._lock = threading.Lock()
        turns = ConversationTurnRecord.__table__  # type: ignore[attr-defined]
        session = bindparam("session_id", type_=String())
        latest = select(turns.c.id).where(turns.c.session_id == session)
        latest = latest.order_by(turns.c.id.desc()).limit(max_turns)
        self._history = (
            select(turns.c.question, turns.c.doc_ids, turns.c.at, turns.c.language)
            .where(turns.c.session_id == session)
            .order_by(turns.c.id.desc())
            .limit(max_turns)
        )
        self._insert = insert(turns)
        # Every turn of the session beyond the last `max_turns`.
        self._trim = delete(turns).where(
            turns.c.session_id == session, turns.c.id.not_in(latest.scalar_subquery())
        )
        self._expired = delete(turns).where(turns.c.at < bindparam("before"))
        self._forget = delete(turns).where(turns.c.session_id == session)

    def history(self, session_id: str) -> list[Turn]:
        """Turns still remembered for a session, oldest first."""
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(self._history, {"session_id": session_id}).all()
        except SQLAlchemyError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)
            return []
        if not rows or self._clock() - rows[0].at > self._ttl:
            return []
        return [
            Turn(r.question, tuple(r.doc_ids.split()), r.at, r.language) for r in reversed(rows)
        ]

    def remember(
        self, session_id: str, question: str, doc_ids: tuple[str, ...], *, language: str = ""
    ) -> None:
        """Keep a redacted copy of the question; drop the session's turns beyond the limit."""
        now = self._clock()
        row = {
            "session_id": session_id,
            "at": now,
            "question": _cut(self._redact, question),
            "doc_ids": " ".join(doc_ids)[:1024],
            "language": language,
        }
        try:
            with self.engine.begin() as conn:
                self._write(conn, row, now)
        except SQLAlchemyError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)

    def _write(self, conn: Connection, row: dict[str, Any], now: float) -> None:
        # The short wait covers taking the write lock (the first write); it is put back before
        # the commit, which returns the connection to the pool. In WAL mode the commit itself
        # waits for no one.
        with self._short_waits(conn):
            conn.execute(self._insert, row)
            conn.execute(self._trim, {"session_id": row["session_id"]})
            if self._sweep_due(now):
                conn.execute(self._expired, {"before": now - self._ttl})

    @contextlib.contextmanager
    def _short_waits(self, conn: Connection) -> Iterator[None]:
        if self.engine.dialect.name != "sqlite":
            yield
            return
        # On the sqlite3 connection itself: through SQLAlchemy the three pragmas cost as much as
        # the turn's own statements.
        raw = conn.connection.driver_connection
        assert raw is not None
        before = int(raw.execute("PRAGMA busy_timeout").fetchone()[0] or 0)
        raw.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        try:
            yield
        finally:
            # The connection goes back to the pool: the writer must find its own wait there.
            raw.execute(f"PRAGMA busy_timeout={before}")

    def _sweep_due(self, now: float) -> bool:
        with self._lock:
            if now - self._swept < SWEEP_SECONDS:
                return False
            self._swept = now
            return True

    def forget(self, session_id: str) -> None:
        """Drop a session's turns (the learner deleted their conversation); a store that cannot
        be reached now loses them within `ttl_seconds` anyway."""
        try:
            with self.engine.begin() as conn:
                conn.execute(self._forget, {"session_id": session_id})
        except SQLAlchemyError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)


class RedisMemory:
    """Conversation memory in Redis: one list per session, trimmed and expiring by itself."""

    PREFIX = "suunta:memory:"

    def __init__(
        self,
        client: Any,
        redact: Callable[[str], str],
        *,
        max_turns: int = MAX_TURNS,
        ttl_seconds: float = TTL_SECONDS,
    ) -> None:
        self.client = client
        self._redact = redact
        self._max_turns = max_turns
        self._ttl = int(ttl_seconds)

    @classmethod
    def from_url(cls, url: str, redact: Callable[[str], str]) -> RedisMemory:
        """Memory in the Redis at `url`."""
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=2.0), redact)

    def history(self, session_id: str) -> list[Turn]:
        """Turns still remembered for a session, oldest first."""
        import redis

        try:
            items = self.client.lrange(self.PREFIX + session_id, 0, -1)
        except redis.RedisError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)
            return []
        turns = [json.loads(item) for item in items]
        return [Turn(t["q"], tuple(t["d"]), t["at"], t["l"]) for t in turns]

    def remember(
        self, session_id: str, question: str, doc_ids: tuple[str, ...], *, language: str = ""
    ) -> None:
        """Keep a redacted copy of the question for `ttl_seconds` after the session's last turn."""
        import redis

        turn = {"q": _cut(self._redact, question), "d": list(doc_ids), "at": time.time()}
        key = self.PREFIX + session_id
        try:
            with self.client.pipeline() as pipe:
                pipe.rpush(key, json.dumps({**turn, "l": language}, ensure_ascii=False))
                pipe.ltrim(key, -self._max_turns, -1)
                pipe.expire(key, self._ttl)
                pipe.execute()
        except redis.RedisError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)

    def forget(self, session_id: str) -> None:
        """Drop a session (the learner deleted their conversation); a Redis that cannot be
        reached now loses it within `ttl_seconds` anyway, so the deletion still goes ahead."""
        import redis

        try:
            self.client.delete(self.PREFIX + session_id)
        except redis.RedisError as exc:
            log.warning("conversation memory unavailable: %s", type(exc).__name__)
