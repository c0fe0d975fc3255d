"""A learner's session through the API: reach answers, and deleting it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session, col

from suunta.wiring import Components
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.profile import AGE_BANDS, LIFE_SITUATIONS, QUESTIONS, REGIONS


def _count(components: Components, table: type) -> int:
    with components.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_profile_answers_are_stored_on_the_session(
    client: TestClient, components: Components
) -> None:
    reply = client.post("/api/chat", json={"message": "How does apprenticeship work?"}).json()
    sid = reply["session_id"]
    answers = {"age_band": "25-34", "region": "ahvenanmaa", "life_situation": "laid_off"}
    assert client.post(f"/api/session/{sid}/profile", json=answers).status_code == 204
    assert client.post(f"/api/session/{sid}/profile", json={"clarity_end": 5}).status_code == 204
    components.writer.flush()
    with Session(components.engine) as db:
        session = db.get(SessionRecord, sid)
    assert session is not None
    assert (session.age_band, session.region, session.life_situation) == (
        "25-34",
        "ahvenanmaa",
        "laid_off",
    )
    assert session.clarity_end == 5 and session.language == "en"


def test_profile_answers_outside_the_fixed_lists_are_422(client: TestClient) -> None:
    for body in (
        {},
        {"region": "Helsinki"},
        {"age_band": "33"},
        {"life_situation": "astronaut"},
        {"clarity_start": 0},
        {"clarity_end": 6},
        {"region": "uusimaa", "name": "Matti"},
    ):
        response = client.post(f"/api/session/{'a' * 32}/profile", json=body)
        assert response.status_code == 422, body
        assert "detail" in response.json()
        assert "Matti" not in response.text and "Helsinki" not in response.text
    assert client.post("/api/session/a%20b/profile", json={"clarity_start": 2}).status_code == 422
    assert (
        client.post(f"/api/session/{'x' * 65}/profile", json={"clarity_start": 2}).status_code
        == 422
    )


def test_deleting_a_session_removes_its_data_and_memory(
    client: TestClient, components: Components
) -> None:
    first = client.post("/api/chat", json={"message": "What is apprenticeship training?"}).json()
    sid = first["session_id"]
    client.post("/api/chat", json={"message": "And the pay?", "session_id": sid})
    client.post("/api/chat", json={"message": "I want to kill myself", "session_id": sid})
    client.post("/api/feedback", json={"message_id": first["message_id"], "rating": 2})
    client.post(f"/api/session/{sid}/profile", json={"region": "lappi"})
    other = client.post("/api/chat", json={"message": "Kela student financial aid"}).json()
    components.writer.flush()
    assert _count(components, MessageRecord) == 4
    assert components.assistant.memory.history(sid)

    assert client.delete(f"/api/session/{sid}").status_code == 204
    assert client.delete(f"/api/session/{sid}").status_code == 204  # idempotent
    components.writer.flush()
    with components.engine.connect() as conn:
        sessions = set(conn.execute(select(col(SessionRecord.id))).scalars())
        messages = set(conn.execute(select(col(MessageRecord.session_id))).scalars())
    assert sessions == messages == {other["session_id"]}
    assert _count(components, FeedbackRecord) == 0
    assert _count(components, EscalationRecord) == 1  # the crisis count stays, unlinked
    assert components.assistant.memory.history(sid) == []
    # Feedback on a deleted message is refused, not stored.
    late = client.post("/api/feedback", json={"message_id": first["message_id"], "rating": 5})
    assert late.status_code == 404


def test_delete_needs_a_valid_session_id(client: TestClient) -> None:
    assert client.delete("/api/session/not%20valid").status_code == 422
    assert client.delete("/api/session/").status_code in (404, 405)


def test_profile_options_in_three_languages(client: TestClient) -> None:
    for language in ("fi", "sv", "en"):
        body = client.get("/api/profile/options", params={"language": language}).json()
        assert [o["code"] for o in body["region"]] == list(REGIONS)
        assert len(body["region"]) == 19
        assert [o["code"] for o in body["age_band"]] == list(AGE_BANDS)
        assert [o["code"] for o in body["life_situation"]] == list(LIFE_SITUATIONS)
        assert body["questions"]["clarity"] == QUESTIONS["clarity"][language]
        assert body["clarity"] == [1, 2, 3, 4, 5]
    sv = client.get("/api/profile/options", params={"language": "sv"}).json()
    assert {"code": "ahvenanmaa", "label": "Åland"} in sv["region"]
    assert client.get("/api/profile/options", params={"language": "de"}).status_code == 422
