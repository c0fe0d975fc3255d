"""Scoring a question set run through an assistant in-process: one reply against its case.

A case passes when the reply's `kind` is the expected one (for a `not_covered` case expecting
`no_answer`, a `handoff` to a human counts too), every `must` group holds (any stem
of the group appears in the reply text or in the titles/snippets of the cited sources) and no
`forbid` stem appears in the reply text. Matching is case-insensitive on whitespace-normalised
text.

Use it from Python (the `suunta eval` command and the slow tests build on it)::

    from evaluation.golden.cases import load_cases
    from evaluation.golden.figures import summarise
    from evaluation.golden.scoring import run_cases
    from evaluation.golden.text_report import format_summary

    results = run_cases(assistant, load_cases(Path("evaluation/datasets/dev.jsonl")))
    print(format_summary(summarise(results)))

`assistant` is anything with the `Assistant.reply` signature (`assistant.assistant.Assistant`);
evaluation never imports the assistant package, it only calls that method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evaluation.golden.cases import NOT_COVERED, Case


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
