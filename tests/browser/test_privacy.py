"""The learner's optional questions and privacy controls, in a real browser."""

from __future__ import annotations

import sqlite3
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from tests.browser.test_learner import QUESTION, ask, last_reply

pytestmark = pytest.mark.browser


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
    reach.get_by_role("button", name="Save").click()
    expect(reach).to_be_hidden()
    page.get_by_role("button", name="Finish the conversation").click()
    end = page.locator("#clarity-end")
    end.get_by_label("4").check()
    end.get_by_role("button", name="Save").click()
    session_id = last_reply(page)["session_id"]
    # Asked once: a new conversation in the same browser does not ask again.
    page.get_by_role("button", name="Delete my conversation").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#log")).to_contain_text("Your conversation has been deleted.")
    expect(page.locator(".answer")).to_have_count(0)
    assert page.evaluate("sessionStorage.getItem('suunta.session')") is None
    deadline = time.monotonic() + 15
    remaining = 1
    while time.monotonic() < deadline and remaining:
        with sqlite3.connect(server.database) as db:
            remaining = db.execute(
                "SELECT COUNT(*) FROM messages WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
        time.sleep(0.3)
    assert remaining == 0
    ask(page, QUESTION)
    expect(page.locator(".answer.kind-answer .sources li").first).to_be_visible()
    expect(page.locator("#reach")).to_be_hidden()
