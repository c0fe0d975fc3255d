"""Alembic migrations: fresh, repeated, concurrent, adopted; and the models match them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from telemetry.models import TABLES
from telemetry.schema import current_revision, head_revision
from telemetry.store import init_schema, make_engine

OWN = {t.__tablename__ for t in TABLES}  # type: ignore[attr-defined]
EXPECTED_INDEXES: dict[str, set[tuple[str | None, ...]]] = {
    "messages": {
        ("created_at", "kind"),
        ("created_at", "language"),
        ("session_id",),
    },
    "sessions": {("started_at",), ("user_id",)},
    "feedback": {("message_id",), ("created_at",)},
    "escalations": {("created_at", "kind")},
}


def _differences(engine: Engine) -> list[object]:
    def own(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in OWN

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": own})
        return list(compare_metadata(context, SQLModel.metadata))


def _check_schema(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) >= OWN
    for table, wanted in EXPECTED_INDEXES.items():
        found: set[tuple[str | None, ...]] = {
            tuple(ix["column_names"]) for ix in inspector.get_indexes(table)
        }
        assert wanted <= found, table
    assert _differences(engine) == []


def test_fresh_sqlite_is_migrated_to_head_and_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'a.db'}")
    assert current_revision(engine) is None
    init_schema(engine)
    init_schema(engine)  # idempotent
    _check_schema(engine)
    engine.dispose()


@pytest.mark.postgres
def test_fresh_postgres_is_migrated_to_head_and_matches_the_models(pg_url: str) -> None:
    engine = make_engine(pg_url)
    init_schema(engine)
    init_schema(engine)
    _check_schema(engine)
    columns = {c["name"]: c for c in inspect(engine).get_columns("messages")}
    assert columns["created_at"]["type"].timezone is True  # type: ignore[attr-defined]
    engine.dispose()


def _migrate_concurrently(url: str, processes: int = 4) -> None:
    code = (
        "import sys; from telemetry.store import init_schema, make_engine; "
        "init_schema(make_engine(sys.argv[1]))"
    )
    running = [
        subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    for process in running:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err


def test_processes_starting_at_once_migrate_sqlite_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _migrate_concurrently(url)
    engine = make_engine(url)
    _check_schema(engine)
    engine.dispose()


@pytest.mark.postgres
def test_processes_starting_at_once_migrate_postgres_once(pg_url: str) -> None:
    _migrate_concurrently(pg_url)
    engine = make_engine(pg_url)
    _check_schema(engine)
    engine.dispose()


def test_a_database_from_before_migrations_is_adopted(tmp_path: Path) -> None:
    """The walking skeleton made its tables with create_all; they are kept, not refused."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE sessions (id VARCHAR(64) PRIMARY KEY, "
                "user_id VARCHAR(64), started_at DATETIME NOT NULL, "
                "channel VARCHAR(16), language VARCHAR(2), age_band VARCHAR(16), "
                "region VARCHAR(32), life_situation VARCHAR(32), "
                "clarity_start INTEGER, clarity_end INTEGER)"
            )
        )
        conn.execute(text("INSERT INTO sessions (id, started_at) VALUES ('old', '2026-01-01')"))
    init_schema(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM sessions")).scalar_one() == "old"
    assert {"messages", "feedback", "escalations"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_migrations_ship_with_the_package() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["telemetry"]
    root = Path(__file__).parents[2] / "telemetry"
    shipped = {p for pattern in patterns for p in root.glob(pattern)}
    needed = {p for p in (root / "migrations").rglob("*") if p.suffix in (".py", ".mako")}
    assert needed and needed <= shipped
