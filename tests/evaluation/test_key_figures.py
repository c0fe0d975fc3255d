"""Key figures beside the previous period, and the HTML report's numbers in the reader's
language (Finnish: 1 141 · 66,4 % · +0,75)."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluation.reports.render.as_csv import render_csv
from evaluation.reports.render.as_html import change, figure, render_html
from evaluation.reports.summary import Period, summary
from tests.evaluation.conftest import TODAY, Store

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "metric", "lang", "shown"),
    [
        (1141, "sessions", "fi", f"1{NBSP}141"),
        (1141, "sessions", "sv", f"1{NBSP}141"),
        (1141, "sessions", "en", "1,141"),
        (0.664, "satisfaction", "fi", f"66,4{NBSP}%"),
        (0.664, "satisfaction", "en", "66.4%"),
        (0.75, "mean_change", "fi", "+0,75"),
        (-0.5, "mean_change", "fi", "\u22120,50"),
        (-0.5, "mean_change", "en", "-0.50"),
        (1234567.0, "latency_p95_ms", "fi", f"1{NBSP}234{NBSP}567"),
        (None, "sessions", "fi", "—"),
    ],
)
def test_figures_in_the_readers_language(value: object, metric: str, lang: str, shown: str) -> None:
    assert figure(value, metric, lang) == shown


def test_changes_are_signed_and_shares_change_in_points() -> None:
    assert change(121, "sessions", "fi") == "+121"
    assert change(-1200, "sessions", "fi") == f"\u22121{NBSP}200"
    assert change(0.021, "satisfaction", "fi") == f"+2,1{NBSP}%-yks."
    assert change(-0.021, "satisfaction", "en") == f"-2.1{NBSP}pp"
    assert change(0.25, "mean_change", "sv") == "+0,25"
    assert change(None, "sessions", "fi") == "—"


def test_key_figures_compare_with_the_days_before(store: Store) -> None:
    # 3 sessions a day in the previous fortnight, 5 a day in this one.
    for day in range(1, 15):
        for i in range(3):
            store.session(f"2026-02-{day:02d}", user=f"a{day}-{i}", ratings=(5,))
    for day in range(15, 29):
        for i in range(5):
            store.session(f"2026-02-{day:02d}", user=f"b{day}-{i}", ratings=(2,))
    store.flush()
    period = Period(dt.date(2026, 2, 15), dt.date(2026, 2, 28))
    report = summary(store.engine, period, min_group_size=5, today=TODAY)
    assert report.previous_period is not None
    assert (report.previous_period.start, report.previous_period.end) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 14),
    )
    figures = {k.name: k for k in report.key_figures}
    assert (figures["sessions"].value, figures["sessions"].previous) == (70, 42)
    assert figures["sessions"].change == 28
    assert figures["satisfaction"].value == 0.0 and figures["satisfaction"].previous == 1.0
    assert figures["satisfaction"].change == -1.0
    page = render_html(report, lang="fi")
    assert "Vertailu edelliseen jaksoon 1.2.2026 – 14.2.2026" in page
    assert "edellinen 42 · muutos +28" in page
    assert f"muutos \u2212100,0{NBSP}%-yks." in page
    english = render_html(report, lang="en")
    assert f"previous 100.0% · change -100.0{NBSP}pp" in english
    table = render_csv(report)
    assert "key_figures,period,previous,sessions,42" in table
    assert "key_figures,period,change,sessions,28" in table
    assert "report,previous_period,all,start,2026-02-01" in table
