"""axe-core in the browser: no serious or critical WCAG 2.1 AA violations on any page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violations."""
    from tests.browser.conftest import axe_violations

    violations = axe_violations(page)
    assert violations == [], violations


def test_chat_with_an_answer_is_accessible(page: Page) -> None:
    page.goto("/")
    assert_accessible(page)
    page.fill("#message", "How does apprenticeship training work?")
    page.press("#message", "Enter")
    expect(page.locator(".answer .sources li").first).to_be_visible()
    page.locator(".feedback summary").first.click()
    assert_accessible(page)


def test_crisis_reply_is_accessible(page: Page) -> None:
    page.goto("/")
    page.fill("#message", "I want to die")
    page.press("#message", "Enter")
    expect(page.locator(".crisis-box")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/login", "/privacy"])
def test_public_pages_are_accessible(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)


def test_counsellor_page_is_accessible(page: Page) -> None:
    page.goto("/login?next=/counsellor")
    sign_in(page, "cora")
    expect(page).to_have_url("/counsellor")
    assert_accessible(page)
    page.get_by_label("The client's situation").fill("Unemployed, wants to study nursing.")
    page.get_by_role("button", name="Get a plan").click()
    expect(page.locator("#result")).to_be_visible()
    assert_accessible(page)


def test_dashboard_is_accessible(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    expect(page.locator("#report .panel").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "context_options", [{"locale": "fi-FI", "viewport": {"width": 375, "height": 740}}]
)
def test_chat_at_phone_width_is_accessible(page: Page) -> None:
    page.goto("/")
    assert_accessible(page)


@pytest.mark.parametrize(
    "context_options", [{"locale": "fi-FI", "viewport": {"width": 375, "height": 740}}]
)
def test_filtered_dashboard_at_phone_width_is_accessible(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    expect(page.locator("#report .panel").first).to_be_visible()
    with page.expect_response(lambda r: "language=fi" in r.url):
        page.select_option("#group", "language:fi")
    expect(page.locator("#report .figures-for")).to_be_visible()
    assert_accessible(page)
