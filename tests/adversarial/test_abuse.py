"""Abuse-resistant endpoints (issue 16): the sign-in throttle cannot be raced, the session-data
writes are rate-limited, and counsellor mode needs a signed-in counsellor."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, form_token, sign_in

AddUser = Callable[[str, str], object]


def test_concurrent_wrong_passwords_are_counted_before_the_hash_check(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("rita.raced", "owner")
    client = make_client()
    client.get("/login")
    token = client.cookies.get("suunta_csrf")
    data = {"username": "rita.raced", "password": "wrong password!", "csrf_token": token}

    def attempt(_: int) -> int:
        return client.post("/login", data=data, follow_redirects=False).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(attempt, range(40)))
    # Five passwords were checked; every other attempt waited, however many raced.
    assert codes.count(401) == 5, codes
    assert codes.count(429) == 35, codes
    assert sign_in(client, "rita.raced", PASSWORD).status_code == 429


def test_an_office_behind_one_address_can_still_sign_in(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    client = make_client()
    for n in range(8):
        add_user(f"office.user{n}", "counsellor")
        assert sign_in(client, f"office.user{n}").status_code == 303
        client.cookies.delete("suunta_session")


def test_session_data_writes_are_rate_limited(make_client: Callable[..., TestClient]) -> None:
    client = make_client(rate_limit_per_minute=5)
    codes = []
    for n in range(8):
        session = f"{n:032x}"
        codes.append(client.post(f"/api/session/{session}/profile", json={"clarity_start": 2}))
        codes.append(client.delete(f"/api/session/{session}"))
    statuses = [r.status_code for r in codes]
    assert statuses[:5] == [204] * 5
    assert set(statuses[5:]) == {429}
    assert all(int(r.headers["retry-after"]) >= 1 for r in codes[5:])


def test_counsellor_mode_needs_a_signed_in_counsellor(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    client = make_client()
    asked = {"message": "My client wants an apprenticeship.", "mode": "counsellor"}
    for path in ("/api/chat", "/api/chat/stream"):
        refused = client.post(path, json=asked)
        assert refused.status_code == 403 and "detail" in refused.json()
    add_user("carl.counsellor", "counsellor")
    assert sign_in(client, "carl.counsellor").status_code == 303
    assert client.post("/api/chat", json=asked).status_code == 200
    assert client.post("/api/chat/stream", json=asked).status_code == 200
    # Learner mode stays open to everyone.
    anonymous = make_client()
    assert (
        anonymous.post("/api/chat", json={"message": "What is apprenticeship?"}).status_code == 200
    )


def test_the_csrf_token_is_bound_to_the_sign_in_session(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("bound.bea", "owner")
    add_user("bound.bob", "owner")
    bea, bob = make_client(), make_client()
    sign_in(bea, "bound.bea")
    sign_in(bob, "bound.bob")
    bea_token = form_token(bea, "/dashboard")
    # The cookie's secret alone (what a planted cookie would give) is no longer enough.
    secret = bea.cookies.get("suunta_csrf") or ""
    assert bea.post("/logout", data={"csrf_token": secret}).status_code == 403
    # Bea's token with Bob's session and Bea's secret: refused.
    bob.cookies.set("suunta_csrf", secret)
    assert bob.post("/logout", data={"csrf_token": bea_token}).status_code == 403
    response = bea.post("/logout", data={"csrf_token": bea_token}, follow_redirects=False)
    assert response.status_code == 303


def test_staff_responses_are_never_cached(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("cache.cleo", "owner")
    client = make_client()
    sign_in(client, "cache.cleo")
    for path in ("/api/reports/summary", "/api/reports/export?format=csv", "/dashboard"):
        response = client.get(path)
        assert response.headers["cache-control"] == "no-store", path
    anonymous = make_client()
    assert anonymous.get("/api/reports/summary").headers["cache-control"] == "no-store"
    assert "no-store" not in anonymous.get("/static/chat.js").headers.get("cache-control", "")
