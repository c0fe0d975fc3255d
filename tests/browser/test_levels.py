"""The dashboard's levels in a real browser: the level picker, an org_owner held to their own
organisation (on the page and through the API), the open-data download, the embeddable chat
inside a frame on another origin, the one-click outcome questions and the counsellor level."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import http.server
import io
import json
import sqlite3
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PASSWORD, Server, _free_port, sign_in, suunta
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

OWN_ORG = "omnia"  # a demo organisation (evaluation/demo/orgs.py)
OTHER_ORG = "ohjaamo-helsinki"
CONTACTS_ORG = "kuntakokeilu"


def _last_month() -> dt.date:
    return dt.datetime.now(dt.UTC).date().replace(day=1) - dt.timedelta(days=1)


@pytest.fixture(scope="module")
def accounts(server: Server) -> Server:
    """An org_owner of one demo organisation, and an organisation that started Suunta last
    month with its face-to-face and phone contacts of the month before and of last month."""
    added = suunta(
        server.env,
        "users",
        "add",
        "--role",
        "org_owner",
        "--org",
        OWN_ORG,
        "--password-stdin",
        "oona",
        stdin=PASSWORD,
    )
    assert added.returncode == 0 or "already exists" in added.stderr, added.stderr
    month = _last_month().replace(day=1)
    registered = suunta(
        server.env,
        "orgs",
        "add",
        CONTACTS_ORG,
        "--name-fi",
        "Kuntakokeilu",
        "--name-sv",
        "Kommunförsök",
        "--name-en",
        "Municipal pilot",
        "--sector",
        "employment_services",
        "--region",
        "kainuu",
        "--launched",
        month.isoformat(),
    )
    assert registered.returncode == 0 or "already" in registered.stderr, registered.stderr
    before = (month - dt.timedelta(days=1)).replace(day=1)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["org_id", "month", "channel", "contacts"])
    for when, face, phone in ((before, 431, 97), (month, 388, 90)):
        writer.writerow([CONTACTS_ORG, when.strftime("%Y-%m"), "face_to_face", face])
        writer.writerow([CONTACTS_ORG, when.strftime("%Y-%m"), "phone", phone])
    path = server.database.parent / "contacts.csv"
    path.write_text(rows.getvalue(), encoding="utf-8")
    imported = suunta(server.env, "orgs", "import-contacts", str(path))
    assert imported.returncode == 0, imported.stderr
    return server


def _dashboard(page: Page, username: str) -> None:
    page.goto("/login?next=/dashboard&lang=en")
    sign_in(page, username)
    expect(page).to_have_url("/dashboard")
    expect(page.locator("#level-report tr[data-indicator=sessions]")).to_be_visible(timeout=60_000)


def test_the_level_picker_shows_every_level_for_an_owner(page: Page, accounts: Server) -> None:
    _dashboard(page, "olli")
    levels = page.locator("#level option")
    expect(levels).to_have_text(["National", "Region", "Sector", "Organisation"])
    expect(page.locator("#level-unit-field")).to_be_hidden()
    national = page.locator("#level-report tr[data-indicator=sessions] td").first
    expect(national).not_to_have_text("")
    # Results: the two outcome measures are part of the set.
    expect(page.locator("tr[data-indicator=next_step_taken] summary")).to_have_text(
        "Planned next step taken"
    )
    with page.expect_response(lambda r: "level=region" in r.url and "id=uusimaa" in r.url):
        page.select_option("#level", "region")
    expect(page.locator("#level-unit option")).to_have_count(19)
    expect(page.locator("#level-unit-label")).to_have_text("Choose a region")
    with page.expect_response(lambda r: "level=sector" in r.url):
        page.select_option("#level", "sector")
    with page.expect_response(lambda r: "level=sector" in r.url and "id=education" in r.url):
        page.select_option("#level-unit", "education")
    expect(page.locator(".level-figures-for")).to_contain_text("Education")
    with page.expect_response(lambda r: "level=org" in r.url and f"id={OWN_ORG}" in r.url):
        page.select_option("#level", "org")
        page.select_option("#level-unit", OWN_ORG)
    header = page.locator(".levels-table").first.locator("thead th")
    expect(header).to_have_text(
        [
            "Indicator",
            "This organisation",
            "Previous period",
            "Change",
            "Sector",
            "Region",
            "National",
        ]
    )
    # The face-to-face contacts month by month beside Suunta's sessions, before and after the
    # organisation's launch (last month).
    with page.expect_response(lambda r: f"id={CONTACTS_ORG}" in r.url):
        page.select_option("#level-unit", CONTACTS_ORG)
    page.locator("#levels").screenshot(path=str(ARTIFACTS / "dashboard-levels-org.png"))
    rows = page.locator(".contacts-table tbody tr")
    after = rows.filter(has_text="388")
    expect(after.locator("td").nth(3)).to_have_text("0")  # no Suunta sessions through it yet
    expect(after.locator("td").last).to_have_text("after")
    if _last_month().month > 1:  # the month before is in the same year's table
        expect(rows.filter(has_text="431").locator("td").last).to_have_text("before")
    # A quarter: the whole ended quarter before this one.
    quarter = page.locator("#level-period optgroup").nth(1).locator("option").first
    with page.expect_response(lambda r: "level=org" in r.url and r.url.endswith(("-31", "-30"))):
        page.select_option("#level-period", quarter.get_attribute("value"))
    assert_accessible(page)
    page.get_by_role("button", name="Suomi").click()
    expect(page.locator("#level option").first).to_have_text("Koko maa")
    expect(header.nth(1)).to_have_text("Organisaatio")
    assert page.problems == []  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "dashboard-levels.png"), full_page=True)


def test_an_org_owner_sees_their_own_organisation_only(page: Page, accounts: Server) -> None:
    _dashboard(page, "oona")
    expect(page.locator("#level option")).to_have_text(["Organisation"])
    expect(page.locator("#level-unit option")).to_have_text(["Omnia"])
    expect(page.locator("#report")).to_have_count(0)  # not the whole service's figures
    expect(page.locator("#open-data")).to_have_count(0)
    expect(page.locator(".levels-table thead th").nth(4)).to_have_text("Sector")
    page.screenshot(path=str(ARTIFACTS / "dashboard-org-owner.png"), full_page=True)
    # Through the API with the same sign-in: another organisation and every wider level refused.
    month = _last_month()
    period = {"from": month.replace(day=1).isoformat(), "to": month.isoformat()}
    own = page.request.get("/api/indicators", params={"level": "org", "id": OWN_ORG, **period})
    assert own.status == 200 and own.json()["org"]["id"] == OWN_ORG
    for params in (
        {"level": "org", "id": OTHER_ORG},
        {"level": "national"},
        {"level": "sector", "id": "education"},
        {"level": "region", "id": "uusimaa"},
    ):
        denied = page.request.get("/api/indicators", params={**params, **period})
        assert denied.status == 403 and denied.json()["detail"], params
    for path in ("/api/reports/summary", "/api/indicators/open-data", "/api/indicators/counsellor"):
        assert page.request.get(path).status == 403, path
    units = page.request.get("/api/indicators/units").json()
    assert [o["id"] for o in units["orgs"]] == [OWN_ORG] and units["levels"] == ["org"]
    # Tampering with the page's picker changes nothing: the server refuses the other unit.
    page.evaluate(
        """(other) => { const s = document.getElementById('level-unit');
        const o = document.createElement('option'); o.value = other; o.textContent = other;
        s.append(o); s.value = other; s.dispatchEvent(new Event('change')); }""",
        OTHER_ORG,
    )
    expect(page.locator("#level-report .error[role=alert]")).to_be_visible()
    expect(page.locator("#level-report .levels-table")).to_have_count(0)
    assert_accessible(page)


def test_the_open_data_download(page: Page, accounts: Server) -> None:
    _dashboard(page, "olli")
    link = page.locator("#open-data")
    month = _last_month()
    expect(link).to_have_attribute(
        "href", f"/api/indicators/open-data?from={month.replace(day=1)}&to={month}"
    )
    with page.expect_download() as info:
        link.click()
    download = info.value
    label = f"suunta-indicators-{month:%Y-%m}"
    assert download.suggested_filename == f"{label}.zip"
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        folder = saved.parent / label
        archive.extractall(saved.parent)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    values = list(csv.DictReader((folder / "values.csv").open(encoding="utf-8")))
    assert {v["level"] for v in values} == {"national", "region"}
    national = next(v for v in values if v["level"] == "national" and v["indicator"] == "sessions")
    assert national["period"] == f"{month:%Y-%m}"
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _partner_site(folder: Path) -> Iterator[str]:
    """A second local web server: another origin, like a partner's own site."""
    port = _free_port()
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _stored(server: Server, sql: str, args: tuple[object, ...], timeout: float = 15.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.closing(sqlite3.connect(server.database, timeout=5)) as db:
            rows = db.execute(sql, args).fetchall()
        if rows or time.monotonic() > deadline:
            return rows
        time.sleep(0.3)


def test_the_embedded_chat_inside_a_frame_on_another_origin(
    page: Page, server: Server, tmp_path: Path
) -> None:
    with _partner_site(tmp_path) as partner:
        org = f"partner-{uuid.uuid4().hex[:6]}"
        added = suunta(
            server.env,
            "orgs",
            "add",
            org,
            "--name-fi",
            "Kumppani",
            "--name-sv",
            "Partner",
            "--name-en",
            "Partner site",
            "--sector",
            "third_sector",
            "--region",
            "lappi",
            "--allow",
            partner,
        )
        assert added.returncode == 0, added.stderr
        # The one-line snippet of docs/organisations.md.
        frame = (
            f'<iframe src="{server.url}/embed/{org}?lang=en" title="Suunta" width="100%" '
            'height="640" style="border:0"></iframe>'
        )
        (tmp_path / "index.html").write_text(
            f"<!doctype html><html lang='en'><title>Partner</title><h1>Partner</h1>{frame}",
            encoding="utf-8",
        )
        (tmp_path / "unknown.html").write_text(
            f"<!doctype html><html lang='en'><title>Other</title>"
            f'<iframe src="{server.url}/embed/not-registered" title="Suunta"></iframe>',
            encoding="utf-8",
        )
        # The registry is re-read by the server within 30 s of a change.
        deadline = time.monotonic() + 40
        while "Partner site" not in httpx.get(f"{server.url}/embed/{org}?lang=en").text:
            assert time.monotonic() < deadline, "the server never saw the new organisation"
            time.sleep(1)
        page.goto(partner + "/index.html")
        chat = page.frame_locator("iframe")
        expect(chat.locator(".org-name")).to_have_text("Partner site")
        chat.locator("#message").fill("How does apprenticeship training work?")
        chat.locator("#message").press("Enter")
        expect(chat.locator(".answer .sources li").first).to_be_visible(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "embed-in-partner-frame.png"), full_page=True)
        # The session counts for the partner's organisation (the writer stores it within moments).
        deadline = time.monotonic() + 20
        while not (
            rows := _stored(server, "SELECT COUNT(*) FROM sessions WHERE org_id = ?", (org,))
        )[0][0]:
            assert time.monotonic() < deadline, rows
            time.sleep(0.5)
        # A site not in the record (the same page from another origin), or an organisation that
        # is not registered: the browser refuses to show the chat in the frame.
        for address in (
            partner.replace("127.0.0.1", "localhost") + "/index.html",
            partner + "/unknown.html",
        ):
            other = page.context.new_page()
            refused: list[str] = []
            other.on("console", lambda m: refused.append(m.text))  # noqa: B023 (closed below)
            other.goto(address)
            other.wait_for_timeout(1500)
            assert len(other.frames) == 2, address
            assert other.frames[1].locator("#message").count() == 0, address
            assert any("frame-ancestors" in text for text in refused), refused
            other.close()


