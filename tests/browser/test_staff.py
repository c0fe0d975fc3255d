"""Counsellor co-pilot and service-owner dashboard in a real browser, behind the sign-in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SITUATION = (
    "A 35-year-old warehouse worker wants a vocational qualification while keeping a wage. "
    "Could apprenticeship training work?"
)


def test_counsellor_signs_in_and_gets_a_plan(page: Page) -> None:
    page.goto("/counsellor")
    expect(page).to_have_url("/login?next=/counsellor")
    sign_in(page, "cora")
    expect(page).to_have_url("/counsellor")
    expect(page.locator(".who")).to_contain_text("cora")
    page.get_by_label("The client's situation").fill(SITUATION)
    page.get_by_label("Reply language").select_option("en")
    page.get_by_role("button", name="Get a plan").click()
    result = page.locator("#result")
    expect(result).to_be_visible()
    expect(page.locator("#result-title")).to_be_focused()
    summary = page.locator("#plan-summary")
    expect(summary).not_to_be_empty()
    sections = result.locator(".plan-section h3", has_text=re.compile("^(Services|Options)$"))
    expect(sections.first).to_be_visible()
    expect(result.locator(".plan-section h3", has_text="Questions to ask")).to_be_visible()
    expect(result.locator(".sources li").first).to_be_visible()
    # Every plan item cites a numbered source that exists on the page.
    for href in result.locator(".plan-section a.cite").evaluate_all("els => els.map(e => e.hash)"):
        assert result.locator(href).count() == 1
    page.get_by_role("button", name="Copy the summary").click()
    expect(result.locator(".summary-box .thanks")).to_have_text("Summary copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == summary.inner_text()
    result.get_by_role("button", name="Yes").click()
    expect(result.locator(".feedback .thanks")).to_have_text("Thank you for the feedback!")
    assert page.problems == []  # type: ignore[attr-defined]


def test_a_counsellor_may_not_open_the_dashboard(page: Page) -> None:
    page.goto("/login")
    sign_in(page, "cora")
    response = page.goto("/dashboard")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Your account may not open this page.")


def test_wrong_password_is_refused(page: Page) -> None:
    page.goto("/login")
    page.fill("#username", "olli")
    page.fill("#password", "not the password")
    page.click("form.stack button[type=submit]")
    expect(page.locator(".error[role=alert]")).to_have_text("Wrong username or password.")
    expect(page).to_have_url("/login")


def test_dashboard_draws_its_charts_from_demo_data(page: Page) -> None:
    page.goto("/dashboard")
    sign_in(page, "olli")
    expect(page).to_have_url("/dashboard")
    report = page.locator("#report")
    expect(report.locator(".panel")).to_have_count(4)
    expect(report).to_have_attribute("aria-busy", "false")
    sessions = report.locator("#panel-reach + .figures dd").first
    expect(sessions).not_to_have_text("–")
    assert report.locator("svg.chart").count() >= 6
    assert report.locator("svg.chart rect.bar").count() > 20
    # Each chart carries its numbers in its accessible name.
    title = report.locator("svg.chart title").first.text_content() or ""
    assert any(ch.isdigit() for ch in title)
    # Showing one language's figures needs no new request and changes the key figures.
    before = sessions.inner_text()
    page.get_by_label("Show figures for").select_option("language:sv")
    expect(report.locator(".figures-for")).to_have_text("Figures: Swedish")
    assert sessions.inner_text() != before
    # The export links cover the chosen days.
    page.fill("#from", "2026-01-01")
    page.get_by_role("button", name="Update").click()
    html_link = page.locator("#export-html").get_attribute("href") or ""
    assert "from=2026-01-01" in html_link and "format=html" in html_link
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
    page.get_by_role("button", name="Suomi").click()
    expect(page.locator("#panel-reach")).to_have_text("Tavoittavuus")
    assert page.problems == []  # type: ignore[attr-defined]
