"""The writer's write-ahead spool: what a killed writer had accepted reaches the store, once,
on the next start; the spool holds nothing the store would not keep, and stays bounded."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import col

from telemetry.anonymiser import Anonymiser
from telemetry.event_lines import from_line, to_line
from telemetry.events import Event, FeedbackEvent, SessionDeleteEvent, SessionProfileEvent
from telemetry.models import FeedbackRecord, MessageRecord
from telemetry.spool import MIN_SEGMENT_BYTES, Spool, SpoolPlace, spool_place
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import QUESTIONS, chat, count_rows

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("Virtanen", "040 123 4567", "Korhonen", "aino.korhonen", "765 4321", "Lindqvist")


@pytest.fixture(scope="module")
def redact() -> Callable[[str], str]:
    return Anonymiser().redact


def _message_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(col(MessageRecord.id))).scalars())


def _spooled(place: SpoolPlace) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(place.folder.rglob("*.jsonl")))


def _instances(place: SpoolPlace) -> list[Path]:
    return [p for p in place.folder.iterdir() if p.is_dir()] if place.folder.exists() else []


def test_every_event_kind_survives_a_line() -> None:
    at = dt.datetime(2026, 12, 6, 10, 30, tzinfo=dt.UTC)
    events: list[Event] = [
        chat("s", question="odd \ud800 text", user_id="u" * 32, org_id="org", reason="own_case"),
        FeedbackEvent("m", 4, None, "kiitos", wrong_answer=True, at=at),
        SessionProfileEvent("s", age_band="25-34", clarity_start=2, at=at),
        SessionDeleteEvent("s", at=at),
    ]
    for event in events:
        line = to_line(event)
        assert line.endswith(b"\n") and line.count(b"\n") == 1
        assert from_line(line) == event


def test_the_spool_holds_only_what_the_store_keeps(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    place = SpoolPlace(tmp_path / "spool", 2**20)
    writer = TelemetryWriter(sqlite_engine, redact, linger_seconds=600, spool=place)
    writer.start()
    first = chat("s1", question=QUESTIONS[3])
    for event in (
        first,
        chat("s1", question=QUESTIONS[4]),
        chat("s2", question=QUESTIONS[5]),
        chat("s3", kind="crisis", question="En jaksa enää elää"),
        FeedbackEvent(first.message_id, 2, False, "Soita 040 765 4321"),
    ):
        assert writer.submit(event)
    spooled = _spooled(place).decode("ascii")
    assert spooled.count("\n") == 5
    assert "<PERSON>" in spooled and "<PHONE>" in spooled and "apprenticeship" in spooled
    for secret in (*SECRETS, "jaksa"):
        assert secret not in spooled, secret
    writer.stop()
    assert len(_message_ids(sqlite_engine)) == 4
    assert _instances(place) == [], "a clean stop leaves no spool behind"


def test_store_text_none_spools_no_text(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    place = SpoolPlace(tmp_path / "spool", 2**20)
    writer = TelemetryWriter(
        sqlite_engine, redact, store_text=False, linger_seconds=600, spool=place
    )
    writer.start()
    writer.submit(chat(question="How do I retrain as a welder?"))
    writer.submit(FeedbackEvent("m", 1, None, "wrong answer"))
    spooled = _spooled(place)
    assert b"welder" not in spooled and b"wrong answer" not in spooled
    writer.stop()


CHILD = """
import sys, time
from telemetry.anonymiser import Anonymiser
from telemetry.events import FeedbackEvent, SessionProfileEvent
from telemetry.spool import SpoolPlace
from telemetry.store import make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import QUESTIONS, chat

engine = make_engine(sys.argv[1])
writer = TelemetryWriter(engine, Anonymiser().redact, linger_seconds=600,
                         spool=SpoolPlace(__import__("pathlib").Path(sys.argv[2]), 2**20))