def _seed_outcomes(page: Page, marks: dict[str, dict[str, object]]) -> None:
    page.goto("/privacy")  # same origin, before the chat page reads the marks
    page.evaluate("(m) => localStorage.setItem('suunta.outcomes', JSON.stringify(m))", marks)


def test_the_one_click_outcome_questions(page: Page, server: Server) -> None:
    earlier = page.request.post(
        "/api/chat", data={"message": "How does apprenticeship training work?"}
    ).json()["session_id"]
    two_hours_ago = int(time.time() * 1000) - 2 * 3600 * 1000
    _seed_outcomes(
        page,
        {
            "step": {"sid": earlier, "at": two_hours_ago},
            "handoff": {"sid": earlier, "at": two_hours_ago},
        },
    )
    page.goto("/?lang=en")
    step = page.locator("#outcome-step")
    expect(step.get_by_role("heading")).to_have_text("Did you take the next step you planned?")
    expect(step.get_by_role("group").get_by_role("button")).to_have_text(
        ["Yes", "Partly", "Not yet", "No longer relevant"]
    )
    contact = page.locator("#outcome-handoff")
    expect(contact.get_by_role("heading")).to_have_text("Did you contact the service we suggested?")
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "outcome-questions.png"))
    page.get_by_role("button", name="Suomi").click()
    expect(step.get_by_role("heading")).to_have_text("Otitko suunnittelemasi seuraavan askeleen?")
    expect(step.get_by_role("button", name="Osittain")).to_be_visible()
    page.get_by_role("button", name="English").click()
    step.get_by_role("button", name="Partly").click()
    expect(step).to_have_count(0)
    expect(page.locator("#announcer")).to_have_text("Thank you!")
    expect(page.locator("#message")).to_be_focused()
    contact.get_by_role("button", name="Don't ask").click()
    expect(contact).to_have_count(0)
    rows = _stored(
        server,
        "SELECT next_step_taken, service_contacted FROM sessions"
        " WHERE id = ? AND next_step_taken IS NOT NULL",
        (earlier,),
    )
    assert rows == [
        ("partly", None)
    ]  # on the conversation that planned the step; skip stores nothing
    # Asked once: neither question comes back.
    page.reload()
    expect(page.locator("#message")).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.locator(".outcome")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('suunta.outcomes')") is None
    assert page.problems == []  # type: ignore[attr-defined]


