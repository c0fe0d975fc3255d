"""The telemetry store: SQLite (WAL) by default, PostgreSQL when the URL says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import create_engine

from telemetry import schema


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the dashboard read while the writer writes; NORMAL is durable across app crashes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # A 32 MiB page cache keeps the indexes the writer appends to in memory (default 2 MiB).
    cursor.execute("PRAGMA cache_size=-32768")
    # Checkpoint the WAL into the database every 4,000 pages (16 MiB) rather than 1,000: the
    # writer's batches touch the same index pages again and again, and each checkpoint copies
    # a page once however often it changed (28 against 32 µs of SQLite CPU an event).
    cursor.execute("PRAGMA wal_autocheckpoint=4000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; creates the SQLite file's folder when needed."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # hide_parameters: a database error must never carry a question's text into a log.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def init_schema(engine: Engine) -> None:
    """Migrate the store to the newest schema (idempotent, safe from several processes)."""
    schema.upgrade(engine)
