"""`GET /api/reports/summary` and `/api/reports/export` through the real app, signed in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from accounts.users import create_user
from evaluation.reports.render.as_csv import HEADER
from evaluation.reports.schema import Summary
from knowledge_base.embedding import Embedder
from suunta.index_setup import build
from suunta.settings import Settings
from suunta.wiring import Components, build_components
from telemetry.store import init_schema
from tests.conftest import small_settings
from tests.evaluation.conftest import Store
from tests.web.conftest import PASSWORD, sign_in

MARCH = "from=2026-03-01&to=2026-03-31"


@pytest.fixture(scope="module")
def app_parts(
    tmp_path_factory: pytest.TempPathFactory, minilm: Embedder
) -> Iterator[tuple[Settings, Components]]:
    """Settings, parts and a store with March traffic and an owner account, for the module."""
    settings = small_settings(tmp_path_factory.mktemp("reports"))
    build(settings, minilm)
    components = build_components(settings)
    store = Store(components.engine, components.writer)
    for day in range(2, 30):
        store.session(f"2026-03-{day:02d}", user=f"u{day % 9}", ratings=(4,), region="uusimaa")
    for _ in range(6):
        store.session(
            "2026-03-12",
            language="en",
            kind="no_answer",
            confidence=0.1,
            question="Is a driving licence part of vocational training?",
        )
    store.flush()
    init_schema(components.engine)
    create_user(engine=components.engine, username="owner", password=PASSWORD, role="owner")
    yield settings, components
    components.close()


@pytest.fixture
def owner(app_parts: tuple[Settings, Components]) -> Iterator[TestClient]:
    """A client signed in as a service owner."""
    from web.app import create_app

    with TestClient(create_app(*app_parts)) as client:
        assert sign_in(client, "owner").status_code == 303
        yield client


def test_summary_is_the_report_as_json(owner: TestClient) -> None:
    response = owner.get(f"/api/reports/summary?{MARCH}")
    assert response.status_code == 200
    report = Summary.model_validate(response.json())
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (
        "2026-03-01",
        "2026-03-31",
    )
    # Nine browsers came back again and again; six sessions had no browser id (one user each).
    assert report.reach.sessions == 34 and report.reach.users == 15
    assert report.quality.learner.overall.ratings == 28
    assert report.gaps is not None and report.gaps.questions == 6
    assert report.gaps.themes[0].questions == 6
    assert report.gaps.themes[0].examples == ["Is a driving licence part of vocational training?"]


def test_summary_without_gaps_and_with_default_dates(owner: TestClient) -> None:
    report = owner.get("/api/reports/summary?gaps=false").json()
    assert report["gaps"] is None
    assert report["period"]["end"] > report["period"]["start"]


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13-01&to=2026-03-31",
        "from=yesterday",
        "from=2026-03-31&to=2026-03-01",
        "from=2020-01-01&to=2026-03-01",
    ],
)
def test_bad_dates_get_422_with_a_detail(owner: TestClient, query: str) -> None:
    response = owner.get(f"/api/reports/summary?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_export_as_csv_and_as_html(owner: TestClient) -> None:
    csv = owner.get(f"/api/reports/export?{MARCH}&format=csv&gaps=false")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0] == ",".join(HEADER)
    assert "attachment" in csv.headers["content-disposition"]
    html = owner.get(f"/api/reports/export?{MARCH}&format=html&lang=sv")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in html.text and "<script" not in html.text
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html.text)