def test_a_plan_made_now_is_asked_about_only_on_a_later_visit(page: Page) -> None:
    page.goto("/?lang=en")
    page.fill("#message", "How does apprenticeship training work?")
    page.press("#message", "Enter")
    expect(page.locator(".answer .sources li").first).to_be_visible(timeout=60_000)
    session = page.evaluate("sessionStorage.getItem('suunta.session')")
    marks = page.evaluate("JSON.parse(localStorage.getItem('suunta.outcomes') || '{}')")
    if "step" not in marks:
        pytest.skip("the fixture corpus gave this answer no next steps")
    assert marks["step"]["sid"] == session  # a random id and a time: nothing else is kept
    assert set(marks["step"]) == {"sid", "at"}
    expect(page.locator(".outcome")).to_have_count(0)  # not in the same visit
    # Deleting the conversation forgets the question about it.
    page.get_by_role("button", name="Delete my conversation").click()
    page.locator("#delete-yes").click()
    expect(page.locator("#log .notice")).to_be_visible()
    assert "step" not in page.evaluate(
        "JSON.parse(localStorage.getItem('suunta.outcomes') || '{}')"
    )


def test_after_a_handoff_the_contact_question_comes_later_in_the_same_conversation(
    page: Page, server: Server
) -> None:
    page.clock.install()
    page.goto("/?lang=en")
    page.fill("#message", "I want to talk to a real person")
    page.press("#message", "Enter")
    expect(page.locator("#log .turn")).to_have_count(1)
    expect(page.locator("#log .turn [aria-busy]")).to_have_count(0, timeout=60_000)
    session = page.evaluate("sessionStorage.getItem('suunta.session')")
    marks = page.evaluate("JSON.parse(localStorage.getItem('suunta.outcomes') || '{}')")
    assert marks.get("handoff", {}).get("sid") == session, marks
    expect(page.locator(".outcome")).to_have_count(0)  # not at once
    page.clock.fast_forward("31:00")
    contact = page.locator("#outcome-handoff")
    expect(contact.get_by_role("heading")).to_have_text("Did you contact the service we suggested?")
    expect(page.locator("#outcome-step")).to_have_count(0)  # the step only on a later visit
    contact.get_by_role("button", name="Yes").click()
    expect(contact).to_have_count(0)
    rows = _stored(
        server,
        "SELECT service_contacted FROM sessions WHERE id = ? AND service_contacted IS NOT NULL",
        (session,),
    )
    assert rows == [("yes",)]
    assert page.problems == []  # type: ignore[attr-defined]


