"""Ranking and citation: which articles an answer draws on, read whole or in part, in what order.

Every weight here is expressed against retrieval's fused score (`Hit.fused`: dense and BM25, each
scaled 0..1 per query, convex-combined, plus a same-language bonus), so they live next to the
rules that use them. They were tuned on the dev set when the fused score was scaled by 2/61 (the
reciprocal-rank fusion it replaced): TITLE_WEIGHT 0.01 and LEXICAL_WEIGHT 0.005 there are the
values below times 61/2, which leaves every ranking unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.generators import Passage
from assistant.situation import Situation
from assistant.title_words import (
    CASE_ENDING,
    LETTERS,
    SUBJECT_PREFIX,
    acronyms_of,
    service_names,
    subject_words_of,
)
from assistant.title_words import title_names as title_names
from knowledge_base.articles import NEXT_STEPS_HEADINGS
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse
from knowledge_base.retriever import Hit

MAX_SOURCES = 4
"""Articles an answer may draw on; at most three end up cited (see selection.OTHER_SOURCES)."""
COUNSELLOR_SOURCES = 5
# With convex fusion a title weight of 0.305 (0.01 on the old scale) passed one more dev case at
# every DOC_RATIO from 0.65 to 0.75 (half of it one fewer); BM25 weights between half and twice
# LEXICAL_WEIGHT made no consistent difference.
TITLE_WEIGHT = 0.305
LEXICAL_WEIGHT = 0.1525
DOC_RATIO = 0.75
"""Other articles are offered to the answer only when they score this share of the best one.

Dev set with e5, pass rate and precision of kind `answer` at 0.9 338/356 and 93.5%, at 0.85 339
and 93.9%, 0.8 340 and 94.2%, 0.75 and 0.7 343 and 95.3%, 0.6 342 and 95.0%."""
COUNSELLOR_DOC_RATIO = 0.6
"""A counsellor's plan looks wider: services and options from more articles."""
CRISIS_ARTICLE = "crisis-wellbeing"
"""The crisis reply's own article: served by the crisis reply and to questions about mental
health support, never as a stray match for an ordinary question."""


def readable(chunk: Chunk) -> bool:
    """Not the next-steps list (shown as such, from the best article only)."""
    return chunk.heading.casefold() != NEXT_STEPS_HEADINGS.get(chunk.language, "").casefold()


