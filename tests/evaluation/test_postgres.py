"""The same report from PostgreSQL as from SQLite (the real server on 127.0.0.1:5432)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from evaluation.golden.stored_runs import EvalRunRecord, recent_runs, save_run
from evaluation.reports.summary import summary
from telemetry.anonymiser import Anonymiser
from telemetry.writer import TelemetryWriter
from tests.evaluation.conftest import MARCH, TODAY, Store

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_engine: Engine, anonymiser: Anonymiser) -> Store:
    """A migrated store in a private schema of the test database, dropped afterwards."""
    return Store(pg_engine, TelemetryWriter(pg_engine, anonymiser.redact))


def _traffic(store: Store) -> None:
    for day in range(1, 32, 2):
        for i in range(3):
            store.session(
                f"2026-03-{day:02d}",
                user=f"u{i}",
                hour=23 if i == 2 else 0,  # the edges of a UTC day
                language=("fi", "sv", "en")[i],
                ratings=(5 - i,),
                helpful=(True,),
                region="uusimaa",
                clarity_start=2,
                clarity_end=4,
            )
        store.session(f"2026-03-{day:02d}", kind="crisis", confidence=1.0, topics=())
    store.flush()


def _json(engine: Engine, cache: Path | None) -> str:
    report = summary(engine, MARCH, min_group_size=5, today=TODAY, cache_dir=cache)
    return report.model_dump_json(exclude={"generated_at"})


def test_postgres_and_sqlite_give_the_same_report(
    store: Store, pg_store: Store, tmp_path: Path
) -> None:
    _traffic(store)
    _traffic(pg_store)
    expected = _json(store.engine, None)
    assert '"sessions":64' in expected.replace(" ", "")
    assert _json(pg_store.engine, None) == expected
    assert _json(pg_store.engine, tmp_path) == expected  # through the cache, cold
    assert _json(pg_store.engine, tmp_path) == expected  # and warm


def test_eval_runs_are_stored_in_postgres(pg_store: Store) -> None:
    record = EvalRunRecord(
        version="0.1.0",
        dataset="dev.jsonl",
        dataset_sha256="0" * 64,
        embedding_model="multilingual-e5-small",
        generator="extractive",
        target="in-process",
        cases=10,
        pass_rate=0.9,
        language_match=1.0,
        latency_p50_ms=100.0,
        latency_p95_ms=200.0,
        details='{"by_language": {"fi": 0.9}, "by_kind": {"answer": 0.9}}',
    )
    save_run(pg_store.engine, record)
    (run,) = recent_runs(pg_store.engine)
    assert run.pass_rate == 0.9 and run.by_language == {"fi": 0.9}
    assert run.created_at.tzinfo is not None


def test_open_days_through_the_hour_files_in_postgres(
    store: Store, pg_store: Store, tmp_path: Path
) -> None:
    from telemetry.events import SessionDeleteEvent
    from tests.evaluation.test_cache import OPEN, _open_traffic

    _open_traffic(store)
    sessions = _open_traffic(pg_store)

    def report(engine: Engine, cache: Path | None) -> str:
        got = summary(engine, OPEN, min_group_size=2, today=TODAY, cache_dir=cache)
        return got.model_dump_json(exclude={"generated_at"})

    expected = report(store.engine, None)
    assert report(pg_store.engine, tmp_path) == expected  # cold
    assert report(pg_store.engine, tmp_path) == expected  # warm
    pg_store.session("2026-04-20", user="later", hour=0, ratings=(5,), language="sv")
    pg_store.flush()
    pg_store.writer.write_batch([SessionDeleteEvent(sessions[18])])
    assert report(pg_store.engine, tmp_path) == report(pg_store.engine, None)
