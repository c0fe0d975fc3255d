"""The questions' and the feedback's roll-ups by organisation and region (migrations 0013 and
0015) stay equal to the rows: the indicator year read from them is the year read row by row
(`monitoring_rows.read_year_rows`) after random writes, a replayed batch, profile answers that
change a session's region or organisation after its questions, sessions stored after their
questions, questions edited in place, questions stored after their feedback, feedback edited
or deleted, deletions (a learner's, a session row removed first), the retention purge, and
when the upgrade fills them from rows already stored; in SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlmodel import col

from evaluation.monitoring.facts import FEEDBACK, MESSAGES, SESSIONS, read_year
from evaluation.reports.vocabulary import LOW_CONFIDENCE
from telemetry.batch import delete_session
from telemetry.models import SessionRecord
from telemetry.retention import purge
from tests.evaluation.migration_files import load_migration, upgraded_with_rows
from tests.evaluation.monitoring_rows import read_year_rows
from tests.evaluation.test_monitoring_sql import REGIONS, TODAY, fill, same


def _migration() -> ModuleType:
    return load_migration("0013_question_counts.py")


def _check(engine: Engine) -> None:
    for year in (2025, 2026):
        same(read_year(engine, year, today=TODAY), read_year_rows(engine, year, today=TODAY))


def _session_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(col(SessionRecord.id))).scalars())


def _move_some(engine: Engine, seed: int) -> None:
    """Profile answers after the questions: a third of the sessions get another region (or
    none), some another organisation, as the writer's update and upsert give them."""
    rnd = random.Random(seed)
    ids = _session_ids(engine)
    with engine.begin() as conn:
        for sid in rnd.sample(ids, len(ids) // 3):
            values: dict[str, Any] = {"region": rnd.choice(REGIONS)}
            if rnd.random() < 0.3:
                values["org_id"] = rnd.choice(["koulu-a", "uusi-org", None])
            conn.execute(update(SessionRecord).where(col(SessionRecord.id) == sid).values(**values))


def _replay(engine: Engine) -> None:
    """The stored sessions and questions written again, as a replayed batch: sessions upserted
    (the writer's ON CONFLICT DO UPDATE), questions skipped."""
    module = "postgresql" if engine.dialect.name == "postgresql" else "sqlite"
    dialect = importlib.import_module(f"sqlalchemy.dialects.{module}")
    with engine.connect() as conn:
        sessions = [dict(r._mapping) for r in conn.execute(select(SESSIONS))]
        messages = [dict(r._mapping) for r in conn.execute(select(MESSAGES))]
        feedback = [dict(r._mapping) for r in conn.execute(select(FEEDBACK))]
    upsert = dialect.insert(SESSIONS)
    upsert = upsert.on_conflict_do_update(
        index_elements=["id"], set_={"org_id": upsert.excluded.org_id}
    )
    with engine.begin() as conn:
        conn.execute(upsert, sessions)
        conn.execute(dialect.insert(MESSAGES).on_conflict_do_nothing(), messages)
        conn.execute(dialect.insert(FEEDBACK).on_conflict_do_nothing(), feedback)


def _sessions_after_their_questions(engine: Engine, seed: int) -> None:
    """A tenth of the sessions deleted and stored again after their questions."""
    ids = random.Random(seed).sample(_session_ids(engine), len(_session_ids(engine)) // 10)
    with engine.begin() as conn:
        rows = [
            dict(r._mapping) for r in conn.execute(select(SESSIONS).where(SESSIONS.c.id.in_(ids)))
        ]
        conn.execute(delete(SESSIONS).where(SESSIONS.c.id.in_(ids)))
    _check(engine)
    with engine.begin() as conn:
        conn.execute(SESSIONS.insert(), rows)


def _edit_questions(engine: Engine, seed: int) -> None:
    """Questions changed in place (nothing in Suunta does, but an operator's fix may): another
    outcome, latency, time or session."""
    rnd = random.Random(seed)
    with engine.connect() as conn:
        ids = sorted(conn.execute(select(MESSAGES.c.id)).scalars())
    sessions = _session_ids(engine)
    with engine.begin() as conn:
        for mid in rnd.sample(ids, len(ids) // 10):
            values: dict[str, Any] = rnd.choice(
                [
                    {"kind": "no_answer"},
                    {"latency_ms": 777.0, "confidence": 0.1},
                    {"created_at": dt.datetime(2026, 2, 28, 23, tzinfo=dt.UTC)},
                    {"session_id": rnd.choice(sessions)},
                ]
            )
            conn.execute(update(MESSAGES).where(MESSAGES.c.id == mid).values(**values))


def _questions_after_their_feedback(engine: Engine, seed: int) -> None:
    """A tenth of the questions deleted on their own (their feedback stays) and stored again."""
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(MESSAGES))]
    gone = random.Random(seed).sample(rows, len(rows) // 10)
    with engine.begin() as conn:
        conn.execute(delete(MESSAGES).where(MESSAGES.c.id.in_([r["id"] for r in gone])))
    _check(engine)
    with engine.begin() as conn:
        conn.execute(MESSAGES.insert(), gone)


def _edit_feedback(engine: Engine, seed: int) -> None:
    """Feedback changed in place or deleted on its own."""
    rnd = random.Random(seed)
    with engine.connect() as conn:
        ids = sorted(conn.execute(select(FEEDBACK.c.id)).scalars())
        questions = sorted(conn.execute(select(MESSAGES.c.id)).scalars())
    with engine.begin() as conn:
        for fid in rnd.sample(ids, len(ids) // 5):
            values: dict[str, Any] = rnd.choice(
                [
                    {"rating": rnd.choice([None, 1, 5])},
                    {"helpful": rnd.choice([None, True, False])},
                    {"created_at": dt.datetime(2026, 4, 30, 23, 59, tzinfo=dt.UTC)},
                    {"message_id": rnd.choice(questions)},
                ]
            )
            conn.execute(update(FEEDBACK).where(FEEDBACK.c.id == fid).values(**values))
        conn.execute(delete(FEEDBACK).where(FEEDBACK.c.id.in_(rnd.sample(ids, len(ids) // 10))))


def _delete_some(engine: Engine, seed: int) -> None:
    """A fifth of the sessions deleted as a learner's deletion does, then the purge of what is
    older than the middle of February 2025."""
    with engine.begin() as conn:
        for sid in random.Random(seed).sample(_session_ids(engine), len(_session_ids(engine)) // 5):
            delete_session(conn, sid)
    purge(engine, dt.timedelta(days=30), now=dt.datetime(2025, 3, 15, 7, tzinfo=dt.UTC))


def _all_steps(engine: Engine, seed: int) -> None:
    fill(engine, seed, sessions=300)
    _check(engine)
    _replay(engine)
    _check(engine)
    _move_some(engine, seed)
    _check(engine)
    _sessions_after_their_questions(engine, seed)
    _check(engine)
    _edit_questions(engine, seed)
    _check(engine)
    _questions_after_their_feedback(engine, seed)
    _check(engine)
    _edit_feedback(engine, seed)
    _check(engine)
    _delete_some(engine, seed)
    _check(engine)
    with engine.connect() as conn:
        for table in ("question_counts", "rating_counts"):
            assert conn.execute(text(f"SELECT count(*) FROM {table} WHERE n = 0")).scalar()
            assert not conn.execute(text(f"SELECT count(*) FROM {table} WHERE n < 0")).scalar()


def test_the_frozen_threshold_is_the_reports_threshold() -> None:
    assert _migration().LOW_CONFIDENCE == LOW_CONFIDENCE


@pytest.mark.parametrize("seed", [21, 22])
def test_question_counts_equal_the_rows_after_every_kind_of_write(
    sqlite_engine: Engine, seed: int
) -> None:
    _all_steps(sqlite_engine, seed)


@pytest.mark.postgres
def test_question_counts_equal_the_rows_in_postgres(pg_engine: Engine) -> None:
    _all_steps(pg_engine, 23)


def test_the_upgrade_fills_the_question_counts_from_stored_rows(tmp_path: Path) -> None:
    engine = upgraded_with_rows(f"sqlite:///{tmp_path / 'old.db'}", "0012", 24)
    _check(engine)
    _move_some(engine, 24)
    _check(engine)
    engine.dispose()


@pytest.mark.postgres
def test_the_upgrade_fills_the_question_counts_in_postgres(pg_url: str) -> None:
    engine = upgraded_with_rows(pg_url, "0012", 25)
    _check(engine)
    engine.dispose()


def test_a_month_that_has_not_started_on_its_first_day_is_refused() -> None:
    from evaluation.monitoring.year_sql import month_index

    assert month_index(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)) == 2026 * 12 + 2
    with pytest.raises(ValueError):
        month_index(dt.datetime(2026, 3, 1, 1, tzinfo=dt.UTC))
