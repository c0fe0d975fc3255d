"""The writer against the real PostgreSQL: idempotent, survives outages, many processes."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, create_engine, select, text

from telemetry.anonymiser import Anonymiser
from telemetry.events import Event, FeedbackEvent, SessionDeleteEvent, SessionProfileEvent
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import PG_SERVER, QUESTIONS, chat, count_rows, pg_url_for
from tests.telemetry.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def redact() -> Callable[[str], str]:
    return Anonymiser().redact


def _wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_writes_redacted_and_idempotent(pg_engine: Engine, redact: Callable[[str], str]) -> None:
    writer = TelemetryWriter(pg_engine, redact)
    first = chat("s", question=QUESTIONS[3])
    batch: list[Event] = [
        first,
        chat("s", kind="crisis", question="I want to die"),
        FeedbackEvent(first.message_id, 5, True, "Mail me: matti@example.com"),
        SessionProfileEvent("s", age_band="35-44", region="uusimaa", clarity_end=4),
    ]
    for _ in range(3):
        writer.write_batch(batch)
    assert count_rows(pg_engine, MessageRecord) == 2
    assert count_rows(pg_engine, FeedbackRecord) == 1
    assert count_rows(pg_engine, EscalationRecord) == 1
    with pg_engine.connect() as conn:
        questions = set(conn.execute(select(MessageRecord.question)).scalars())  # type: ignore[call-overload]
        comment = conn.execute(select(FeedbackRecord.comment)).scalar_one()  # type: ignore[call-overload]
        region = conn.execute(select(SessionRecord.region)).scalar_one()  # type: ignore[call-overload]
    assert None in questions and not any("Virtanen" in (q or "") for q in questions)
    assert "example.com" not in comment and region == "uusimaa"
    writer.write_batch([SessionDeleteEvent("s")])
    assert count_rows(pg_engine, MessageRecord) == count_rows(pg_engine, SessionRecord) == 0
    assert count_rows(pg_engine, EscalationRecord) == 1


def test_an_event_the_database_refuses_does_not_sink_its_batch(
    pg_engine: Engine, redact: Callable[[str], str]
) -> None:
    writer = TelemetryWriter(pg_engine, redact, linger_seconds=0.01)
    writer.start()
    for event in (chat(), chat(language="xyz"), chat()):  # varchar(2): a DataError
        writer.submit(event)
    writer.stop()
    assert count_rows(pg_engine, MessageRecord) == 2
    assert writer.rejected == 1 and writer.written == 2


def test_events_land_once_an_unreachable_database_is_back(
    pg_schema: str, redact: Callable[[str], str]
) -> None:
    proxy = TcpProxy(("127.0.0.1", 5432))
    url = pg_url_for(pg_schema).replace(":5432/", f":{proxy.port}/")
    proxy.start()
    engine = make_engine(url)
    init_schema(engine)
    writer = TelemetryWriter(engine, redact, linger_seconds=0.01, max_backoff=0.2)
    writer.start()
    writer.submit(chat())
    assert writer.flush(10)
    assert not writer.knows_message("issued-by-another-process")
    proxy.cut()  # the database is gone, pooled connections are dead
    assert writer.knows_message("issued-by-another-process")  # feedback is still accepted
    started = time.perf_counter()
    for _ in range(300):
        assert writer.submit(chat())
    assert time.perf_counter() - started < 0.5
    _wait_for(lambda: writer.failures >= 2)
    proxy.start()  # same address: back again
    assert writer.flush(30)
    writer.stop()
    assert count_rows(engine, MessageRecord) == 301 and writer.written == 301
    engine.dispose()


def test_events_land_after_the_backends_are_terminated(
    pg_schema: str, redact: Callable[[str], str]
) -> None:
    name = f"suunta_{pg_schema}"
    engine = make_engine(pg_url_for(pg_schema, application_name=name))
    init_schema(engine)
    writer = TelemetryWriter(engine, redact, linger_seconds=0.01, max_backoff=0.2)
    writer.start()
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    total = terminated = 0
    for _ in range(5):
        for _ in range(100):
            writer.submit(chat())
        total += 100
        with admin.connect() as conn:  # only this test's own connections
            terminated += conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name"
                ),
                {"name": name},
            ).rowcount
        time.sleep(0.05)
    assert terminated > 0
    assert writer.flush(30)
    writer.stop()
    assert count_rows(engine, MessageRecord) == total
    admin.dispose()
    engine.dispose()


WRITER_PROCESS = """
import sys
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter
from tests.telemetry.conftest import chat
engine = make_engine(sys.argv[1])
init_schema(engine)
writer = TelemetryWriter(engine, str.upper, linger_seconds=0.01, batch_size=200)
writer.start()
events = [chat(f"{sys.argv[2]}-{i % 50}") for i in range(int(sys.argv[3]))]
for event in events:
    writer.submit(event)
writer.stop()
assert writer.written == len(events), writer.written
"""


def test_four_processes_migrate_and_write_to_one_database(pg_url: str) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_PROCESS, pg_url, f"p{n}", "2000"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    engine = make_engine(pg_url)
    assert count_rows(engine, MessageRecord) == 8000
    assert count_rows(engine, SessionRecord) == 200
    engine.dispose()
