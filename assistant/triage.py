"""Triage before retrieval: crisis, asking for a human, prompt injection, out of scope.

Patterns are matched on a normalised, lower-cased message (see `normalise`). Crisis patterns
are broad on purpose, because recall must be 100%: any statement of wanting to die, to harm
oneself or of seeing no way out, in Finnish, Swedish or English, also colloquial and also about
a friend. Idioms that only sound like it ("dying to get in", "kill the interview", "pappers-
arbetet tar livet av mig") are removed before the crisis patterns run, so career talk does not
raise false alarms. An explicit "I'll kill myself if..." is treated as a crisis: a needless
crisis reply costs little, a missed one could cost a life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.crisis_patterns import CRISIS_IDIOMS, CRISIS_PATTERNS
from assistant.literals import Screen
from assistant.triage_patterns import (
    CAREER_PHRASE,
    DOMAIN_STRONG,
    DOMAIN_WEAK,
    GREETINGS,
    HANDOFF_PATTERNS,
    INJECTION_PATTERNS,
    OUT_OF_SCOPE_PATTERNS,
    THANKS,
)
from textnorm import fold, variants
from textnorm import normalise as plain_text

_WORDS = re.compile(r"[0-9a-zåäöéü][0-9a-zåäöéü.-]*")
COMPOUND_STEM = 5


def _stems(stems: list[str]) -> re.Pattern[str]:
    """One search over a message's words joined by spaces: a word that begins with a stem, or
    (Finnish and Swedish glue words together) a longer stem anywhere inside a compound."""
    starts = "|".join(re.escape(stem) for stem in stems)
    inside = "|".join(re.escape(stem) for stem in stems if len(stem) >= COMPOUND_STEM)
    return re.compile(rf"(?:^| )(?:{starts})|{inside}")


_DOMAIN = _stems(DOMAIN_STRONG + DOMAIN_WEAK)
_STRONG = _stems(DOMAIN_STRONG)


def has_domain_terms(message: str, *, strong_only: bool = False) -> bool:
    """Does the message use any education, work or career word (fi, sv, en)?"""
    text = normalise(message)
    if CAREER_PHRASE.search(text):
        return True
    words = _WORDS.findall(text)
    parts = {part for word in words for part in (word, *re.split(r"[.-]", word))}
    # One regex instead of a loop over ~400 stems in Python: 0.27 -> 0.03 ms a message.
    return bool((_STRONG if strong_only else _DOMAIN).search(" ".join(parts)))


@dataclass(frozen=True)
class Triage:
    """What kind of message this is before any retrieval."""

    kind: str
    """`crisis`, `handoff`, `injection`, `out_of_scope`, `greeting`, `thanks` or `guidance`."""
    cleaned: str
    """The message with any injected instructions removed (what retrieval may see)."""


def _apostrophes(message: str) -> str:
    return message.replace("’", "'").replace("‘", "'").replace("´", "'").replace("`", "'")


def normalise(message: str) -> str:
    """The plain text (`textnorm.normalise`), lower-cased without accents (å, ä, ö kept),
    typographic apostrophes made plain, whitespace collapsed."""
    return " ".join(fold(_apostrophes(plain_text(message))).split())


_IDIOM = re.compile("|".join(f"(?:{idiom.pattern})" for idiom in CRISIS_IDIOMS))


# Each pattern searched only when the literal text it needs is there (`assistant.literals`):
# ~490 searches a message were most of a triage's time.
_CRISIS = Screen(CRISIS_PATTERNS)
_INJECTION = Screen(INJECTION_PATTERNS)
_HANDOFF = Screen(HANDOFF_PATTERNS)
_OUT_OF_SCOPE = Screen(OUT_OF_SCOPE_PATTERNS)


def _any(patterns: Screen, text: str) -> bool:
    return patterns.search(text)


def is_crisis(message: str) -> bool:
    """Does the message speak of self-harm, suicide or acute despair (also about a friend)?"""
    # Every way the message may be read (leetspeak, spaced letters, reversed) is checked:
    # a disguise must not hide a crisis.
    for text in variants(_apostrophes(message)):
        if _IDIOM.search(text):  # most messages hold none: one search instead of fifteen
            for idiom in CRISIS_IDIOMS:
                text = idiom.sub(" ", text)
        if _any(_CRISIS, text):
            return True
    return False


def strip_injection(message: str) -> str:
    """The message without its sentences or brackets that instruct the model."""
    without_brackets = re.sub(
        r"[\[{<(][^\]}>)]*[\]}>)]",
        lambda m: " " if _any(_INJECTION, normalise(m.group())) else m.group(),
        message,
    )
    sentences = re.split(r"(?<=[.!?])\s+|\n+|\s(?=P\.?S\.?\s)", without_brackets)
    kept = [
        s
        for s in sentences
        if not _any(_INJECTION, normalise(s)) and not re.fullmatch(r"p\.?s\.?", s.lower())
    ]
    return " ".join(" ".join(kept).split())


def triage(message: str) -> Triage:
    """Classify a message before retrieval; crisis always wins."""
    text = normalise(message)
    if is_crisis(message):
        return Triage("crisis", "")
    if _any(_INJECTION, text):
        cleaned = strip_injection(message)
        if not has_domain_terms(cleaned):
            return Triage("injection", "")
        return Triage("injection", cleaned)
    if _any(_HANDOFF, text):
        return Triage("handoff", message)
    if GREETINGS.match(text):
        return Triage("thanks" if THANKS.search(text) else "greeting", "")
    if _any(_OUT_OF_SCOPE, text) and not has_domain_terms(message, strong_only=True):
        return Triage("out_of_scope", "")
    return Triage("guidance", message)
