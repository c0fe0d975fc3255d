"""What an extractive answer is made of: the sentences of retrieved passages and their relevance.

Relevance is lexical, on stemmed words weighted by how rare they are among the candidates;
Finnish and Swedish compounds also match on their last part ("kohteeseen" finds
"hakukohteeseen"), and a question about an amount, a time or a duration prefers sentences that
state a number. Headings are questions in this corpus, so a section whose heading shares words
with the question lends its sentences weight. The sentences themselves are cut by
`knowledge_base.segmenting` (re-exported here for the assistant's modules).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.coverage_facets import TEXT_ASKS as _TEXT_ASKS
from assistant.coverage_facets import TEXT_EVIDENCE as _TEXT_EVIDENCE
from assistant.coverage_patterns import ASKS
from assistant.opening import leans_back
from assistant.sentence_words import ASKED_STATES as _ASKED_STATES
from assistant.sentence_words import ASKS_LEVEL as _ASKS_LEVEL
from assistant.sentence_words import FILLER_WORDS as _FILLER
from assistant.sentence_words import NOT_ASKED as _NOT_ASKED
from assistant.sentence_words import NUMBER as _NUMBER
from assistant.sentence_words import PARTS as _PARTS
from assistant.sentence_words import QUANTITY as _QUANTITY
from assistant.sentence_words import SCENE_WORDS as _SCENE
from assistant.sentence_words import STATES as _STATES
from assistant.sentence_words import STATES_LEVEL as _STATES_LEVEL
from assistant.situation import closed_to, without_age
from knowledge_base.lexical import analyse
from knowledge_base.segmenting import RowKey, answer_sentences
from knowledge_base.segmenting import prose as prose
from knowledge_base.segmenting import readable_sentence as readable_sentence
from knowledge_base.segmenting import split_sentences as split_sentences

if TYPE_CHECKING:
    from assistant.generation import Context

SCENE_WEIGHT = 0.3
DENSE_FLOOR = 0.80
"""Sentence cosines (e5) at or below this say nothing: unrelated texts reach 0.72-0.80."""
DENSE_WEIGHT = 6.0
"""Score a sentence gets at cosine 1.0 (on the dev set, 3 and 6 help alike, 10 less)."""
FACET_WEIGHT = 2.0
"""Score added to a sentence that states what the question asks about (pay, a cost, an age
limit: `coverage_patterns.ASKS`) and shares its words or its section's heading (dev pass 970
-> 974 at 2 and 3; an amount, "free" or an age rather than any word of pay or cost: 980 -> 982;
on 1,940 cases, with the heading: 1793 at 2, 1794 at 3, 1792 at 4; kept at 2, as 3 lost one
held-out case, 159 -> 158)."""
SENTENCE_FACETS = ("outlook", "price")
"""Text facets (`coverage_facets.TEXT_ASKS`) whose evidence marks the sentence answering them."""
HEADING_WEIGHT = 2.0
"""Score added when a section's heading covers the whole question (in proportion)."""
HEAD_LETTERS = 7
"""An English term this long matches a word it begins ("apprentic" finds "apprenticeship")."""
PART_TERMS = 2
"""Words a part of a question needs (beside filler) to be a question of its own."""
CACHED_TEXTS = 65536
"""Sentences whose regex findings are kept (`_finds`): the corpus has ~6,300 sentences, and the
same ones are scored reply after reply (a search cost up to ~10 µs)."""


@lru_cache(maxsize=CACHED_TEXTS)
def _finds(pattern: re.Pattern[str], text: str) -> bool:
    """Does `pattern` occur in `text`?"""
    return pattern.search(text) is not None


@lru_cache(maxsize=8)
def _filler(language: str) -> frozenset[str]:
    """The stemmed filler words of a language."""
    return frozenset(analyse(_FILLER.get(language, ""), language))


@lru_cache(maxsize=8)
def _scene(language: str) -> frozenset[str]:
    """The stemmed scene-setting words, as analysed in a language."""
    return frozenset(analyse(" ".join(_SCENE), language))


