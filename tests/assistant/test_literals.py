"""A pattern screened by the literals it needs finds exactly what the pattern finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.crisis_patterns import CRISIS_PATTERNS
from assistant.literals import Screen, needed
from assistant.triage import normalise
from assistant.triage_patterns import HANDOFF_PATTERNS, INJECTION_PATTERNS, OUT_OF_SCOPE_PATTERNS
from textnorm import variants

DEV_SET = Path(__file__).resolve().parents[2] / "evaluation" / "datasets" / "dev.jsonl"
TRIAGE = [*CRISIS_PATTERNS, *INJECTION_PATTERNS, *HANDOFF_PATTERNS, *OUT_OF_SCOPE_PATTERNS]


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\b(kill|hurt) ?(my|your) ?sel(f|ves)\b", ("sel",)),
        (r"\b(talk|speak) (to|with)\b", ("talk", "speak")),
        (r"\bno (point|reason) in living", (" in living",)),
        (r"(ab)+c", ("ab",)),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: tuple[str, ...]) -> None:
    assert needed(re.compile(pattern)) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(kill|[a-z]+)\b",  # a branch that needs no literal
        r"(?:end)? it\b|\w+",
        r"(?i:end it)",  # a local flag changes how literals match
        r"[a-z]+",
        r"(abc)?d*",
    ],
)
def test_nothing_known_means_always_searched(pattern: str) -> None:
    assert needed(re.compile(pattern)) is None


def test_a_case_insensitive_pattern_is_always_searched() -> None:
    assert needed(re.compile("end it", re.IGNORECASE)) is None
    assert Screen([re.compile("end it", re.IGNORECASE)]).search("END IT")


def _readings() -> list[str]:
    """Every way triage reads the dev set's messages (each reading as the patterns see it)."""
    found: list[str] = []
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        message = json.loads(line)["question"]
        found += [normalise(message), *variants(message)]
    return found


def test_screened_triage_patterns_find_exactly_what_they_find() -> None:
    readings = _readings()
    matched = 0
    for pattern in TRIAGE:
        screen, needs = Screen([pattern]), needed(pattern)
        for text in readings:
            found = pattern.search(text)
            assert screen.search(text) == bool(found), (pattern.pattern, text)
            if found:
                matched += 1
                # Every match holds one of the literals (not only the whole text).
                assert needs is None or any(n in found.group() for n in needs)
    assert matched > 50  # the dev set's crisis, handoff, injection and out-of-scope messages
    for patterns in (CRISIS_PATTERNS, INJECTION_PATTERNS, HANDOFF_PATTERNS, OUT_OF_SCOPE_PATTERNS):
        screen = Screen(patterns)
        for text in readings:
            assert screen.search(text) == any(p.search(text) for p in patterns), text
