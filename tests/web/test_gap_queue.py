"""The knowledge-gap work queue API: owners mark themes, with the CSRF header, JSON errors."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from accounts.users import User
from evaluation.reports.gap_queue import marks
from suunta.wiring import Components
from tests.web.conftest import form_token, sign_in

KEY = "0123456789abcdef"


def test_an_owner_marks_and_reopens_a_theme(
    make_client: Callable[..., TestClient],
    add_user: Callable[[str, str], User],
    web_components: Components,
) -> None:
    add_user("queue.olga", "owner")
    add_user("queue.cora", "counsellor")
    owner = make_client()
    sign_in(owner, "queue.olga")
    token = {"X-CSRF-Token": form_token(owner, "/dashboard")}
    body = {"state": "fixed", "fixed_by": "card:truck-licence", "questions": ["a" * 16]}
    # Without the header a cross-site request carrying the cookie changes nothing.
    assert owner.post(f"/api/reports/gaps/{KEY}", json=body).status_code == 403
    assert owner.post(f"/api/reports/gaps/{KEY}", json=body, headers=token).status_code == 204
    (stored,) = marks(web_components.engine)
    assert (stored.key, stored.state, stored.fixed_by) == (KEY, "fixed", "card:truck-licence")
    assert stored.questions == {KEY, "a" * 16}
    unnamed = owner.post(f"/api/reports/gaps/{KEY}", json={"state": "fixed"}, headers=token)
    assert unnamed.status_code == 422 and unnamed.json()["detail"]
    for bad in ("not-a-key", "0123"):
        assert owner.post(f"/api/reports/gaps/{bad}", json=body, headers=token).status_code == 422
    odd = owner.post(f"/api/reports/gaps/{KEY}", json={"state": "done"}, headers=token)
    assert odd.status_code == 422
    assert owner.delete(f"/api/reports/gaps/{KEY}", headers=token).status_code == 204
    assert owner.delete(f"/api/reports/gaps/{KEY}", headers=token).status_code == 404
    assert marks(web_components.engine) == []
    counsellor = make_client()
    sign_in(counsellor, "queue.cora")
    ctoken = {"X-CSRF-Token": counsellor.cookies.get("suunta_csrf") or ""}
    denied = counsellor.post(f"/api/reports/gaps/{KEY}", json=body, headers=ctoken)
    assert denied.status_code == 403
