"""The accessibility statement and the privacy notice in a real browser: every footer links
them, the language switch changes them, axe-core finds nothing at desktop or phone size."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 375, "height": 740}}


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("fi", "Saavutettavuusseloste"),
        ("sv", "Tillgänglighetsutlåtande"),
        ("en", "Accessibility statement"),
    ],
)
def test_the_accessibility_statement_from_the_chat_footer(
    page: Page, lang: str, heading: str
) -> None:
    page.goto(f"/?lang={lang}")
    page.locator(".site-footer a[href='/accessibility']").click()
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("main")).to_contain_text("WCAG 2.1")
    expect(page.locator("main")).to_contain_text("axe-core")
    assert_accessible(page)


@pytest.mark.parametrize("context_options", [{"locale": "fi-FI", **PHONE}])
def test_legal_pages_at_phone_width(page: Page) -> None:
    for path in ("/accessibility", "/privacy"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        # Nothing wider than the screen: a phone reader never scrolls sideways.
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, path
        assert_accessible(page)


def test_privacy_shows_the_development_placeholder_and_retention(page: Page) -> None:
    page.goto("/privacy?lang=en")
    expect(page.locator(".dev-placeholder")).to_be_visible()
    expect(page.locator("#controller")).to_contain_text("not configured")
    expect(page.locator("#retention")).to_contain_text("No automatic retention period")
    expect(page.locator("main")).to_contain_text("Article 6(1)(e)")
    assert_accessible(page)
