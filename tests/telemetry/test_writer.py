"""The batch writer on SQLite: never blocks, never double-counts, survives a locked database."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from telemetry.anonymiser import Anonymiser
from telemetry.events import Event, FeedbackEvent, SessionDeleteEvent, SessionProfileEvent
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import QUESTIONS, chat, count_rows


@pytest.fixture(scope="module")
def redact() -> Callable[[str], str]:
    return Anonymiser().redact


def _values(engine: Engine, column: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(column)).scalars())


def test_events_are_written_redacted_and_in_order(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact, linger_seconds=0.01)
    writer.start()
    first = chat("s1", question=QUESTIONS[3])
    writer.submit(first)
    writer.submit(chat("s1", question=QUESTIONS[4], language="fi"))
    writer.submit(FeedbackEvent(first.message_id, 4, True, "Soita 040 765 4321, kiitos!"))
    writer.submit(SessionProfileEvent("s1", age_band="25-34", region="pirkanmaa", clarity_start=2))
    writer.stop()
    with Session(sqlite_engine) as db:
        session = db.get(SessionRecord, "s1")
        (feedback,) = db.exec(select(FeedbackRecord)).scalars()  # type: ignore[call-overload]
    questions = set(_values(sqlite_engine, MessageRecord.question))
    assert len(questions) == 2
    joined = " ".join(q or "" for q in questions)
    for secret in ("Virtanen", "040 123 4567", "aino.korhonen@example.fi", "Korhonen"):
        assert secret not in joined
    assert "<PHONE>" in joined and "apprenticeship" in joined
    assert feedback.rating == 4 and feedback.comment and "765" not in feedback.comment
    assert session is not None and session.language == "en" and session.channel == "web"
    assert (session.age_band, session.region, session.clarity_start) == ("25-34", "pirkanmaa", 2)
    assert writer.written == 4 and writer.dropped == 0


def test_store_text_none_keeps_no_text(sqlite_engine: Engine, redact: Callable[[str], str]) -> None:
    writer = TelemetryWriter(sqlite_engine, redact, store_text=False)
    event = chat()
    writer.write_batch([event, FeedbackEvent(event.message_id, 2, False, "not useful")])
    assert _values(sqlite_engine, MessageRecord.question) == [None]
    assert _values(sqlite_engine, FeedbackRecord.comment) == [None]


def test_reason_and_wrong_answer_reports_are_stored(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact)
    unanswered = chat("s", kind="no_answer", reason="not_covered")
    answered = chat("s")
    report = FeedbackEvent(
        answered.message_id, None, None, "Wrong fee, call me 040 765 4321", wrong_answer=True
    )
    writer.write_batch([unanswered, answered, report])
    with Session(sqlite_engine) as db:
        reasons = {m.id: m.reason for m in db.exec(select(MessageRecord)).scalars()}  # type: ignore[call-overload]
        (stored,) = db.exec(select(FeedbackRecord)).scalars()  # type: ignore[call-overload]
    assert reasons == {unanswered.message_id: "not_covered", answered.message_id: None}
    assert stored.wrong_answer is True and stored.rating is None and stored.helpful is None
    assert stored.comment and "765" not in stored.comment and "Wrong fee" in stored.comment


def test_a_retried_batch_never_double_counts(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact)
    events = [chat("s", kind="crisis"), chat("s"), chat("t", kind="handoff")]
    batch: list[Event] = [*events, FeedbackEvent(events[1].message_id, 5, True, None)]
    for _ in range(3):
        writer.write_batch(batch)
    assert count_rows(sqlite_engine, MessageRecord) == 3
    assert count_rows(sqlite_engine, SessionRecord) == 2
    assert count_rows(sqlite_engine, FeedbackRecord) == 1
    assert count_rows(sqlite_engine, EscalationRecord) == 2


def test_crisis_and_handoff_are_counted_without_text(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact)
    crisis = chat("s", kind="crisis", question="I want to end my life")
    writer.write_batch([crisis, chat("s", kind="handoff", question="Can I talk to a person?")])
    assert set(_values(sqlite_engine, MessageRecord.question)) == {None}
    with Session(sqlite_engine) as db:
        rows = list(db.exec(select(EscalationRecord)).scalars())  # type: ignore[call-overload]
    assert sorted(r.kind for r in rows) == ["crisis", "handoff"]
    # Not linkable to the session: no message id, and the time only to the hour.
    assert all(r.id != crisis.message_id and r.created_at.minute == 0 for r in rows)
    writer.write_batch([SessionDeleteEvent("s")])
    assert count_rows(sqlite_engine, MessageRecord) == 0
    assert count_rows(sqlite_engine, EscalationRecord) == 2


def test_deleting_a_session_removes_its_rows_and_later_feedback(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact, linger_seconds=0.01)
    writer.start()
    mine, other = chat("mine"), chat("other")
    for event in (mine, chat("mine"), other, FeedbackEvent(mine.message_id, 3, None, "ok")):
        writer.submit(event)
    writer.submit(SessionProfileEvent("mine", life_situation="student"))
    assert writer.knows_message(mine.message_id)
    writer.submit(SessionDeleteEvent("mine"), wait=1.0)
    writer.submit(FeedbackEvent(mine.message_id, 1, None, "late"))
    writer.stop()
    assert not writer.knows_message(mine.message_id)
    with Session(sqlite_engine) as db:
        assert db.get(SessionRecord, "mine") is None
    assert set(_values(sqlite_engine, MessageRecord.session_id)) == {"other"}
    assert count_rows(sqlite_engine, FeedbackRecord) == 0


def test_a_profile_before_the_first_message_is_completed_by_it(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact)
    writer.write_batch([SessionProfileEvent("p", clarity_start=1)])
    writer.write_batch([chat("p", language="sv", channel="counsellor")])
    with Session(sqlite_engine) as db:
        session = db.get(SessionRecord, "p")
    assert session is not None
    assert (session.language, session.channel, session.clarity_start) == ("sv", "counsellor", 1)


def test_a_full_queue_drops_counts_and_warns_without_blocking(
    sqlite_engine: Engine, redact: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    drops: list[int] = []
    writer = TelemetryWriter(
        sqlite_engine,
        redact,
        max_queue=10,
        on_drop=lambda: drops.append(1),
    )  # not started: nothing drains the queue
    with caplog.at_level(logging.WARNING, logger="telemetry.writer"):
        started = time.perf_counter()
        accepted = [writer.submit(chat()) for _ in range(1000)]
        elapsed = time.perf_counter() - started
    assert sum(accepted) == 10 and writer.dropped == 990 and len(drops) == 990
    assert elapsed < 0.5, "submitting must never wait for the database"
    assert "telemetry queue full" in caplog.text
    assert writer.depth == 10
    writer.start()
    writer.stop()
    assert count_rows(sqlite_engine, MessageRecord) == 10


def test_a_locked_database_delays_writes_but_never_requests(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    writer = TelemetryWriter(
        sqlite_engine,
        redact,
        linger_seconds=0.01,
        max_backoff=0.2,
    )
    writer.start()
    blocker = sqlite3.connect(tmp_path / "telemetry.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        events = [chat() for _ in range(200)]
        for event in events:
            assert writer.submit(event)
        assert time.perf_counter() - started < 0.5
        deadline = time.monotonic() + 20
        while writer.failures == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert writer.failures >= 1, "the writer should have met the lock"
        assert writer.written == 0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert writer.flush(timeout=30)
    writer.stop()
    assert count_rows(sqlite_engine, MessageRecord) == 200 and writer.written == 200


def test_stop_gives_up_when_the_database_never_comes_back(
    tmp_path: Path, redact: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    from telemetry.store import init_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'gone.db'}")
    init_schema(engine)
    blocker = sqlite3.connect(tmp_path / "gone.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    writer = TelemetryWriter(engine, redact, max_backoff=0.1)
    writer.start()
    writer.submit(chat())
    with caplog.at_level(logging.ERROR, logger="telemetry.writer"):
        started = time.perf_counter()
        writer.stop(timeout=1.0)
    assert time.perf_counter() - started < 15
    assert "lost" in caplog.text or "not written" in caplog.text
    blocker.execute("ROLLBACK")
    blocker.close()
    engine.dispose()


def test_submit_is_safe_from_many_threads(
    sqlite_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(sqlite_engine, redact, linger_seconds=0.01)
    writer.start()

    def send() -> None:
        for _ in range(250):
            writer.submit(chat())

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.stop()
    assert count_rows(sqlite_engine, MessageRecord) == 2000 == writer.written
