"""The report as a self-contained HTML page and as tidy CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from evaluation.golden.stored_runs import EvalRunPublic
from evaluation.reports.render.as_csv import HEADER, render_csv
from evaluation.reports.render.as_html import render_html
from evaluation.reports.schema import BaselineComparison, BaselineRow, Summary
from evaluation.reports.summary import summary
from knowledge_base.embedding import Embedder
from tests.evaluation.conftest import MARCH, TODAY, Store

SNEAKY = "<script>alert(1)</script> Is a <b>driving licence</b> included in training?"


@pytest.fixture
def report(store: Store, minilm: Embedder) -> tuple[Summary, list[str]]:
    """A report over a few weeks of traffic, with a gap question that holds markup."""
    sessions = []
    for day in range(2, 28):
        for i in range(3):
            sid, _ = store.session(
                f"2026-03-{day:02d}",
                user=f"u{day}-{i}",
                ratings=(5 - i,),
                helpful=(i < 2,),
                region="uusimaa" if i else "lappi",
                age_band="25-34",
                clarity_start=2,
                clarity_end=3 + (i % 2),
            )
            sessions.append(sid)
    for _ in range(6):
        sid, _ = store.session(
            "2026-03-20", language="en", kind="no_answer", confidence=0.1, question=SNEAKY
        )
        sessions.append(sid)
    store.flush()
    built = summary(store.engine, MARCH, min_group_size=5, today=TODAY, embedder=minilm)
    return built, sessions


def test_html_is_one_self_contained_page(report: tuple[Summary, list[str]]) -> None:
    summary_, sessions = report
    html = render_html(summary_, lang="en")
    assert html.startswith("<!doctype html>") and "<style>" in html
    # Nothing is fetched: no script, no external source, link, stylesheet or font.
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(" not in html
    assert html.count("<svg") >= 5
    for heading in ("Reach", "Quality", "Learners", "Counsellors", "Effectiveness"):
        assert f">{heading}<" in html
    assert "Knowledge gaps" in html
    # Stored text is shown escaped; no session id appears anywhere.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not any(sid in html for sid in sessions)


@pytest.mark.parametrize(("lang", "title"), [("fi", "Tavoittavuus"), ("sv", "Räckvidd")])
def test_html_in_finnish_and_swedish(
    report: tuple[Summary, list[str]], lang: str, title: str
) -> None:
    html = render_html(report[0], lang=lang)
    assert f'<html lang="{lang}">' in html and f">{title}<" in html


def test_csv_is_tidy(report: tuple[Summary, list[str]]) -> None:
    summary_, sessions = report
    text = render_csv(summary_)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == HEADER
    assert all(len(row) == 5 for row in rows)
    sections = {row[0] for row in rows[1:]}
    assert {"reach", "quality_learner", "quality_counsellor", "effectiveness", "gaps"} <= sections
    texts = {"start", "end", "source", "label", "version", "dataset", "target"}
    for _section, _dimension, _group, metric, value in rows[1:]:
        if value and metric not in texts and not metric.startswith("example_"):
            float(value)  # every figure is a number, or empty when hidden
    learner = {(r[1], r[2], r[3]): r[4] for r in rows if r[0] == "quality_learner"}
    assert learner[("all", "all", "messages")] == str(summary_.quality.learner.overall.messages)
    # Lappi (26 users) is shown, hidden cells are empty.
    reach = {(r[1], r[2], r[3]): r[4] for r in rows if r[0] == "reach"}
    assert reach[("region", "lappi", "sessions")] == "26"
    assert not any(sid in text for sid in sessions)


def test_html_flags_under_served_groups_and_escapes_every_stored_text(
    report: tuple[Summary, list[str]],
) -> None:
    summary_ = report[0]
    baseline = BaselineComparison(
        source="Statistics <Finland>",
        region=[
            BaselineRow(
                group="uusimaa", users=40, user_share=0.5, population_share=0.3, representation=1.6
            ),
            BaselineRow(
                group="lappi", users=5, user_share=0.02, population_share=0.03, representation=0.6
            ),
            BaselineRow(
                group="kainuu",
                users=None,
                user_share=None,
                population_share=0.01,
                representation=None,
            ),
        ],
        age_band=[],
    )
    run = EvalRunPublic(
        created_at=dt.datetime(2026, 3, 3, 10, 11),
        version="<b>0.1</b>",
        dataset="dev",
        embedding_model="e5",
        generator="extractive",
        target="in-process",
        cases=120,
        pass_rate=0.915,
        language_match=1.0,
        recall_at_5=None,
        mrr_at_10=0.5,
        ndcg_at_10=0.7,
        latency_p50_ms=10.0,
        latency_p95_ms=1234.5,
        by_language={},
        by_kind={},
    )
    changed = summary_.model_copy(
        update={
            "reach": summary_.reach.model_copy(update={"baseline": baseline}),
            "eval_runs": [run],
        }
    )
    html = render_html(changed, lang="en")
    assert "Statistics &lt;Finland&gt;" in html and "&lt;b&gt;0.1&lt;/b&gt;" in html
    baseline_part = html[html.index("Statistics &lt;Finland&gt;") :]
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(
            r'<th scope="row">(Uusimaa|Lapland|Kainuu)[^<]*.*?</tr>', baseline_part
        )
    }
    assert set(rows) == {"Uusimaa", "Lapland", "Kainuu"}
    # Only the group reached less than 0.8 of its share is flagged; a hidden one is a dash.
    assert "under-served" in rows["Lapland"] and "under-served" not in rows["Uusimaa"]
    assert "<td>—</td>" in rows["Kainuu"] and "under-served" not in rows["Kainuu"]
    assert "<td>91.5%</td>" in html and "<td>1,234</td>" in html
