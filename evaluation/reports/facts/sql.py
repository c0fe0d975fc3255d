"""Reading many rows or groups quickly: the driver's own cursor, times as the driver compares
them, and PostgreSQL settings for one reading transaction (reports and monitoring share them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection


def mark(dialect: str) -> str:
    """The driver's parameter placeholder."""
    return "?" if dialect == "sqlite" else "%s"


def stamp(dialect: str, at: dt.datetime) -> Any:
    """A UTC time as the driver compares it with stored times."""
    if dialect == "sqlite":
        # SQLite keeps UTC times as text, 'YYYY-MM-DD HH:MM:SS.ffffff' (telemetry.batch_rows).
        return at.astimezone(dt.UTC).isoformat(" ", "microseconds")[:26]
    return at


def fetch(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows through the driver's own cursor: SQLAlchemy's row objects cost more than the
    database itself on millions of rows."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def prepare(conn: Connection) -> None:
    """PostgreSQL: room to hash the groups in memory, and no JIT (compiling costs more than
    it saves on these scans); for this transaction only."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
        conn.exec_driver_sql("SET LOCAL jit = off")


def day(dialect: str, column: str) -> str:
    """The UTC day number (days since 1970-01-01) of a stored time, as every report reads it
    (SQLite's julianday rounds to the millisecond: 23:59:59.9995 is the next day)."""
    if dialect == "sqlite":
        return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
    return f"CAST(floor(extract(epoch FROM {column}) / 86400) AS INTEGER)"
