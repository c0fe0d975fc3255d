"""Personal names in Finnish, Swedish and English text.

Two sources of evidence, combined per run of adjacent capitalised words (`name_runs`):

* gazetteers: given names and surnames (Finnish, Swedish, British, US) with Finnish case
  endings stripped, so "Mikolle" and "Virtasen" are recognised as Mikko and Virtanen
  (`name_words`);
* cues right before the run: "nimeni on", "olen", "jag heter", "I'm", "my name is",
  greetings and sign-offs, titles and roles ("opinto-ohjaaja", "handledare", "Mr"). After a
  cue an unknown capitalised word is taken as a name too, and after "nimeni on"/"my name is"
  even a lower-case one the lists know ("nimeni on matti") (`name_cues`).

Place names, organisations and services of the guidance field (Kela, Ohjaamo, Opintopolku...),
months, nationalities and words that double as given names at the start of a sentence
("May", "Toivo") are kept, which is what holds precision up. Names written all in lower case or
in capitals are found by `name_case`, family-name-first (Vietnamese) names here.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

from telemetry.pii.lexicon import Lexicon
from telemetry.pii.name_case import CaseVariants
from telemetry.pii.name_runs import NameRuns
from telemetry.pii.name_words import PERSON, analyse
from telemetry.pii.patterns import Found

__all__ = ["PERSON", "NameFinder"]

# A family name, then one to three short capitalised names (Vietnamese order).
_FAMILY_FIRST_RE = re.compile(
    r"([A-ZÀ-ÖØ-Þ\u0100-\u1eff][^\W\d_]{1,6})"
    r"((?: [A-ZÀ-ÖØ-Þ\u0100-\u1eff][^\W\d_]{0,6}){1,3})(?!\w)"
)


class NameFinder:
    """Finds personal names; immutable after construction, so one instance serves all threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lex = lexicon
        # Per-instance cache of word analyses; lru_cache is thread-safe in CPython.
        self._word = lru_cache(maxsize=65536)(partial(analyse, lexicon))
        self._runs = NameRuns(self._word)
        self._case = CaseVariants(lexicon, self._runs)

    def _family_first(self, text: str) -> list[Found]:
        """Names written family name first ("Nguyễn Văn An", "Tran Thi Lan")."""
        out: list[Found] = []
        if self._lex.family_first.isdisjoint(text.split()):
            return out  # the family name is followed by a space, so it is a whole token
        for m in _FAMILY_FIRST_RE.finditer(text):
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            if m.group(1) not in self._lex.family_first:
                continue
            rest = m.group(2).split()
            if any(len(w) < 2 or self._word(w, False).stop for w in rest):
                continue
            out.append((m.start(), m.end(), PERSON))
        return out

    def find(self, text: str) -> list[Found]:
        """The names in `text`, as (start, end, PERSON), in text order."""
        spans = self._runs.find(text)
        extra = self._case.after_cue(text) + self._case.recased(text)
        if self._lex.family_first:
            extra += self._family_first(text)
        if extra:
            spans = sorted(spans + extra)
        return spans
