"""What the name lists say about one capitalised word: a given name, a surname, a place...

Finnish case endings are stripped before the lists are asked, so "Mikolle" and "Virtasen" are
Mikko and Virtanen; places, organisations and services of the guidance field, months and
nationalities are marked as never names; words that double as given names ("May", "Toivo") are
marked ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

from telemetry.pii.lexicon import (
    AMBIGUOUS_ALWAYS,
    AMBIGUOUS_INITIAL,
    CALENDAR,
    LOCATIVE_ENDINGS,
    NATIONALITIES,
    Lexicon,
    base_forms,
)

PERSON = "PERSON"

_SURNAME_ENDINGS = (
    "nen", "sson", "ström", "qvist", "kvist", "gren", "lund", "berg", "holm", "dahl", "blad",
)  # fmt: skip
_INNER_LOCATIVE = ("ssa", "ssä", "sta", "stä")


@dataclass(frozen=True, slots=True)
class Word:
    """What the lists say about one capitalised word; cached per (word, sentence-initial)."""

    given: bool  # a given name, possibly inflected
    surname: bool  # a surname (or surname-shaped), possibly inflected
    strong_surname: bool  # in the Finnish/Swedish list: enough on its own mid-sentence
    stop: bool  # place, organisation, service, month, nationality
    inflected: bool  # only an inflected form matched
    locative: bool  # unknown stem with a place-like ending: -ssa, -lta, ...
    ambiguous: bool  # also a common word at the start of a sentence: "Will", "Toivo"
    always_ambiguous: bool  # also a common word anywhere: "Junior", "Summer", "May"

    @property
    def known(self) -> bool:
        return self.given or self.surname


def name_shaped(word: str) -> bool:
    """Title case, per hyphenated part: "Anna-Liisa" yes; "TE-toimisto", "JOTPAn", "DI" no."""
    if word.istitle():
        return len(word) > 1
    if len(word) < 2:
        return False
    for part in word.split("-"):
        if not part[:1].isupper() or (len(part) > 1 and not (part[1].islower() or part[1] in "'’")):
            return False
    return True


def analyse(lex: Lexicon, word: str, initial: bool) -> Word:
    """What `lex` says about `word`; `initial`: it opens a sentence."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    parts = word.split("-")
    head, last = parts[:-1], parts[-1]
    # At the start of a sentence an inflected-looking word is far more often a verb or a
    # noun ("Tapasin", "Kerroin") than an inflected name, so only exact forms count there.
    forms = (last,) if initial else base_forms(last)
    exact_given = all(p in lex.given for p in parts)
    exact_fi_sv = all(p in lex.surnames_fi_sv for p in parts)
    exact_any = all(p in lex.surnames_fi_sv or p in lex.surnames_en for p in parts)
    given, strong, surname, inflected = exact_given, exact_fi_sv, exact_any, False
    if not (given or surname):
        head_given = all(p in lex.given for p in head)
        head_sur = all(p in lex.surnames_fi_sv or p in lex.surnames_en for p in head)
        given = head_given and any(f in lex.given for f in forms)
        strong = head_sur and any(f in lex.surnames_fi_sv for f in forms)
        surname = strong or (head_sur and any(f in lex.surnames_en for f in forms))
        # Surname-shaped ("-nen", "-sson") words are common adjectives and nouns too
        # ("Elinikäisen", "Toisen"), so they count only next to a given name.
        if not surname and len(word) > 5 and any(f.endswith(_SURNAME_ENDINGS) for f in forms):
            surname = True
        inflected = given or surname
    all_forms = base_forms(word)
    stop = (
        word in CALENDAR
        or word in NATIONALITIES
        or any(f in lex.places or f.lower() in lex.career_lower for f in all_forms)
    )
    low = word.lower()
    if inflected and low.endswith(_INNER_LOCATIVE):
        # "Lahdesta", "Kouvolassa": in/from forms are used of places, hardly of people.
        given = surname = strong = False
    locative = not (given or surname) and low.endswith(LOCATIVE_ENDINGS)
    always = word in AMBIGUOUS_ALWAYS or word in CALENDAR
    ambiguous = always or word in AMBIGUOUS_INITIAL
    return Word(given, surname, strong, stop, inflected, locative, ambiguous, always)
