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

    summary = summarise(run_cases(assistant, load_cases(DEV_SET)))
    report = format_summary(summary)
    print(report)  # the figures, with `pytest -s`

    # A ratchet just below what the product reaches on the 1,940 cases (docs/answering.md:
    # 1803/1940 pass, each language >= 92.6%, answer precision 91.0%, 21/591 not-covered
    # answered, 29/1146 covered refused), below issue 11's aims (95% pass, 97% precision, 3% and
    # 5%): a change may not make it worse. dev-771..1940 were written unseen in eight batches;
    # the eighth (dev-1791..1940) was measured at the start and the end of the session that
    # added it, half of it (the even ids) unread until then: pass 101 -> 112/150 (even half
    # 52 -> 54/75), not covered answered 22 -> 15/60, crisis 5/6 -> 5/6 (6/6 after it joined).
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
