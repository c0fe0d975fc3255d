"""One Alembic migration file loaded as a module, for tests that check its frozen copies of the
product's constants (a migration may not import the code it was written against)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import command
from sqlalchemy import Engine

from telemetry.schema import alembic_config
from telemetry.store import init_schema, make_engine

VERSIONS = Path(__file__).resolve().parents[2] / "telemetry" / "migrations" / "versions"


def load_migration(filename: str) -> ModuleType:
    """The migration `telemetry/migrations/versions/<filename>` as a module."""
    spec = importlib.util.spec_from_file_location(filename.removesuffix(".py"), VERSIONS / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgraded_with_rows(url: str, revision: str, seed: int) -> Engine:
    """A store created at migration `revision`, filled with 200 random sessions there, then
    upgraded to the head (the roll-ups filled by the upgrade itself)."""
    from tests.evaluation.test_monitoring_sql import fill

    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    fill(engine, seed, sessions=200)
    init_schema(engine)
    return engine
