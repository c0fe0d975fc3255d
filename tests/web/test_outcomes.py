"""The two outcome questions end to end: the one-click answers through the session route into
the store, and the indicators computed (and suppressed) from them."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi.testclient import TestClient
from sqlmodel import Session

from evaluation.monitoring.levels import NATIONAL, OrgInfo, Period
from evaluation.monitoring.report import Monitoring
from suunta.wiring import Components
from telemetry.models import SessionRecord

MINIMUM = 5


def _value(report: object, indicator: str) -> tuple[object, object]:
    found = next(i for i in report.indicators if i.id == indicator)  # type: ignore[attr-defined]
    return found.value, found.base


def test_one_click_answers_are_stored_on_the_session(
    client: TestClient, components: Components
) -> None:
    sid = client.post("/api/chat", json={"message": "How does apprenticeship work?"}).json()[
        "session_id"
    ]
    for body in ({"next_step_taken": "partly"}, {"service_contacted": "not_yet"}):
        assert client.post(f"/api/session/{sid}/profile", json=body).status_code == 204
    components.writer.flush()
    with Session(components.engine) as db:
        row = db.get(SessionRecord, sid)
    assert row is not None
    assert (row.next_step_taken, row.service_contacted) == ("partly", "not_yet")
    assert client.delete(f"/api/session/{sid}").status_code == 204
    components.writer.flush()
    with Session(components.engine) as db:
        assert db.get(SessionRecord, sid) is None  # the answers go with the session


def test_answers_outside_the_fixed_codes_are_422(client: TestClient) -> None:
    for body in (
        {"next_step_taken": "no"},  # not one of its four answers
        {"next_step_taken": "Kyllä"},
        {"service_contacted": "partly"},  # 'partly' belongs to the other question only
        {"service_contacted": "yes", "comment": "I called Matti"},
    ):
        response = client.post(f"/api/session/{'b' * 32}/profile", json=body)
        assert response.status_code == 422, body
        assert response.json()["detail"] and "Matti" not in response.text


def test_outcome_indicators_leave_out_no_longer_relevant_and_hide_small_bases(
    components: Components,
) -> None:
    engine = components.engine
    answers = {
        # (org, year): (next_step_taken answers, service_contacted answers)
        ("koulu-x", 2025): (
            ["yes"] * 4 + ["partly"] * 2 + ["not_yet"] * 3 + ["not_relevant"] * 5,
            [],
        ),
        ("koulu-y", 2025): ([], ["yes"] * 5 + ["not_yet"] * 3 + ["not_relevant"] * 2),
        ("koulu-y", 2024): (["yes", "not_yet"], []),
    }
    with Session(engine) as db:
        for (org, year), (steps, contacts) in answers.items():
            for i in range(max(len(steps), len(contacts))):
                db.add(
                    SessionRecord(
                        id=uuid.uuid4().hex,
                        started_at=dt.datetime(year, 4, 2 + i, 12, tzinfo=dt.UTC),
                        org_id=org,
                        next_step_taken=steps[i] if i < len(steps) else None,
                        service_contacted=contacts[i] if i < len(contacts) else None,
                    )
                )
        db.commit()
    orgs = [OrgInfo("koulu-x", "education", "uusimaa"), OrgInfo("koulu-y", "education", "lappi")]
    monitoring = Monitoring(engine, orgs, minimum=MINIMUM)
    april = Period(2025, ("m", 4))
    x = monitoring.report(("org", "koulu-x"), april)
    # (4 yes + 2 partly) of the 9 answers still relevant; 'no longer relevant' is left out
    assert _value(x, "next_step_taken") == (round(6 / 9, 4), 9)
    assert _value(x, "service_contacted") == (None, 0)
    y = monitoring.report(("org", "koulu-y"), april)
    assert _value(y, "service_contacted") == (round(5 / 8, 4), 8)
    assert _value(monitoring.report(NATIONAL, april), "service_contacted")[1] == 8
    # Two answers in a year are hidden, at every level and in every period.
    earlier = Period(2024, ("m", 4))
    for unit in (("org", "koulu-y"), ("sector", "education"), ("region", "lappi"), NATIONAL):
        assert _value(monitoring.report(unit, earlier), "next_step_taken") == (None, None)
    assert _value(monitoring.report(NATIONAL, Period(2024, ("y", 0))), "next_step_taken")[0] is None
