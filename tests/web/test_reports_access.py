"""The report API is for service owners: owner and admin only, JSON errors for the rest."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import sign_in
from web.auth.users import User


def test_reports_need_an_owner_or_admin(
    make_client: Callable[..., TestClient], add_user: Callable[[str, str], User]
) -> None:
    add_user("rep.cora", "counsellor")
    add_user("rep.olli", "owner")
    stranger = make_client()
    for path in ("/api/reports/summary?gaps=false", "/api/reports/export?format=csv&gaps=false"):
        response = stranger.get(path)
        assert response.status_code == 401 and response.json()["detail"]
    counsellor = make_client()
    sign_in(counsellor, "rep.cora")
    assert counsellor.get("/api/reports/summary?gaps=false").status_code == 403
    owner = make_client()
    sign_in(owner, "rep.olli")
    summary = owner.get("/api/reports/summary?gaps=false")
    assert summary.status_code == 200 and "reach" in summary.json()
    export = owner.get("/api/reports/export?format=csv&gaps=false")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")


def test_the_schema_documents_the_role_check(web_client: TestClient) -> None:
    responses = web_client.get("/openapi.json").json()["paths"]["/api/reports/summary"]["get"][
        "responses"
    ]
    assert {"401", "403"} <= set(responses)
