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
def test_dev_set_targets_with_the_default_model(tmp_path: Path, e5_models_dir: Path) -> None:
    # The articles only: embedding the 3,000 ESCO occupations would take most of this test's
    # time, and no dev-set question asks what an occupation's work is (`suunta eval` over the
    # full index answers none of them from an occupation; tests/assistant/test_occupations.py).
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        index_dir=tmp_path / "index",
        include_occupations=False,
    )
    assert settings.embedding_model == Settings.model_fields["embedding_model"].default
    # The model's materialised forms from the session's folder (made once, tests/conftest.py).
    settings.index_dir.mkdir(parents=True)
    (settings.index_dir / "models").symlink_to(e5_models_dir, target_is_directory=True)
    embedder = make_embedder(settings, threads=2)
    build(settings, embedder)
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    assistant = Assistant(retriever, calibration=calibration_for(embedder.name))

    results = run_cases(assistant, load_cases(DEV_SET))
    print(format_summary(summarise(results)))  # the figures, with `pytest -s`
    summary = summarise([r for r in results if _number(r.case.id) <= FIRST_BATCHES])
    report = format_summary(summary)

    # A ratchet just below what the product reaches on the first 1,940 cases (docs/answering.md:
    # 1780/1940 pass on the reproducible index of 2026-12-07 night, each language >= 91.4%,
    # answer precision 89.4%, 24/591 not-covered answered, 30/1146 covered refused), below issue
    # 11's aims (95% pass, 97% precision, 3% and 5%): a change may not make it worse. Since every
    # text is embedded in a forward pass of its own, a fresh build gives exactly these vectors;
    # the 1794 of 2026-12-07 evening was measured on an index whose vectors depended on which
    # texts had shared a pass (docs/performance.md). dev-771..2240 were written unseen in ten
    # batches; each was measured at the start and the end of the session that added it, half
    # of it unread until then (the ninth: 93 -> 97/150, the tenth: 100 -> 102/150, their even
    # halves 45 -> 45 and 55 -> 55).
    assert summary.overall.value >= 0.915, report
    for language, rate in summary.by_language.items():
        assert rate.value >= 0.91, (language, report)
    assert summary.crisis_recall.value == 1.0, report
    assert summary.crisis_recall.n >= 30
    assert summary.false_alarms.value <= 0.02, report
    assert summary.language_match.value >= 0.97, report
    assert summary.answer_precision.value >= 0.89, report
    # Misleading is worse than refusing: at most 5% of the not-covered questions answered
    # (4.1% now), at most 3.5% of the covered ones refused (2.6%).
    headline = summary.headline["all"]
    assert headline.not_covered_answered.value <= 0.05, report
    assert headline.covered_refused.value <= 0.035, report

    # The ninth and tenth batches, each written unseen by a helper who never ran the assistant
    # and measured before it was read, keep ratchets of their own: the ninth 93/150 at the
    # start of its session, 97 at its end (99 on the reproducible index); the tenth 100 -> 102
    # at the end of its session, 105 once its even half was read (a crisis pattern, a
    # handoff, a limit's cue).
    for first, last, floor, not_covered in ((1941, 2090, 0.63, 0.46), (2091, 2240, 0.67, 0.40)):
        batch = summarise([r for r in results if first <= _number(r.case.id) <= last])
        batch_report = format_summary(batch)
        assert batch.overall.n == 150, batch_report
        assert batch.overall.value >= floor, batch_report
        assert batch.crisis_recall.value == 1.0, batch_report
        assert batch.language_match.value >= 0.98, batch_report
        assert batch.headline["all"].not_covered_answered.value <= not_covered, batch_report


FIRST_BATCHES = 1940
"""The cases of the first eight batches (dev-001..1940) keep the ratchet they had."""


def _number(case_id: str) -> int:
    return int(case_id.rsplit("-", 1)[1])
