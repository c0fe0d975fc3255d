"""The dashboard's level APIs on the real app: the counsellor level (each member of staff sees
their own co-pilot use and ratings, nobody else's), the units each role may pick, and the
open-data package as a ZIP."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from accounts.users import create_user, list_users
from organisations.models import OrganisationBase
from organisations.registry import create_org, get_org
from suunta.wiring import Components
from telemetry.models import SessionRecord
from tests.web.conftest import PASSWORD, sign_in

ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    ("anna", "counsellor", None),
    ("bertil", "counsellor", None),
    ("pomo", "owner", None),
    ("koulu", "org_owner", "koulu-lvl"),
)


@pytest.fixture
def staff(web_components: Components) -> Components:
    engine = web_components.engine
    if get_org(engine=engine, org_id="koulu-lvl") is None:
        for org_id, sector in (("koulu-lvl", "education"), ("ohjaamo-lvl", "youth_services")):
            create_org(
                engine=engine,
                org_in=OrganisationBase(
                    id=org_id,
                    name_fi=f"{org_id} fi",
                    name_sv=f"{org_id} sv",
                    name_en=f"{org_id} en",
                    sector=sector,
                    region="kainuu",
                ),
            )
    for name, role, home in ACCOUNTS:
        with contextlib.suppress(ValueError):  # already there from an earlier test
            create_user(engine=engine, username=name, password=PASSWORD, role=role, org_id=home)
    web_components.orgs._forget()
    return web_components


def _client(make_client: Callable[..., TestClient], name: str | None) -> TestClient:
    client = make_client()
    if name:
        assert sign_in(client, name).status_code == 303
    return client


def _plan(client: TestClient, text: str, **extra: object) -> dict:
    reply = client.post("/api/chat", json={"message": text, "mode": "counsellor", **extra})
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def test_each_counsellor_sees_their_own_copilot_use_and_nobody_elses(
    make_client: Callable[..., TestClient], staff: Components
) -> None:
    anna, bertil = _client(make_client, "anna"), _client(make_client, "bertil")
    before = {
        n: c.get("/api/indicators/counsellor").json()["total"]
        for n, c in (("anna", anna), ("bertil", bertil))
    }
    plans = [
        _plan(anna, "Asiakas on 45-vuotias lähihoitaja, haluaa alanvaihtoon.") for _ in range(3)
    ]
    # Bertil tries to put his question under Anna's key: the server decides whose it is.
    anna_key = staff.chat.staff_key(_users(staff)["anna"])
    _plan(bertil, "Client wants to study nursing as an adult.", user_id=anna_key)
    for plan, rating in zip(plans[:2], (5, 3), strict=True):
        feedback = anna.post(
            "/api/feedback", json={"message_id": plan["message_id"], "rating": rating}
        )
        assert feedback.status_code == 204
    staff.writer.flush()

    mine = anna.get("/api/indicators/counsellor")
    assert mine.status_code == 200, mine.text
    body = mine.json()
    assert body["level"] == "counsellor"
    total = body["total"]
    assert total["questions"] - before["anna"]["questions"] == 3
    assert total["ratings"] - before["anna"]["ratings"] == 2
    this_month = dt.datetime.now(dt.UTC).date().replace(day=1).isoformat()
    assert body["months"][-1]["month"] == this_month and len(body["months"]) == 12
    assert body["months"][-1]["questions"] == total["questions"]
    his = bertil.get("/api/indicators/counsellor").json()["total"]
    assert his["questions"] - before["bertil"]["questions"] == 1
    assert his["ratings"] == before["bertil"]["ratings"]
    # The owner's own figures are their own too, not everyone's.
    assert (
        _client(make_client, "pomo").get("/api/indicators/counsellor").json()["total"]["questions"]
        == 0
    )
    # The key is a keyed pseudonym: neither the account id nor the username is stored.
    with Session(staff.engine) as db:
        ids = {
            s.user_id
            for s in db.exec(select(SessionRecord).where(SessionRecord.channel == "counsellor"))
        }
    assert len(ids) == 2 and all(i and len(i) == 32 and "anna" not in i for i in ids)
    # There is no parameter to ask for someone else's figures.
    other = anna.get("/api/indicators/counsellor", params={"user": "bertil", "id": "bertil"})
    assert other.json()["total"] == total


def _users(components: Components) -> dict[str, int]:
    return {u.username: u.id for u in list_users(engine=components.engine)}


def test_counsellor_level_needs_a_staff_sign_in_and_a_sane_span(
    make_client: Callable[..., TestClient], staff: Components
) -> None:
    assert _client(make_client, None).get("/api/indicators/counsellor").status_code == 401
    denied = _client(make_client, "koulu").get("/api/indicators/counsellor")
    assert denied.status_code == 403 and denied.json()["detail"]
    anna = _client(make_client, "anna")
    for params in (
        {"from": "2026-05-01", "to": "2026-04-01"},
        {"from": "2020-01-01", "to": "2026-01-01"},
        {"from": "yesterday"},
    ):
        bad = anna.get("/api/indicators/counsellor", params=params)
        assert bad.status_code == 422 and bad.json()["detail"], params
    quarter = anna.get(
        "/api/indicators/counsellor", params={"from": "2026-01-01", "to": "2026-03-31"}
    )
    assert [m["month"] for m in quarter.json()["months"]] == [
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
    ]


def test_units_follow_the_role(make_client: Callable[..., TestClient], staff: Components) -> None:
    owner = _client(make_client, "pomo").get("/api/indicators/units").json()
    assert owner["levels"] == ["national", "region", "sector", "org"]
    assert len(owner["regions"]) == 19 and "education" in owner["sectors"]
    assert {"koulu-lvl", "ohjaamo-lvl"} <= {o["id"] for o in owner["orgs"]}
    assert owner["open_data"] and owner["counsellor"]
    ids = {i["id"] for i in owner["indicators"]}
    assert {"next_step_taken", "service_contacted", "sessions"} <= ids
    koulu = _client(make_client, "koulu").get("/api/indicators/units").json()
    assert koulu["levels"] == ["org"] and [o["id"] for o in koulu["orgs"]] == ["koulu-lvl"]
    assert koulu["orgs"][0]["names"]["sv"] == "koulu-lvl sv"
    assert not koulu["regions"] and not koulu["sectors"]
    assert not koulu["open_data"] and not koulu["counsellor"]
    anna = _client(make_client, "anna").get("/api/indicators/units").json()
    assert anna["levels"] == [] and anna["orgs"] == [] and anna["counsellor"]
    assert _client(make_client, None).get("/api/indicators/units").status_code == 401


def test_open_data_zip_for_owners_only(
    make_client: Callable[..., TestClient], staff: Components
) -> None:
    owner = _client(make_client, "pomo")
    response = owner.get(
        "/api/indicators/open-data", params={"from": "2025-03-01", "to": "2025-03-31"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert 'filename="suunta-indicators-2025-03.zip"' in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        assert names == {
            f"suunta-indicators-2025-03/{n}"
            for n in ("datapackage.json", "indicators.csv", "values.csv")
        }
        descriptor = json.loads(archive.read("suunta-indicators-2025-03/datapackage.json"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    for who in ("koulu", "anna"):
        assert _client(make_client, who).get("/api/indicators/open-data").status_code == 403
    bad = owner.get("/api/indicators/open-data", params={"from": "2025-03-02", "to": "2025-03-31"})
    assert bad.status_code == 422 and bad.json()["detail"]


def test_pages_by_role(make_client: Callable[..., TestClient], staff: Components) -> None:
    koulu = _client(make_client, "koulu")
    page = koulu.get("/dashboard")
    assert page.status_code == 200
    # the level picker only: not the whole service's figures, nor the open-data download
    assert 'id="levels"' in page.text and 'id="report"' not in page.text
    assert 'id="open-data"' not in page.text and 'id="filters"' not in page.text
    assert koulu.get("/counsellor/figures").status_code == 403
    owner = _client(make_client, "pomo").get("/dashboard").text
    assert 'id="report"' in owner and 'id="levels"' in owner and 'id="open-data"' in owner
    anna = _client(make_client, "anna")
    assert anna.get("/dashboard").status_code == 403
    mine = anna.get("/counsellor/figures")
    assert mine.status_code == 200 and 'src="/static/expert.js"' in mine.text
    assert 'href="/counsellor/figures"' in anna.get("/counsellor").text
    stranger = _client(make_client, None).get("/counsellor/figures", follow_redirects=False)
    assert stranger.headers["location"] == "/login?next=/counsellor/figures"