writer.start()
for n in range(int(sys.argv[3])):
    event = chat(f"s{n % 5}", question=QUESTIONS[n % len(QUESTIONS)])
    writer.submit(event)
    print(event.message_id, flush=True)
writer.submit(FeedbackEvent(event.message_id, 5, True, "Soita 040 765 4321"))
writer.submit(SessionProfileEvent("s1", region="pirkanmaa"))
print("accepted", flush=True)
time.sleep(600)
"""


def _killed_writer(url: str, place: SpoolPlace, n: int) -> list[str]:
    """Run a writer in a child process, let it accept `n` chats and more, and kill -9 it."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(place.folder), str(n)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    lines = [child.stdout.readline().strip() for _ in range(n + 1)]
    assert lines[-1] == "accepted", lines
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    child.stdout.close()
    return lines[:-1]


def test_a_killed_writer_loses_nothing_and_replays_once(
    tmp_path: Path, redact: Callable[[str], str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url)
    init_schema(engine)
    place = SpoolPlace(tmp_path / "spool", 2**20)
    accepted = _killed_writer(url, place, 40)
    assert _message_ids(engine) == [], "the killed writer had committed nothing"
    (orphan,) = _instances(place)
    copy = tmp_path / "copy"
    shutil.copytree(orphan, copy)

    writer = TelemetryWriter(engine, redact, spool=place)
    writer.start()
    writer.stop()
    assert sorted(_message_ids(engine)) == sorted(accepted)
    assert count_rows(engine, FeedbackRecord) == 1
    assert _instances(place) == []

    # The same spool again (a crash during the replay itself): nothing is counted twice.
    shutil.copytree(copy, orphan)
    writer.start()
    writer.stop()
    assert sorted(_message_ids(engine)) == sorted(accepted)
    assert count_rows(engine, FeedbackRecord) == 1
    with engine.connect() as conn:
        stored = conn.execute(select(col(MessageRecord.question))).scalars()
        questions = " ".join(q or "" for q in stored)
    assert "<PERSON>" in questions and not any(s in questions for s in SECRETS)
    engine.dispose()


def test_a_live_writers_spool_is_not_replayed_by_another(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    place = SpoolPlace(tmp_path / "spool", 2**20)
    live = TelemetryWriter(sqlite_engine, redact, linger_seconds=600, spool=place)
    live.start()
    live.submit(chat())
    other = TelemetryWriter(sqlite_engine, redact, spool=place)
    other.start()
    other.stop()
    assert _message_ids(sqlite_engine) == [], "another process's spool is its own"
    live.stop()
    assert len(_message_ids(sqlite_engine)) == 1


def test_events_given_up_at_shutdown_wait_in_the_spool(
    tmp_path: Path, redact: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'locked.db'}")
    init_schema(engine)
    place = SpoolPlace(tmp_path / "spool", 2**20)
    blocker = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    writer = TelemetryWriter(engine, redact, max_backoff=0.1, linger_seconds=0.01, spool=place)
    writer.start()
    event = chat()
    writer.submit(event)
    with caplog.at_level(logging.ERROR, logger="telemetry.writer"):
        writer.stop(timeout=0.5)
    blocker.execute("ROLLBACK")
    blocker.close()
    assert "not written" in caplog.text
    assert len(_instances(place)) == 1, "kept for the next start"
    restarted = TelemetryWriter(engine, redact, spool=place)
    restarted.start()
    restarted.stop()
    assert _message_ids(engine) == [event.message_id]
    assert _instances(place) == []
    engine.dispose()


def test_a_line_cut_short_by_the_crash_is_skipped(
    sqlite_engine: Engine, redact: Callable[[str], str], tmp_path: Path
) -> None:
    place = SpoolPlace(tmp_path / "spool", 2**20)
    folder = place.folder / "dead"
    folder.mkdir(parents=True)
    (folder / "lock").touch()  # its process held it until it died
    events = [chat(), chat()]
    whole = b"".join(to_line(e) for e in events)
    (folder / "00000001.jsonl").write_bytes(whole + to_line(chat())[:40])
    writer = TelemetryWriter(sqlite_engine, redact, spool=place)
    writer.start()
    writer.stop()
    assert sorted(_message_ids(sqlite_engine)) == sorted(e.message_id for e in events)


def test_committed_lines_go_and_a_full_spool_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spool = Spool(tmp_path / "one", MIN_SEGMENT_BYTES * 2)
    line = b"x" * 1023 + b"\n"
    with spool.lock:
        positions = [spool.append(line) for _ in range(100)]
    spool.sync(positions[-1])
    assert positions == list(range(1, 101)) and spool.size == 100 * 1024
    spool.release(50)
    assert spool.size == 100 * 1024, "the open segment holds uncommitted lines"
    with caplog.at_level(logging.WARNING, logger="telemetry.spool"), spool.lock:
        more = [spool.append(line) for _ in range(100)]
    assert "telemetry spool full" in caplog.text and spool.unspooled > 0
    assert spool.size <= MIN_SEGMENT_BYTES * 2
    assert len(list(spool.folder.glob("*.jsonl"))) == 2, "rotated at the segment size"
    spool.release(more[-1])
    assert spool.size == 0
    assert [p.stat().st_size for p in spool.folder.glob("*.jsonl")] == [0]
    spool.close(remove=True)
    assert not spool.folder.exists()


def test_the_spool_folder_names_the_store_without_its_password(tmp_path: Path) -> None:
    engine = make_engine("postgresql://suunta:hunter2@db.example/suunta")
    place = spool_place(tmp_path, engine, 1024)
    other = spool_place(tmp_path, make_engine("postgresql://suunta@db.example/other"), 1024)
    assert place is not None and other is not None and place.folder != other.folder
    assert "hunter2" not in str(place.folder)
    assert spool_place(None, engine, 1024) is None
    engine.dispose()


def test_under_steady_load_old_segments_go_once_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("telemetry.spool.SEGMENT_SECONDS", 0.0)
    spool = Spool(tmp_path / "one", 2**20)
    line = b"y" * 99 + b"\n"
    with spool.lock:
        positions = [spool.append(line) for _ in range(3)]
    assert len(list(spool.folder.glob("*.jsonl"))) == 3, "a segment is closed once it is old"
    spool.release(positions[1])
    assert [p.stat().st_size for p in spool.folder.glob("*.jsonl")] == [100]
    assert spool.size == 100
    spool.close(remove=True)


def test_lines_reach_the_disk_from_the_spools_thread_not_the_callers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`append` never waits for the disk; the spool's thread syncs what was appended, rotated
    segments included, and `close` syncs the rest."""
    callers: list[str] = []
    real = os.fdatasync

    def recorded(fd: int) -> None:
        callers.append(threading.current_thread().name)
        real(fd)

    monkeypatch.setattr("telemetry.spool.os.fdatasync", recorded)
    monkeypatch.setattr("telemetry.spool.SEGMENT_SECONDS", 0.0)  # a rotation every line
    spool = Spool(tmp_path / "one", 2**20)
    with spool.lock:
        positions = [spool.append(b"z" * 99 + b"\n") for _ in range(3)]
    assert "MainThread" not in callers, "the caller never syncs"
    deadline = time.monotonic() + 5.0
    while spool.synced < positions[-1] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert spool.synced == positions[-1]
    assert set(callers) == {"telemetry-spool-sync"} and len(callers) >= 3, callers
    before = len(callers)
    with spool.lock:
        last = spool.append(b"w" * 99 + b"\n")
    spool.close(remove=False)
    assert len(callers) > before and spool.synced == last, "synced by its thread or by close"
    assert b"w" * 99 in b"".join(p.read_bytes() for p in spool.folder.glob("*.jsonl"))
