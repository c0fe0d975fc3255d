"""A deletion wins, whatever order the events of a session reach the store in.

With several replicas (or one slow writer) a chat, rating or profile answer of session S can
still be in one process's queue or spool when the learner deletes S through another process, or
be recorded by a reply that was still running: written after the deletion, it would bring the
deleted data back. So a deletion leaves a tombstone in `deleted_sessions`: a keyed hash of the
session id (BLAKE2b keyed with the store's random key in `store_keys`, made by migration 0011;
never the id itself, nothing about the person) and when it was written, kept `KEEP_DAYS`. Every
batch the writer commits looks up the tombstones of its sessions in the same transaction and
stores nothing of a deleted session (its crisis and handoff counts stay: they belong to no
session), and deletes the session again, which takes away a conversation-memory turn that a
reply still running wrote after the deletion. A session deleted within a batch is cut off from
that point of the batch on. A deletion wins outright, not by the clocks of the replicas: an
API client that uses a deleted session's id again is answered, but not recorded, until the
tombstone is gone (the web pages start a new session after a deletion).

The look-up and a deletion in another process cannot interleave:

- PostgreSQL: every batch's transaction first takes one transaction-level advisory lock, shared
  for a batch without deletions, exclusive for a batch with one. A deletion waits for the
  batches already writing, and its DELETE then sees their rows; a batch that starts after a
  deletion waits for its commit, and (READ COMMITTED: each statement sees what was committed
  before it began) then sees its tombstone.
- SQLite: the first statement of every batch is a write (expiring old tombstones), which takes
  the database's single write lock before the tombstones are read.

The tombstones outlive the spool: a spool line older than `REPLAY_DAYS` is not replayed
(`telemetry.replay`), and `KEEP_DAYS` is longer, so every event accepted before a deletion is
either refused by its tombstone or never written. (An event kept that long in a live process's
queue, which only happens if that process could not reach the store for `KEEP_DAYS` while
another could, is not covered.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from telemetry.models import DeletedSessionRecord, StoreKeyRecord, utcnow

KEEP_DAYS = 30
"""How long a deleted session's tombstone is kept."""
REPLAY_DAYS = 25
"""A spool line older than this is not replayed (shorter than `KEEP_DAYS`, with room for clocks
that disagree)."""
KEY_NAME = "deleted_sessions"
LOCK_KEY = 0x73756E74612D64
"""The advisory lock of batches and deletions on PostgreSQL ("sunta-d" in ASCII)."""
FOUND_PG = text("SELECT key FROM deleted_sessions WHERE key = ANY(:keys)")
FOUND_SQLITE = text(
    "SELECT key FROM deleted_sessions WHERE key IN (SELECT value FROM json_each(:keys))"
)
TURNS = sa.table("conversation_turns", sa.column("session_id", sa.String))
"""Conversation memory in the store (`application.memory.StoredMemory`, migration 0004)."""


def too_old_to_replay(at: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Whether an event accepted at `at` is past the spool's life (see the module)."""
    return at < (now or utcnow()) - dt.timedelta(days=REPLAY_DAYS)


class Tombstones:
    """The tombstones of one store, as one writer reads and writes them."""

    def __init__(self, dialect_name: str) -> None:
        self._postgres = dialect_name == "postgresql"
        self._insert = (postgresql if self._postgres else sqlite).insert
        self._key: bytes | None = None

    def begin(self, conn: Connection, sessions: Iterable[str], *, deleting: bool) -> set[str]:
        """Take the lock of a batch (the first statement of its transaction) and return which
        of `sessions` were deleted; `deleting`: the batch deletes a session itself."""
        if self._postgres:
            lock = "pg_advisory_xact_lock" if deleting else "pg_advisory_xact_lock_shared"
            conn.execute(text(f"SELECT {lock}(:key)"), {"key": LOCK_KEY})
        if deleting or not self._postgres:
            conn.execute(
                delete(DeletedSessionRecord).where(
                    col(DeletedSessionRecord.deleted_at) < utcnow() - dt.timedelta(days=KEEP_DAYS)
                )
            )
        by_key = {self._hash(conn, s): s for s in set(sessions)}
        if not by_key:
            return set()
        # The keys as one parameter (an array, a JSON list): a batch has thousands of them.
        if self._postgres:
            found = conn.execute(FOUND_PG, {"keys": list(by_key)})
        else:
            found = conn.execute(FOUND_SQLITE, {"keys": json.dumps(list(by_key))})
        return {by_key[key] for key in found.scalars()}

    def record(self, conn: Connection, session_id: str) -> None:
        """Leave the tombstone of a session being deleted in this transaction."""
        row = {"key": self._hash(conn, session_id), "deleted_at": utcnow()}
        conn.execute(self._insert(DeletedSessionRecord).on_conflict_do_nothing(), [row])

    def _hash(self, conn: Connection, session_id: str) -> str:
        key = self._key
        if key is None:
            value, made = _store_key(conn, self._insert)
            key = bytes.fromhex(value)
            # One this transaction made is kept only once it is committed (read again then).
            self._key = None if made else key
        return hashlib.blake2b(
            session_id.encode("utf-8", "surrogatepass"), key=key, digest_size=16
        ).hexdigest()


def _store_key(conn: Connection, insert: Any) -> tuple[str, bool]:
    """The store's key of the tombstones' hash, and whether it was made now: migration 0011
    makes it; a store without one gets it here (the first process to write it wins)."""
    wanted = select(col(StoreKeyRecord.value)).where(col(StoreKeyRecord.name) == KEY_NAME)
    value = conn.execute(wanted).scalar_one_or_none()
    if value is not None:
        return str(value), False
    row = {"name": KEY_NAME, "value": secrets.token_hex(32)}
    conn.execute(insert(StoreKeyRecord).on_conflict_do_nothing(), [row])
    return str(conn.execute(wanted).scalar_one()), True


def forget_turns(conn: Connection, session_id: str) -> None:
    """Delete a session's conversation-memory turns kept in the store."""
    conn.execute(delete(TURNS).where(TURNS.c.session_id == session_id))