def test_a_counsellor_sees_their_own_copilot_use(page: Page) -> None:
    page.goto("/login?next=/counsellor&lang=en")
    sign_in(page, "cora")
    expect(page).to_have_url("/counsellor")
    before = page.request.get("/api/indicators/counsellor").json()["total"]["questions"]
    asked = page.request.post(
        "/api/chat", data={"message": "Client wants to retrain as a nurse.", "mode": "counsellor"}
    )
    assert asked.status == 200
    page.get_by_role("link", name="My co-pilot use").click()
    expect(page).to_have_url("/counsellor/figures")
    questions = page.locator(".figures div", has_text="Questions").locator("dd")
    deadline = time.monotonic() + 15
    while questions.text_content() != str(before + 1) and time.monotonic() < deadline:
        page.wait_for_timeout(500)  # the writer stores the turn in the background
        page.reload()
    expect(questions).to_have_text(str(before + 1))
    expect(page.locator("table.data tbody tr")).to_have_count(12)
    assert_accessible(page)
    # The owner's page is their own too: cora's questions are not in it.
    page.context.clear_cookies()
    page.goto("/login?next=/counsellor/figures")
    sign_in(page, "olli")
    expect(page.locator(".figures div", has_text="Questions").locator("dd")).to_have_text("0")
