"""One compiled INSERT for many rows, run with the driver's fastest form (the writer's hot path)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, String


def _impl(sql_type: Any) -> Any:
    """The underlying type of a TypeDecorator (SQLModel's AutoString is one)."""
    return getattr(sql_type, "impl_instance", sql_type)


class RawInsert:
    """One compiled INSERT for many rows, run with the driver's fastest form.

    The hot tables skip SQLAlchemy's per-row parameter processing, which cost more than the
    database itself (PERF-NOTES: Core ~80k rows/s, raw executemany ~400k). SQLite gets one
    multi-row `INSERT ... VALUES (...), (...)` per few hundred rows, PostgreSQL one statement
    per batch that unnests one array per column, instead of a round trip per row. Both run a
    whole chunk in one call that releases the GIL once, not once a row as `executemany` does:
    the redaction thread then cannot stall the insert thread at every row (the GIL's 5 ms
    switch interval) while the two run side by side."""

    def __init__(self, statement: Any, columns: Sequence[str], dialect: Any) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(columns))
        self.columns = tuple(columns)
        self.unnest = dialect.name == "postgresql"
        if not self.unnest:
            assert compiled.positional and tuple(compiled.positiontup) == self.columns
            sql = str(compiled)
            group = "(" + ", ".join("?" * len(self.columns)) + ")"
            assert sql.count(group) == 1, sql
            self._head, self._tail = sql.split(group)
            self._group = group
            # SQLite before 3.32 allows 999 parameters per statement, later 32,766.
            limit = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
            self.chunk = max(1, min(500, limit // len(self.columns)))
            self._sql: dict[int, str] = {}
            return
        table = statement.table
        # Arrays of unbounded varchar: a value too long must fail on insert, as it would in a
        # plain INSERT, not be cut silently by a cast to varchar(n).
        arrays = ", ".join(
            "%s::"
            + ("VARCHAR" if isinstance(_impl(t), String) else t.compile(dialect=dialect))
            + "[]"
            for t in (table.c[name].type for name in self.columns)
        )
        conflict = str(compiled).split(" ON CONFLICT ", 1)[1]
        self.sql = (
            f"INSERT INTO {table.name} ({', '.join(self.columns)}) "
            f"SELECT * FROM unnest({arrays}) ON CONFLICT {conflict}"
        )

    def _values_sql(self, rows: int) -> str:
        sql = self._sql.get(rows)
        if sql is None:
            sql = self._sql[rows] = self._head + ", ".join([self._group] * rows) + self._tail
        return sql

    def run(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """Insert `rows`, tuples in `columns` order."""
        if self.unnest:
            conn.exec_driver_sql(
                self.sql, tuple(list(column) for column in zip(*rows, strict=True))
            )
            return
        for i in range(0, len(rows), self.chunk):
            part = rows[i : i + self.chunk]
            conn.exec_driver_sql(self._values_sql(len(part)), tuple(v for row in part for v in row))
