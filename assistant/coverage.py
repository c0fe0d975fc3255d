"""Does the evidence address the question? The check that keeps a near miss from being served
as a confident answer.

Retrieval always finds *something*: a question about airline pilots finds the article on
occupations, a question about one employer's pay finds the article on pay. Similarity alone
cannot tell a near miss from an answer, so before answering, the question's salient concepts are
looked for in the articles the answer would cite:

- a *concept* is a content word of the question that is not generic in the corpus (generic: it
  occurs in a large share of the articles, like "opiskella" or "work"), and not a filler word;
- it is *covered* when the cited articles (in any language) contain it, its compound tail
  (Finnish and Swedish glue words together) or the same five-letter beginning;
- what is *asked* about it (pay, cost) must be there too: a question about pay needs evidence that
  speaks of pay, a question about cost evidence that speaks of fees or of it being free.

A question with a concept that is not covered gets `no_answer` with the reason `not_covered`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant import coverage_facets as facets
from assistant.coverage_patterns import (
    ABROAD,
    FILLER,
    NAME_PHRASE,
    ORIGIN,
    PLAIN,
    asked_part,
    asks_own_case,
)
from assistant.names import MIN_LENGTH, NAME_PREFIX, PREFIX, Names
from assistant.stem_match import begun, found_in, names_form, names_whole
from assistant.targets import licence_targets, occupation_targets, own_jobs, spoken_targets
from knowledge_base.lexical import analyse

GENERIC_SHARE = 0.12
"""A stem found in at least this share of a language's articles says nothing specific."""
SUBJECT_SHARE = 0.05
"""A title word is a subject of its own (oppisopimus, starttiraha) when at most this share of
the articles use it at all: a question naming it must get an article that speaks of it."""
OCCUPATION_GUIDE = "occupation-"
"""Article ids of the guides to occupations begin so."""


@dataclass(frozen=True)
class Coverage:
    """What of the question the evidence leaves unaddressed."""

    concepts: tuple[str, ...]
    """The question's salient concepts (stems)."""
    missing: tuple[str, ...]
    """Concepts the evidence does not contain."""
    unanswered: tuple[str, ...] = ()
    """What is asked that the evidence says nothing about: `pay`, `cost`, or details no
    general guidance holds: `own_case` (one person's application or decision), `local` (one
    named school's, office's or employer's own details)."""

    @property
    def covered(self) -> bool:
        """Everything the question is about, and what it asks, is in the evidence."""
        return not self.missing and not self.unanswered


_BRACKETED_TERM = re.compile(r"\(([a-zåäö]{5,}(?: [a-zåäö]{5,}){0,2})\)")


def _words(texts: Iterable[str], language: str) -> set[str]:
    return {t for text in texts for t in analyse(text, language) if not t.startswith("~")}


