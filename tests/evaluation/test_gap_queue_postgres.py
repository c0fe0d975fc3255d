"""Wrong-answer reports, reply reasons and gap marks on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from evaluation.reports.facts.store_reader import GAP_WRONG_ANSWER, read_events
from evaluation.reports.gap_messages import reported_answers
from evaluation.reports.gap_queue import clear, mark, marks
from telemetry.events import FeedbackEvent
from tests.evaluation.conftest import Store, at
from tests.evaluation.test_gaps import _ask
from tests.evaluation.test_postgres import pg_store  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres


def test_reports_reasons_and_marks_round_trip(pg_store: Store) -> None:  # noqa: F811
    store = pg_store
    asked = _ask(store, "2026-03-09", "Mitä oppisopimus maksaa?", source_ids=("fee", "law"))
    _ask(store, "2026-03-09", "Voinko tehdä sen kotikunnassani?", kind="no_answer", reason="local")
    comment = "Väärä summa, soita 040 123 4567"
    store.events.append(
        FeedbackEvent(asked, None, None, comment, wrong_answer=True, at=at("2026-03-09", 13))
    )
    store.flush()
    lo = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    hi = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    _, gaps = read_events(store.engine, lo, hi, 0, 31)
    assert int(np.sum(gaps.reason == GAP_WRONG_ANSWER)) == 1
    count, reported = reported_answers(store.engine, gaps)
    assert count == 1 and reported[0].sources == ["fee", "law"]
    assert reported[0].comments and "040" not in reported[0].comments[0]
    when = dt.datetime(2026, 3, 10, 8, tzinfo=dt.UTC)
    mark(
        store.engine,
        "00000000000000aa",
        "fixed",
        fixed_by="card:fee",
        questions=["b" * 16],
        now=when,
    )
    (found,) = marks(store.engine)
    assert found.marked_at == when and found.questions == {"00000000000000aa", "b" * 16}
    assert clear(store.engine, "00000000000000aa") and marks(store.engine) == []
