"""Uploading an organisation's monthly guidance contacts on the admin page: all rows or none,
the bad line named, admin only, CSRF-checked, a bigger body allowed on that path alone."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accounts.users import create_user
from organisations.contacts import contacts_by_month
from organisations.models import OrganisationBase
from organisations.registry import create_org, get_org
from suunta.wiring import Components
from tests.web.conftest import PASSWORD, form_token, sign_in

GOOD = (
    "org_id,month,channel,contacts\n"
    "upload-org,2026-09,face_to_face,412\n"
    "upload-org,2026-09,phone,88\n"
)


@pytest.fixture
def admin(make_client: Callable[..., TestClient], web_components: Components) -> TestClient:
    engine = web_components.engine
    if get_org(engine=engine, org_id="upload-org") is None:
        create_org(
            engine=engine,
            org_in=OrganisationBase(
                id="upload-org",
                name_fi="Lataus",
                name_sv="Uppladdning",
                name_en="Upload",
                sector="education",
                region="lappi",
            ),
        )
    for name, role in (("ada", "admin"), ("omar", "owner")):
        with contextlib.suppress(ValueError):
            create_user(engine=engine, username=name, password=PASSWORD, role=role)
    client = make_client()
    assert sign_in(client, "ada").status_code == 303
    return client


def _upload(client: TestClient, body: bytes, token: str | None = None) -> Any:
    return client.post(
        "/admin/orgs/contacts",
        data={"csrf_token": token if token is not None else form_token(client, "/admin/orgs")},
        files={"file": ("contacts.csv", body, "text/csv")},
        follow_redirects=False,
    )


def test_an_admin_imports_a_contacts_file(admin: TestClient, web_components: Components) -> None:
    response = _upload(admin, GOOD.encode())
    assert response.status_code == 303
    page = admin.get(response.headers["location"])
    assert "Ohjauskontaktit tuotu: 2 riviä." in page.text  # the page's default language
    stored = contacts_by_month(engine=web_components.engine, org_id="upload-org")
    assert stored[dt.date(2026, 9, 1)] == {"face_to_face": 412, "phone": 88}
    assert 'enctype="multipart/form-data"' in page.text


def test_a_bad_line_refuses_the_whole_file(admin: TestClient, web_components: Components) -> None:
    bad = GOOD.replace("2026-09,face", "2026-10,face") + "upload-org,2026-13,chat,5\n"
    response = _upload(admin, bad.encode())
    assert response.status_code == 400
    assert "line 4: month must be YYYY-MM" in response.text
    stored = contacts_by_month(engine=web_components.engine, org_id="upload-org")
    assert dt.date(2026, 10, 1) not in stored  # nothing of the file was kept
    for body, words in (
        (b"\xff\xfe not text", "not UTF-8"),
        (b"org_id,month\n", "missing column(s) channel, contacts"),
        (
            b"org_id,month,channel,contacts\nnobody,2026-09,phone,3\n",
            "no organisation &#39;nobody&#39;",
        ),
    ):
        refused = _upload(admin, body)
        assert refused.status_code == 400 and words in refused.text, words


def test_admin_only_with_the_form_token(
    admin: TestClient, make_client: Callable[..., TestClient]
) -> None:
    assert _upload(admin, GOOD.encode(), token="forged").status_code == 403
    owner = make_client()
    sign_in(owner, "omar")
    assert _upload(owner, GOOD.encode(), token="x").status_code == 403
    stranger = make_client().post(
        "/admin/orgs/contacts",
        files={"file": ("c.csv", GOOD.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/login")


def test_the_upload_path_alone_takes_a_bigger_body(admin: TestClient) -> None:
    rows = "".join(f"upload-org,{2000 + i // 12}-{i % 12 + 1:02d},phone,{i}\n" for i in range(1200))
    big = ("org_id,month,channel,contacts\n" + rows).encode()
    assert len(big) > 16 * 1024
    assert _upload(admin, big).status_code == 303
    assert _upload(admin, b"x" * (1024 * 1024 + 1)).status_code == 413
    assert admin.post("/api/feedback", content=b"x" * (17 * 1024)).status_code == 413
