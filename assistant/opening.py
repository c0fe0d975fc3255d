"""Which sentences may open an answer: not one that points back at the one before ("This
means", "Se on", "Det var", also after a dateline: "In spring 2026 it was still a proposal"),
adds to another ("För erfarna finns dessutom") or sends the reader elsewhere. Used when the
candidates are read (`assistant.sentences`) and when the opening is chosen
(`assistant.selection`)."""

from __future__ import annotations

import re
from functools import lru_cache

# Sentences opening with these lean on the one before; they are shown only after it.
_ANAPHORA = {
    "en": frozenset(re.findall(r"\S+", "this that these those it they such then there also so")),
    "fi": frozenset(
        re.findall(
            r"\S+",
            "tämä tämän tässä tästä se sen ne niiden nämä näin siksi lisäksi myös silloin sitten",
        )
    ),
    "sv": frozenset(re.findall(r"\S+", "det detta den dessa de där därför dessutom också då")),
}
# A figure named before: "Luku on vanha", "The figure is old", "Siffran är gammal".
_BACK_NOUN = re.compile(
    r"(luku|luvut|lukua|summa|the (figure|figures|amount|number)|siffran|siffrorna|talet|"
    r"beloppet)\b"
)
# "There is no age limit", "Det finns", "Den som byter bransch": the pronoun points forward.
_FORWARD = {
    "en": re.compile(r"there (is|are|was|were)\b|it (is|was) (possible|not possible|worth)\b"),
    "sv": re.compile(r"(det|den|de) (som|finns|fanns|går|krävs|behövs)\b"),
}
# ...or is an article: "Den utvidgade läroplikten", "Det allmänna stödet", "Den nuvarande".
_ARTICLE = {"sv": re.compile(r"(det|den|de) \w+(a|ade|nde)\b")}
# A dateline before the subject ("In spring 2026 it was still a proposal", "Keväällä 2026 se
# oli", "Våren 2026 var det"): up to three words ending in a date.
_DATELINE = re.compile(r"^(?:\S+ ){0,3}?\S*\d{4}\S*,? ")
# Words that add to or qualify what was said before ("För erfarna lantbrukare finns dessutom",
# "Palkka voi kuitenkin"); a softer "also" ("Study materials are also free") may open.
_ADDITIVE = {
    "en": frozenset(["additionally", "moreover", "furthermore", "however"]),
    "fi": frozenset(["lisäksi", "kuitenkin", "toisaalta"]),
    "sv": frozenset(["dessutom", "dock", "däremot"]),
}
ADDITIVE_WORDS = 5
"""An additive word this early in a sentence makes it an addition, not an opening."""
# "Myös aikuiset voivat", "Också vuxna kan": the word is about the subject that follows.
_ALSO_SUBJECT = frozenset(["myös", "också", "även"])
# An aside: a caveat that sends the reader elsewhere ("..., so check the situation on
# Studyinfo") or what a job is called in everyday speech.
_ASIDE = re.compile(
    r"^(check|tarkista|kontrollera)\b|[,;] (so|joten|så) (check|tarkista|kontrollera)\b|"
    r"^(in everyday|arkikielessä|i vardagligt tal)\b|\b(also called|kallas också|sanotaan myös|"
    r"kutsutaan myös)\b"
)


_NOT_WORD = re.compile(r"[^\wåäö]")
CACHED_SENTENCES = 16384
"""Sentences whose verdicts are kept: the corpus has ~6,300, asked about reply after reply."""


def _words(sentence: str) -> list[str]:
    return [_NOT_WORD.sub("", w) for w in sentence.lower().split()]


def leans_back(sentence: str, language: str) -> bool:
    """Does the sentence point back at the one before ("This means", "Se on", "Det var"),
    after a dateline too ("In spring 2026 it was still a proposal")?"""
    anaphora = _ANAPHORA.get(language, frozenset())
    lowered = sentence.lower()
    forward = _FORWARD.get(language)
    words = _words(sentence)
    if words and words[0] in _ALSO_SUBJECT:
        return False
    if _BACK_NOUN.match(lowered):
        return True
    if words and words[0] in anaphora:
        article = _ARTICLE.get(language)
        pointing_forward = bool(forward and forward.match(lowered))
        return not (pointing_forward or bool(article and article.match(lowered)))
    dated = _DATELINE.match(lowered)
    if dated is None:
        return False
    rest = lowered[dated.end() :]
    if forward and forward.match(rest):
        return False
    # Swedish puts the verb first after an adverbial: "Våren 2026 var det" (but "hösten 2025
    # var de största bristyrkena": an article).
    words = _words(rest)
    if language == "sv" and len(words) > 1:
        words = words[1:]
    article = _ARTICLE.get(language)
    return bool(words) and words[0] in anaphora and not (article and article.match(" ".join(words)))


@lru_cache(maxsize=CACHED_SENTENCES)
def aside(sentence: str, language: str) -> bool:
    """Is the sentence an addition to another ("För erfarna finns dessutom"), a caveat that
    sends the reader elsewhere or what a job is called in everyday speech?"""
    words = _words(sentence)
    if words and words[0] in _ALSO_SUBJECT:
        words = words[1:]
    additive = _ADDITIVE.get(language, frozenset())
    if any(w in additive for w in words[:ADDITIVE_WORDS]):
        return True
    return bool(_ASIDE.search(sentence.lower()))


@lru_cache(maxsize=CACHED_SENTENCES)
def can_open(sentence: str, language: str) -> bool:
    """May the sentence open an answer? Not one that points back at another or is an
    `aside`."""
    return not leans_back(sentence, language) and not aside(sentence, language)