class CoverageCheck:
    """Knows the corpus's words and subjects; checks questions against evidence."""

    def __init__(
        self,
        documents: Mapping[tuple[str, str], Iterable[str]],
        subjects: Mapping[tuple[str, str], Iterable[str]],
        names: Names | None = None,
    ) -> None:
        """`documents`: (article id, language) -> the article's texts; `subjects`: the same
        keys -> its title and headings (what it is about); `names`: what the corpus names
        (made from `documents` when not given)."""
        # Each article's stems, in every language it is written in.
        self._stems: dict[str, set[str]] = {}
        self._heads: dict[str, set[str]] = {}
        # Each article's own text (lower case, every language): for facets its stems lose.
        self._text: dict[str, str] = {}
        counts: dict[str, dict[str, int]] = {}
        sizes: dict[str, int] = {}
        for (doc_id, language), texts in documents.items():
            texts = list(texts)
            stems = frozenset(_words(texts, language))
            self._text[doc_id] = self._text.get(doc_id, "") + " " + " ".join(texts).lower()
            self._stems.setdefault(doc_id, set()).update(stems)
            # What the article is about: its title, summary and an occupation guide's names.
            self._heads.setdefault(doc_id, set()).update(_words(texts[:3], language))
            sizes[language] = sizes.get(language, 0) + 1
            per_language = counts.setdefault(language, {})
            for stem in stems:
                per_language[stem] = per_language.get(stem, 0) + 1
        self._generic = {
            language: frozenset(
                stem for stem, n in counts[language].items() if n >= GENERIC_SHARE * sizes[language]
            )
            for language in counts
        }
        self._filler = {
            language: frozenset(_words([words], language)) for language, words in FILLER.items()
        }
        self._learn_subjects(subjects, counts, sizes)
        self.names = names or Names(text for texts in documents.values() for text in texts)

    def _learn_subjects(
        self,
        subjects: Mapping[tuple[str, str], Iterable[str]],
        counts: dict[str, dict[str, int]],
        sizes: dict[str, int],
    ) -> None:
        """The subjects of the articles, the occupation guides' subject words, and which
        articles are about going abroad."""
        filler = self._filler
        # A subject is a name in a title, as a phrase ("class teacher"): the question names
        # it when it uses every word of it; its rare words (at most SUBJECT_SHARE of the
        # articles use them) are what the evidence must then hold.
        self._subjects: dict[str, set[tuple[frozenset[str], tuple[str, ...]]]] = {}
        self._occupation_subjects: set[str] = set()
        # Articles about going abroad (their title or a heading says so).
        self._abroad_docs = {
            doc_id
            for (doc_id, _), names in subjects.items()
            if any(w.startswith(ABROAD) for name in names for w in PLAIN.findall(name.lower()))
        }
        for (doc_id, language), names in subjects.items():
            rare_limit = SUBJECT_SHARE * sizes[language]
            generic = GENERIC_SHARE * sizes[language]
            for name in names:
                words = [
                    t
                    for t in _words([name], language)
                    if len(t) >= MIN_LENGTH
                    and t not in filler.get(language, ())
                    and counts[language].get(t, 0) < generic
                ]
                rare = tuple(t for t in words if counts[language].get(t, 0) <= rare_limit)
                if rare:
                    self._subjects.setdefault(language, set()).add((frozenset(words), rare))
                    if doc_id.startswith(OCCUPATION_GUIDE):
                        self._occupation_subjects.update(rare)

    def concepts(self, question: str, language: str) -> tuple[str, ...]:
        """The question's stems that name something specific: a subject the corpus has an
        article on (a word of a title few articles use), and the occupation the question is
        about ("miten minusta tulee eläinlääkäri", "hur blir man veterinär")."""
        found = list(self._targets(question, language))
        asked = {t for t in analyse(question, language) if not t.startswith("~")}
        for phrase, rare in self._subjects.get(language, ()):
            if all(names_form(t, asked) for t in phrase):
                found.extend(rare)
        return tuple(dict.fromkeys(found))

    def _targets(self, question: str, language: str) -> tuple[str, ...]:
        """Stems of the occupation the question asks about ("hur blir man sotare")."""
        generic = self._generic.get(language, frozenset())
        filler = self._filler.get(language, frozenset())
        found: list[str] = []
        for word in occupation_targets(question, language):
            stems = [t for t in analyse(word, language) if not t.startswith("~")]
            # A stemmer may cut an unknown occupation short ("sotare" -> "sot"): the word's
            # own beginning stands for it then.
            stems = [
                t if len(t) >= MIN_LENGTH or len(word) < 6 else word.lower()[:PREFIX] for t in stems
            ]
            found.extend(
                t for t in stems if len(t) >= MIN_LENGTH and t not in generic and t not in filler
            )
        return tuple(found)

    def _named(self, target: str, heads: set[str], stems: set[str]) -> bool:
        """Does the evidence name the occupation asked about? What a cited article is about
        (its title, summary, a guide's names) must name it, or, for an occupation Suunta has a
        guide on, its text: a passing mention of midwives in the public health nurse's guide
        does not say how to become a midwife."""
        if names_whole(target, heads):
            return True
        return names_whole(target, self._occupation_subjects) and names_whole(target, stems)

    def _unknown_targets(
        self, question: str, asked_in: str, language: str, stems: set[str], missing: list[str]
    ) -> list[str]:
        """Occupations asked about as written that the corpus does not know or the evidence
        does not name: spoken Finnish ("haluun puheterapeutiks"), and words no article uses
        even the beginning of ("miten musta tulee kirjastonhoitaja")."""
        found = []
        if language == "fi":
            found += [
                w
                for w in spoken_targets(question)
                if not self.names.knows(w) or not self._in_evidence(w, language, stems)
            ]
        found += [
            w
            for w in occupation_targets(asked_in, language)
            if len(w) >= NAME_PREFIX and not self.names.knows(w) and w not in missing
        ]
        if language != "fi":
            # A Finnish term the learner gives in brackets ("student loan compensation
            # (opintolainahyvitys)", "(suuhygienisti)") is what they ask about: the evidence
            # must name it, not only a word of its beginning.
            found += [
                term
                for term in _BRACKETED_TERM.findall(asked_in)
                if not all(self._in_evidence(w, "fi", stems) for w in term.split())
            ]
        found += [
            head + kind
            for head, kind in licence_targets(question, language)
            if not (
                self._in_evidence(head + kind, language, stems)
                or (self._in_evidence(kind, language, stems) and begun(head, stems))
            )
        ]
        return found

    def _in_evidence(self, word: str, language: str, stems: set[str]) -> bool:
        """Is the occupation `word` (as written) named nearly whole in the evidence's stems?"""
        found = [t for t in analyse(word, language) if not t.startswith("~")]
        return any(names_whole(t, stems) for t in found if len(t) >= MIN_LENGTH)

    def _foreign(self, question: str, prefixes: set[str]) -> list[str]:
        """Countries the question names that the evidence does not: another country's own
        rules (a licence in Ireland, Sweden's student aid) are not in Finnish guidance, unless
        the evidence is about going abroad."""
        if ORIGIN.search(question) or any(
            w.startswith(ABROAD) for w in PLAIN.findall(question.lower())
        ):
            # Where the learner comes from is their background; a country given as an
            # example of "abroad" is the general question.
            return []
        named = self.names.countries_named(question)
        return [w for w in named if w[:PREFIX] not in prefixes]

    def _unnamed_by_lead(self, question: str, stems: set[str], language: str) -> list[str]:
        """Names of several words ("Police University College") that the article the answer
        opens with (its `stems`) does not use: an answer from another article ("apprenticeships
        have no upper age limit") is about something else."""
        phrases = [m.group(0) for m in NAME_PHRASE.finditer(question)]
        if not phrases or not stems:
            return []
        prefixes = {s[:PREFIX] for s in stems if len(s) >= PREFIX}
        unnamed = []
        for phrase in phrases:
            kept = " ".join(w for w in phrase.split() if not self.names.is_place(w))
            words = [w for w in _words([kept], language) if len(w) >= MIN_LENGTH]
            if words and not all(found_in(w, stems, prefixes) for w in words):
                unnamed.append(phrase)
        return unnamed

    def evidence(self, doc_ids: Iterable[str]) -> frozenset[str]:
        """The stems of these articles in every language they are written in."""
        return frozenset().union(*(self._stems.get(doc, ()) for doc in set(doc_ids)))

    def check(
        self, question: str, language: str, doc_ids: Iterable[str], extra: Iterable[str] = ()
    ) -> Coverage:
        """How well the articles `doc_ids` (and `extra` texts) cover the question as a general
        one: whether it is about the learner's own case is the caller's to ask."""
        doc_ids = list(doc_ids)
        if self.names.asks_local_detail(question):
            return Coverage((), (), ("local",))
        concepts = self.concepts(question, language)
        extra_stems = _words(extra, language)
        stems = set(self.evidence(doc_ids)) | extra_stems
        # The article the answer opens with; what is asked may also be in a card's answer that
        # leads the reply.
        opening = set(self.evidence(doc_ids[:1]))
        lead = opening | extra_stems
        prefixes = {s[:PREFIX] for s in stems if len(s) >= PREFIX}
        wanted = set(self._targets(question, language))
        heads = set().union(*(self._heads.get(doc, ()) for doc in set(doc_ids)))
        own = own_jobs(question, language)  # the learner's own job is their situation
        missing = [
            c
            for c in concepts
            if c not in own
            and not (self._named(c, heads, stems) if c in wanted else found_in(c, stems, prefixes))
        ]
        asked_in = asked_part(question)
        targets = set(self._targets(asked_in, language))
        if len(missing) < len(concepts):
            # An occupation the learner only mentions ("valmistuin merkonomiksi, koskeeko
            # nuorisotakuu minua?") is their situation, not the subject, when the evidence
            # covers what they ask about; one they want to become stays the subject.
            missing = [c for c in missing if c in targets or c not in self._occupation_subjects]
        elif asked_in != question:
            # So is one named only outside the clauses that ask ("I'm studying to be a cook at
            # an amis, how long could I go abroad?").
            subjects = set(self.concepts(asked_in, language))
            missing = [c for c in missing if c in subjects or c not in self._occupation_subjects]
        missing += self.names.unknown(question)
        missing += self._unknown_targets(question, asked_in, language, stems, missing)
        missing += self._unnamed_by_lead(question, opening, language)
        if not self._abroad_docs.intersection(doc_ids):
            missing += self._foreign(question, prefixes)
        lead_stems = " ".join(sorted(lead))
        text = question.lower()
        missing += [
            name
            for name, (said, spoken_of) in facets.SITUATION_PATTERNS.items()
            if said.search(text) and not spoken_of.search(lead_stems)
        ]
        lead_text = " ".join([self._text.get(doc_ids[0], "") if doc_ids else "", *extra]).lower()
        cited_text = ""
        if any(facets.TEXT_ASKS[f].search(text) for f in facets.ANY_CITED):  # (read only then)
            cited_text = " ".join([*(self._text.get(d, "") for d in doc_ids), *extra]).lower()
        unanswered = facets.unanswered_facets(text, lead_stems, lead_text, cited_text)
        missing += facets.unnamed_fees(text, lead_text)
        return Coverage(concepts, tuple(missing), tuple(unanswered))


__all__ = ["Coverage", "CoverageCheck", "asks_own_case", "occupation_targets"]
