"""Scoring a golden set: the slices, the handoff rule and the headline figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.golden.cases import Case, load_cases, select
from evaluation.golden.figures import summarise
from evaluation.golden.scoring import check
from evaluation.golden.text_report import format_summary


@dataclass(frozen=True)
class _Reply:
    kind: str
    language: str = "fi"
    answer: str = "vastaus"
    confidence: float = 0.5
    sources: tuple[Any, ...] = ()


def _case(ident: str, kind: str, slice_: str | None = None, language: str = "fi") -> Case:
    return Case(id=ident, language=language, question="?", expected_kind=kind, slice=slice_)


def test_a_handoff_passes_an_uncovered_question_only() -> None:
    assert check(_case("a", "no_answer", "not_covered"), _Reply("handoff")).passed
    assert not check(_case("b", "no_answer"), _Reply("handoff")).passed
    assert not check(_case("c", "no_answer", "not_covered"), _Reply("answer")).passed


def test_headline_figures_per_language_and_overall() -> None:
    results = [
        check(_case("1", "answer"), _Reply("answer")),
        check(_case("2", "answer"), _Reply("no_answer")),
        check(_case("3", "no_answer", "not_covered"), _Reply("answer")),
        check(_case("4", "no_answer", "not_covered", "en"), _Reply("no_answer", "en")),
        check(_case("5", "out_of_scope", "small_talk", "en"), _Reply("out_of_scope", "en")),
    ]
    summary = summarise(results)
    fi, every = summary.headline["fi"], summary.headline["all"]
    assert (fi.pass_rate.passed, fi.pass_rate.n) == (1, 3)
    assert (fi.answer_precision.passed, fi.answer_precision.n) == (1, 2)
    assert (fi.not_covered_answered.passed, fi.not_covered_answered.n) == (1, 1)
    assert (fi.covered_refused.passed, fi.covered_refused.n) == (1, 2)
    assert (every.not_covered_answered.passed, every.not_covered_answered.n) == (1, 2)
    assert summary.by_slice["small_talk"].value == 1.0
    assert summary.by_slice["not_covered"].value == 0.5
    table = format_summary(summary, show_failures=False)
    assert "not covered, answered" in table and "covered, refused" in table
    assert "slice not_covered" in table


def test_slices_are_read_and_cases_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(
        '{"id": "a", "language": "fi", "question": "?", "slice": "occupation"}\n'
        '{"id": "b", "language": "fi", "question": "?"}\n'
        '{"id": "c", "language": "fi", "question": "?"}\n',
        encoding="utf-8",
    )
    cases = load_cases(path)
    assert [c.slice for c in cases] == ["occupation", None, None]
    assert [c.id for c in select(cases, first=2)] == ["a", "b"]
    assert [c.id for c in select(cases, ids={"c", "a"})] == ["a", "c"]
