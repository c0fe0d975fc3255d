"""Word matching of the extractive selection: compound tails found as the plain definition
finds them, in the same order (the scores sum over the matched set)."""

from __future__ import annotations

import random

from assistant.sentences import Relevance


def _reference(relevance: Relevance, words: frozenset[str]) -> set[str]:
    """`Relevance.matched` as first written: every word against every question term."""
    found = set(relevance.query & words) | set(relevance.prefixes & words)
    if relevance.compounds:
        for q in relevance.query - found:
            if len(q) >= 4 and any(w.endswith(q) or (q.endswith(w) and len(w) >= 5) for w in words):
                found.add(q)
    return found


def test_compound_tails_match_both_ways() -> None:
    relevance = Relevance("Mikä on oppisopimus?", "fi", [])
    assert relevance.query == {"oppisopimus"}
    # A word ending in the term (a compound), or the term ending in a word of 5+ letters.
    assert relevance.matched(frozenset({"työoppisopimus"})) == {"oppisopimus"}
    assert relevance.matched(frozenset({"sopimus"})) == {"oppisopimus"}
    assert relevance.matched(frozenset({"mus", "oppisopimuskoulutus"})) == set()
    english = Relevance("apprenticeship", "en", [])
    assert english.matched(frozenset({"workapprenticeship"})) == set()  # not in English


def test_matched_equals_the_reference_in_content_and_order() -> None:
    rng = random.Random(7)
    letters = "aikoste"  # few letters: many words end in one another
    for language in ("fi", "sv", "en"):
        for _ in range(300):
            vocabulary = ["".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(12)]
            question = " ".join(rng.sample(vocabulary, 6))
            relevance = Relevance(question, language, [])
            query = sorted(relevance.query | relevance.prefixes)
            pool = vocabulary + [rng.choice(letters) * 3 + w for w in vocabulary] + query
            words = frozenset(rng.sample(pool, rng.randint(0, 10)))
            found = relevance.matched(words)
            expected = _reference(relevance, words)
            assert found == expected
            assert list(found) == list(expected)
