"""The report API is for service owners: owner and admin only, JSON errors for the rest."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from accounts.users import User
from tests.web.conftest import sign_in


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


def test_a_filter_adds_the_group_figures(
    make_client: Callable[..., TestClient], add_user: Callable[[str, str], User]
) -> None:
    add_user("rep.oona", "owner")
    owner = make_client()
    sign_in(owner, "rep.oona")
    whole = owner.get("/api/reports/summary?gaps=false").json()
    assert whole["filter"] is None
    fi = owner.get("/api/reports/summary?gaps=false&language=fi").json()["filter"]
    assert fi["kind"] == "language" and fi["value"] == "fi"
    # No Finnish sessions in this module's store: said as zero, not as hidden.
    assert fi["sessions"] == 0 and not fi["shown"] and fi["sessions_trend"] == []
    both = owner.get("/api/reports/summary?gaps=false&language=fi&channel=web")
    assert both.status_code == 422 and "not both" in both.json()["detail"]
    odd = owner.get("/api/reports/summary?gaps=false&channel=%3Cscript%3E")
    assert odd.status_code == 422 and odd.json()["detail"]
