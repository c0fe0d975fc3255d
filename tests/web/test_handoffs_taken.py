"""A handoff taken end to end: the chat page's report of an opened service through the session
route into the store (`link` or `phone`, nothing else), deleted with the session, and the
`handoffs_taken` indicator counted and suppressed from it."""

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


def test_an_opened_service_is_stored_on_the_session_and_deleted_with_it(
    client: TestClient, components: Components
) -> None:
    sid = client.post("/api/chat", json={"message": "Can I talk to a person?"}).json()["session_id"]
    for how in ("phone", "link"):  # a second click changes only the code
        response = client.post(f"/api/session/{sid}/profile", json={"handoff_taken": how})
        assert response.status_code == 204
    components.writer.flush()
    with Session(components.engine) as db:
        row = db.get(SessionRecord, sid)
    assert row is not None and row.handoff_taken == "link"
    assert client.delete(f"/api/session/{sid}").status_code == 204
    components.writer.flush()
    with Session(components.engine) as db:
        assert db.get(SessionRecord, sid) is None


def test_anything_but_link_or_phone_is_422(client: TestClient) -> None:
    for body in (
        {"handoff_taken": "https://ohjaamot.fi/"},  # never which service
        {"handoff_taken": "yes"},
        {"handoff_taken": "link", "service": "Ohjaamo Tampere"},
        {"handoff_taken": None},
    ):
        response = client.post(f"/api/session/{'c' * 32}/profile", json=body)
        assert response.status_code == 422, body
        assert response.json()["detail"] and "Tampere" not in response.text


def test_the_indicator_counts_sessions_and_hides_small_counts(components: Components) -> None:
    engine = components.engine
    taken = {
        ("koulu-x", 2025): ["link"] * 4 + ["phone"] * 3,
        ("koulu-y", 2025): ["link"] * 6,
        ("koulu-y", 2024): ["phone"] * 2,
    }
    with Session(engine) as db:
        for (org, year), codes in taken.items():
            for i, code in enumerate([*codes, None, None]):  # and two sessions that took none
                db.add(
                    SessionRecord(
                        id=uuid.uuid4().hex,
                        started_at=dt.datetime(year, 5, 2 + i, 12, tzinfo=dt.UTC),
                        org_id=org,
                        handoff_taken=code,
                    )
                )
        db.commit()
    orgs = [OrgInfo("koulu-x", "education", "uusimaa"), OrgInfo("koulu-y", "education", "lappi")]
    monitoring = Monitoring(engine, orgs, minimum=MINIMUM)
    may = Period(2025, ("m", 5))
    assert _value(monitoring.report(("org", "koulu-x"), may), "handoffs_taken") == (7, 7)
    assert _value(monitoring.report(("org", "koulu-y"), may), "handoffs_taken") == (6, 6)
    assert _value(monitoring.report(("sector", "education"), may), "handoffs_taken") == (13, 13)
    assert _value(monitoring.report(NATIONAL, may), "handoffs_taken") == (13, 13)
    # Two sessions in a year are hidden, at every level and in every period.
    for unit in (("org", "koulu-y"), ("sector", "education"), ("region", "lappi"), NATIONAL):
        for period in (Period(2024, ("m", 5)), Period(2024, ("y", 0))):
            assert _value(monitoring.report(unit, period), "handoffs_taken")[0] is None
