"""The learner chat in a real browser: streaming, sources, feedback, languages, keyboard, crisis."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser

QUESTION = "How does apprenticeship training work?"


def ask(page: Page, question: str) -> None:
    """Types a question and sends it with Enter."""
    page.fill("#message", question)
    page.press("#message", "Enter")


def last_reply(page: Page) -> dict[str, object]:
    """The newest reply as the page stored it (the API's JSON)."""
    history = json.loads(page.evaluate("sessionStorage.getItem('suunta.history')"))
    reply: dict[str, object] = history[-1]["reply"]
    return reply


def test_a_question_streams_in_with_numbered_sources(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Count the renders of the answer while it arrives: more than one means it streamed.
    page.evaluate(
        """() => { window.renders = 0; new MutationObserver(() => window.renders++)
        .observe(document.getElementById('log'), {subtree: true, childList: true}); }"""
    )
    with page.expect_response("**/api/chat/stream") as streamed:
        ask(page, QUESTION)
    assert streamed.value.headers["content-type"].startswith("text/event-stream")
    answer = page.locator(".answer.kind-answer")
    expect(answer.locator(".sources li").first).to_be_visible()
    assert page.evaluate("window.renders") > 2
    # [n] citations link to the numbered sources; the sources open the original pages.
    citation = answer.locator("a.cite").first
    expect(citation).to_have_text("[1]")
    target = citation.get_attribute("href")
    assert target and answer.locator(target).count() == 1
    link = answer.locator(".sources li a").first
    assert (link.get_attribute("href") or "").startswith("https://")
    assert link.get_attribute("rel") == "noopener noreferrer"
    expect(answer.locator(".next-steps h3")).to_have_text("Next steps")
    # Screen readers hear the new answer.
    expect(page.locator("#announcer")).to_contain_text("New answer:")
    assert page.problems == []  # type: ignore[attr-defined]


def test_feedback_reaches_the_telemetry_store(page: Page, server: Server) -> None:
    page.goto("/")
    ask(page, QUESTION)
    answer = page.locator(".answer.kind-answer")
    expect(answer.locator(".feedback")).to_be_visible()
    answer.get_by_role("button", name="Yes").click()
    expect(answer.locator(".feedback > .thanks")).to_have_text("Thank you for the feedback!")
    answer.locator("summary").click()
    answer.get_by_label("4").check()
    answer.get_by_label("Comment").fill("Clear, thanks. Mail me at maija@example.com")
    answer.get_by_role("button", name="Send feedback").click()
    message_id = last_reply(page)["message_id"]
    rows: list[tuple[object, ...]] = []
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(rows) < 2:
        with sqlite3.connect(server.database) as db:
            rows = db.execute(
                "SELECT helpful, rating, comment FROM feedback WHERE message_id = ?", (message_id,)
            ).fetchall()
        time.sleep(0.3)
    assert (1, None, None) in rows  # "Yes" on its own
    comment = next(str(r[2]) for r in rows if r[1] == 4)
    assert "Clear, thanks" in comment and "maija@example.com" not in comment


def test_language_is_switchable_remembered_and_guessed(page: Page) -> None:
    page.goto("/")
    expect(page.locator("#send")).to_have_text("Ask")  # en-GB browser
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#send")).to_have_text("Fråga")
    expect(page.locator("#talk-to-person")).to_have_text("Prata med en människa")
    expect(page.get_by_role("button", name="Svenska")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator("#send")).to_have_text("Fråga")
    page.get_by_role("button", name="Suomi").click()
    expect(page.locator("#send")).to_have_text("Kysy")


@pytest.mark.parametrize("context_options", [{"locale": "sv-FI"}], indirect=False)
def test_the_default_language_comes_from_the_browser(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#send")).to_have_text("Fråga")


def test_keyboard_only(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")  # skip to the content
    # Tab through the optional question to the message box.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "message":
            break
    expect(page.locator("#message")).to_be_focused()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    answer = page.locator(".answer.kind-answer")
    expect(answer.locator(".sources li").first).to_be_visible()
    expect(page.locator("#message")).to_be_focused()  # ready for the next question
    # On to the feedback buttons with Tab alone, and press one with the space bar.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Yes":
            break
    page.keyboard.press("Space")
    expect(answer.locator(".feedback > .thanks")).to_have_text("Thank you for the feedback!")
    # "Talk to a person" is reachable and opens the helper; Escape closes it again.
    page.focus("#talk-to-person")
    page.keyboard.press("Enter")
    expect(page.locator("#person")).to_be_visible()
    expect(page.locator("#person-title")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#person")).to_be_hidden()
    expect(page.locator("#talk-to-person")).to_be_focused()
    # Asked in words, the handoff reply lists the services, their addresses as links.
    ask(page, "I would like to talk to a person.")
    handoff = page.locator(".answer.kind-handoff")
    expect(handoff).to_contain_text("Ohjaamo")
    expect(handoff).to_contain_text("reach a person")
    # The services' web addresses are links; a full stop after one is not part of it.
    ohjaamot = handoff.locator("a.web", has_text="ohjaamot.fi").first
    expect(ohjaamot).to_have_attribute("href", "https://ohjaamot.fi/")
    expect(ohjaamot).to_have_text("ohjaamot.fi")


def test_the_crisis_reply_cannot_be_missed(page: Page) -> None:
    page.goto("/")
    ask(page, "I want to die, nothing matters any more")
    alert = page.locator(".crisis-box[role=alert]")
    expect(alert).to_be_visible()
    expect(alert.locator(".crisis-title")).to_have_text("Help is available now")
    expect(alert.locator("a[href='tel:112']")).to_be_visible()
    color = alert.evaluate("el => getComputedStyle(el).borderTopColor")
    assert color == "rgb(163, 0, 27)"


@pytest.mark.parametrize(
    "context_options", [{"locale": "fi-FI", "viewport": {"width": 375, "height": 740}}]
)
def test_phone_width(page: Page) -> None:
    page.goto("/")
    page.fill("#message", "Miten oppisopimus toimii?")
    page.press("#message", "Enter")
    expect(page.locator(".answer .sources li").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # However far the learner scrolls, "Talk to a person" stays on screen.
    page.mouse.wheel(0, 5000)
    page.wait_for_function("window.scrollY > 200")
    expect(page.locator("#talk-to-person")).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-phone-scrolled.png"))


def test_without_the_stream_the_chat_falls_back_to_plain_json(page: Page) -> None:
    # A proxy that cannot pass event streams, simulated: the stream endpoint is not there.
    page.route("**/api/chat/stream", lambda route: route.fulfill(status=404, body="{}"))
    page.goto("/")
    with page.expect_response("**/api/chat") as plain:
        ask(page, QUESTION)
    assert plain.value.status == 200
    answer = page.locator(".answer.kind-answer")
    expect(answer.locator(".sources li").first).to_be_visible()
    expect(answer.locator("a.cite").first).to_have_text("[1]")


def test_no_survey_questions_after_a_crisis_reply(page: Page) -> None:
    page.goto("/")
    ask(page, "I want to die, nothing matters any more")
    expect(page.locator(".crisis-box[role=alert]")).to_be_visible()
    ask(page, "I would like to talk to a person.")
    expect(page.locator(".answer")).to_have_count(2)
    page.wait_for_load_state("networkidle")  # the reply's follow-up requests are done
    # The optional reach questions are not asked in this conversation, even after the handoff.
    assert page.locator("#reach").is_hidden()


def test_a_busy_server_keeps_the_question_for_another_try(page: Page) -> None:
    # The server's answer when this browser has asked too much (its rate limit), simulated.
    busy = {"status": 429, "headers": {"Retry-After": "42"}, "body": '{"detail": "slow down"}'}
    page.route("**/api/chat/stream", lambda route: route.fulfill(**busy))  # type: ignore[arg-type]
    page.goto("/")
    ask(page, QUESTION)
    expect(page.locator(".answer .error[role=alert]")).to_have_text(
        "Too many requests in a short time. Please wait 42 seconds."
    )
    expect(page.locator("#message")).to_have_value(QUESTION)
    page.unroute("**/api/chat/stream")
    page.press("#message", "Enter")
    expect(page.locator(".answer .sources li").first).to_be_visible()
