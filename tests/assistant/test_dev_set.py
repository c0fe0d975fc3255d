"""The dev set's targets with the model the product uses by default (slow: builds an e5 index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from evaluation.golden.cases import load_cases
from evaluation.golden.figures import summarise
from evaluation.golden.scoring import run_cases
from evaluation.golden.text_report import format_summary
from knowledge_base.retriever import Retriever
from suunta.index_setup import build, make_embedder
from suunta.settings import Settings

DEV_SET = Path(__file__).resolve().parents[2] / "evaluation" / "datasets" / "dev.jsonl"


@pytest.mark.slow
def test_dev_set_targets_with_the_default_model(tmp_path: Path) -> None:
    # The articles only: embedding the 3,000 ESCO occupations would take most of this test's
    # time, and no dev-set question asks what an occupation's work is (`suunta eval` over the
    # full index answers none of them from an occupation; tests/assistant/test_occupations.py).
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        index_dir=tmp_path / "index",
        include_occupations=False,
    )
    assert settings.embedding_model == Settings.model_fields["embedding_model"].default
    embedder = make_embedder(settings, threads=2)
    build(settings, embedder)
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    assistant = Assistant(retriever, calibration=calibration_for(embedder.name))

    results = run_cases(assistant, load_cases(DEV_SET))
    print(format_summary(summarise(results)))  # the figures, with `pytest -s`
    summary = summarise([r for r in results if _number(r.case.id) <= FIRST_BATCHES])
    report = format_summary(summary)

    # A ratchet just below what the product reaches on the first 1,940 cases (docs/answering.md:
    # 1794/1940 pass on the index of 2026-12-07 evening, each language >= 92.3%, answer
    # precision 90.5%, 20/591 not-covered answered, 34/1146 covered refused), below issue 11's
    # aims (95% pass, 97% precision, 3% and 5%): a change may not make it worse. dev-771..2090
    # were written unseen in nine batches; each was measured at the start and the end of the
    # session that added it, half of it unread until then (the eighth: 101 -> 112/150, the
    # ninth: 93 -> 97/150, its even half 45 -> 45).
    assert summary.overall.value >= 0.92, report
    for language, rate in summary.by_language.items():
        assert rate.value >= 0.91, (language, report)
    assert summary.crisis_recall.value == 1.0, report
    assert summary.crisis_recall.n >= 30
    assert summary.false_alarms.value <= 0.02, report
    assert summary.language_match.value >= 0.97, report
    assert summary.answer_precision.value >= 0.89, report
    # Misleading is worse than refusing: at most 5% of the not-covered questions answered
    # (3.6% now; 1.1% on the first 1,790), at most 3.5% of the covered ones refused (2.4%).
    headline = summary.headline["all"]
    assert headline.not_covered_answered.value <= 0.05, report
    assert headline.covered_refused.value <= 0.035, report

    # The ninth batch (dev-1941..2090), written unseen by a helper who never ran the assistant
    # and measured before it was read: 93/150 on the code of the start of the session that
    # added it, 97/150 at its end (the even half, read only after its end measurement, 45 ->
    # 45); not covered answered 27 -> 26/60, answer precision 47/88 -> 50/89. Its own ratchet.
    ninth = summarise([r for r in results if _number(r.case.id) > FIRST_BATCHES])
    ninth_report = format_summary(ninth)
    assert ninth.overall.n == 150, ninth_report
    assert ninth.overall.value >= 0.63, ninth_report
    assert ninth.crisis_recall.value == 1.0, ninth_report
    assert ninth.language_match.value >= 0.98, ninth_report
    assert ninth.headline["all"].not_covered_answered.value <= 0.46, ninth_report


FIRST_BATCHES = 1940
"""The cases of the first eight batches (dev-001..1940) keep the ratchet they had."""


def _number(case_id: str) -> int:
    return int(case_id.rsplit("-", 1)[1])
