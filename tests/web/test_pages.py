"""The pages: languages, local assets only, no inline script, every UI string in fi/sv/en."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accounts.users import User
from tests.web.conftest import sign_in
from web.i18n import LANGUAGES, T, pick_language

WEB = Path(__file__).resolve().parents[2] / "web"


class Assets(HTMLParser):
    """Collects scripts, stylesheets, links and data-i18n keys of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.keys: set[str] = set()
        self.inline_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        for name in ("src", "href", "action"):
            if values.get(name):
                self.urls.append(values[name] or "")
        if values.get("data-i18n"):
            self.keys.add(values["data-i18n"] or "")
        self.inline_handlers += [name for name, _ in attrs if name.startswith("on")]
        if "style" in values:
            self.inline_handlers.append("style")


def parse(html: str) -> Assets:
    """The page's assets."""
    assets = Assets()
    assets.feed(html)
    return assets


def test_the_chat_speaks_the_browsers_language(web_client: TestClient) -> None:
    assert '<html lang="fi">' in web_client.get("/").text
    swedish = web_client.get("/", headers={"accept-language": "sv-FI,sv;q=0.9,en;q=0.5"}).text
    assert '<html lang="sv">' in swedish and "Prata med en människa" in swedish
    english = web_client.get("/", params={"lang": "en"}).text
    assert '<html lang="en">' in english and "Talk to a person" in english
    assert pick_language(None, "de-DE,en;q=0.3,sv;q=0.7") == "sv"
    assert pick_language("xx", None) == "fi"


@pytest.mark.parametrize("path", ["/", "/privacy", "/login"])
def test_pages_load_only_local_assets_and_no_inline_script(
    web_client: TestClient, path: str
) -> None:
    response = web_client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assets = parse(response.text)
    for script in assets.scripts:
        # Either a same-origin file or a JSON data block (never executed, so CSP allows it).
        assert (script.get("src") or "").startswith("/static/") or (
            script.get("type") == "application/json" and not script.get("src")
        ), script
    for url in assets.urls:
        assert not url.startswith(("http:", "https:", "//")), url
        if url.startswith("/static/"):
            assert web_client.get(url).status_code == 200, url
    assert assets.inline_handlers == []
    assert assets.keys <= set(T), assets.keys - set(T)
    strings = json.loads(re.search(r'id="i18n">(.*?)</script>', response.text, re.S)[1])  # type: ignore[index]
    assert set(strings) == set(LANGUAGES)


def test_staff_pages_use_only_known_strings(
    make_client: Callable[..., TestClient], add_user: Callable[[str, str], User]
) -> None:
    add_user("page.admin", "admin")
    client = make_client()
    sign_in(client, "page.admin")
    for path in ("/counsellor", "/dashboard"):
        response = client.get(path)
        assert response.status_code == 200
        assets = parse(response.text)
        assert assets.keys <= set(T), assets.keys - set(T)
        assert "page.admin" in response.text
        for url in assets.urls:
            assert not url.startswith(("http:", "https:", "//")), url


def test_privacy_notice_says_what_how_long_and_how_to_delete(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(retention_days=180, min_group_size=7)
    page = client.get("/privacy", params={"lang": "en"}).text
    assert "What is stored" in page and "What is not stored" in page
    assert "180 days" in page and "smaller than 7 people" in page
    assert "Delete my conversation" in page


def test_every_string_is_in_three_languages_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, values in T.items():
        assert len(values) == 3 and all(v.strip() for v in values), key
        names = [{f[1] for f in fields.parse(v) if f[1]} for v in values]
        assert names[0] == names[1] == names[2], key


def test_every_string_the_scripts_use_exists() -> None:
    used: set[str] = set()
    for script in (WEB / "static").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_:0-9]+)["']""", source))
        # label(element, "key"): the element expression may hold one level of parentheses.
        used |= set(
            re.findall(r"""\blabel\((?:[^()]|\([^()]*\))*?,\s*["']([a-z_:0-9]+)["']""", source)
        )
    assert used, "no strings found: the pattern is broken"
    missing = {key for key in used if key not in T}
    assert not missing, missing


def test_the_learner_pages_set_no_cookie(web_client: TestClient) -> None:
    for path in ("/", "/privacy", "/static/chat.js"):
        response = web_client.get(path)
        assert "set-cookie" not in response.headers, path
    assert web_client.post("/api/chat", json={"message": "apprenticeship"}).cookies == {}
