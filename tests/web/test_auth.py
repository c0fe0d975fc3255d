"""Staff accounts: hashing, sign-in with CSRF and throttling, cookies, roles, sign-out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from accounts.models import LoginSessionRecord, UserRecord
from accounts.sign_in import user_for_token
from accounts.users import User, UserError, authenticate, create_user, remove_user
from suunta.wiring import Components
from tests.web.conftest import PASSWORD, form_token, sign_in

AddUser = Callable[[str, str], User]


def test_passwords_are_stored_as_argon2id(web_components: Components, add_user: AddUser) -> None:
    add_user("hash.check", "counsellor")
    with Session(web_components.engine) as db:
        record = db.exec(select(UserRecord).where(UserRecord.username == "hash.check")).one()
    assert record.password_hash.startswith("$argon2id$")
    assert PASSWORD not in record.password_hash
    assert authenticate(engine=web_components.engine, username="hash.check", password=PASSWORD)
    assert not authenticate(engine=web_components.engine, username="hash.check", password="x" * 12)
    assert not authenticate(engine=web_components.engine, username="nobody", password=PASSWORD)


@pytest.mark.parametrize(
    ("username", "password", "role", "problem"),
    [
        ("Bad Name", PASSWORD, "owner", "username"),
        ("ab", PASSWORD, "owner", "username"),
        ("okname", "short", "owner", "at least"),
        ("okname", PASSWORD, "boss", "role"),
    ],
)
def test_bad_accounts_are_refused(
    web_components: Components, username: str, password: str, role: str, problem: str
) -> None:
    with pytest.raises(UserError, match=problem):
        create_user(engine=web_components.engine, username=username, password=password, role=role)


def test_duplicate_usernames_are_refused(web_components: Components, add_user: AddUser) -> None:
    add_user("twice", "owner")
    with pytest.raises(UserError, match="already exists"):
        add_user("twice", "admin")


def test_sign_in_sets_a_hardened_cookie_and_opens_the_role_pages(
    make_client: Callable[..., TestClient], add_user: AddUser, web_components: Components
) -> None:
    add_user("olli.owner", "owner")
    client = make_client()
    response = sign_in(client, "olli.owner")
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard"
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("suunta_session=")
    )
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
    assert "secure" not in flags  # plain HTTP here
    assert client.get("/dashboard").status_code == 200
    assert client.get("/counsellor").status_code == 200
    # Only a hash of the cookie token is in the database.
    token = client.cookies.get("suunta_session")
    assert token
    with web_components.engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT token_hash FROM login_sessions"))]
    assert token not in stored and len(stored) >= 1


def test_cookies_are_secure_over_https(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("secure.sam", "counsellor")
    client = make_client(base_url="https://testserver")
    response = sign_in(client, "secure.sam")
    assert response.status_code == 303
    cookies = response.headers.get_list("set-cookie")
    assert all("secure" in c.lower() for c in cookies)


def test_a_counsellor_cannot_open_the_dashboard_or_the_reports(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("cora.counsellor", "counsellor")
    client = make_client()
    assert sign_in(client, "cora.counsellor").headers["location"] == "/counsellor"
    assert client.get("/counsellor").status_code == 200
    assert client.get("/dashboard").status_code == 403


def test_pages_send_strangers_to_sign_in(web_client: TestClient) -> None:
    for path in ("/counsellor", "/dashboard"):
        response = web_client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"


def test_sign_in_needs_the_csrf_token(web_client: TestClient, add_user: AddUser) -> None:
    add_user("csrf.carl", "owner")
    web_client.get("/login")
    data = {"username": "csrf.carl", "password": PASSWORD}
    assert web_client.post("/login", data=data, follow_redirects=False).status_code == 403
    forged = {**data, "csrf_token": "forged-token-forged-token"}
    assert web_client.post("/login", data=forged, follow_redirects=False).status_code == 403


def test_wrong_password_then_throttling(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("tina.target", "owner")
    client = make_client()
    for _ in range(5):
        assert sign_in(client, "tina.target", "wrong password!").status_code == 401
    # Even the right password waits now.
    blocked = sign_in(client, "tina.target")
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 60
    assert "suunta_session" not in client.cookies


def test_throttling_is_per_client_too(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("uma.untouched", "owner")
    client = make_client()
    for n in range(5):
        assert sign_in(client, f"guess{n}", "wrong password!").status_code == 401
    assert sign_in(client, "uma.untouched").status_code == 429


def test_sign_out_ends_the_session(
    make_client: Callable[..., TestClient], add_user: AddUser, web_components: Components
) -> None:
    add_user("out.otto", "admin")
    client = make_client()
    sign_in(client, "out.otto")
    token = client.cookies.get("suunta_session")
    assert user_for_token(engine=web_components.engine, token=token) is not None
    # Without the CSRF token nothing happens.
    assert client.post("/logout", follow_redirects=False).status_code == 403
    response = client.post(
        "/logout", data={"csrf_token": form_token(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert user_for_token(engine=web_components.engine, token=token) is None
    client.cookies.delete("suunta_session")
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_expired_sessions_are_refused(
    make_client: Callable[..., TestClient], add_user: AddUser, web_components: Components
) -> None:
    add_user("late.lea", "owner")
    client = make_client()
    sign_in(client, "late.lea")
    token = client.cookies.get("suunta_session")
    with Session(web_components.engine) as db:
        for login in db.exec(select(LoginSessionRecord)).all():
            login.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            db.add(login)
        db.commit()
    assert user_for_token(engine=web_components.engine, token=token) is None
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_removing_a_user_signs_them_out(
    make_client: Callable[..., TestClient], add_user: AddUser, web_components: Components
) -> None:
    add_user("gone.gus", "counsellor")
    client = make_client()
    sign_in(client, "gone.gus")
    remove_user(engine=web_components.engine, username="gone.gus")
    assert client.get("/counsellor", follow_redirects=False).status_code == 303


def test_next_never_leaves_the_site(
    make_client: Callable[..., TestClient], add_user: AddUser
) -> None:
    add_user("next.nina", "counsellor")
    client = make_client()
    client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": "next.nina",
            "password": PASSWORD,
            "csrf_token": client.cookies.get("suunta_csrf") or "",
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/counsellor"


def test_the_account_tables_come_from_the_migrations_as_the_models_have_them(
    tmp_path: Path,
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    from accounts.models import TABLES
    from telemetry.store import init_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'accounts.db'}")
    init_schema(engine)
    names = {t.__tablename__ for t in TABLES}

    def own(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in names

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": own})
        assert list(compare_metadata(context, SQLModel.metadata)) == []
    create_user(engine=engine, username="mig.ration", password=PASSWORD, role="admin")
    engine.dispose()