def question_parts(question: str, language: str) -> list[str]:
    """The questions a combined question asks, each with at least `PART_TERMS` content words
    ("I'm 24. Can I do TUVA and how good does my Finnish need to be?" -> "how good does my
    Finnish need to be"); what the learner tells of themselves is no part ("I'm 24."); [] for
    a single question."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", question.strip()) if s]
    asked = [s for s in sentences if s.endswith("?")] or sentences
    pieces = [p.strip(" ,.?!") for s in asked for p in _PARTS.split(s)]
    if len(pieces) < 2 and len(asked) == len(sentences):
        return []
    filler = _filler(language)
    return [
        p for p in pieces if len([t for t in analyse(p, language) if t not in filler]) >= PART_TERMS
    ]


@dataclass(frozen=True)
class Candidate:
    """A sentence that could go into an answer, with where it comes from."""

    text: str
    source: int
    """Citation number of its passage."""
    group: int
    """0 for the best article's summary, 1 for its sections, 2 for other articles."""
    order: tuple[int, int, int]
    """Reading order: (section, paragraph, sentence)."""
    terms: frozenset[str]
    heading: frozenset[str] = field(default_factory=frozenset)
    """Stemmed words of the section heading."""
    signature: frozenset[str] = field(default_factory=frozenset)
    """Beginnings of its longer words: close to what it says, whatever the inflection."""
    retrieved: bool = False
    """Its section was among the retrieval hits."""
    previous: str | None = None
    """The sentence before it in its paragraph, when this one leans on it."""
    row: RowKey | None = None
    """What names it when it is a table row (`knowledge_base.segmenting.RowKey`)."""


def terms(text: str, language: str) -> frozenset[str]:
    """Stemmed content words of a text."""
    return frozenset(analyse(text, language))


def signature(text: str) -> frozenset[str]:
    """Five-letter beginnings of a text's words of four letters or more."""
    return frozenset(w[:5] for w in re.findall(r"[0-9a-zåäöéü]{4,}", text.lower()))


def candidates(context: Context) -> list[Candidate]:
    """Every sentence the answer may use: the best article's summary and the passages' prose
    (none that offers the learner what their age rules out)."""
    found = _candidates(context)
    if context.age is None:
        return found
    return [c for c in found if not closed_to(c.text, context.age, context.closed)]


