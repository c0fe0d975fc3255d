"""Organisations' doors on the real app: `/?org=`, the embeddable chat and its frame-ancestors,
the session stored under the organisation, and the admin page (admin only, CSRF-checked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from accounts.users import User
from organisations.models import OrganisationBase
from organisations.registry import create_org, get_org
from suunta.wiring import Components
from telemetry.models import SessionRecord
from tests.web.conftest import form_token, sign_in


def _directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def _register(components: Components, org_id: str, parents: str = "") -> None:
    if get_org(engine=components.engine, org_id=org_id) is None:
        create_org(
            engine=components.engine,
            org_in=OrganisationBase(
                id=org_id,
                name_fi="Ohjaamo Oulu",
                name_sv="Ohjaamo Uleåborg",
                name_en="Ohjaamo Oulu",
                sector="youth_services",
                region="pohjois-pohjanmaa",
                launched_on=dt.date(2026, 10, 1),
                allowed_parents=parents,
            ),
        )
    components.orgs._forget()  # registered behind the service's back: drop its cached ids


def test_embed_is_framed_only_by_the_orgs_sites(
    web_client: TestClient, web_components: Components
) -> None:
    _register(web_components, "ohjaamo-oulu", "https://ohjaamo.example.fi https://oulu.example.fi")
    page = web_client.get("/embed/ohjaamo-oulu?lang=sv")
    assert page.status_code == 200
    csp = _directives(page.headers["content-security-policy"])
    assert csp["frame-ancestors"] == "https://ohjaamo.example.fi https://oulu.example.fi"
    assert csp["script-src"] == "'self'" and csp["default-src"] == "'self'"
    assert "x-frame-options" not in page.headers
    assert 'data-org="ohjaamo-oulu"' in page.text and "Ohjaamo Uleåborg" in page.text
    assert "embed" in page.text.split("<body", 1)[1].split(">", 1)[0]
    # Unknown organisation: the national chat, which no site may frame.
    unknown = web_client.get("/embed/no-such-org")
    assert unknown.status_code == 200 and "data-org" not in unknown.text
    assert _directives(unknown.headers["content-security-policy"])["frame-ancestors"] == "'none'"
    # Every other page stays unframeable, even one that tries to set its own policy.
    home = web_client.get("/?org=ohjaamo-oulu")
    assert home.headers["x-frame-options"] == "DENY"
    assert _directives(home.headers["content-security-policy"])["frame-ancestors"] == "'none'"
    assert 'data-org="ohjaamo-oulu"' in home.text
    assert "data-org" not in web_client.get("/?org=nobody").text


def test_sessions_are_stored_under_the_door_they_came_through(
    web_client: TestClient, web_components: Components
) -> None:
    _register(web_components, "ohjaamo-oulu")
    ids = {}
    for org in ("ohjaamo-oulu", "no-such-org", None):
        body: dict[str, str] = {"message": "How does apprenticeship training work?"}
        if org:
            body["org_id"] = org
        reply = web_client.post("/api/chat", json=body)
        assert reply.status_code == 200
        ids[org] = reply.json()["session_id"]
    # A later message cannot move a session to another organisation.
    later = {"message": "And the pay?", "session_id": ids[None], "org_id": "ohjaamo-oulu"}
    assert web_client.post("/api/chat", json=later).status_code == 200
    streamed = web_client.post(
        "/api/chat/stream", json={"message": "Kela study grant", "org_id": "ohjaamo-oulu"}
    )
    done = streamed.text.split("event: done\ndata: ", 1)[1].split("\n", 1)[0]
    ids["stream"] = __import__("json").loads(done)["session_id"]
    web_components.writer.flush()
    with Session(web_components.engine) as db:
        stored = {r.id: r.org_id for r in db.exec(select(SessionRecord))}
    assert stored[ids["ohjaamo-oulu"]] == "ohjaamo-oulu"
    assert stored[ids["stream"]] == "ohjaamo-oulu"
    assert stored[ids["no-such-org"]] is None and stored[ids[None]] is None
    bad = web_client.post("/api/chat", json={"message": "hi", "org_id": "<script>"})
    assert bad.status_code == 422 and bad.json()["detail"]


def test_admin_page_adds_and_removes_with_csrf(
    make_client: Callable[..., TestClient],
    web_components: Components,
    add_user: Callable[[str, str], User],
) -> None:
    add_user("orgadmin", "admin")
    add_user("orgowner1", "owner")
    client = make_client()
    assert client.get("/admin/orgs", follow_redirects=False).status_code == 303
    sign_in(client, "orgowner1")
    assert client.get("/admin/orgs").status_code == 403
    client.post("/logout", data={"csrf_token": form_token(client, "/dashboard")})
    client = make_client()
    sign_in(client, "orgadmin")
    assert client.get("/admin/orgs?lang=en").status_code == 200
    token = form_token(client, "/admin/orgs")
    form = {
        "org_id": "te-lappi",
        "name_fi": "Lapin TE-palvelut",
        "name_sv": "TE-tjänster i Lappland",
        "name_en": "Lapland TE services",
        "sector": "employment_services",
        "region": "lappi",
        "launched_on": "2026-11-02",
        "allowed_parents": "https://te.example.fi",
    }
    assert client.post("/admin/orgs", data=form).status_code == 403  # no CSRF token
    added = client.post("/admin/orgs", data={**form, "csrf_token": token}, follow_redirects=False)
    assert added.status_code == 303
    record = get_org(engine=web_components.engine, org_id="te-lappi")
    assert record is not None and record.launched_on == dt.date(2026, 11, 2)
    listing = client.get("/admin/orgs?lang=en").text
    assert "Lapland TE services" in listing and "/embed/te-lappi" in listing
    again = client.post("/admin/orgs", data={**form, "csrf_token": token})
    assert again.status_code == 400 and "exists already" in again.text
    wrong = client.post(
        "/admin/orgs", data={**form, "org_id": "x2", "region": "mars", "csrf_token": token}
    )
    assert wrong.status_code == 400 and "region" in wrong.text
    removed = client.post(
        "/admin/orgs/te-lappi/remove", data={"csrf_token": token}, follow_redirects=False
    )
    assert removed.status_code == 303
    assert get_org(engine=web_components.engine, org_id="te-lappi") is None
    assert client.post("/admin/orgs/te-lappi/remove", data={"csrf_token": token}).status_code == 404
