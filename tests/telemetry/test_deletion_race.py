"""A deletion wins whatever order the events reach the store in: a chat, rating or profile
answer of a deleted session that another replica still had in its queue or spool, or that a
reply still running recorded after the deletion, is not stored; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlmodel import col

from application.memory import ConversationTurnRecord
from telemetry.anonymiser import Anonymiser
from telemetry.batch import BatchWriter
from telemetry.deletions import REPLAY_DAYS, Tombstones
from telemetry.event_lines import to_line
from telemetry.events import FeedbackEvent, SessionDeleteEvent, SessionProfileEvent
from telemetry.models import (
    DeletedSessionRecord,
    EscalationRecord,
    FeedbackRecord,
    MessageRecord,
    SessionRecord,
)
from telemetry.spool import SpoolPlace
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import QUESTIONS, chat, count_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def redact() -> Callable[[str], str]:
    return Anonymiser().redact


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Engine, str]:
    """A migrated store and its URL, on each database."""
    if request.param == "sqlite":
        engine: Engine = request.getfixturevalue("sqlite_engine")
        return engine, f"sqlite:///{tmp_path / 'telemetry.db'}"
    return request.getfixturevalue("pg_engine"), request.getfixturevalue("pg_url")


def _left_of(engine: Engine, session_id: str) -> dict[str, int]:
    """What the store holds of one session, table by table (all 0 once it is deleted)."""
    messages = select(col(MessageRecord.id)).where(col(MessageRecord.session_id) == session_id)
    with engine.connect() as conn:

        def count(table: type, *where: object) -> int:
            query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
            return int(conn.execute(query).scalar_one())

        return {
            "sessions": count(SessionRecord, col(SessionRecord.id) == session_id),
            "messages": count(MessageRecord, col(MessageRecord.session_id) == session_id),
            "feedback": count(FeedbackRecord, col(FeedbackRecord.message_id).in_(messages)),
            "turns": count(
                ConversationTurnRecord, col(ConversationTurnRecord.session_id) == session_id
            ),
        }


NOTHING = {"sessions": 0, "messages": 0, "feedback": 0, "turns": 0}


def test_a_replica_that_writes_after_another_deleted_stores_nothing_of_the_session(
    store: tuple[Engine, str], redact: Callable[[str], str]
) -> None:
    engine, _ = store
    slow = TelemetryWriter(engine, redact, linger_seconds=600)  # the replica with the chat
    other = TelemetryWriter(engine, redact, linger_seconds=0.01)  # the one that deletes
    slow.start()
    other.start()
    asked = chat("S", question=QUESTIONS[3])
    for event in (
        asked,
        chat("S", kind="crisis", question="I want to end my life"),
        FeedbackEvent(asked.message_id, 1, False, "Soita 040 765 4321"),
        SessionProfileEvent("S", region="pirkanmaa", clarity_start=2),
        chat("T"),
    ):
        slow.submit(event)
    other.submit(chat("S", question=QUESTIONS[4]))
    assert other.flush(10)
    other.submit(SessionDeleteEvent("S"))
    assert other.flush(10) and _left_of(engine, "S") == NOTHING
    slow.stop()  # writes what it had queued: S's events come after S's deletion
    other.stop()
    assert _left_of(engine, "S") == NOTHING
    assert _left_of(engine, "T")["messages"] == 1, "other sessions are written as before"
    assert count_rows(engine, EscalationRecord) == 1, "a crisis count outlives the deletion"
    assert count_rows(engine, DeletedSessionRecord) == 1


def test_a_reply_recorded_after_its_session_was_deleted_is_not_stored(
    store: tuple[Engine, str], redact: Callable[[str], str]
) -> None:
    engine, _ = store
    writer = TelemetryWriter(engine, redact, linger_seconds=600)
    writer.start()
    writer.submit(chat("S"))
    writer.submit(SessionDeleteEvent("S"))  # behind the chat in the queue
    writer.submit(chat("S", question=QUESTIONS[5]))  # a reply still running at the deletion
    writer.submit(SessionProfileEvent("S", clarity_end=4))
    writer.stop()
    assert _left_of(engine, "S") == NOTHING
    # Later still: that reply's memory turn and its chat event, in a batch of their own.
    with engine.begin() as conn:
        turn = {"session_id": "S", "at": time.time(), "question": "q", "doc_ids": ""}
        conn.execute(insert(ConversationTurnRecord), [turn])
    assert _left_of(engine, "S")["turns"] == 1
    writer.write_batch([chat("S"), chat("T")])
    assert _left_of(engine, "S") == NOTHING
    assert _left_of(engine, "T")["messages"] == 1


def test_no_id_is_kept_in_a_tombstone(sqlite_engine: Engine, redact: Callable[[str], str]) -> None:
    session = uuid.uuid4().hex
    TelemetryWriter(sqlite_engine, redact).write_batch([chat(session), SessionDeleteEvent(session)])
    with sqlite_engine.connect() as conn:
        (row,) = conn.execute(text("SELECT * FROM deleted_sessions")).all()
        keys = conn.execute(text("SELECT value FROM store_keys")).scalars().all()
    assert session not in " ".join(str(v) for v in row) and len(keys) == 1
    assert row[0] not in (session[:32], session[-32:])


CHILD = """
import sys, time
from pathlib import Path
from telemetry.anonymiser import Anonymiser
from telemetry.events import FeedbackEvent, SessionProfileEvent
from telemetry.spool import SpoolPlace
from telemetry.store import make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import QUESTIONS, chat

