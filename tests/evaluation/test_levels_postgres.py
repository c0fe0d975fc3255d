"""The outcome indicators and the counsellor level on a real PostgreSQL, migrated by Alembic
(0009 adds the outcome columns): the same figures as on SQLite."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from evaluation.monitoring.expert import expert_report
from evaluation.monitoring.levels import NATIONAL, OrgInfo, Period
from evaluation.monitoring.report import Monitoring
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord

pytestmark = pytest.mark.postgres


def test_outcome_shares_and_a_counsellors_own_figures(pg_engine: Engine) -> None:
    at = dt.datetime(2025, 6, 10, 9, tzinfo=dt.UTC)
    answers = ["yes"] * 3 + ["partly"] * 2 + ["not_yet"] * 3 + ["not_relevant"] * 4
    key = "f" * 32
    with Session(pg_engine) as db:
        for i, step in enumerate(answers):
            db.add(
                SessionRecord(
                    id=uuid.uuid4().hex,
                    started_at=at + dt.timedelta(hours=i),
                    org_id="koulu-pg",
                    next_step_taken=step,
                    service_contacted="yes" if i < 6 else None,
                )
            )
        mine = uuid.uuid4().hex
        db.add(SessionRecord(id=mine, started_at=at, user_id=key, channel="counsellor"))
        other = uuid.uuid4().hex
        db.add(SessionRecord(id=other, started_at=at, user_id="e" * 32, channel="counsellor"))
        for sid, n in ((mine, 2), (other, 5)):
            for j in range(n):
                mid = uuid.uuid4().hex
                db.add(
                    MessageRecord(
                        id=mid,
                        session_id=sid,
                        created_at=at,
                        language="fi",
                        mode="counsellor",
                        channel="counsellor",
                        kind="no_answer" if j == 0 else "answer",
                    )
                )
                db.add(FeedbackRecord(id=uuid.uuid4().hex, message_id=mid, created_at=at, rating=4))
        db.commit()
    monitoring = Monitoring(pg_engine, [OrgInfo("koulu-pg", "education", "kainuu")], minimum=5)
    june = monitoring.report(("org", "koulu-pg"), Period(2025, ("m", 6)))
    values = {i.id: (i.value, i.base) for i in june.indicators}
    assert values["next_step_taken"] == (round(5 / 8, 4), 8)
    assert values["service_contacted"] == (1.0, 6)
    national = monitoring.report(NATIONAL, Period(2025, ("m", 6)))
    assert {i.id: i.base for i in national.indicators}["copilot_questions"] == 7
    own = expert_report(pg_engine, key, dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    assert (own.total.questions, own.total.no_answer, own.total.ratings) == (2, 1, 2)
    assert own.total.mean_rating == 4.0 and [m.questions for m in own.months] == [2]
