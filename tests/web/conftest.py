"""Web fixtures: staff accounts and an app built with chosen settings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accounts.users import User, create_user
from knowledge_base.embedding import Embedder
from suunta.index_setup import build
from suunta.settings import Settings
from suunta.wiring import Components, build_components
from telemetry.store import init_schema
from tests.conftest import small_settings

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Settings:
    """Settings with an index over the fixture corpus, shared by one test module."""
    settings = small_settings(tmp_path_factory.mktemp("web"))
    build(settings, minilm)
    return settings


@pytest.fixture(scope="module")
def web_components(web_settings: Settings) -> Iterator[Components]:
    """Real parts and a SQLite store shared by one test module (its tests use distinct data)."""
    built = build_components(web_settings)
    yield built
    built.close()


@pytest.fixture
def make_client(
    web_settings: Settings, web_components: Components
) -> Iterator[Callable[..., TestClient]]:
    """Builds test clients over the module's components, with settings overridden."""
    from web.app import create_app

    settings, components = web_settings, web_components

    opened: list[TestClient] = []

    def make(base_url: str = "http://testserver", **overrides: object) -> TestClient:
        app = create_app(settings.model_copy(update=overrides), components)
        client = TestClient(app, base_url=base_url)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def add_user(web_components: Components) -> Callable[[str, str], User]:
    """Creates a staff account with PASSWORD in the module's store."""
    init_schema(web_components.engine)

    def add(username: str, role: str) -> User:
        return create_user(
            engine=web_components.engine, username=username, password=PASSWORD, role=role
        )

    return add


def form_token(client: TestClient, page: str = "/counsellor") -> str:
    """The CSRF token a signed-in page's forms carry (bound to the sign-in session, so not the
    cookie's value)."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Posts the sign-in form the way a browser does (CSRF cookie from the form page first)."""
    client.get("/login")
    token = client.cookies.get("suunta_csrf")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token or ""},
        follow_redirects=False,
    )


@pytest.fixture
def web_client(make_client: Callable[..., TestClient]) -> TestClient:
    """A test client over the module's components with the default settings."""
    return make_client()
