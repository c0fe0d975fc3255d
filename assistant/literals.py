"""The literal text a regular expression cannot match without, to skip searches that cannot
succeed.

Triage runs ~200 patterns over ~3 readings of every message (crisis, injection, handoff, out of
scope); a search costs ~2 µs even when nothing is there, most of a triage's time. Most patterns
need some literal text ("sel" in "(kill|hurt|...) ?(my|him|...) ?sel(f|ves)"), and testing for it
with `in` is ~20x cheaper, and each literal is tested once for all the patterns that need it.
`Screen.search` finds exactly what searching every pattern finds: a text without any of a
pattern's needed literals cannot match it, so only that search is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Needs = tuple[str, ...]
"""Literals of which a match contains at least one."""


def needed(pattern: re.Pattern[str]) -> Needs | None:
    """Literals at least one of which every match of `pattern` contains, or None when no such
    set is known (a case-insensitive pattern, one that may match without any literal)."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):  # pragma: no cover - the pattern compiled already
        return None
    return _sequence(parsed)


def _sequence(items: Iterable[tuple[Any, Any]]) -> Needs | None:
    """What a sequence needs: each of its parts must match, so any one part's needs will do
    (one whose literals are all of `TELLING` characters or more, then the fewest alternatives,
    then the longest shortest one: a space or a comma is in nearly every message)."""
    options: list[Needs] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append((run,))
            run = ""
        part = _part(op, av)
        if part:
            options.append(part)
    if run:
        options.append((run,))
    if not options:
        return None
    return min(options, key=_cost)


TELLING = 3
"""Characters a literal needs to be rare enough to tell texts apart."""


def _cost(needs: Needs) -> tuple[bool, int, int]:
    shortest = min(len(s) for s in needs)
    return shortest < TELLING, len(needs), -shortest


def _part(op: Any, av: Any) -> Needs | None:
    """What one element of a sequence needs (None: nothing known)."""
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        # A local flag ("(?i:...)") changes how its literals match.
        return None if add_flags or del_flags else _sequence(inner)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        # One branch matches: the union of what each needs (every branch must need something).
        found: list[str] = []
        for branch in av[1]:
            needs = _sequence(branch)
            if needs is None:
                return None
            found += needs
        return tuple(dict.fromkeys(found))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _sequence(inner) if low >= 1 else None
    return None  # a class, any character, an anchor, a lookaround, a back-reference


class Screen:
    """Patterns searched only where the literals they need are: `search` tells whether any of
    them occurs in a text, as `any(p.search(text) for p in patterns)` does."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._always: list[re.Pattern[str]] = []
        self._by_literal: dict[str, list[re.Pattern[str]]] = {}
        for pattern in self.patterns:
            needs = needed(pattern)
            if needs is None:
                self._always.append(pattern)
                continue
            for literal in needs:
                self._by_literal.setdefault(literal, []).append(pattern)

    def search(self, text: str) -> bool:
        """Does any of the patterns occur in `text`?"""
        if any(p.search(text) for p in self._always):
            return True
        for literal, patterns in self._by_literal.items():
            if literal in text and any(p.search(text) for p in patterns):
                return True
        return False