@dataclass(frozen=True)
class Library:
    """The articles of the index, section by section, in every language they exist in."""

    by_doc: dict[tuple[str, str], list[Chunk]]
    titles: dict[tuple[str, str], frozenset[str]]
    age_limited: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """(age_max, lower-case names) of the articles for an age group: the head of the title
    and the name in brackets, less a letter for inflection ("ohjaamo" matches "Ohjaamoon")."""
    subject_words: dict[str, dict[str, dict[str, tuple[str, ...]]]] | None = None
    """language -> the first SUBJECT_PREFIX letters of a rare title word -> that word -> the
    articles whose title names it ("työvoimakoulutus", "opintovapaa", "Ohjaamo")."""

    acronyms: dict[str, dict[str, tuple[str, ...]]] | None = None
    """language -> an acronym of a title, lower case ("jotpa", "tuva") -> the articles whose
    title has it, when few articles use it: a stemmer cuts such names too short to be subject
    words, and the learner inflects them ("jotpan kursseille", "pääsenkö tuvaan")."""

    @classmethod
    def of(cls, chunks: Iterable[Chunk]) -> Library:
        """Group article chunks by (article id, language)."""
        by_doc: dict[tuple[str, str], list[Chunk]] = {}
        for chunk in chunks:
            if chunk.kind == "article":
                by_doc.setdefault((chunk.doc_id, chunk.language), []).append(chunk)
        titles = {key: frozenset(analyse(c[0].title, key[1])) for key, c in by_doc.items()}
        age_limited = tuple(
            (c[0].age_max, service_names(c[0].title))
            for c in by_doc.values()
            if c[0].age_max is not None
        )
        return cls(by_doc, titles, age_limited, subject_words_of(by_doc), acronyms_of(by_doc))

    def named_subjects(self, query: str, language: str) -> set[str]:
        """The articles whose subject the question names by a rare word of their title
        ("työvoimakoulutuksessa" -> labour-market-training), in any inflection."""
        words = (self.subject_words or {}).get(language)
        if not words:
            return set()
        found: set[str] = set()
        for stem in set(analyse(query, language)):
            if len(stem) < SUBJECT_PREFIX:
                continue
            for word, docs in words.get(stem[:SUBJECT_PREFIX], {}).items():
                if abs(len(word) - len(stem)) <= 3 and stem.startswith(word[: len(word) - 1]):
                    found.update(docs)
        return found

    def named_acronyms(self, query: str, language: str) -> set[str]:
        """The articles whose title's rare acronym the question uses, in any inflection
        ("pääseeks jotpan kursseille" -> JOTPA-funded training)."""
        acronyms = (self.acronyms or {}).get(language, {})
        found: set[str] = set()
        for word in set(LETTERS.findall(query.lower())) if acronyms else ():
            for acronym, docs in acronyms.items():
                if word.startswith(acronym) and len(word) - len(acronym) <= CASE_ENDING:
                    found.update(docs)
        return found

    def localise(self, chunk: Chunk, language: str) -> Chunk:
        """The same section in the reply language when a translation exists."""
        if chunk.language == language or chunk.kind != "article":
            return chunk
        translated = self.by_doc.get((chunk.doc_id, language))
        if not translated:
            return chunk
        # Sections are written in the same order in every translation.
        original = self.by_doc.get((chunk.doc_id, chunk.language), [])
        position = next((i for i, c in enumerate(original) if c.id == chunk.id), 0)
        return translated[min(position, len(translated) - 1)]

    def next_steps(self, chunk: Chunk) -> list[str]:
        """The next-step bullets of the chunk's article."""
        heading = NEXT_STEPS_HEADINGS.get(chunk.language, "").casefold()
        for candidate in self.by_doc.get((chunk.doc_id, chunk.language), []):
            if candidate.heading.casefold() == heading:
                return [
                    line.lstrip("-* ").strip()
                    for line in candidate.text.splitlines()
                    if line.strip().startswith(("-", "*"))
                ]
        return []

    def texts(self) -> dict[tuple[str, str], list[str]]:
        """Every article's title, summary, the names an occupation guide gives its occupation
        ("lantbruksföretagare") and sections (for the coverage check)."""
        return {
            key: [
                chunks[0].title,
                chunks[0].summary,
                chunks[0].keywords,
                *(c.heading + " " + c.text for c in chunks),
            ]
            for key, chunks in self.by_doc.items()
        }

    def closed_names(self, age: int | None) -> tuple[str, ...]:
        """Lower-case names of the services limited to people younger than `age` ("ohjaamo",
        "youth guarantee", "nuorisotakuu")."""
        if age is None:
            return ()
        return tuple(sorted({n for limit, names in self.age_limited for n in names if age > limit}))

    def subjects(self) -> dict[tuple[str, str], list[str]]:
        """What every article is about: the names its title gives it, the head of the title
        and each name in brackets ("Class teacher (luokanopettaja)" -> "Class teacher",
        "luokanopettaja"), without the explanation after a dash or colon."""
        return {key: title_names(chunks[0].title) for key, chunks in self.by_doc.items()}

    def ranked(self, query: str, language: str, hits: list[Hit]) -> list[tuple[float, list[Hit]]]:
        """Hits grouped by article with the article's score, best article first.

        Retrieval's fused score decides, helped by how strongly the article's words match (the
        raw BM25 magnitude, which scaling hides) and by the question naming the article's topic
        in its title. Next-steps lists match almost anything, so they do not count.
        """
        by_doc: dict[str, list[Hit]] = {}
        for hit in hits:
            by_doc.setdefault(hit.chunk.doc_id, []).append(hit)
        words = set(analyse(query, language))
        strongest = max((h.lexical for h in hits), default=0.0) or 1.0

        def score(doc_hits: list[Hit]) -> float:
            content = [h for h in doc_hits if readable(h.chunk)] or doc_hits
            title = self.titles.get((doc_hits[0].chunk.doc_id, language), frozenset())
            overlap = len(words & title) / math.sqrt(1 + len(title))
            return (
                max(h.fused for h in content)
                + LEXICAL_WEIGHT * max(h.lexical for h in content) / strongest
                + TITLE_WEIGHT * overlap
            )

        return sorted(((score(h), h) for h in by_doc.values()), key=lambda x: -x[0])

    def names(self, doc_id: str, query: str, language: str) -> bool:
        """Does the question name this article's subject (a word of the names in its title,
        not of the explanation after a dash: "Ohjaamo", not "opiskeluun")?"""
        chunks = self.by_doc.get((doc_id, language))
        if not chunks:
            return False
        heads = set(analyse(" ".join(title_names(chunks[0].title)), language))
        named = {w for w in heads if len(w) >= 5} & set(analyse(query, language))
        # Words another title has too name neither: "rehabilitation" is in "Kela rehabilitation
        # for young people" and in "Vocational rehabilitation"; "young ... rehabilitation" is
        # only in the first.
        return bool(named) and (
            sum(
                1 for (_, lang), title in self.titles.items() if lang == language and named <= title
            )
            <= 1
        )

    def passages(
        self,
        query: str,
        hits: list[Hit],
        language: str,
        *,
        counsellor: bool = False,
        situation: Situation | None = None,
    ) -> list[Passage]:
        """The articles an answer may cite, numbered 1..n, best first; the best one read whole.

        An article for an age group the person has said they are past is left out, unless the
        question names it ("olen 45, voinko mennä Ohjaamoon?").
        """
        limit = COUNSELLOR_SOURCES if counsellor else MAX_SOURCES
        ratio = COUNSELLOR_DOC_RATIO if counsellor else DOC_RATIO
        ranked = [
            (score, doc_hits)
            for score, doc_hits in self.ranked(query, language, hits)
            if situation is None
            or not situation.excludes(doc_hits[0].chunk.age_max)
            or self.names(doc_hits[0].chunk.doc_id, query, language)
        ][:limit]
        if situation is not None and ranked:
            # A service the learner is past and names ("olen 52, voinko mennä Ohjaamoon?") is
            # what they ask about: it comes first, level with the best, to say its age limit.
            named = [
                (ranked[0][0], doc_hits)
                for _, doc_hits in ranked
                if situation.excludes(doc_hits[0].chunk.age_max)
            ]
            ranked = named + [r for r in ranked if all(r[1] is not n[1] for n in named)]
        passages: list[Passage] = []
        for score, doc_hits in ranked:
            if score < ratio * ranked[0][0]:
                break  # an article retrieval found much less relevant than the best one
            found = [self.localise(hit.chunk, language) for hit in doc_hits]
            chunks = [c for i, c in enumerate(found) if c not in found[:i] and readable(c)]
            if not chunks:
                continue
            main = next((c for c in chunks if c.heading != "summary"), chunks[0])
            related = [c for c in chunks if c is not main and c.heading != "summary"]
            if not passages:
                # The best article is read whole: the answer may sit in a section not retrieved.
                whole = self.by_doc.get((main.doc_id, main.language), [])
                related += [
                    c
                    for c in whole
                    if c not in related and c is not main and c.heading != "summary" and readable(c)
                ]
            ids, score = tuple(c.id for c in chunks), doc_hits[0].score
            passages.append(Passage(len(passages) + 1, main, score, tuple(related), ids))
        if not passages and ranked:
            # Only the best article's next steps were found (a card put it first) and the rest
            # scored too low: its sections stand for it, or the answer would have nothing.
            first = ranked[0][1][0]
            whole = [c for c in self.by_doc.get((first.chunk.doc_id, language), []) if readable(c)]
            if whole:
                passages.append(Passage(1, whole[0], first.score, tuple(whole[1:]), ()))
        return passages
