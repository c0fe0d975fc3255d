"""The sentences an extractive answer has picked so far (`assistant.selection`): within a word
budget, none saying what a picked one says (by shared words or, with sentence vectors, by
meaning), and one that says it with the figures the picked one leaves out taking its place."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.sentences import Candidate, similar

SAME = 0.6
"""Share of the shorter sentence's words that makes two sentences say the same thing..."""
SAME_MEANING = 0.94
"""Two article sentences this close (e5 cosine of their stored vectors) say the same thing
(restatements measured 0.946-0.969; different facts of one section up to 0.929)."""
RESTATE_SHARED = 2
"""...and share at least this many longer words (a restatement names its subject again; the
check of the vectors is skipped for the rest, ~0.3 ms a reply)."""


class Plan:
    """The sentences picked so far and the words they take, within a budget."""

    def __init__(
        self, budget: int, likeness: Callable[[str, str], float | None] | None = None
    ) -> None:
        self.budget = budget
        self._likeness = likeness
        self.picked: list[Candidate] = []
        self.words = 0
        self._replaced: dict[int, Candidate] = {}

    def take(self, candidate: Candidate, overlap: float = SAME) -> bool:
        """Add a sentence unless it does not fit or says what a picked one says; one that says
        it with the figures the picked one leaves out takes its place (`_adds_figures`)."""
        if candidate in self.picked:
            return False
        size = len(candidate.text.split())
        if all(p.source != candidate.source for p in self.picked):
            size += 1  # its citation marker
        same = [
            p
            for p in self.picked
            if (similar(candidate.signature, p.signature, overlap) or self._restates(candidate, p))
            and not _other_figure(candidate, p)
        ]
        if len(same) == 1 and _restates_with_figures(candidate, same[0]):
            return self._replace(same[0], candidate)
        if same or self.words + size > self.budget:
            return False
        self.picked.append(candidate)
        self.words += size
        return True

    def _restates(self, candidate: Candidate, picked: Candidate) -> bool:
        """Does the sentence say what a picked one says in other words ("Oppivelvollisuus
        jatkuu 18 vuoden ikään" / "päättyy, kun nuori täyttää 18"), stating no figure it
        leaves out?"""
        if self._likeness is None or len(candidate.signature & picked.signature) < RESTATE_SHARED:
            return False  # (the cheap test first: restatements share words of their subject)
        if set(_FIGURE.findall(candidate.text)) - set(_FIGURE.findall(picked.text)):
            return False
        cosine = self._likeness(candidate.text, picked.text)
        return cosine is not None and cosine >= SAME_MEANING

    def _replace(self, picked: Candidate, candidate: Candidate) -> bool:
        grown = len(candidate.text.split()) - len(picked.text.split())
        if picked.source != candidate.source or self.words + grown > self.budget:
            return False
        self.picked[self.picked.index(picked)] = candidate
        self.words += grown
        self._replaced[id(candidate)] = self.stands_for(picked)
        return True

    def stands_for(self, candidate: Candidate) -> Candidate:
        """The sentence a picked one replaced (itself if none): where it reads."""
        return self._replaced.get(id(candidate), candidate)


# A figure: a number that is not a year ("2025"), a statute's number ("986/1998") or part of a
# code ("S1").
_FIGURE = re.compile(r"(?<![\w/.,])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?(?![\d/])")
RESTATES = 0.8
"""Share of a picked sentence's longer words that a sentence standing in for it keeps (dev:
below it, "The fee does not apply to minors" gave way to a sentence about adults and 2021)."""


def _other_figure(candidate: Candidate, picked: Candidate) -> bool:
    """Does a table row state a figure a picked sentence does not ("Months of aid 12: income
    limit 13,416." beside "... 20,127 euros with 9 months of aid")? Then it says something new,
    whatever its few longer words share."""
    if candidate.row is None:
        return False
    return bool(set(_FIGURE.findall(candidate.text)) - set(_FIGURE.findall(picked.text)))


def _restates_with_figures(candidate: Candidate, picked: Candidate) -> bool:
    """Does a sentence say what a picked one says with figures it leaves out ("a unit of the
    qualification" -> "a 50-osp unit"), keeping its words and every figure it states?"""
    if candidate.previous is not None:
        return False  # it leans on the sentence before it
    kept = len(candidate.signature & picked.signature) / max(1, len(picked.signature))
    new, old = set(_FIGURE.findall(candidate.text)), set(_FIGURE.findall(picked.text))
    return kept >= RESTATES and old < new
