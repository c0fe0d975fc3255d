"""The admin page's upload of face-to-face, phone and chat contacts in a real browser: a file
with a bad line is refused whole, naming the line; a good one is stored and shows on the
dashboard beside Suunta's sessions, month by month."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PASSWORD, Server, sign_in, suunta
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

ORG = "sote-kainuu"  # a demo organisation (evaluation/demo/orgs.py) no other test gives contacts


@pytest.fixture(scope="module")
def admin(server: Server) -> str:
    """An admin account (the registry's page is the admins')."""
    added = suunta(
        server.env, "users", "add", "--role", "admin", "--password-stdin", "aada", stdin=PASSWORD
    )
    assert added.returncode == 0 or "already exists" in added.stderr, added.stderr
    return "aada"


def _months() -> tuple[str, str]:
    """Last month and the month before, as YYYY-MM (both in the dashboard's year table unless
    last month is January)."""
    last = dt.datetime.now(dt.UTC).date().replace(day=1) - dt.timedelta(days=1)
    before = last.replace(day=1) - dt.timedelta(days=1)
    return last.strftime("%Y-%m"), before.strftime("%Y-%m")


def _upload(page: Page, name: str, text: str) -> None:
    page.set_input_files(
        "#contacts-file", {"name": name, "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Import contacts").click()


def test_an_admin_uploads_contacts_and_sees_them_on_the_dashboard(page: Page, admin: str) -> None:
    last, before = _months()
    page.goto("/login?next=/admin/orgs&lang=en")
    sign_in(page, admin)
    expect(page).to_have_url("/admin/orgs")
    expect(page.get_by_role("heading", name="Guidance contacts by month (CSV)")).to_be_visible()
    # One bad line: nothing is stored, and the page says which line.
    _upload(
        page,
        "bad.csv",
        f"org_id,month,channel,contacts\n{ORG},{last},face_to_face,5123\n{ORG},{last},phone,many\n",
    )
    alert = page.locator(".error[role=alert]")
    expect(alert).to_contain_text("line 3")
    expect(alert).to_contain_text("whole number")
    # The refused upload's page comes with 400, which the console reports; nothing else may.
    assert page.problems == [  # type: ignore[attr-defined]
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.problems.clear()  # type: ignore[attr-defined]
    # The same month again, right this time, with the month before and a chat figure.
    _upload(
        page,
        "contacts.csv",
        "org_id,month,channel,contacts\n"
        f"{ORG},{last},face_to_face,4321\n"
        f"{ORG},{last},phone,987\n"
        f"{ORG},{before},face_to_face,3456\n"
        f"{ORG},{before},chat,65\n",
    )
    expect(page.locator(".notice[role=status]")).to_have_text("Guidance contacts imported: 4 rows.")
    expect(page.locator(".error[role=alert]")).to_have_count(0)
    assert_accessible(page)
    # The dashboard shows them beside Suunta's sessions, for that organisation.
    page.goto("/dashboard?lang=en")
    expect(page.locator("#level-report tr[data-indicator=sessions]")).to_be_visible(timeout=60_000)
    with page.expect_response(lambda r: "level=org" in r.url):
        page.select_option("#level", "org")
    with page.expect_response(lambda r: f"id={ORG}" in r.url):
        page.select_option("#level-unit", ORG)
    rows = page.locator(".contacts-table tbody tr")
    # Face to face, phone, chat: the refused file's 5,123 was never stored.
    newest = rows.filter(has_text="4,321").locator("td")
    expect(newest.nth(0)).to_have_text("4,321")
    expect(newest.nth(1)).to_have_text("987")
    expect(newest.nth(2)).to_have_text("\u2013")
    expect(rows.filter(has_text="5,123")).to_have_count(0)
    if not last.endswith("-01"):  # the month before is in the same year's table
        earlier = rows.filter(has_text="3,456").locator("td")
        expect(earlier.nth(1)).to_have_text("\u2013")
        expect(earlier.nth(2)).to_have_text("65")
    page.locator("#levels").screenshot(path=str(ARTIFACTS / "admin-contacts-on-dashboard.png"))
    assert page.problems == []  # type: ignore[attr-defined]
