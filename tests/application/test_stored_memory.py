"""Conversation memory in the telemetry store (SQLite in tmp_path), as every process sees it."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

from application.memory import BUSY_MS, MAX_TURNS, StoredMemory
from assistant.history import RECALLED_TURNS, recall_turns
from telemetry.store import init_schema, make_engine


class Clock:
    """A hand-wound clock for the memory's time limit."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _memory(tmp_path: Path, clock: Clock) -> StoredMemory:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_schema(engine)
    return StoredMemory(engine, lambda s: s.replace("Matti", "<PERSON>"), clock=clock)


def test_two_memories_on_one_store_share_bounded_expiring_turns(tmp_path: Path) -> None:
    clock = Clock()
    one, other = _memory(tmp_path, clock), _memory(tmp_path, clock)
    for n in range(MAX_TURNS + 2):
        one.remember("s", f"I'm Matti, question {n}", ("a",), language="en")
    turns = other.history("s")
    assert [t.question for t in turns] == [
        f"I'm <PERSON>, question {n}" for n in range(2, MAX_TURNS + 2)
    ]
    assert turns[-1].doc_ids == ("a",) and turns[-1].language == "en"
    clock.now += 3601
    assert one.history("s") == []
    clock.now -= 3601
    other.forget("s")
    assert one.history("s") == []


def test_recalled_turns_go_into_the_shared_store(tmp_path: Path) -> None:
    clock = Clock()
    memory = _memory(tmp_path, clock)
    earlier = [f"How does apprenticeship work, question {i}?" for i in range(5)]
    assert recall_turns(memory, "s1", earlier) == RECALLED_TURNS
    assert [t.question for t in _memory(tmp_path, clock).history("s1")] == earlier[-3:]
    assert recall_turns(memory, "s1", earlier) == 0  # the session already has memory


def test_a_turn_leaves_the_pooled_connection_as_it_found_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    memory = _memory(tmp_path, Clock())
    with caplog.at_level(logging.WARNING, logger="application.memory"):
        memory.remember("s", "What is apprenticeship training?", ())
    assert not caplog.records  # the turn was stored without an error on the way out
    # The telemetry writer shares the pool: it must find its own 5 s wait, not the turn's.
    with memory.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_locked_store_costs_the_turn_its_memory_not_the_reply_its_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    memory = _memory(tmp_path, Clock())
    blocker = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        started = time.perf_counter()
        with caplog.at_level(logging.WARNING, logger="application.memory"):
            memory.remember("s", "What is apprenticeship training?", ())
        waited = time.perf_counter() - started
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert BUSY_MS / 1000 <= waited < 2.0
    assert "conversation memory unavailable" in caplog.text
    assert memory.history("s") == []
    with memory.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
