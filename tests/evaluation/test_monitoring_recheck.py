"""A year table is served without asking the store for `recheck_seconds`, then checked."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session

from evaluation.monitoring.levels import NATIONAL
from evaluation.monitoring.report import Monitoring
from telemetry.models import SessionRecord
from telemetry.store import init_schema, make_engine


def test_a_change_is_seen_after_the_recheck_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    init_schema(engine)

    def add(n: int) -> None:
        with Session(engine) as db:
            for _ in range(n):
                at = dt.datetime(2025, 5, 3, 12, tzinfo=dt.UTC)
                db.add(SessionRecord(id=uuid.uuid4().hex, started_at=at, region="lappi"))
            db.commit()

    now = [1000.0]
    monkeypatch.setattr("evaluation.monitoring.report.time.monotonic", lambda: now[0])
    add(6)
    cache: dict = {}

    def sessions() -> int:
        table = Monitoring(engine, [], minimum=5, cache=cache, recheck_seconds=60).table(2025)
        return table.raw("sessions", NATIONAL, ("y", 0))

    assert sessions() == 6
    add(1)
    now[0] += 59
    assert sessions() == 6  # within the minute: the store is not asked
    now[0] += 2
    assert sessions() == 7  # then it is, and the change is read
    engine.dispose()
