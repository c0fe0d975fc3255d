"""Retention: the purge, the `suunta telemetry` command and the app's daily purge."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import col

from suunta.cli import main
from suunta.settings import Settings
from suunta.wiring import build_components
from telemetry.anonymiser import Anonymiser
from telemetry.events import FeedbackEvent, SessionProfileEvent
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.retention import DailyPurge, parse_age, purge
from telemetry.schema import head_revision
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import chat, count_rows

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def redact() -> Callable[[str], str]:
    return Anonymiser().redact


def _ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def _fill(engine: Engine, redact: Callable[[str], str]) -> None:
    """An old session, a new one, and an old session that is still going on."""
    old, new, ongoing = (
        chat("old", at=_ago(400), kind="crisis"),
        chat("new", at=_ago(1)),
        chat("ongoing", at=_ago(370)),
    )
    TelemetryWriter(engine, redact).write_batch(
        [
            old,
            SessionProfileEvent("old", region="kainuu", at=_ago(400)),
            FeedbackEvent(old.message_id, 2, False, None, at=_ago(399)),
            new,
            FeedbackEvent(new.message_id, 5, True, None, at=_ago(1)),
            ongoing,
            chat("ongoing", at=_ago(2)),
            # Rated recently, but the message itself is past the cutoff: goes with it.
            FeedbackEvent(ongoing.message_id, 4, True, None, at=_ago(3)),
        ]
    )


def _ids(engine: Engine, column: object) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(column)).scalars())  # type: ignore[call-overload]


def test_purge_deletes_what_is_older_than_the_cutoff(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    _fill(sqlite_engine, redact)
    result = purge(sqlite_engine, dt.timedelta(days=365), now=NOW)
    assert (result.messages, result.feedback, result.sessions, result.escalations) == (2, 2, 1, 1)
    assert _ids(sqlite_engine, col(SessionRecord.id)) == {"new", "ongoing"}
    assert _ids(sqlite_engine, col(MessageRecord.session_id)) == {"new", "ongoing"}
    assert count_rows(sqlite_engine, MessageRecord) == 2
    assert count_rows(sqlite_engine, FeedbackRecord) == 1
    assert count_rows(sqlite_engine, EscalationRecord) == 0
    assert purge(sqlite_engine, dt.timedelta(days=365), now=NOW).total == 0


@pytest.mark.postgres
def test_purge_on_postgres(pg_engine: Engine, redact: Callable[[str], str]) -> None:
    _fill(pg_engine, redact)
    assert purge(pg_engine, dt.timedelta(days=365), now=NOW).total == 6
    assert _ids(pg_engine, col(SessionRecord.id)) == {"new", "ongoing"}


@pytest.mark.parametrize("value", ["365", "0d", "-5d", "abc", "365days", "1.5d", "d", ""])
def test_bad_ages_are_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError):
        parse_age(value)
    with pytest.raises(SystemExit) as exit_info:
        main(["telemetry", "purge", "--older-than", value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err


def test_the_purge_command(
    tmp_path: Path,
    redact: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SUUNTA_DATABASE_URL", url)
    assert main(["telemetry", "migrate"]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    engine = make_engine(url)
    TelemetryWriter(engine, redact).write_batch(
        [chat("a", at=dt.datetime.now(dt.UTC) - dt.timedelta(days=40)), chat("b")]
    )
    assert main(["telemetry", "purge", "--older-than", "30d"]) == 0
    assert "deleted 1 messages" in capsys.readouterr().out
    assert _ids(engine, col(SessionRecord.id)) == {"b"}
    engine.dispose()


def test_the_purge_command_reports_an_unreachable_store(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUUNTA_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/test")
    with pytest.raises(SystemExit) as exit_info:
        main(["telemetry", "purge", "--older-than", "365d"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "OperationalError" in err


def test_the_daily_purge_runs_at_start_and_then_on_schedule(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    writer.write_batch([chat("old", at=old)])
    daily = DailyPurge(sqlite_engine, dt.timedelta(days=7), interval=dt.timedelta(seconds=0.1))
    daily.start()
    deadline = time.monotonic() + 10
    while daily.runs < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert count_rows(sqlite_engine, MessageRecord) == 0
    writer.write_batch([chat("later", at=old)])
    while daily.runs < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    daily.stop()
    assert daily.runs >= 3 and count_rows(sqlite_engine, MessageRecord) == 0


def test_the_app_purges_when_retention_is_set(
    settings: Settings, redact: Callable[[str], str]
) -> None:
    from web.app import create_app

    engine = make_engine(settings.database_url)
    init_schema(engine)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    TelemetryWriter(engine, redact).write_batch([chat("old", at=old), chat("recent")])
    configured = settings.model_copy(update={"retention_days": 30})
    components = build_components(configured)
    with TestClient(create_app(configured, components)):
        deadline = time.monotonic() + 10
        while _ids(engine, col(SessionRecord.id)) != {"recent"}:
            assert time.monotonic() < deadline, "the daily purge did not run at start"
            time.sleep(0.05)
    components.close()
    engine.dispose()


@pytest.mark.parametrize(
    "command", [["telemetry"], ["telemetry", "purge"], ["telemetry", "migrate"]]
)
def test_the_telemetry_commands_have_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: suunta telemetry" in capsys.readouterr().out


def test_purge_needs_an_age(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["telemetry", "purge"])
    assert exit_info.value.code == 2
    assert "--older-than" in capsys.readouterr().err
