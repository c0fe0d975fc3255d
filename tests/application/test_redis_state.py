"""Conversation memory and request budgets in the real Redis: what every process shares."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis

from application.limits import Budgets
from application.memory import MAX_TURNS, RedisMemory
from telemetry.anonymiser import Anonymiser
from tests.redis_db import private_redis_db
from tests.telemetry.tcp_proxy import free_port

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url() -> Iterator[str]:
    with private_redis_db() as url:
        yield url


@pytest.fixture(scope="module")
def redact() -> Anonymiser:
    return Anonymiser()


def test_memory_is_shared_redacted_bounded_and_expiring(redis_url: str, redact: Anonymiser) -> None:
    one = RedisMemory.from_url(redis_url, redact.redact)
    other = RedisMemory.from_url(redis_url, redact.redact)  # another process
    one.remember("s1", "Olen Matti Virtanen, puh 040 123 4567. Mitä oppisopimus on?", ("a",))
    other.remember("s1", "entä palkka?", ("a", "b"), language="fi")
    turns = one.history("s1")
    assert [t.doc_ids for t in turns] == [("a",), ("a", "b")] and turns[1].language == "fi"
    assert "Virtanen" not in turns[0].question and "040" not in turns[0].question
    assert "oppisopimus" in turns[0].question
    raw = redis.Redis.from_url(redis_url)
    assert not any(b"Virtanen" in item for item in raw.lrange(RedisMemory.PREFIX + "s1", 0, -1))
    assert 0 < raw.ttl(RedisMemory.PREFIX + "s1") <= 3600
    for n in range(MAX_TURNS + 3):
        other.remember("s2", f"kysymys {n}", ())
    assert [t.question for t in one.history("s2")] == [
        f"kysymys {n}" for n in range(3, MAX_TURNS + 3)
    ]
    other.forget("s1")
    assert one.history("s1") == [] and len(one.history("s2")) == MAX_TURNS
    raw.close()


def test_memory_expires_after_the_last_turn(redis_url: str, redact: Anonymiser) -> None:
    memory = RedisMemory(redis.Redis.from_url(redis_url), redact.redact, ttl_seconds=1)
    memory.remember("s", "mitä oppisopimus on?", ())
    assert memory.history("s")
    time.sleep(0.6)
    memory.remember("s", "entä palkka?", ())  # a new turn starts the time limit again
    time.sleep(0.6)
    assert len(memory.history("s")) == 2
    time.sleep(1.0)
    # Redis drops the key by itself: nothing of the session is left to purge.
    raw = redis.Redis.from_url(redis_url)
    assert memory.history("s") == [] and raw.dbsize() == 1  # the test's own claim only
    raw.close()


def test_an_unreachable_redis_costs_memory_never_a_reply(redact: Anonymiser) -> None:
    # A port nothing listens on: every call fails fast and quietly.
    memory = RedisMemory.from_url(f"redis://127.0.0.1:{free_port()}/0", redact.redact)
    memory.remember("s", "mitä oppisopimus on?", ())
    assert memory.history("s") == []
    memory.forget("s")


def test_budgets_are_shared_through_redis(redis_url: str) -> None:
    one, other = Budgets.from_url(redis_url), Budgets.from_url(redis_url)
    size = {"limit": 3, "seconds": 60}
    assert [one.hit("chat", "10.0.0.1", **size), other.hit("chat", "10.0.0.1", **size)] == [
        None,
        None,
    ]
    assert one.hit("chat", "10.0.0.1", **size) is None
    refused = other.hit("chat", "10.0.0.1", **size)
    assert refused is not None and 0 < refused <= 60
    assert one.wait("chat", "10.0.0.1", **size) is not None
    # Another client, and another budget, are counted apart.
    assert other.hit("chat", "10.0.0.2", **size) is None
    assert other.hit("feedback", "10.0.0.1", **size) is None
    other.clear("chat", "10.0.0.1", **size)
    assert one.wait("chat", "10.0.0.1", **size) is None
    # The address is hashed: Redis holds no client address.
    raw = redis.Redis.from_url(redis_url)
    assert not any(b"10.0.0" in key for key in raw.keys("*"))
    raw.close()


def test_budgets_in_memory_are_per_process() -> None:
    one, other = Budgets.from_url(None), Budgets.from_url(None)
    size = {"limit": 1, "seconds": 60}
    assert one.hit("chat", "k", **size) is None and one.hit("chat", "k", **size) is not None
    assert other.hit("chat", "k", **size) is None
