"""The in-process request budgets: counted without a thread per request, expired events swept."""

from __future__ import annotations

import threading
import time

import pytest

from application import limits
from application.limits import Budgets


def test_hits_start_no_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    budgets = Budgets.from_url(None)
    starts: list[threading.Thread] = []
    start = threading.Thread.start

    def counted(thread: threading.Thread) -> None:
        starts.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", counted)
    for _ in range(5):
        assert budgets.hit("chat", "10.0.0.1", limit=100, seconds=60) is None
        time.sleep(0.02)  # the library's own timer would have ended: it would start another
    assert starts == []


def test_budget_refuses_then_frees() -> None:
    budgets = Budgets.from_url(None)
    assert budgets.hit("chat", "10.0.0.2", limit=2, seconds=1) is None
    assert budgets.hit("chat", "10.0.0.2", limit=2, seconds=1) is None
    wait = budgets.hit("chat", "10.0.0.2", limit=2, seconds=1)
    assert wait is not None and 0 < wait <= 1
    assert budgets.hit("chat", "10.0.0.3", limit=2, seconds=1) is None  # another client
    time.sleep(1.05)
    assert budgets.hit("chat", "10.0.0.2", limit=2, seconds=1) is None


def test_expired_events_are_swept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "EXPIRY_INTERVAL", 0.0)
    budgets = Budgets.from_url(None)
    budgets.hit("chat", "10.0.0.4", limit=5, seconds=1)
    time.sleep(1.05)
    budgets.hit("chat", "10.0.0.5", limit=5, seconds=60)  # any hit sweeps
    events = budgets.storage.events  # type: ignore[attr-defined]
    assert sorted(len(v) for v in events.values()) == [0, 1]
