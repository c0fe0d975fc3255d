"""The knowledge gaps made by a poor rating (migration 0018) stay equal to the rows: the
indicator year read from `rated_gap_counts` is the year read row by row
(`monitoring_rows.read_year_rows`) after random writes, a replayed batch, a second and a third
poor rating of one question (in one statement and in several), ratings changed, moved to
another question or deleted, questions stored after their feedback or changed, sessions moved,
stored late or deleted, and the purge; in SQLite and PostgreSQL. `poor_feedback` keeps no
question without poor feedback, and dropping any one trigger fails."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, text

from evaluation.monitoring.facts import FEEDBACK, MESSAGES
from evaluation.reports.vocabulary import LOW_CONFIDENCE
from tests.evaluation.migration_files import load_migration
from tests.evaluation.test_monitoring_sql import fill
from tests.evaluation.test_question_counts import (
    _check,
    _delete_some,
    _edit_feedback,
    _edit_questions,
    _move_some,
    _questions_after_their_feedback,
    _replay,
    _sessions_after_their_questions,
)

TRIGGERS = (
    "poor_feedback_insert",
    "poor_feedback_delete",
    "poor_feedback_update",
    "rated_gap_counts_poor_insert",
    "rated_gap_counts_poor_delete",
    *(
        f"rated_gap_counts_{table}_{event}"
        for table in ("messages", "sessions")
        for event in ("insert", "delete", "update")
    ),
)


def _check_poor(engine: Engine) -> None:
    """`poor_feedback` is the poor feedback counted per question, and nothing else."""
    _check(engine)
    wrong = "wrong_answer = 1" if engine.dialect.name == "sqlite" else "wrong_answer IS TRUE"
    with engine.connect() as conn:
        kept = set(conn.execute(text("SELECT message_id, n FROM poor_feedback")).tuples())
        rows = conn.execute(
            text(
                "SELECT message_id, count(*) FROM feedback "
                f"WHERE rating <= 2 OR {wrong} GROUP BY message_id"
            )
        ).tuples()
    assert kept == set(rows)


def _more_poor_ratings(engine: Engine, seed: int) -> None:
    """Poor ratings and wrong-answer reports for questions that have some already: several in
    one statement, and one a statement."""
    rnd = random.Random(seed)
    with engine.connect() as conn:
        questions = sorted(conn.execute(select(MESSAGES.c.id, MESSAGES.c.created_at)).tuples())
    chosen = rnd.sample(questions, len(questions) // 4)

    def poor(mid: str, at: Any) -> dict[str, Any]:
        return {
            "id": uuid.uuid4().hex,
            "message_id": mid,
            "created_at": at,
            "rating": rnd.choice([1, 2, None]),
            "helpful": None,
            "wrong_answer": True,
        }

    with engine.begin() as conn:
        conn.execute(insert(FEEDBACK), [poor(mid, at) for mid, at in chosen for _ in range(2)])
    for mid, at in chosen[:20]:
        with engine.begin() as conn:
            conn.execute(insert(FEEDBACK), [poor(mid, at)])


def _all_steps(engine: Engine, seed: int) -> None:
    fill(engine, seed, sessions=250)
    _check_poor(engine)
    _more_poor_ratings(engine, seed)
    _check_poor(engine)
    _replay(engine)
    _check_poor(engine)
    _move_some(engine, seed)
    _sessions_after_their_questions(engine, seed)
    _check_poor(engine)
    _edit_questions(engine, seed)
    _questions_after_their_feedback(engine, seed)
    _check_poor(engine)
    _edit_feedback(engine, seed)
    _check_poor(engine)
    _delete_some(engine, seed)
    _check_poor(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM feedback"))
    _check_poor(engine)
    with engine.connect() as conn:
        assert not conn.execute(text("SELECT count(*) FROM poor_feedback")).scalar()
        assert not conn.execute(text("SELECT sum(n) FROM rated_gap_counts")).scalar()


def test_the_frozen_threshold_is_the_reports_threshold() -> None:
    assert load_migration("0018_rated_gap_counts.py").LOW_CONFIDENCE == LOW_CONFIDENCE


@pytest.mark.parametrize("seed", [41, 42])
def test_rated_gaps_equal_the_rows_after_every_kind_of_write(
    sqlite_engine: Engine, seed: int
) -> None:
    _all_steps(sqlite_engine, seed)


@pytest.mark.postgres
def test_rated_gaps_equal_the_rows_in_postgres(pg_engine: Engine) -> None:
    _all_steps(pg_engine, 43)


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_each_trigger_is_needed(sqlite_engine: Engine, trigger: str) -> None:
    with sqlite_engine.begin() as conn:
        conn.execute(text(f"DROP TRIGGER {trigger}"))
    with pytest.raises(AssertionError):
        _all_steps(sqlite_engine, 44)
