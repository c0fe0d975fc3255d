"""A handoff taken, in a real browser: opening a service the handoff reply offered marks the
conversation once (`link`), with nothing that says which service."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def _stored(server: Server, session: str, timeout: float = 15.0) -> list[tuple[str]]:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.closing(sqlite3.connect(server.database, timeout=5)) as db:
            rows = db.execute(
                "SELECT handoff_taken FROM sessions WHERE id = ? AND handoff_taken IS NOT NULL",
                (session,),
            ).fetchall()
        if rows or time.monotonic() > deadline:
            return rows
        time.sleep(0.3)


def test_opening_an_offered_service_marks_the_conversation_once(page: Page, server: Server) -> None:
    # The service's own site is not reached from the test machine: the new tab gets a stub.
    page.context.route(
        "https://ohjaamot.fi/**", lambda route: route.fulfill(body="Ohjaamot", status=200)
    )
    sent: list[dict[str, object]] = []

    def record(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/profile"):
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    page.goto("/?lang=en")
    page.fill("#message", "I want to talk to a real person")
    page.press("#message", "Enter")
    handoff = page.locator(".answer.kind-handoff")
    expect(handoff).to_contain_text("reach a person", timeout=60_000)
    session = page.evaluate("sessionStorage.getItem('suunta.session')")
    link = handoff.locator("a.web", has_text="ohjaamot.fi").first
    for _ in range(2):  # opened twice: reported once
        with page.expect_popup() as popup:
            link.click()
        popup.value.close()
    assert _stored(server, session) == [("link",)]
    taken = [body for body in sent if "handoff_taken" in body]
    assert taken == [{"handoff_taken": "link"}], sent
    assert page.problems == []  # type: ignore[attr-defined]