writer = TelemetryWriter(make_engine(sys.argv[1]), Anonymiser().redact, linger_seconds=3600,
                         spool=SpoolPlace(Path(sys.argv[2]), 2**20))
writer.start()
asked = chat("S", question=QUESTIONS[3])
for event in (asked, chat("S", kind="crisis", question="I want to end my life"),
              FeedbackEvent(asked.message_id, 1, False, "Soita 040 765 4321"),
              SessionProfileEvent("S", region="pirkanmaa"), chat("T")):
    writer.submit(event)
print("accepted", flush=True)
sys.stdin.readline()
writer.stop()
print("stopped", flush=True)
"""


@pytest.mark.parametrize("then", ["drains", "is killed and replayed"])
def test_a_deletion_in_one_process_wins_over_another_process_s_spool(
    store: tuple[Engine, str], redact: Callable[[str], str], tmp_path: Path, then: str
) -> None:
    engine, url = store
    place = SpoolPlace(tmp_path / "spool", 2**20)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(place.folder)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "accepted"
        deleter = TelemetryWriter(engine, redact, linger_seconds=0.01, spool=place)
        deleter.start()
        deleter.submit(chat("S"))
        deleter.submit(SessionDeleteEvent("S"))
        deleter.stop()
        if then == "drains":
            child.stdin.write("\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "stopped"
        else:
            child.send_signal(signal.SIGKILL)
        assert child.wait(60) in (0, -signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdin.close()
        child.stdout.close()
    restarted = TelemetryWriter(engine, redact, spool=place)  # replays a killed one's spool
    restarted.start()
    restarted.stop()
    assert _left_of(engine, "S") == NOTHING
    assert _left_of(engine, "T") == {"sessions": 1, "messages": 1, "feedback": 0, "turns": 0}
    assert count_rows(engine, EscalationRecord) == 1
    assert not place.folder.exists() or not any(place.folder.iterdir())


def _in_thread(work: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_batch_and_a_deletion_in_flight_at_once_cannot_interleave(
    store: tuple[Engine, str], redact: Callable[[str], str]
) -> None:
    engine, _ = store
    conn = engine.connect()
    try:
        _batch_then_deletion(engine, conn, redact)
        _deletion_then_batch(engine, conn, redact)
    finally:
        conn.close()  # rolls back what a failed assertion left open


def _batch_then_deletion(engine: Engine, conn: Connection, redact: Callable[[str], str]) -> None:
    """A batch of S open on one connection (rows written, not committed) while another
    replica deletes S: the deletion waits for it, then deletes it."""
    batch = BatchWriter(engine.dialect, redact, store_text=True)
    with conn.begin():
        batch.execute(conn, batch.prepare([chat("S")]))
        deleting = _in_thread(
            lambda: TelemetryWriter(engine, redact).write_batch([SessionDeleteEvent("S")])
        )
        time.sleep(0.5)
        assert deleting.is_alive(), "the deletion waits for the batch already writing"
    deleting.join(10)
    assert not deleting.is_alive()
    assert _left_of(engine, "S") == NOTHING


def _deletion_then_batch(engine: Engine, conn: Connection, redact: Callable[[str], str]) -> None:
    """A deletion of U open while a batch of U comes: the batch waits, then stores nothing."""
    tombstones = Tombstones(engine.dialect.name)
    with conn.begin():
        tombstones.begin(conn, ["U"], deleting=True)
        tombstones.record(conn, "U")
        writing = _in_thread(lambda: TelemetryWriter(engine, redact).write_batch([chat("U")]))
        time.sleep(0.5)
        assert writing.is_alive(), "the batch waits for the deletion"
    writing.join(10)
    assert not writing.is_alive()
    assert _left_of(engine, "U") == NOTHING


def test_a_spool_line_past_the_tombstones_life_is_not_replayed(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    place = SpoolPlace(tmp_path / "spool", 2**20)
    folder = place.folder / "dead"
    folder.mkdir(parents=True)
    (folder / "lock").touch()
    old = chat("S", at=dt.datetime.now(dt.UTC) - dt.timedelta(days=REPLAY_DAYS + 1))
    recent = chat("T")
    (folder / "00000001.jsonl").write_bytes(to_line(old) + to_line(recent))
    writer = TelemetryWriter(sqlite_engine, redact, spool=place)
    writer.start()
    writer.stop()
    assert _left_of(sqlite_engine, "S")["messages"] == 0
    assert _left_of(sqlite_engine, "T")["messages"] == 1
