"""The eval_runs table comes from the telemetry migrations and matches its model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from evaluation.golden.stored_runs import TABLE, EvalRunRecord, recent_runs, save_run
from telemetry.schema import current_revision, head_revision
from telemetry.store import init_schema, make_engine


def _record(**changes: object) -> EvalRunRecord:
    values: dict[str, object] = {
        "version": "0.1.0",
        "dataset": "dev.jsonl",
        "dataset_sha256": "0" * 64,
        "embedding_model": "multilingual-e5-small",
        "generator": "extractive",
        "target": "in-process",
        "cases": 10,
        "pass_rate": 0.9,
        "language_match": 1.0,
        "latency_p50_ms": 100.0,
        "latency_p95_ms": 200.0,
    }
    return EvalRunRecord.model_validate({**values, **changes})


def _differences(engine: Engine) -> list[object]:
    """What autogenerate would change in eval_runs to match the model (nothing, when right)."""

    def own(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table == TABLE.name

    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": own, "compare_type": True}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def _check(engine: Engine) -> None:
    init_schema(engine)
    assert current_revision(engine) == head_revision()
    assert inspect(engine).has_table(TABLE.name)
    assert _differences(engine) == []
    save_run(engine, _record(recall_at_5=0.5))
    (run,) = recent_runs(engine)
    assert run.recall_at_5 == 0.5 and run.created_at.tzinfo is not None


def test_migrate_creates_eval_runs_in_sqlite_as_the_model_has_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    _check(engine)
    engine.dispose()


def test_the_check_notices_a_table_that_differs(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    init_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE eval_runs DROP COLUMN ndcg_at_10"))
    assert _differences(engine) != []
    engine.dispose()


def test_a_table_made_before_the_revision_is_adopted_with_its_runs(tmp_path: Path) -> None:
    """Before revision 0002 `suunta eval` made the table itself, on a store at 0001."""
    from alembic import command

    from telemetry.schema import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    TABLE.create(engine)
    with engine.begin() as conn:
        conn.execute(
            TABLE.insert().values(
                **_record(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)).model_dump()
            )
        )
    assert current_revision(engine) == "0001"
    init_schema(engine)
    assert current_revision(engine) == head_revision()
    assert [r.created_at.year for r in recent_runs(engine)] == [2026]
    engine.dispose()


@pytest.fixture
def pg_engine(pg_schema: str) -> Iterator[Engine]:
    """An engine on a private, empty schema (not migrated: the test migrates it)."""
    from tests.telemetry.conftest import pg_url_for

    engine = make_engine(pg_url_for(pg_schema))
    yield engine
    engine.dispose()


@pytest.mark.postgres
def test_migrate_creates_eval_runs_in_postgres_as_the_model_has_it(pg_engine: Engine) -> None:
    _check(pg_engine)
