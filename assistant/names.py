"""Names in a question: the schools, employers, programmes and places it names, and whether it
asks one of them for its own details.

One corpus-wide list of word beginnings serves every stage that asks: the retrieval stage
(an unknown name and a local detail lower the confidence), the coverage check (an unknown
name is a concept the evidence lacks) and the limits (a limit whose cue needs a name or a
place). A name the articles never use ("Wärtsilä", "Tredun") is something they do not speak of;
a place ("Espoo", "Karleby", "norjassa") is not a subject of its own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.coverage_patterns import (
    ACRONYM,
    DEGREE,
    LOCAL,
    NAMED,
    NATIONALITY,
    OFFERS,
    PAY,
    PLAIN,
    RESIDENCE,
    THERE,
    THIS_YEAR,
)
from assistant.places import country_names, is_country, is_place_word, place_keys

_CORPUS_ACRONYM = re.compile(r"\b(?:[A-ZÅÄÖ]{3,6}|Oma[A-ZÅÄÖ][a-zåäö]{3,})\b")
EVERYDAY = frozenset(
    ["eat", "vet", "typ", "elo", "mieli", "kiila", "tem", "ees", "eta", "tes", "tek", "puk", "anm"]
)
"""Acronyms of the articles that are also everyday words ("typ", "mieli", "eat")."""
NAME_PREFIX = 7
"""Letters a capitalised name must share with a word of the corpus to be known ("Ohjaamon");
a name is compared on more letters than a word: "Supercell" is not "supervisor"."""
PREFIX = 5
"""Letters a lower-case word must share with a word of the corpus to be known."""
MIN_LENGTH = 4
"""Shorter words are never names or places worth a look ("it", "cv", "45")."""
UNKNOWN_LENGTH = 6
"""A lower-case word this long that no article begins like is taken for a name
("metropolian", "jorvaksessa"); shorter ones are too often slang."""


LOCAL_MEMO = 1024
"""Questions whose local-detail verdict is kept (the last few replies' questions)."""


class Names:
    """Knows the beginnings of every word the articles use, Finland's places and the world's
    countries."""

    def __init__(self, texts: Iterable[str]) -> None:
        """`texts`: every text of the articles, in every language."""
        texts = list(texts)
        self._beginnings = frozenset(
            word[:n]
            for text in texts
            for word in set(PLAIN.findall(text.lower()))
            for n in range(2, NAME_PREFIX + 1)
        )
        # The services, tests and levels the articles name by an acronym or a compound
        # name (YKI, TUVA, LVV, OmaKela), however the learner writes them.
        self._acronyms = (
            frozenset(m.group(0).lower() for text in texts for m in _CORPUS_ACRONYM.finditer(text))
            - EVERYDAY
        )
        self._places = place_keys()
        self._countries = place_keys(country_names())
        self._local: dict[str, bool] = {}

    def uses_acronym(self, question: str) -> bool:
        """Does the question name something the articles call by an acronym or a compound
        name ("how many levels does yki have")?"""
        return any(w in self._acronyms for w in PLAIN.findall(question.lower()))

    def is_place(self, word: str) -> bool:
        """Is the word (in any inflected form) a municipality or a country?"""
        return is_place_word(word.lower(), self._places)

    def is_country(self, word: str) -> bool:
        """Is the word (in any inflected form) a country?"""
        return is_country(word.lower(), self._countries)

    def knows(self, name: str) -> bool:
        """Does the corpus use the name, or every part of a hyphenated one ("TE-toimisto")?"""
        acronym = ACRONYM.match(name)
        if acronym:
            # "TUVAan", "YKI:n": the capitals are the name, the rest its case ending.
            name = acronym.group(1)
        return all(part[:NAME_PREFIX] in self._beginnings for part in PLAIN.findall(name.lower()))

    def unknown(self, question: str) -> list[str]:
        """Names in the question (capitalised, not opening a sentence) that no article uses
        and that are not places: a school, company or programme the sources know nothing of."""
        return [
            m.group(0)
            for m in NAMED.finditer(question)
            if not self.knows(m.group(0))
            and not self.is_place(m.group(0))
            and not DEGREE.match(m.group(0))
        ]

    def names_a_place_or_name(self, question: str) -> bool:
        """Does the question name a place or anything by a capitalised name?"""
        return bool(NAMED.search(question)) or self.names_a_place(question)

    def names_somewhere(self, question: str) -> bool:
        """Does the question name one place, school, office or employer (a capitalised name,
        a place, or a long word no article begins like: "kpedun", "jorvaksessa")?"""
        if NAMED.search(question):
            return True
        return any(
            self.is_place(w) or (len(w) >= UNKNOWN_LENGTH and w[:PREFIX] not in self._beginnings)
            for w in PLAIN.findall(question.lower())
            if len(w) >= MIN_LENGTH
        )

    def asks_local_detail(self, question: str) -> bool:
        """Does the question ask one place's own details (opening hours, last year's points,
        who teaches, when its next course starts) or a named employer's pay? Only that place
        or employer knows them; the articles are general guidance."""
        # Asked of each question by retrieval, the assistant and the coverage check; LOCAL,
        # one case-insensitive alternation of ~200 phrases, costs ~140 µs a search.
        known = self._local.get(question)
        if known is None:
            if len(self._local) >= LOCAL_MEMO:
                self._local.clear()
            known = self._local[question] = self._asks_local_detail(question)
        return known

    def _asks_local_detail(self, question: str) -> bool:
        if LOCAL.search(question) and self.names_somewhere(question):
            return True
        if self._offers_this_year(question):
            return True
        return bool(PAY.search(question) and self.unknown(question))

    def _offers_this_year(self, question: str) -> bool:
        """Does the question ask what one named town or school offers this year?"""
        if not (THIS_YEAR.search(question) and OFFERS.search(question)):
            return False
        if RESIDENCE.search(question):
            return False
        return self.names_a_place(question) or bool(self.unknown(question))

    def names_a_place(self, question: str) -> bool:
        """Does the question name a municipality or a country (in any inflected form)?"""
        return any(
            self.is_place(w) for w in PLAIN.findall(question.lower()) if len(w) >= MIN_LENGTH
        )

    def countries_named(self, question: str) -> list[str]:
        """Countries the question names as a name ("Irlanti") or as where something happens
        ("norjassa", "ruotsiin"), lower-cased; a language name ("espanjaa") is not one."""
        destinations = _lower_destinations(question)
        return [
            word.lower()
            for word in self._country_words(question)
            if word[0].isupper()
            or (word.lower().endswith(THERE) and word.lower()[:NAME_PREFIX] not in self._beginnings)
            # "if i move to spain", "ska flytta till spanien": where it happens, in lower case
            # (not where the learner trained or worked: "i trained as a lab technician in india")
            or word.lower() in destinations
        ]

    def names_a_country(self, question: str) -> bool:
        """Does the question name a country other than Finland as a name (capitalised)?"""
        return any(word[0].isupper() for word in self._country_words(question))

    def _country_words(self, question: str) -> list[str]:
        """The question's words that are a country (not Finland) in some form, as written; a
        nationality or language ("Ukrainian", "virolainen", "Swedish") is not one."""
        return [
            word
            for word in re.findall(r"[\wåäöÅÄÖ]+", question)
            if len(word) >= MIN_LENGTH
            and not word.lower().endswith(NATIONALITY)
            and self.is_country(word.lower())
        ]


_BACKGROUND = re.compile(
    r"\b(worked|trained|studied|graduated|qualified|jobbade|arbetade|utbildade|studerade)\b"
    r"[^.?!]{0,50}$",
    re.IGNORECASE,
)


_DESTINATION = re.compile(r"\b(?:to|in|into|till|i)\s+([\wåäöÅÄÖ]+)", re.IGNORECASE)


def _lower_destinations(question: str) -> set[str]:
    """Words (lower case) after "to", "in" or "till", not where the learner trained or worked
    ("if i move to spain"; not "i trained as a lab technician in india")."""
    return {
        m.group(1).lower()
        for m in _DESTINATION.finditer(question)
        if not _BACKGROUND.search(question[: m.start()])
    }
