"""The legal pages: the accessibility statement and the privacy notice, from the settings."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ("Saavutettavuusseloste", "WCAG 2.1", "axe-core", "Lupa- ja valvontavirasto")),
        ("sv", ("Tillgänglighetsutlåtande", "WCAG 2.1", "axe-core", "Tillstånds- och")),
        ("en", ("Accessibility statement", "EN 301 549", "axe-core", "Permit and Supervision")),
    ],
)
def test_the_accessibility_statement_in_each_language(
    make_client: Callable[..., TestClient], lang: str, words: tuple[str, ...]
) -> None:
    client = make_client(accessibility_contact="saavutettavuus@example.org")
    page = client.get("/accessibility", params={"lang": lang})
    assert page.status_code == 200 and f'lang="{lang}"' in page.text
    for word in words:
        assert word in page.text, word
    assert "saavutettavuus@example.org" in page.text and "dev-placeholder" not in page.text
    assert "6.12.2026" in page.text


def test_every_page_footer_links_the_legal_pages(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    for path in ("/", "/privacy", "/how-it-works", "/accessibility", "/login"):
        footer = client.get(path).text.split('<footer class="site-footer">', 1)[1]
        for link in ("/privacy", "/how-it-works", "/accessibility"):
            assert f'href="{link}"' in footer, (path, link)


def test_privacy_names_the_controller_basis_rights_and_retention(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(
        controller_name="Example Municipality", controller_contact="privacy@example.org"
    )
    page = client.get("/privacy", params={"lang": "en"}).text
    assert "Data controller: Example Municipality" in page and "privacy@example.org" in page
    assert "dev-placeholder" not in page
    assert "Article 6(1)(e)" in page and "tietosuoja.fi" in page and "Your rights" in page
    assert "No automatic retention period is set" in page  # SUUNTA_RETENTION_DAYS unset
    kept = make_client(retention_days=90).get("/privacy", params={"lang": "fi"}).text
    assert "Nykyinen säilytysaika: 90 päivää." in kept


def test_development_shows_a_clear_placeholder(make_client: Callable[..., TestClient]) -> None:
    page = make_client().get("/privacy", params={"lang": "en"}).text
    assert "dev-placeholder" in page
    assert "[not configured: SUUNTA_CONTROLLER_NAME]" in page
    statement = make_client().get("/accessibility", params={"lang": "en"}).text
    assert "[not configured: SUUNTA_ACCESSIBILITY_CONTACT]" in statement
    main = statement.split("<main", 1)[1].split("</main>", 1)[0]
    assert not re.search(r"\{[a-z_]+\}", main)  # every placeholder filled
