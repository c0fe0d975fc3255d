"""The learner's optional questions and privacy controls, in a real browser."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from tests.browser.test_learner import QUESTION, ask, last_reply

pytestmark = pytest.mark.browser


def poll(
    server: Server, sql: str, value: object, done: Callable[[tuple[object, ...] | None], bool]
) -> tuple[object, ...] | None:
    """The row `sql` gives, once `done(row)` holds (the telemetry writer works in batches)."""
    deadline = time.monotonic() + 15
    while True:
        with sqlite3.connect(server.database) as db:
            row = db.execute(sql, (value,)).fetchone()
        if done(row) or time.monotonic() > deadline:
            return tuple(row) if row is not None else None
        time.sleep(0.3)


def test_optional_questions_and_deleting_the_conversation(page: Page, server: Server) -> None:
    page.goto("/")
    start = page.locator("#clarity-start")
    expect(start).to_be_visible()
    start.get_by_label("2").check()
    start.get_by_role("button", name="Save").click()
    expect(start).to_be_hidden()
    ask(page, QUESTION)
    expect(page.locator(".answer.kind-answer .sources li").first).to_be_visible()
    reach = page.locator("#reach")
    expect(reach).to_be_visible()
    expect(reach).to_contain_text("only go into statistics")
    reach.get_by_label("Region").select_option("pirkanmaa")
    reach.get_by_label("Count it if I come back").check()
    reach.get_by_role("button", name="Save").click()
    expect(reach).to_be_hidden()
    visitor = page.evaluate("localStorage.getItem('suunta.visitor')")
    assert visitor and len(visitor) == 32
    ask(page, "And who pays the wage?")  # now with the visitor code
    expect(page.locator(".answer")).to_have_count(2)
    expect(page.locator(".answer").last).not_to_have_attribute("aria-busy", "true")
    page.get_by_role("button", name="Finish the conversation").click()
    end = page.locator("#clarity-end")
    end.get_by_label("4").check()
    end.get_by_role("button", name="Save").click()
    session_id = last_reply(page)["session_id"]
    # The optional answers reach the store, with nothing else about the person.
    stored = poll(
        server,
        "SELECT region, clarity_start, clarity_end, user_id FROM sessions WHERE id = ?",
        session_id,
        lambda row: row is not None and row[2] is not None and row[3] is not None,
    )
    assert stored == ("pirkanmaa", 2, 4, visitor)
    # Asked once: a new conversation in the same browser does not ask again.
    page.get_by_role("button", name="Delete my conversation").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#log")).to_contain_text("Your conversation has been deleted.")
    expect(page.locator(".answer")).to_have_count(0)
    assert page.evaluate("sessionStorage.getItem('suunta.session')") is None
    assert page.evaluate("localStorage.getItem('suunta.visitor')") is None
    count = "SELECT (SELECT COUNT(*) FROM messages WHERE session_id = ?1) + "
    count += "(SELECT COUNT(*) FROM sessions WHERE id = ?1)"
    assert poll(server, count, session_id, lambda row: row == (0,)) == (0,)
    ask(page, QUESTION)
    expect(page.locator(".answer.kind-answer .sources li").first).to_be_visible()
    expect(page.locator("#reach")).to_be_hidden()
