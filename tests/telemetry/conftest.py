"""Telemetry fixtures: SQLite in tmp_path, and a private schema on the real PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from telemetry.events import ChatEvent
from telemetry.store import init_schema, make_engine

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_url_for(schema: str, **params: str) -> str:
    """A URL whose connections see only `schema` (tests run side by side without colliding)."""
    query = "&".join(
        f"{k}={v}" for k, v in {"options": f"-csearch_path%3D{schema}", **params}.items()
    )
    return f"postgresql://postgres@127.0.0.1:5432/test?{query}"


@pytest.fixture
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_schema: str) -> str:
    """SUUNTA_DATABASE_URL for a private schema on the test server."""
    return pg_url_for(pg_schema)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """A migrated engine on a private PostgreSQL schema."""
    engine = make_engine(pg_url)
    init_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite store in tmp_path."""
    engine = make_engine(f"sqlite:///{tmp_path / 'telemetry.db'}")
    init_schema(engine)
    yield engine
    engine.dispose()


QUESTIONS = (
    "Voiko oppisopimuksella opiskella aikuisena, jos olen jo töissä?",
    "How do I apply to a university of applied sciences as an adult?",
    "Hur fungerar studiestödet för vuxna som byter bransch?",
    "I'm Matti Virtanen, call me on 040 123 4567: how does apprenticeship work?",
    "Nimeni on Aino Korhonen ja sähköpostini on aino.korhonen@example.fi, saako työttömänä "
    "opiskella?",
    "Jag heter Erik Lindqvist, bor på Storgatan 5, 111 22 Stockholm. Kan jag studera i Finland?",
)


def chat(
    session_id: str | None = None, *, question: str = QUESTIONS[1], **overrides: object
) -> ChatEvent:
    """A realistic chat event with fresh ids."""
    values: dict[str, object] = {
        "message_id": uuid.uuid4().hex,
        "session_id": session_id or uuid.uuid4().hex,
        "language": "en",
        "mode": "learner",
        "kind": "answer",
        "confidence": 0.8,
        "topics": ("vocational", "adult-education"),
        "source_ids": ("apprenticeship", "kela-student-aid"),
        "latency_ms": 21.5,
        "generator": "extractive",
        "question": question,
    }
    values.update(overrides)
    return ChatEvent(**values)  # type: ignore[arg-type]


def count_rows(engine: Engine, table: type) -> int:
    """The rows of `table` in the store now."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
