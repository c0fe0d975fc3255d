"""Session and visitor ids are only ever of the server's own form: anything a client makes up
is refused with 422 (400 on the OpenAI API) and never stored (issue 16)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from suunta.wiring import Components
from tests.adversarial.test_crisis_corpus import _stored_text

MADE_UP = [
    "Mikko_Virtanen_131052-308T",
    "mikko-virtanen",
    "0123456789ABCDEF0123456789ABCDEF",  # upper case: not what the server issues
    "0123456789abcdef0123456789abcde",  # 31 digits
    "0123456789abcdef0123456789abcdef0",
    "g123456789abcdef0123456789abcdef",
]


@pytest.mark.parametrize("made_up", MADE_UP)
def test_made_up_ids_are_refused_and_never_stored(
    loose_client: TestClient, web_components: Components, made_up: str
) -> None:
    message = "How does apprenticeship training work?"
    for path in ("/api/chat", "/api/chat/stream"):
        for field in ("session_id", "user_id"):
            response = loose_client.post(path, json={"message": message, field: made_up})
            assert response.status_code == 422, (path, field)
            assert made_up not in response.text
    completion = {
        "model": "suunta",
        "messages": [{"role": "user", "content": message}],
        "session_id": made_up,
    }
    assert loose_client.post("/v1/chat/completions", json=completion).status_code == 400
    assert loose_client.delete(f"/api/session/{made_up}").status_code == 422
    profile = loose_client.post(f"/api/session/{made_up}/profile", json={"clarity_start": 2})
    assert profile.status_code == 422
    assert made_up.lower() not in _stored_text(web_components).lower()


def test_issued_ids_are_accepted(loose_client: TestClient) -> None:
    first = loose_client.post("/api/chat", json={"message": "What is apprenticeship?"}).json()
    assert len(first["session_id"]) == 32
    visitor = "0123456789abcdef0123456789abcdef"
    second = loose_client.post(
        "/api/chat",
        json={"message": "And the pay?", "session_id": first["session_id"], "user_id": visitor},
    )
    assert second.status_code == 200 and second.json()["session_id"] == first["session_id"]
