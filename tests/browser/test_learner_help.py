"""The learner chat's helps: the question box at the bottom, starter and follow-up questions,
the length counter, the "Talk to a person" helper, crisis replies without feedback, saving the
next steps, reporting a wrong answer, and the AI notice (phone and desktop, fi/sv/en)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}}
DESKTOP = {"viewport": {"width": 1100, "height": 900}}
QUESTION = "How does apprenticeship training work?"
STARTERS = {
    "fi": "Voiko oppisopimuksella opiskella aikuisena?",
    "sv": "Kan man gå läroavtalsutbildning som vuxen?",
    "en": "Can I do an apprenticeship as an adult?",
}


def ask(page: Page, question: str) -> None:
    """Types a question and sends it with Enter."""
    page.fill("#message", question)
    page.press("#message", "Enter")


def shot(page: Page, name: str) -> None:
    """A screenshot of the viewport as it is now (the fixture adds a full-page one)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("context_options", "size"),
    [({"locale": "en-GB", **DESKTOP}, "desktop"), ({"locale": "fi-FI", **PHONE}, "phone")],
)
def test_the_box_stays_at_the_bottom_and_the_new_answer_comes_into_view(
    page: Page, size: str
) -> None:
    page.goto("/")
    answers = page.locator(".answer .sources")
    for n in (1, 2):  # two answers: the second starts far below the first screen
        ask(page, QUESTION)
        # The box is busy while an answer streams in: ask again only once it has come.
        expect(answers).to_have_count(n, timeout=60_000)
    newest = page.locator(".turn").last
    expect(newest.locator(".question")).to_be_in_viewport()
    box = page.locator("#ask")
    expect(page.locator("#message")).to_be_focused()
    expect(page.locator("#message")).to_be_in_viewport()
    height = page.viewport_size["height"] if page.viewport_size else 0
    bottom = box.evaluate("el => el.getBoundingClientRect().bottom")
    assert abs(bottom - height) < 2, (bottom, height)
    assert page.evaluate("window.scrollY") > 200
    shot(page, f"chat-box-at-bottom-{size}")


@pytest.mark.parametrize(
    ("context_options", "language"),
    [
        ({"locale": "fi-FI", **PHONE}, "fi"),
        ({"locale": "sv-FI"}, "sv"),
        ({"locale": "en-GB"}, "en"),
    ],
)
def test_starter_questions_and_follow_ups_in_the_page_language(page: Page, language: str) -> None:
    page.goto("/")
    starters = page.locator("#starters button")
    expect(starters).to_have_count(4)
    expect(starters.first).to_have_text(STARTERS[language])
    shot(page, f"chat-starters-{language}")
    with page.expect_response("**/api/suggestions?*") as suggested:
        starters.first.click()
    assert suggested.value.status == 200
    expect(page.locator("#starters")).to_be_hidden()
    expect(page.locator(".question p:not(.who)").first).to_have_text(STARTERS[language])
    follow_ups = page.locator(".answer .follow-ups button")
    expect(follow_ups.first).to_be_visible()
    assert 1 <= follow_ups.count() <= 2
    texts = follow_ups.all_inner_texts()
    assert STARTERS[language] not in texts
    expect(page.locator("#message")).to_be_focused()
    follow_ups.first.click()
    expect(page.locator(".question p:not(.who)").nth(1)).to_have_text(texts[0])


def test_suggestions_api_refuses_odd_ids(page: Page) -> None:
    page.goto("/")
    good = page.request.get("/api/suggestions?article=apprenticeship&language=sv")
    assert good.status == 200 and len(good.json()["questions"]) >= 1
    assert page.request.get("/api/suggestions?article=../etc&language=fi").status == 422
    none = page.request.get("/api/suggestions?article=no-such-article&language=fi")
    assert none.json() == {"questions": []}


@pytest.mark.parametrize(
    ("context_options", "language"), [({"locale": "en-GB"}, "en"), ({"locale": "fi-FI"}, "fi")]
)
def test_a_counter_and_clear_messages_for_too_long_and_empty(page: Page, language: str) -> None:
    page.goto("/")
    counter = page.locator("#char-count")
    expect(counter).to_have_text({"en": "0 / 2000 characters", "fi": "0 / 2000 merkkiä"}[language])
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/chat" in r.url else None)
    page.fill("#message", "x" * 2100)  # a long paste is kept whole, not cut silently
    expect(page.locator("#message")).to_have_value("x" * 2100)
    expect(counter).to_have_class("char-count over")
    too_long = {
        "en": "Your question is 100 characters too long. Please shorten it to 2000 at most.",
        "fi": "Kysymys on 100 merkkiä liian pitkä. Lyhennä se enintään 2000 merkkiin.",
    }[language]
    expect(page.locator("#ask-error")).to_have_text(too_long)
    page.press("#message", "Enter")
    expect(page.locator("#message")).to_have_attribute("aria-invalid", "true")
    shot(page, f"chat-too-long-{language}")
    page.fill("#message", "   \n  ")
    page.press("#message", "Enter")
    empty = {"en": "Please write a question first.", "fi": "Kirjoita ensin kysymys."}[language]
    expect(page.locator("#ask-error")).to_have_text(empty)
    assert requests == []
    page.fill("#message", QUESTION)
    expect(page.locator("#ask-error")).to_be_hidden()