def _candidates(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for rank, passage in enumerate(context.passages):
        lang = passage.chunk.language
        retrieved = set(passage.retrieved) | {passage.chunk.id}
        headings: dict[int, frozenset[str]] = {0: frozenset()}
        sections = (passage.chunk, *passage.related)
        # Summaries are written to answer directly; other articles' summaries are their
        # strongest sentences too (group 2, like the rest of those articles).
        for sentence in answer_sentences(passage.chunk.summary, sections):
            text, order, section = sentence.text, sentence.order, sentence.section
            if section is not None and order[0] not in headings:
                headings[order[0]] = terms(section.heading, lang)
            leans = sentence.before is not None and leans_back(text, lang)
            found.append(
                Candidate(
                    text=text,
                    source=passage.number,
                    group=(0 if section is None else 1) if rank == 0 else 2,
                    order=order,
                    terms=terms(text, lang),
                    heading=headings[order[0]],
                    signature=signature(text),
                    retrieved=section is not None and section.id in retrieved,
                    previous=sentence.before if leans else None,
                    row=sentence.row,
                )
            )
    return found


SHORT = 3
"""A sentence of this many longer words or fewer says the same as another only with all of
them: "Yrkesinriktad grundexamen är avgiftsfri" shares two of its three with any sentence
naming the examen, and says something new."""


def similar(a: frozenset[str], b: frozenset[str], share: float = 0.5) -> bool:
    """Do two sentences say nearly the same (`share` of the shorter one's words shared; all
    of them for a `SHORT` one)?"""
    if not (a and b):
        return False
    shared, shorter = len(a & b), min(len(a), len(b))
    return shared == shorter if shorter <= SHORT else shared / shorter >= share


class Relevance:
    """Scores candidate sentences against a question."""

    def __init__(
        self,
        question: str,
        language: str,
        pool: Sequence[Candidate],
        similarity: Callable[[str], float | None] | None = None,
    ) -> None:
        self._similarity = similarity
        filler = _filler(language)
        found = [t for t in analyse(without_age(question), language) if t not in filler]
        self.query = frozenset(t for t in found if not t.startswith("~"))
        scene = _scene(language)
        self._scene = frozenset(t for t in self.query if t in scene)
        self.prefixes = frozenset(t for t in found if t.startswith("~"))
        self.language = language
        self.compounds = language in ("fi", "sv")
        # English derives words by suffix ("apprentice" -> "apprenticeship"): a longer term
        # also matches a word it begins.
        self._heads = language == "en" and any(len(q) >= HEAD_LETTERS for q in self.query)
        # Each term of 4+ letters as a word's ending ("term\n" in the newline-joined words)
        # and its own endings of 5+ letters (a word it ends in).
        self._tails = {
            q: (q + "\n", tuple(q[i:] for i in range(len(q) - 4)))
            for q in self.query
            if len(q) >= 4
        }
        lowered = question.lower()
        self.quantity = bool(_QUANTITY.search(lowered))
        asked = _NOT_ASKED.sub(" ", lowered)
        self.facets = [_STATES[f] for f, asks in ASKS.items() if asks.search(asked)]
        self.level = bool(_ASKS_LEVEL.search(lowered))
        self.facets += [s for asks, s in _ASKED_STATES if asks.search(lowered)]
        # Whether there is work for it, what it costs: a sentence on demand or a price.
        self.facets += [_TEXT_EVIDENCE[f] for f in SENTENCE_FACETS if _TEXT_ASKS[f].search(lowered)]
        df: Counter[str] = Counter()
        for candidate in pool:
            df.update(candidate.terms | candidate.heading)
        self._n = max(1, len(pool))
        self._df = df
        self._idfs: dict[str, float] = {}
        self._total = sum(self._idf(t) for t in self.query) or 1.0
        # What was worked out for a sentence's words or heading, by the object's id (kept
        # with it, so the id stays its own): a section's sentences share their heading, and
        # a sentence is matched and scored more than once in a selection.
        self._heading_weights: dict[int, tuple[frozenset[str], float]] = {}
        self._scores: dict[int, tuple[Candidate, float]] = {}

    def _idf(self, term: str) -> float:
        idf = self._idfs.get(term)
        if idf is None:
            weight = SCENE_WEIGHT if term in self._scene else 1.0
            idf = self._idfs[term] = weight * math.log(1 + self._n / self._df.get(term, 1))
        return idf

    def matched(self, words: frozenset[str]) -> set[str]:
        """Question terms found among `words` (compound tails count in fi and sv): a word
        that ends in the term, or a term that ends in a word of five letters or more."""
        found = set(self.query & words) | set(self.prefixes & words)
        if self.compounds:
            ends = ""  # the words, each followed by a newline
            for q in self.query - found:
                tails = self._tails.get(q)
                if tails is None:
                    continue
                ends = ends or "\n".join(words) + "\n"
                if tails[0] in ends or not words.isdisjoint(tails[1]):
                    found.add(q)
        elif self._heads:
            starts = ""  # the words, each after a newline
            for q in self.query - found:
                if len(q) < HEAD_LETTERS:
                    continue
                starts = starts or "\n" + "\n".join(words)
                if "\n" + q in starts:
                    found.add(q)
        return found

    def states_asked(self, text: str) -> bool:
        """Does the text state what the question asks (a price, an age, a date, demand...)?"""
        return any(_finds(f, text) for f in self.facets)

    def states_quantity(self, candidate: Candidate) -> bool:
        """Does the sentence state a number for a question about an amount, a time or a
        duration, and share a word with it?"""
        return (
            self.quantity
            and _finds(_NUMBER, candidate.text)
            and bool(self.matched(candidate.terms))
        )

    def _heading_weight(self, heading: frozenset[str]) -> float:
        known = self._heading_weights.get(id(heading))
        if known is not None:
            return known[1]
        matched = self.matched(heading)
        weight = HEADING_WEIGHT * sum(self._idf(t) for t in matched) / self._total
        self._heading_weights[id(heading)] = (heading, weight)
        return weight

    def score(self, candidate: Candidate) -> float:
        """How well the sentence (and its section) answers the question."""
        known = self._scores.get(id(candidate))
        if known is not None:
            return known[1]
        score = self._score(candidate)
        self._scores[id(candidate)] = (candidate, score)
        return score

    def _score(self, candidate: Candidate) -> float:
        shared = sum(self._idf(t) for t in self.matched(candidate.terms))
        score = shared / (1 + 0.05 * len(candidate.terms))
        # Headings are questions here: a section whose heading asks what the question asks
        # lends all its sentences weight.
        heading = self._heading_weight(candidate.heading)
        score += heading
        if candidate.retrieved:
            score += 0.2
        if self.quantity and shared > 0 and _finds(_NUMBER, candidate.text):
            score += 1.0
        # (a section whose heading the question matches speaks of it: "Sedan 2024 har
        # avgifterna varit 153 €" under "... vad kostar det?" for "vad kostar YKI-testet")
        if (shared > 0 or heading > 0) and any(_finds(f, candidate.text) for f in self.facets):
            score += FACET_WEIGHT
        if self.level and _finds(_STATES_LEVEL, candidate.text):
            # A language level is the answer whatever the sentence calls the language
            # ("undervisningsspråket (nivå C)" for "hur bra svenska").
            score += FACET_WEIGHT
        if self._similarity is not None:
            # Meaning as well as words: the part of the cosine above what unrelated texts
            # reach with e5, scaled so that a near paraphrase weighs like a few rare words.
            cosine = self._similarity(candidate.text)
            if cosine is not None and cosine > DENSE_FLOOR:
                score += DENSE_WEIGHT * (cosine - DENSE_FLOOR) / (1.0 - DENSE_FLOOR)
        return score
