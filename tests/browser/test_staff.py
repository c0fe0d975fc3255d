"""Counsellor co-pilot and service-owner dashboard in a real browser, behind the sign-in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, sign_in

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
    expect(result.locator(".feedback > .thanks")).to_have_text("Thank you for the feedback!")
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
    # One language's figures: asked from the server, and they narrow the key figures and the
    # daily charts; the charts a language cannot narrow say that they cover all groups.
    before = sessions.inner_text()
    daily = report.locator("#panel-reach ~ figure svg.chart title").first
    daily_before = daily.text_content()
    with page.expect_response(lambda r: "language=fi" in r.url and r.status == 200):
        page.get_by_label("Show figures for").select_option("language:fi")
    expect(report.locator(".figures-for")).to_have_text("Figures: Finnish")
    expect(sessions).not_to_have_text(before)
    assert daily.text_content() != daily_before
    expect(report.locator(".not-filtered").first).to_contain_text("not filtered")
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)
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


PHONE = {"locale": "sv-SE", "viewport": {"width": 375, "height": 740}}


@pytest.mark.parametrize("context_options", [PHONE])
def test_dashboard_at_phone_width(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    report = page.locator("#report")
    expect(report.locator(".panel")).to_have_count(4)
    # Swedish from the browser; charts drawn for the narrow screen, nothing scrolls sideways.
    expect(page.locator("#panel-reach")).to_have_text("Räckvidd")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The topics are named, not shown as keys.
    topics = report.locator("#panel-quality ~ figure svg.chart title").all_text_contents()
    assert not any("higher_education" in title for title in topics)
    with page.expect_response(lambda r: "channel=web" in r.url and r.status == 200):
        page.select_option("#group", "channel:web")
    expect(report.locator(".figures-for")).to_have_text("Siffror: webbchatt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone-filtered.png"), full_page=True)


def test_dashboard_dates_are_checked_where_they_are_typed(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    expect(page.locator("#report .panel")).to_have_count(4)
    page.fill("#from", "2020-02-10")
    page.fill("#to", "2020-01-31")
    page.get_by_role("button", name="Update").click()
    error = page.locator("#dates-error")
    expect(error).to_have_text("The start date is after the end date.")
    expect(page.locator("#from")).to_be_focused()
    expect(page.locator("#from")).to_have_attribute("aria-invalid", "true")
    # A period with no traffic says so, instead of drawing empty charts.
    page.fill("#from", "2020-01-01")
    page.get_by_role("button", name="Update").click()
    expect(error).to_be_hidden()
    expect(page.locator("#report")).to_have_text("No data for this period.")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("context_options", [PHONE])
def test_counsellor_plan_at_phone_width(page: Page) -> None:
    page.goto("/login?next=/counsellor")
    sign_in(page, "cora")
    # Signing in verifies an argon2 hash: slow on a busy machine.
    page.wait_for_selector("#situation", timeout=60_000)
    page.fill("#situation", "Asiakas on lomautettu ja haluaa oppisopimukseen.")
    page.click("#get-plan")
    expect(page.locator("#plan")).to_be_visible()
    expect(page.locator("#plan a").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
