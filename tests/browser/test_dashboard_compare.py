"""The dashboard beside the previous period, one request per filter change, and the HTML
export in the page's language with its number formats."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _summaries(page: Page) -> list[str]:
    asked: list[str] = []

    def seen(request: Request) -> None:
        if "/api/reports/summary" in request.url:
            asked.append(request.url)

    page.on("request", seen)
    return asked


def test_key_figures_show_the_previous_period(page: Page) -> None:
    page.goto("/login?next=/dashboard&lang=en")
    sign_in(page, "olli")
    sessions = page.locator("#panel-reach + .figures div").first
    expect(sessions.locator("dd.previous")).to_contain_text("previous period")
    learner = page.locator(
        "section[aria-labelledby=panel-quality] .figures > div", has_text="Satisf"
    ).first
    expect(learner.locator("dd.previous")).to_contain_text("previous period")
    assert_accessible(page)
    page.get_by_role("button", name="Suomi").click()
    expect(sessions.locator("dd.previous")).to_contain_text("edellinen jakso")
    page.screenshot(path=str(ARTIFACTS / "dashboard-previous-period.png"), full_page=True)


def test_every_filter_change_sends_one_request(page: Page) -> None:
    page.goto("/login?next=/dashboard&lang=en")
    sign_in(page, "olli")
    expect(page.locator("#report .panel")).to_have_count(4, timeout=60_000)
    asked = _summaries(page)
    with page.expect_response(lambda r: "language=sv" in r.url):
        page.select_option("#group", "language:sv")
    expect(page.locator("#report")).to_have_attribute("aria-busy", "false")
    page.wait_for_timeout(1000)
    assert len(asked) == 1, asked
    # The previous period is the whole service's: a filtered view does not claim it.
    expect(page.locator("dd.previous")).to_have_count(0)
    page.fill("#from", "2026-01-01")
    with page.expect_response(lambda r: "from=2026-01-01" in r.url):
        page.get_by_role("button", name="Update").click()
    page.wait_for_timeout(1000)
    assert len(asked) == 2, asked


def test_the_html_export_speaks_finnish(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    link = page.locator("#export-html")
    # The dashboard's script rewrites the link (days first) once it has loaded: a click on the
    # language before that may be lost.
    expect(link).to_have_attribute("href", re.compile(r"\?from=.*lang=en"))
    page.get_by_role("button", name="Suomi").click()
    # The page switches language after the click: wait for the link to follow.
    expect(link).to_have_attribute("href", re.compile(r"lang=fi"))
    href = link.get_attribute("href") or ""
    body = page.request.get(href).text()
    assert '<html lang="fi">' in body and "Vertailu edelliseen jaksoon" in body
    assert "%-yks." in body and "\u00a0%" in body and "Tärkeimmät luvut" in body
