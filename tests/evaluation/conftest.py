"""Evaluation fixtures: a telemetry store built by hand, event by event, through the real writer."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine

from evaluation.reports.summary import Period
from telemetry.anonymiser import Anonymiser
from telemetry.events import ChatEvent, Event, FeedbackEvent, SessionProfileEvent
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter

# Migrated engines: on a private PostgreSQL schema, dropped afterwards, and on SQLite in
# tmp_path (the telemetry tests').
from tests.telemetry.conftest import pg_engine, pg_schema, pg_url, sqlite_engine  # noqa: F401

# A fixed calendar, so nothing depends on the day the tests run: March 2026 is long closed.
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
TODAY = dt.date(2026, 4, 20)


def at(day: str, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A UTC time on an ISO day."""
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=dt.UTC)


@dataclass
class Store:
    """Writes hand-made sessions through the real writer (redaction included)."""

    engine: Engine
    writer: TelemetryWriter
    events: list[Event] = field(default_factory=list)

    def session(
        self,
        day: str,
        *,
        user: str | None = None,
        language: str = "fi",
        channel: str = "web",
        mode: str = "learner",
        messages: int = 1,
        kind: str = "answer",
        confidence: float = 0.8,
        topics: tuple[str, ...] = ("vocational",),
        latency: float = 400.0,
        question: str = "Voiko oppisopimuksella opiskella aikuisena?",
        ratings: tuple[int | None, ...] = (),
        helpful: tuple[bool | None, ...] = (),
        hour: int = 12,
        **profile: object,
    ) -> tuple[str, list[str]]:
        """One session with `messages` alike questions; returns its id and the message ids."""
        sid = uuid.uuid4().hex
        ids = []
        for i in range(messages):
            mid = uuid.uuid4().hex
            ids.append(mid)
            self.events.append(
                ChatEvent(
                    message_id=mid,
                    session_id=sid,
                    language=language,
                    mode=mode,
                    kind=kind,
                    confidence=confidence,
                    topics=topics,
                    source_ids=("apprenticeship",),
                    latency_ms=latency,
                    generator="extractive",
                    question=question,
                    channel=channel,
                    user_id=user,
                    at=at(day, hour, i),
                )
            )
        for i, mid in enumerate(ids):
            rating = ratings[i] if i < len(ratings) else None
            vote = helpful[i] if i < len(helpful) else None
            if rating is not None or vote is not None:
                self.events.append(FeedbackEvent(mid, rating, vote, None, at=at(day, hour, 30 + i)))
        if profile:
            self.events.append(SessionProfileEvent(sid, at=at(day, hour), **profile))  # type: ignore[arg-type]
        return sid, ids

    def flush(self) -> None:
        """Write everything added so far."""
        self.writer.write_batch(self.events)
        self.events = []


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    """The real redaction, built once."""
    return Anonymiser()


@pytest.fixture
def store(tmp_path: Path, anonymiser: Anonymiser) -> Iterator[Store]:
    """An empty, migrated SQLite store in tmp_path."""
    engine = make_engine(f"sqlite:///{tmp_path / 'telemetry.db'}")
    init_schema(engine)
    yield Store(engine, TelemetryWriter(engine, anonymiser.redact))
    engine.dispose()
