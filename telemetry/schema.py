"""Brings the telemetry schema to the newest Alembic revision, safely from many processes."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number works; this one spells "suunta" in ASCII.
ADVISORY_LOCK_KEY = 0x7375756E7461


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the telemetry migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in `telemetry/migrations`."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "telemetry/migrations has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on `<database file>.migrate.lock`, so processes migrate one by one."""
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    import fcntl

    with open(Path(database).with_name(Path(database).name + ".migrate.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Hold the lock `upgrade` takes, so DDL of other packages (e.g. `create_all` of their own
    tables at start) never races the same DDL in another process."""
    if engine.dialect.name != "postgresql":
        with _file_lock(engine):
            yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            conn.commit()


def upgrade(engine: Engine) -> None:
    """Migrate to the head revision; a no-op when already there; safe to run concurrently."""
    if engine.dialect.name == "postgresql":
        # One transaction for the lock and the DDL: PostgreSQL's DDL is transactional, so a
        # process that waited on the lock finds the schema at head and does nothing.
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            command.upgrade(alembic_config(conn), "head")
        return
    with _file_lock(engine), engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    log.debug("telemetry schema at %s", head_revision())
