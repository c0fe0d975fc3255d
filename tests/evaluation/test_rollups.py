"""The per-day roll-ups the database keeps (migrations 0010 and 0016) stay equal to the rows:
the report facts read from them are those of reading every row (`reports_rows.read_facts_rows`)
after random writes, after sessions are deleted, after the retention purge, after a batch is
written twice, after questions are stored after their feedback, after questions and feedback
are changed in place, and when the upgrade fills them from rows already stored; in SQLite and
PostgreSQL. The triggers bin every latency as Python does."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from alembic import command
from sqlalchemy import Engine, delete, insert, select, text, update
from sqlmodel import col

from evaluation.reports.facts.daily_counts import latency_bins, latency_edges
from evaluation.reports.facts.store_reader import read_facts
from telemetry.batch import delete_session
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord
from telemetry.retention import purge
from telemetry.schema import alembic_config
from telemetry.store import init_schema, make_engine
from tests.evaluation.migration_files import load_migration
from tests.evaluation.reports_rows import read_facts_rows
from tests.evaluation.test_facts_sql import FIRST, LAST, awkward_latencies, fill, same

MESSAGES = MessageRecord.__table__  # type: ignore[attr-defined]
FEEDBACK = FeedbackRecord.__table__  # type: ignore[attr-defined]
RANGES = ((FIRST, LAST), (FIRST, FIRST), (dt.date(2026, 3, 1), LAST), (LAST, LAST))


def _migration() -> ModuleType:
    return load_migration("0010_message_counts.py")


def _check(engine: Engine) -> None:
    for first, last in RANGES:
        same(read_facts(engine, first, last), read_facts_rows(engine, first, last))


def _delete_some(engine: Engine, seed: int) -> None:
    """Delete a fifth of the sessions as a learner's deletion does, then purge what is older
    than the middle of February."""
    with engine.connect() as conn:
        ids = sorted(conn.execute(select(col(SessionRecord.id))).scalars())
    with engine.begin() as conn:
        for sid in random.Random(seed).sample(ids, len(ids) // 5):
            delete_session(conn, sid)
    purge(engine, dt.timedelta(days=30), now=dt.datetime(2026, 3, 15, 7, tzinfo=dt.UTC))


def _write_twice(engine: Engine) -> None:
    """The stored messages inserted again, skipped as the writer skips a replayed batch."""
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(MessageRecord.__table__))]  # type: ignore[attr-defined]
    module = "postgresql" if engine.dialect.name == "postgresql" else "sqlite"
    dialect = importlib.import_module(f"sqlalchemy.dialects.{module}")
    with engine.begin() as conn:
        conn.execute(dialect.insert(MessageRecord).on_conflict_do_nothing(), rows)


def _move_feedback(engine: Engine, seed: int) -> None:
    """A tenth of the questions deleted on their own (their feedback stays: no question), then
    stored again; then questions and feedback changed in place."""
    rnd = random.Random(seed)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(MESSAGES))]
        feedback = sorted(conn.execute(select(FEEDBACK.c.id)).scalars())
    gone = rnd.sample(rows, len(rows) // 10)
    with engine.begin() as conn:
        conn.execute(delete(MESSAGES).where(MESSAGES.c.id.in_([r["id"] for r in gone])))
    _check(engine)
    with engine.begin() as conn:
        conn.execute(MESSAGES.insert(), gone)
    _check(engine)
    with engine.begin() as conn:
        for row in rnd.sample(rows, len(rows) // 10):
            change = rnd.choice([{"topics": "tutkinnot"}, {"kind": "no_answer"}, {"id": "moved"}])
            if change.get("id"):
                change = {"id": f"moved-{row['id']}"}
            conn.execute(update(MESSAGES).where(MESSAGES.c.id == row["id"]).values(**change))
        for fid in rnd.sample(feedback, len(feedback) // 5):
            values: dict[str, Any] = rnd.choice(
                [
                    {"rating": rnd.choice([None, 1, 5])},
                    {"helpful": rnd.choice([None, True, False])},
                    {"created_at": dt.datetime(2026, 3, 1, 0, 0, 0, 300, tzinfo=dt.UTC)},
                    {"message_id": rnd.choice(rows)["id"]},
                ]
            )
            conn.execute(update(FEEDBACK).where(FEEDBACK.c.id == fid).values(**values))
    _check(engine)


def test_the_frozen_edges_are_the_reports_edges() -> None:
    assert _migration().edges() == list(latency_edges())


@pytest.mark.parametrize("seed", [11, 12])
def test_rollups_equal_the_rows_after_writes_deletions_purge_and_replay(
    sqlite_engine: Engine, seed: int
) -> None:
    fill(sqlite_engine, seed)
    _check(sqlite_engine)
    _write_twice(sqlite_engine)
    _check(sqlite_engine)
    _move_feedback(sqlite_engine, seed)
    _delete_some(sqlite_engine, seed)
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM message_counts WHERE n = 0")).scalar()
    _check(sqlite_engine)


def test_the_upgrade_fills_the_rollups_from_stored_messages(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0009")
    fill(engine, 13)
    init_schema(engine)
    _check(engine)
    engine.dispose()


def _bins_in_rollup(engine: Engine) -> None:
    """Messages with every bin's edge, the doubles next to it and random values, one a day
    apart from the rest: the roll-up's bins are the bins Python gives their float32."""
    values = awkward_latencies()
    at = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
    rows = [
        {
            "id": f"bin{i}",
            "session_id": "s",
            "created_at": at,
            "language": "fi",
            "mode": "learner",
            "channel": "web",
            "kind": "answer",
            "topics": "",
            "latency_ms": float(v),
        }
        for i, v in enumerate(values)
    ]
    with engine.begin() as conn:
        conn.execute(insert(MessageRecord), rows)
        day = (at.date() - dt.date(1970, 1, 1)).days
        got = conn.execute(
            text("SELECT latency_bin, n FROM message_counts WHERE day = :day"), {"day": day}
        ).all()
    found = np.zeros(300, dtype=np.int64)
    for b, n in got:
        found[b] = n
    wanted = np.bincount(latency_bins(values.astype(np.float32)), minlength=300)
    assert found.tolist() == wanted.tolist()


def test_the_triggers_bin_every_latency_as_python_does(sqlite_engine: Engine) -> None:
    _bins_in_rollup(sqlite_engine)


@pytest.mark.postgres
def test_the_triggers_bin_every_latency_as_python_does_in_postgres(pg_engine: Engine) -> None:
    _bins_in_rollup(pg_engine)


@pytest.mark.postgres
def test_rollups_equal_the_rows_in_postgres(pg_engine: Engine) -> None:
    fill(pg_engine, 14)
    _check(pg_engine)
    _write_twice(pg_engine)
    _move_feedback(pg_engine, 14)
    _delete_some(pg_engine, 14)
    _check(pg_engine)
