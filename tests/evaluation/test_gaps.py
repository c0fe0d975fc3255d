"""Knowledge gaps: themes from the redacted texts of badly served questions (real MiniLM)."""

from __future__ import annotations

import re

from evaluation.reports.summary import summary
from knowledge_base.embedding import Embedder
from tests.evaluation.conftest import MARCH, TODAY, Store

LICENCE = (
    "Is a driving licence included in vocational training?",
    "Who pays for the truck driving licence in a logistics qualification?",
    "Can I get a bus driving licence as part of my training?",
)
CHILDCARE = (
    "Can I get childcare for my kids while I attend evening classes?",
    "Is there daycare for children of parents who study in the evenings?",
)


def test_gap_questions_are_grouped_into_themes_with_redacted_examples(
    store: Store, minilm: Embedder
) -> None:
    for text in LICENCE:
        store.session(
            "2026-03-09", language="en", kind="no_answer", confidence=0.1, question=text, messages=2
        )
    # Personal data in a question is redacted before it is stored, so also in the report.
    store.session(
        "2026-03-10",
        language="en",
        kind="no_answer",
        confidence=0.1,
        question="I'm Matti Virtanen, call me on 040 123 4567: is the truck licence free?",
    )
    for text in CHILDCARE:
        store.session("2026-03-11", language="en", confidence=0.2, question=text, messages=3)
    # Two poorly rated answers about something else: too few to be shown as a theme.
    store.session(
        "2026-03-12",
        language="en",
        question="What is the salary of a pilot in Finland?",
        ratings=(1, 2),
        messages=2,
    )
    # A well rated, confident answer is no gap.
    store.session("2026-03-12", question="How does apprenticeship work?", ratings=(5,))
    store.flush()

    gaps = summary(store.engine, MARCH, min_group_size=5, today=TODAY, embedder=minilm).gaps
    assert gaps is not None
    assert gaps.questions == 15 and gaps.analysed == 15
    by_label = {t.label: t for t in gaps.themes}
    licence = next(t for t in gaps.themes if "licence" in t.label)
    childcare = next(t for t in gaps.themes if "child" in t.label or "daycare" in t.label)
    assert licence.questions == 7 and licence.reasons["no_answer"] == 7
    assert licence.languages == {"en": 7}
    assert childcare.questions == 6 and childcare.reasons["low_confidence"] == 6
    assert all("licence" in e for e in licence.examples) and 1 <= len(licence.examples) <= 3
    assert gaps.hidden_themes >= 1
    assert not any("pilot" in label for label in by_label)
    for theme in gaps.themes:
        for example in theme.examples:
            assert not re.search(r"\d{3}", example) and "Virtanen" not in example


def test_no_gap_themes_without_stored_text(store: Store, minilm: Embedder) -> None:
    store.writer = type(store.writer)(store.engine, lambda s: s, store_text=False)
    for _ in range(6):
        store.session("2026-03-09", kind="no_answer", confidence=0.1, question=LICENCE[0])
    store.flush()
    gaps = summary(store.engine, MARCH, min_group_size=5, today=TODAY, embedder=minilm).gaps
    assert gaps is not None and gaps.questions == 6 and gaps.analysed == 0 and gaps.themes == []
