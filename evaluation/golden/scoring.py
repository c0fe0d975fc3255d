"""Pass rate of a question set run through an assistant in-process, with triage figures.

A case passes when the reply's `kind` is the expected one (for a `not_covered` case expecting
`no_answer`, a `handoff` to a human counts too), every `must` group holds (any stem
of the group appears in the reply text or in the titles/snippets of the cited sources) and no
`forbid` stem appears in the reply text. Matching is case-insensitive on whitespace-normalised
text.

Use it from Python (the `suunta eval` command and the slow tests build on it)::

    from evaluation.golden.cases import load_cases
    from evaluation.golden.scoring import run_cases, summarise, format_summary

    results = run_cases(assistant, load_cases(Path("evaluation/datasets/dev.jsonl")))
    print(format_summary(summarise(results)))

`assistant` is anything with the `Assistant.reply` signature (`assistant.assistant.Assistant`);
evaluation never imports the assistant package, it only calls that method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from evaluation.golden.cases import NOT_COVERED, Case

CRISIS = "crisis"
REFUSALS = ("no_answer", "out_of_scope")
"""Kinds that leave a question unanswered."""
ALL = "all"
# Replies a learner asking an ordinary question should get; a crisis reply to one is a false alarm.
ORDINARY_KINDS = ("answer", "no_answer")


class _Source(Protocol):
    id: str
    title: str
    snippet: str


class _Reply(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def sources(self) -> Sequence[_Source]: ...


class Replier(Protocol):
    """What the evaluator needs of an assistant: `Assistant.reply`."""

    def reply(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> Any:
        """The reply to one message."""
        ...


@dataclass(frozen=True)
class CaseResult:
    """One case, the reply it got and why it passed or failed."""

    case: Case
    kind: str
    language: str
    """The language the reply was written in."""
    confidence: float
    answer: str
    source_ids: tuple[str, ...]
    missing: tuple[tuple[str, ...], ...]
    """`must` groups of which no stem was found."""
    forbidden: tuple[str, ...]
    """`forbid` stems that appeared in the reply."""

    @property
    def kind_ok(self) -> bool:
        """The reply is of the expected kind (a handoff for an uncovered question, too)."""
        expected = self.case.expected_kind
        if expected == "no_answer" and self.case.slice == NOT_COVERED and self.kind == "handoff":
            return True
        return self.kind == expected

    @property
    def language_ok(self) -> bool:
        """The reply is in the language of the question."""
        return self.language == self.case.language

    @property
    def passed(self) -> bool:
        """Kind right, every `must` group found, no `forbid` stem present."""
        return self.kind_ok and not self.missing and not self.forbidden


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def check(case: Case, reply: _Reply) -> CaseResult:
    """Score one reply against its case."""
    answer = _norm(reply.answer)
    cited = " ".join(_norm(f"{s.title} {s.snippet}") for s in reply.sources)
    haystack = f"{answer} {cited}"
    missing = tuple(g for g in case.must if not any(_norm(stem) in haystack for stem in g))
    forbidden = tuple(stem for stem in case.forbid if _norm(stem) in answer)
    return CaseResult(
        case=case,
        kind=reply.kind,
        language=reply.language,
        confidence=float(reply.confidence),
        answer=reply.answer,
        source_ids=tuple(s.id for s in reply.sources),
        missing=missing,
        forbidden=forbidden,
    )


def run_cases(
    assistant: Replier,
    cases: Iterable[Case],
    *,
    progress: Callable[[int, CaseResult], None] | None = None,
) -> list[CaseResult]:
    """Ask every case in a fresh session and score the replies."""
    results: list[CaseResult] = []
    for number, case in enumerate(cases, start=1):
        result = check(case, assistant.reply(case.question))
        results.append(result)
        if progress:
            progress(number, result)
    return results


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


FIGURE_NAMES = ("pass_rate", "answer_precision", "not_covered_answered", "covered_refused")
FIGURE_LABELS = {
    "pass_rate": "pass rate",
    "answer_precision": "answer precision",
    "not_covered_answered": "not covered, answered",
    "covered_refused": "covered, refused",
}


def format_headline(summary: Summary) -> list[str]:
    """The headline figures as a table: one row a figure, one column a language and `all`."""
    groups = list(summary.headline)
    rows = [f"{'':24}" + "".join(f"{g:>16}" for g in groups)]
    for name in FIGURE_NAMES:
        cells = []
        for group in groups:
            r = getattr(summary.headline[group], name)
            cells.append(f"{r.passed:>5}/{r.n:<4} {100 * r.value:5.1f}%" if r.n else f"{'-':>16}")
        rows.append(f"{FIGURE_LABELS[name]:24}" + "".join(f"{c:>16}" for c in cells))
    return rows


def format_summary(summary: Summary, *, show_failures: bool = True) -> str:
    """A plain-text table of the figures (and the failing cases)."""

    def line(name: str, r: Rate) -> str:
        return f"{name:22} {r.passed:>4}/{r.n:<4} {100 * r.value:6.1f}%"

    rows = [line("pass rate", summary.overall)]
    rows += [line(f"  language {k}", v) for k, v in summary.by_language.items()]
    rows += [line(f"  kind {k}", v) for k, v in summary.by_kind.items()]
    rows += [line(f"  slice {k}", v) for k, v in summary.by_slice.items()]
    rows += [
        line("language match", summary.language_match),
        line("crisis recall", summary.crisis_recall),
        line("false alarms", summary.false_alarms),
        line("answer precision", summary.answer_precision),
        *format_headline(summary),
    ]
    if show_failures and summary.failures:
        rows.append("failures:")
        for r in summary.failures:
            why = []
            if not r.kind_ok:
                why.append(f"kind {r.kind} != {r.case.expected_kind}")
            why += [f"missing {list(g)}" for g in r.missing]
            why += [f"forbidden '{s}'" for s in r.forbidden]
            rows.append(f"  {r.case.id} [{r.case.language}] {'; '.join(why)}: {r.case.question}")
    return "\n".join(rows)