@pytest.mark.parametrize(
    ("context_options", "size"),
    [({"locale": "en-GB", **DESKTOP}, "desktop"), ({"locale": "en-GB", **PHONE}, "phone")],
)
def test_talk_to_a_person_fits_the_services_to_age_and_region(page: Page, size: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/" in r.url else None)
    page.goto("/")
    page.click("#talk-to-person")
    dialog = page.locator("#person")
    expect(dialog).to_be_visible()
    # Nothing said: every service, Ohjaamo last and marked as for under-30s.
    dialog.get_by_role("button", name="Show services").click()
    services = dialog.locator("#person-list > li")
    expect(services.first).to_have_attribute("data-service", "employment")
    expect(services.last).to_have_attribute("data-service", "ohjaamo")
    expect(services.last).to_contain_text("Only for people under 30.")
    # Under 30 in Pirkanmaa: Ohjaamo first, the region's employment area, Kela's youth number.
    dialog.get_by_label("under 30").check()
    dialog.get_by_label("Region").select_option("pirkanmaa")
    dialog.get_by_role("button", name="Show services").click()
    expect(services.first).to_have_attribute("data-service", "ohjaamo")
    expect(services.nth(1)).to_contain_text("The employment area of your municipality (Pirkanmaa)")
    expect(services.nth(1).locator("a")).to_have_attribute("href", "https://tyomarkkinatori.fi/en")
    expect(dialog.locator("a[href='tel:020692205']")).to_be_visible()
    shot(page, f"person-helper-young-{size}")
    # 30 or older: no Ohjaamo at all.
    dialog.get_by_label("30 or older").check()
    dialog.get_by_role("button", name="Show services").click()
    expect(dialog.locator("[data-service=ohjaamo]")).to_have_count(0)
    expect(services).to_have_count(4)
    # The page language switches the helper too.
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Svenska").click()
    page.click("#talk-to-person")
    dialog.get_by_role("button", name="Visa tjänsterna").click()
    # The region stays chosen, now in Swedish.
    expect(services.first).to_contain_text("Sysselsättningsområdet för din kommun (Birkaland)")
    assert requests == []  # nothing of the choices leaves the browser


def test_a_person_is_offered_after_out_of_scope_and_no_answer(page: Page) -> None:
    page.goto("/")
    ask(page, "What will the weather be like tomorrow?")
    refusal = page.locator(".answer.kind-out_of_scope, .answer.kind-no_answer").first
    expect(refusal.locator(".person-offer")).to_be_visible()
    refusal.get_by_role("button", name="Talk to a person").click()
    expect(page.locator("#person")).to_be_visible()
    shot(page, "person-offer-after-refusal")


@pytest.mark.parametrize(
    ("context_options", "language"),
    [({"locale": "en-GB", **PHONE}, "en"), ({"locale": "fi-FI"}, "fi")],
)
def test_no_feedback_on_a_crisis_reply_and_the_chats_are_linked(page: Page, language: str) -> None:
    page.goto("/")
    ask(page, {"en": "I want to die", "fi": "haluan kuolla"}[language])
    crisis = page.locator(".answer.kind-crisis")
    expect(crisis.locator(".crisis-box")).to_be_visible()
    expect(crisis.locator(".crisis-chats a[href='https://sekasin.fi/']")).to_be_visible()
    expect(crisis.locator(".crisis-chats a")).to_have_count(3)
    expect(crisis.locator(".feedback")).to_have_count(0)
    expect(crisis.locator(".report-wrong")).to_have_count(0)
    expect(crisis.locator(".follow-ups")).to_have_count(0)
    page.reload()  # restored from the tab: still no feedback
    expect(page.locator(".answer.kind-crisis .crisis-box")).to_be_visible()
    expect(page.locator(".answer.kind-crisis .feedback")).to_have_count(0)
    shot(page, f"crisis-no-feedback-{language}")


@pytest.mark.parametrize(
    "context_options", [{"locale": "en-GB", **DESKTOP, "accept_downloads": True}]
)
def test_save_my_next_steps_prints_and_downloads(page: Page) -> None:
    requests: list[str] = []
    page.goto("/")
    ask(page, QUESTION)
    expect(page.locator(".answer .next-steps li").first).to_be_visible()
    page.on("request", lambda r: requests.append(r.url))
    page.get_by_role("button", name="Save my next steps").click()
    saved = page.locator("#saved")
    expect(saved).to_be_visible()
    expect(saved.locator("h3")).to_have_text(QUESTION)
    steps = page.locator(".answer .next-steps li").all_inner_texts()
    expect(saved.locator(".saved-turn > ul").first.locator("li")).to_have_count(len(steps))
    with page.expect_download() as downloaded:
        saved.get_by_role("button", name="Download as text").click()
    text = Path(downloaded.value.path()).read_text(encoding="utf-8")
    assert text.startswith("My next steps") and f"Question: {QUESTION}" in text
    assert "https://" in text
    # The printed page is the saved steps alone.
    page.evaluate("document.body.classList.add('print-saved')")
    page.emulate_media(media="print")
    expect(page.locator("#ask")).to_be_hidden()
    expect(page.locator(".turn").first).to_be_hidden()
    expect(saved).to_be_visible()
    shot(page, "saved-steps-print")
    page.emulate_media(media="screen")
    assert not [u for u in requests if "/api/" in u]  # nothing went to the server


@pytest.mark.parametrize(
    ("context_options", "language"),
    [({"locale": "en-GB"}, "en"), ({"locale": "sv-FI", **PHONE}, "sv")],
)
def test_ai_notice_and_how_suunta_works(page: Page, language: str) -> None:
    page.goto("/")
    notice = page.locator(".ai-notice")
    expect(notice).to_contain_text({"en": "may be wrong", "sv": "kan vara fel"}[language])
    notice.locator("a").click()
    expect(page).to_have_url("/how-it-works")
    expect(page.locator("h1")).to_have_text(
        {"en": "How Suunta works", "sv": "Så fungerar Suunta"}[language]
    )
    expect(page.locator("footer a[href='/how-it-works']")).to_be_visible()
