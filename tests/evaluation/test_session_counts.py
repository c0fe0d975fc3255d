"""The sessions' roll-ups by organisation and region (migration 0017) stay equal to the rows:
the indicator year read from them is the year read row by row (`monitoring_rows.read_year_rows`)
after random writes, a replayed batch, profile and end-of-session answers given later, user ids,
times and ids changed in place, sessions stored late, a learner's deletion and the retention
purge, and when the upgrade fills them from rows already stored; in SQLite and PostgreSQL. A
user whose sessions are all deleted leaves no row behind, and dropping any one trigger fails."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text, update
from sqlmodel import col

from evaluation.monitoring.facts import read_year
from evaluation.monitoring.year_sql import SEP, Dialect, session_user_groups
from telemetry.models import SessionRecord
from tests.evaluation.migration_files import upgraded_with_rows
from tests.evaluation.monitoring_rows import read_year_rows
from tests.evaluation.test_monitoring_sql import REGIONS, TODAY, fill, same
from tests.evaluation.test_question_counts import (
    _delete_some,
    _move_some,
    _replay,
    _session_ids,
    _sessions_after_their_questions,
)

TABLES = ("session_counts", "session_hours", "session_users")


def _check(engine: Engine) -> None:
    for year in (2025, 2026):
        same(read_year(engine, year, today=TODAY), read_year_rows(engine, year, today=TODAY))
    with engine.connect() as conn:
        sessions = conn.execute(text("SELECT count(*) FROM sessions")).scalar_one()
        for table in TABLES:
            assert (conn.execute(text(f"SELECT sum(n) FROM {table}")).scalar() or 0) == sessions
        # A user with no session left in a cell leaves no row (deletions would pile up).
        assert not conn.execute(text("SELECT count(*) FROM session_users WHERE n <= 0")).scalar()


def _answer_later(engine: Engine, seed: int) -> None:
    """End-of-session and later answers, and fixes an operator might make: clarity, outcome
    answers, language, channel, user id, start time, the session's id."""
    rnd = random.Random(seed)
    ids = _session_ids(engine)
    with engine.begin() as conn:
        for sid in rnd.sample(ids, len(ids) // 2):
            values: dict[str, Any] = rnd.choice(
                [
                    {"clarity_end": rnd.choice([None, 0, 2, 5])},
                    {"clarity_start": rnd.choice([None, 1, 4])},
                    {"next_step_taken": rnd.choice(["yes", "no_longer", None])},
                    {"service_contacted": rnd.choice(["yes", "not_yet", None])},
                    {"handoff_taken": rnd.choice(["link", "phone", None])},
                    {"language": rnd.choice(["fi", "sv", None])},
                    {"channel": rnd.choice(["web", "api", None])},
                    {"user_id": rnd.choice([None, "", "u1", f"u{rnd.randrange(60)}"])},
                    {"started_at": dt.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=dt.UTC)},
                    {"started_at": dt.datetime(2026, 5, 31, 23, 59, 59, 999900, tzinfo=dt.UTC)},
                    {"region": rnd.choice(REGIONS), "clarity_end": 3},
                    {"id": f"{sid}-moved"},
                ]
            )
            conn.execute(update(SessionRecord).where(col(SessionRecord.id) == sid).values(**values))
        # Changed to what it was: no change to the roll-ups either.
        conn.execute(update(SessionRecord).values(language=SessionRecord.language))


def _all_steps(engine: Engine, seed: int) -> None:
    fill(engine, seed, sessions=300)
    _check(engine)
    _replay(engine)
    _check(engine)
    _move_some(engine, seed)
    _check(engine)
    _answer_later(engine, seed)
    _check(engine)
    _sessions_after_their_questions(engine, seed)
    _check(engine)
    _delete_some(engine, seed)
    _check(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sessions"))
    _check(engine)
    with engine.connect() as conn:
        assert not conn.execute(text("SELECT count(*) FROM session_users")).scalar()


@pytest.mark.parametrize("seed", [31, 32])
def test_session_rollups_equal_the_rows_after_every_kind_of_write(
    sqlite_engine: Engine, seed: int
) -> None:
    _all_steps(sqlite_engine, seed)


@pytest.mark.postgres
def test_session_rollups_equal_the_rows_in_postgres(pg_engine: Engine) -> None:
    _all_steps(pg_engine, 33)


@pytest.mark.parametrize("trigger", ["insert", "delete", "update"])
def test_each_trigger_is_needed(sqlite_engine: Engine, trigger: str) -> None:
    with sqlite_engine.begin() as conn:
        conn.execute(text(f"DROP TRIGGER session_counts_{trigger}"))
    with pytest.raises(AssertionError):
        _all_steps(sqlite_engine, 34)


def test_the_upgrade_fills_the_session_rollups_from_stored_rows(tmp_path: Path) -> None:
    engine = upgraded_with_rows(f"sqlite:///{tmp_path / 'old.db'}", "0016", 35)
    _check(engine)
    _answer_later(engine, 35)
    _check(engine)
    engine.dispose()


@pytest.mark.postgres
def test_the_upgrade_fills_the_session_rollups_in_postgres(pg_url: str) -> None:
    engine = upgraded_with_rows(pg_url, "0016", 36)
    _check(engine)
    engine.dispose()


def test_a_user_id_holding_the_separator_is_read_row_by_row(sqlite_engine: Engine) -> None:
    fill(sqlite_engine, 37, sessions=100)
    odd = f"a{SEP}b"
    with sqlite_engine.begin() as conn:
        ids = _session_ids(sqlite_engine)[:3]
        conn.execute(
            update(SessionRecord).where(col(SessionRecord.id).in_(ids)).values(user_id=odd)
        )
    lo, hi = dt.datetime(2025, 1, 1, tzinfo=dt.UTC), dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    with sqlite_engine.connect() as conn:
        found = session_user_groups(conn, Dialect("sqlite"), lo, hi)
    assert odd in {u for *_, users in found for u in users}
    assert all(SEP not in u or u == odd for *_, users in found for u in users)
    _check(sqlite_engine)
