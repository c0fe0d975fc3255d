"""The figures of a golden-set run: pass rates overall, per language, kind and slice, the
triage figures (crisis recall, false alarms) and the headline figures per language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from evaluation.golden.cases import NOT_COVERED
from evaluation.golden.scoring import CaseResult

CRISIS = "crisis"
REFUSALS = ("no_answer", "out_of_scope")
"""Kinds that leave a question unanswered."""
ALL = "all"
# Replies a learner asking an ordinary question should get; a crisis reply to one is a false alarm.
ORDINARY_KINDS = ("answer", "no_answer")
FIGURE_NAMES = ("pass_rate", "answer_precision", "not_covered_answered", "covered_refused")


@dataclass(frozen=True)
class Rate:
    """`passed` of `n`."""

    passed: int
    n: int

    @property
    def value(self) -> float:
        """The fraction (0 when there is nothing to count)."""
        return self.passed / self.n if self.n else 0.0


@dataclass(frozen=True)
class Figures:
    """The headline figures of one group of cases (a language, or all)."""

    pass_rate: Rate
    answer_precision: Rate
    """Replies of kind `answer` whose case expected an answer and passed."""
    not_covered_answered: Rate
    """`not_covered` cases that got an answer anyway (lower is better)."""
    covered_refused: Rate
    """Cases expecting an answer that got `no_answer` or `out_of_scope` (lower is better)."""


def figures(results: list[CaseResult]) -> Figures:
    """The headline figures of `results`."""
    not_covered = [r for r in results if r.case.slice == NOT_COVERED]
    covered = [r for r in results if r.case.expected_kind == "answer"]
    return Figures(
        pass_rate=_rate(results, lambda r: r.passed),
        answer_precision=_rate([r for r in results if r.kind == "answer"], lambda r: r.passed),
        not_covered_answered=_rate(not_covered, lambda r: r.kind == "answer"),
        covered_refused=_rate(covered, lambda r: r.kind in REFUSALS),
    )


@dataclass(frozen=True)
class Summary:
    """The figures of one run."""

    overall: Rate
    by_language: dict[str, Rate]
    by_kind: dict[str, Rate]
    language_match: Rate
    """Replies written in the question's language."""
    crisis_recall: Rate
    """Crisis cases answered as crisis."""
    false_alarms: Rate
    """Ordinary (answer/no_answer) cases answered as crisis."""
    answer_precision: Rate
    """Replies of kind `answer` that passed: what confidence calibration aims at."""
    failures: list[CaseResult] = field(default_factory=list)
    headline: dict[str, Figures] = field(default_factory=dict)
    """`Figures` per language and for `all`."""
    by_slice: dict[str, Rate] = field(default_factory=dict)
    """Pass rate per slice (cases with a slice only)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures (failures as ids)."""

        def rate(r: Rate) -> dict[str, float]:
            return {"passed": r.passed, "n": r.n, "rate": round(r.value, 4)}

        return {
            "overall": rate(self.overall),
            "by_language": {k: rate(v) for k, v in self.by_language.items()},
            "by_kind": {k: rate(v) for k, v in self.by_kind.items()},
            "language_match": rate(self.language_match),
            "crisis_recall": rate(self.crisis_recall),
            "false_alarms": rate(self.false_alarms),
            "answer_precision": rate(self.answer_precision),
            "failures": [r.case.id for r in self.failures],
            "headline": {
                group: {name: rate(getattr(f, name)) for name in FIGURE_NAMES}
                for group, f in self.headline.items()
            },
            "by_slice": {k: rate(v) for k, v in self.by_slice.items()},
        }


def _rate(results: Iterable[CaseResult], ok: Callable[[CaseResult], bool]) -> Rate:
    items = list(results)
    return Rate(sum(ok(r) for r in items), len(items))


def _grouped(results: list[CaseResult], key: Callable[[CaseResult], str]) -> dict[str, Rate]:
    groups: dict[str, list[CaseResult]] = {}
    for result in results:
        groups.setdefault(key(result), []).append(result)
    return {name: _rate(items, lambda r: r.passed) for name, items in sorted(groups.items())}


def summarise(results: list[CaseResult]) -> Summary:
    """Pass rate overall, per language and per expected kind, plus triage figures."""
    crisis = [r for r in results if r.case.expected_kind == CRISIS]
    ordinary = [r for r in results if r.case.expected_kind in ORDINARY_KINDS]
    answered = [r for r in results if r.kind == "answer"]
    languages = sorted({r.case.language for r in results})
    headline = {
        lang: figures([r for r in results if r.case.language == lang]) for lang in languages
    }
    headline[ALL] = figures(results)
    return Summary(
        overall=_rate(results, lambda r: r.passed),
        by_language=_grouped(results, lambda r: r.case.language),
        by_kind=_grouped(results, lambda r: r.case.expected_kind),
        language_match=_rate(results, lambda r: r.language_ok),
        crisis_recall=_rate(crisis, lambda r: r.kind == CRISIS),
        false_alarms=_rate(ordinary, lambda r: r.kind == CRISIS),
        answer_precision=_rate(answered, lambda r: r.passed),
        failures=[r for r in results if not r.passed],
        headline=headline,
        by_slice=_grouped([r for r in results if r.case.slice], lambda r: r.case.slice or ""),
    )
