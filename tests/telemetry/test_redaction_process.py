"""Redaction of a burst in a child process, the fallback when the child fails, and the writer's
caches (redacted texts, sessions already stored) that must never change what is stored."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from telemetry.anonymiser import Anonymiser, new_redactor
from telemetry.events import Event, FeedbackEvent, SessionDeleteEvent
from telemetry.models import MessageRecord, SessionRecord
from telemetry.redaction_process import RedactionProcess
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import chat


def _broken_factory() -> Callable[[str], str]:
    raise RuntimeError("no anonymiser here")


def _texts(n: int) -> list[str]:
    return [f"Nimeni on Matti Virtanen, puh. 040 123 {i:04d}. Voinko hakea?" for i in range(n)]


def _wait_ready(process: RedactionProcess) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready = process._ready
        if ready is not None and ready.done():
            return
        time.sleep(0.05)
    raise AssertionError("the redaction process did not start")


def test_a_burst_is_redacted_by_the_child_a_trickle_in_the_thread() -> None:
    # `inline` is told apart from the child's real redaction by its output.
    process = RedactionProcess(new_redactor, str.upper, min_texts=3)
    try:
        assert process(_texts(2)) == [t.upper() for t in _texts(2)]  # too few: inline
        assert process(_texts(3)) == [t.upper() for t in _texts(3)]  # child starting: inline
        _wait_ready(process)
        redacted = process(_texts(5))
        assert process.batches == 1
        assert redacted == [Anonymiser().redact(t) for t in _texts(5)]
        assert all("<PERSON>" in r and "<PHONE>" in r and "040" not in r for r in redacted)
    finally:
        process.close(wait=True)


def test_a_child_that_fails_sends_redaction_back_to_the_thread(
    caplog: pytest.LogCaptureFixture,
) -> None:
    redact = Anonymiser().redact
    process = RedactionProcess(_broken_factory, redact, min_texts=1)
    try:
        with caplog.at_level(logging.WARNING, logger="telemetry.redaction_process"):
            assert process(_texts(2)) == [redact(t) for t in _texts(2)]
            _wait_ready(process)
            assert process(_texts(2)) == [redact(t) for t in _texts(2)]
        assert process.batches == 0 and process._failed
        assert "redacting in-process" in caplog.text
        assert "Virtanen" not in caplog.text and "040" not in caplog.text
        assert process(_texts(1)) == [redact(_texts(1)[0])]
    finally:
        process.close(wait=True)


def _questions(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(MessageRecord.question)).scalars())  # type: ignore[call-overload]


def test_the_writer_stores_a_burst_redacted_whoever_redacts_it(sqlite_engine: Engine) -> None:
    anonymiser = Anonymiser()
    writer = TelemetryWriter(
        sqlite_engine, anonymiser.redact, batch_size=300, redact_factory=new_redactor
    )
    events: list[Event] = [chat(question=q) for q in _texts(3000)]
    for event in events:
        assert writer.submit(event)
    writer.start()
    writer.stop()
    stored = _questions(sqlite_engine)
    assert writer.written == 3000 and len(stored) == 3000
    assert sorted(stored) == sorted(anonymiser.redact(q) for q in _texts(3000))
    assert not any("Virtanen" in q or "040 123" in q for q in stored)


def test_repeated_texts_are_redacted_once_and_cut_per_column(sqlite_engine: Engine) -> None:
    calls: list[str] = []

    def redact(value: str) -> str:
        calls.append(value)
        return value.replace("secret", "<X>")

    writer = TelemetryWriter(sqlite_engine, redact)
    long = "secret " + "x" * 3000
    first = chat(question=long)
    writer.write_batch([first, chat(question=long), FeedbackEvent(first.message_id, 3, None, long)])
    writer.write_batch([chat(question=long)])
    assert calls == [long]  # once, then from the cache
    stored = _questions(sqlite_engine)
    assert [len(q) for q in stored] == [2000, 2000, 2000] and stored[0].startswith("<X> x")
    with sqlite_engine.connect() as conn:
        (comment,) = conn.execute(text("SELECT comment FROM feedback")).scalars()
    assert len(comment) == 1000 and comment.startswith("<X> x")


def test_a_known_session_is_stored_again_after_its_deletion(sqlite_engine: Engine) -> None:
    writer = TelemetryWriter(sqlite_engine, str)
    writer.write_batch([chat("s")])
    writer.write_batch([SessionDeleteEvent("s")])
    # The same id again (an API client may reuse it): nothing while its tombstone lives
    # (`telemetry.deletions`), then its session row must come back.
    writer.write_batch([chat("s", language="fi")])
    with sqlite_engine.begin() as conn:
        assert conn.execute(select(func.count()).select_from(MessageRecord)).scalar_one() == 0
        conn.execute(text("DELETE FROM deleted_sessions"))  # its KEEP_DAYS are over
    writer.write_batch([chat("s", language="sv"), chat("s")])
    with sqlite_engine.connect() as conn:
        rows = conn.execute(select(SessionRecord.id, SessionRecord.language)).all()  # type: ignore[call-overload]
        messages = conn.execute(select(func.count()).select_from(MessageRecord)).scalar_one()
    assert [tuple(r) for r in rows] == [("s", "sv")] and messages == 2


def test_a_user_id_arriving_later_still_reaches_a_known_session(sqlite_engine: Engine) -> None:
    writer = TelemetryWriter(sqlite_engine, str)
    writer.write_batch([chat("s")])
    writer.write_batch([chat("s", user_id="u1")])
    with sqlite_engine.connect() as conn:
        (user_id,) = conn.execute(select(SessionRecord.user_id)).scalars()  # type: ignore[call-overload]
    assert user_id == "u1"
