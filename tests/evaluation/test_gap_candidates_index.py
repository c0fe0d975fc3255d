"""The knowledge-gap candidates are read through their partial index (migration 0014): the
reading's condition is the index's, and both databases plan the reading in the index."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, text

from evaluation.reports.facts import sql
from evaluation.reports.facts.store_counts import CANDIDATES
from telemetry.models import GAP_CANDIDATES
from tests.evaluation.migration_files import load_migration


def test_the_frozen_condition_is_the_readings_and_the_models() -> None:
    module = load_migration("0014_gap_candidates_index.py")
    assert module.CANDIDATES == CANDIDATES == GAP_CANDIDATES


def _plan(engine: Engine) -> str:
    d = engine.dialect.name
    lo = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    stamps = [sql.stamp(d, lo), sql.stamp(d, lo + dt.timedelta(days=31))]
    query = (
        f"SELECT id FROM messages WHERE created_at >= {sql.mark(d)} AND created_at < "
        f"{sql.mark(d)} AND ({CANDIDATES}) ORDER BY created_at"
    )
    with engine.connect() as conn:
        if d == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        rows = sql.fetch(
            conn, "EXPLAIN " + ("QUERY PLAN " if d == "sqlite" else "") + query, stamps
        )
    return " ".join(str(r) for r in rows)


def test_sqlite_reads_the_candidates_in_their_index(sqlite_engine: Engine) -> None:
    assert "COVERING INDEX ix_messages_gap_candidates" in _plan(sqlite_engine)


@pytest.mark.postgres
def test_postgres_reads_the_candidates_in_their_index(pg_engine: Engine) -> None:
    with pg_engine.begin() as conn:
        conn.execute(text("ANALYZE messages"))
    assert "ix_messages_gap_candidates" in _plan(pg_engine)
