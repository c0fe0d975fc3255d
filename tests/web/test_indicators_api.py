"""`GET /api/indicators` on the real app: levels, an organisation's benchmark, the role check
(an org_owner sees their own organisation only), and bad input as 4xx with a JSON detail."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from accounts.users import User, create_user
from organisations.models import OrganisationBase
from organisations.registry import create_org, get_org
from suunta.wiring import Components
from telemetry.models import SessionRecord
from tests.web.conftest import PASSWORD, sign_in

MARCH = {"from": "2025-03-01", "to": "2025-03-31"}
# sessions per (org, month): big enough to show, one small one that must hide
SIZES = {
    ("koulu-a", 2): 12,
    ("koulu-a", 3): 30,
    ("koulu-b", 3): 3,
    ("koulu-d", 3): 6,
    ("ohjaamo-c", 3): 20,
}


@pytest.fixture
def stocked(web_components: Components) -> Components:
    engine = web_components.engine
    for org_id, sector, region in (
        ("koulu-a", "education", "uusimaa"),
        ("koulu-b", "education", "uusimaa"),
        ("koulu-d", "education", "uusimaa"),
        ("ohjaamo-c", "youth_services", "pirkanmaa"),
    ):
        if get_org(engine=engine, org_id=org_id) is None:
            create_org(
                engine=engine,
                org_in=OrganisationBase(
                    id=org_id,
                    name_fi=org_id,
                    name_sv=org_id,
                    name_en=org_id,
                    sector=sector,
                    region=region,
                ),
            )
            with Session(engine) as db:
                for (org, month), n in SIZES.items():
                    if org != org_id:
                        continue
                    for i in range(n):
                        at = dt.datetime(2025, month, 1 + i % 27, 10, tzinfo=dt.UTC)
                        db.add(SessionRecord(id=uuid.uuid4().hex, started_at=at, org_id=org))
                db.commit()
    accounts: tuple[tuple[str, str, str | None], ...] = (
        ("ownera", "org_owner", "koulu-a"),
        ("boss", "owner", None),
    )
    for name, role, home in accounts:
        with contextlib.suppress(ValueError):  # already there from an earlier test
            create_user(engine=engine, username=name, password=PASSWORD, role=role, org_id=home)
    web_components.orgs._forget()
    return web_components


def _figure(report: dict, indicator: str) -> object:
    return next(i for i in report["indicators"] if i["id"] == indicator)["value"]


def test_levels_and_benchmark_for_owners(
    make_client: Callable[..., TestClient], stocked: Components
) -> None:
    client = make_client()
    sign_in(client, "boss")
    org = client.get("/api/indicators", params={"level": "org", "id": "koulu-a", **MARCH})
    assert org.status_code == 200, org.text
    body = org.json()
    assert _figure(body["org"], "sessions") == 30
    assert _figure(body["previous"], "sessions") == 12
    assert body["previous"]["period"] == "2025-02"
    change = {c["id"]: c["change"] for c in body["change"]}
    assert change["sessions"] == 18  # signed: 30 now, 12 before
    # koulu-b's 3 sessions are hidden, and so is its smallest neighbour (koulu-d, 6), so that
    # the sector or region total minus koulu-a gives only the two together.
    sector, region = body["sector"], body["region"]
    assert _figure(sector, "sessions") == _figure(region, "sessions") == 39
    for hidden in ("koulu-b", "koulu-d"):
        other = client.get("/api/indicators", params={"level": "org", "id": hidden, **MARCH})
        assert _figure(other.json()["org"], "sessions") is None
    national = client.get("/api/indicators", params=MARCH).json()
    assert national["level"] == "national" and national["period"] == "2025-03"
    quarter = {"from": "2025-01-01", "to": "2025-03-31", "level": "sector", "id": "youth_services"}
    assert _figure(client.get("/api/indicators", params=quarter).json(), "sessions") == 20


def test_org_owner_sees_only_their_own_organisation(
    make_client: Callable[..., TestClient], stocked: Components
) -> None:
    client = make_client()
    assert client.get("/api/indicators", params=MARCH).status_code == 401
    sign_in(client, "ownera")
    own = client.get("/api/indicators", params={"level": "org", "id": "koulu-a", **MARCH})
    assert own.status_code == 200 and _figure(own.json()["org"], "sessions") == 30
    for params in (
        {"level": "org", "id": "ohjaamo-c"},
        {"level": "national"},
        {"level": "sector", "id": "education"},
        {"level": "region", "id": "uusimaa"},
    ):
        denied = client.get("/api/indicators", params={**params, **MARCH})
        assert denied.status_code == 403 and denied.json()["detail"]


def test_bad_input_is_4xx_with_a_detail(
    make_client: Callable[..., TestClient],
    stocked: Components,
    add_user: Callable[[str, str], User],
) -> None:
    client = make_client()
    sign_in(client, "boss")
    for params, code in (
        ({"from": "2025-03-02", "to": "2025-03-31"}, 422),  # not a whole month
        ({"from": "2025-03-01"}, 422),
        ({"from": "2099-01-01", "to": "2099-01-31"}, 422),  # not ended
        ({"level": "org", "id": "nobody", **MARCH}, 404),
        ({"level": "region", "id": "atlantis", **MARCH}, 404),
        ({"level": "region", **MARCH}, 422),
        ({"level": "planet", **MARCH}, 422),
        ({"from": "yesterday", "to": "2025-03-31"}, 422),
    ):
        response = client.get("/api/indicators", params=params)
        assert response.status_code == code, (params, response.text)
        assert response.json()["detail"]
