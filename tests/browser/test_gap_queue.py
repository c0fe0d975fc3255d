"""Report a wrong answer, then work the knowledge-gap queue, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_learner import ask

pytestmark = pytest.mark.browser
QUESTION = "How much does an apprentice earn in a month?"
COMMENT = "The pay figure is from an old collective agreement"


def test_a_wrong_answer_report_reaches_the_knowledge_gap_report(page: Page) -> None:
    page.goto("/?lang=en")
    ask(page, QUESTION)
    answer = page.locator(".answer").last
    report = answer.get_by_role("button", name="Report a wrong answer")
    expect(report).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as sent:
        report.click()
    assert sent.value.status == 204
    expect(answer.locator(".report-wrong [role=status]")).to_contain_text("Thank you")
    box = answer.locator(".wrong-form textarea")
    expect(box).to_be_focused()
    expect(answer.locator(".wrong-form .hint")).to_contain_text("identity code")
    box.fill(COMMENT)
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as sent:
        answer.locator(".wrong-form button[type=submit]").click()
    assert sent.value.status == 204
    assert_accessible(page)

    page.goto("/login?next=/dashboard&lang=en")
    sign_in(page, "olli")
    gaps = page.locator("section[aria-labelledby=panel-knowledge_gaps]")
    expect(gaps.locator(".gap-reported li").first).to_be_visible(timeout=60_000)
    reported = gaps.locator(".gap-reported > li", has_text=QUESTION)
    expect(reported).to_contain_text(COMMENT)
    expect(reported).to_contain_text("2 reports")
    assert_accessible(page)


def test_an_owner_works_the_queue_and_the_marks_hold(page: Page) -> None:
    page.goto("/login?next=/dashboard&lang=en")
    sign_in(page, "olli")
    gaps = page.locator("section[aria-labelledby=panel-knowledge_gaps]")
    first = gaps.locator(".gap-theme").first
    expect(first).to_be_visible(timeout=60_000)
    label = first.locator("h3").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    gaps.screenshot(path=str(ARTIFACTS / "dashboard-gap-panel.png"))
    first.locator("summary").click()
    expect(first.locator(".gap-examples li").first).to_contain_text("→")
    with page.expect_response(lambda r: "/api/reports/gaps/" in r.url) as sent:
        first.get_by_role("button", name="In progress").click()
    assert sent.value.status == 204
    theme = gaps.locator(".gap-theme", has=page.locator("h3", has_text=label))
    expect(theme.locator(".gap-status")).to_contain_text("In progress since")
    theme.get_by_label("Fixed by card or article").fill("card:apprenticeship-pay")
    with page.expect_response(lambda r: "/api/reports/gaps/" in r.url) as sent:
        theme.get_by_role("button", name="Mark fixed").click()
    assert sent.value.status == 204
    done = gaps.locator(".gap-done")
    expect(done.locator(":scope > summary")).to_contain_text("Done themes (1)")
    assert_accessible(page)
    # The mark is kept on the server: after a reload the theme is still done.
    page.reload()
    done = page.locator(".gap-done")
    expect(done).to_be_visible(timeout=60_000)
    done.locator(":scope > summary").click()
    fixed = done.locator(".gap-theme", has=page.locator("h3", has_text=label))
    expect(fixed.locator(".gap-status")).to_contain_text("card:apprenticeship-pay")
    page.screenshot(path=str(ARTIFACTS / "dashboard-gap-queue.png"), full_page=True)
    # Reopened, it is back in the queue.
    fixed.get_by_role("button", name="Reopen").click()
    expect(page.locator(".gap-done")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize(
    "context_options", [{"locale": "fi-FI", "viewport": {"width": 375, "height": 740}}]
)
def test_the_queue_at_phone_width(page: Page) -> None:
    page.goto("/login?next=/dashboard")
    sign_in(page, "olli")
    first = page.locator(".gap-theme").first
    expect(first).to_be_visible(timeout=60_000)
    expect(first.get_by_role("button", name="Työn alla")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
