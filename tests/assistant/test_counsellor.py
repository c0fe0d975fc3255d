"""The counsellor co-pilot's plan, from the assistant and through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from accounts.users import create_user
from assistant.assistant import Assistant
from suunta.wiring import Components
from telemetry.store import init_schema
from tests.web.conftest import PASSWORD, sign_in

SITUATION = (
    "My client is 38, works in a warehouse and wants apprenticeship training as an electrician "
    "to keep earning a wage. Could Kela student financial aid help too?"
)


def test_counsellor_mode_returns_a_plan_with_numbered_sources(assistant: Assistant) -> None:
    reply = assistant.reply(SITUATION, mode="counsellor")
    assert reply.kind == "answer" and reply.plan is not None
    plan = reply.plan
    items = plan.services + plan.options
    assert items
    for item in items:
        assert 1 <= item.source <= len(reply.sources)
        assert item.title == reply.sources[item.source - 1].title
        assert item.detail
    assert 2 <= len(plan.questions) <= 4
    assert all(q.endswith("?") for q in plan.questions)
    assert "[1]" in plan.summary and len(plan.summary.split()) <= 80
    # Nothing of the client's own description is copied into the plan.
    assert "warehouse" not in plan.summary and "38" not in plan.summary


def test_learner_mode_has_no_plan(assistant: Assistant) -> None:
    assert assistant.reply(SITUATION).plan is None


def test_plan_is_in_the_language_of_the_question(assistant: Assistant) -> None:
    reply = assistant.reply(
        "Asiakas haluaa opiskella uuden ammatin oppisopimuksella. Mitä vaihtoehtoja on?",
        mode="counsellor",
    )
    assert reply.plan is not None and reply.language == "fi"
    assert reply.plan.summary.startswith("Keskeiset lähteet:")


def test_api_returns_the_plan_only_to_counsellors(
    client: TestClient, components: Components
) -> None:
    asked = {"message": SITUATION, "mode": "counsellor"}
    # Without signing in, counsellor mode is refused: it would count in the counsellor figures.
    assert client.post("/api/chat", json=asked).status_code == 403
    assert client.post("/api/chat/stream", json=asked).status_code == 403
    init_schema(components.engine)
    create_user(engine=components.engine, username="cora", password=PASSWORD, role="counsellor")
    assert sign_in(client, "cora").status_code == 303
    body = client.post("/api/chat", json=asked).json()
    assert body["kind"] == "answer"
    plan = body["plan"]
    assert set(plan) == {"services", "options", "questions", "summary"}
    for item in plan["services"] + plan["options"]:
        assert 1 <= item["source"] <= len(body["sources"])
    assert client.post("/api/chat", json={"message": SITUATION}).json()["plan"] is None
