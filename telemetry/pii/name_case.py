"""Names written all in lower case or all in capitals ("mikko virtanen", "MIKKO VIRTANEN",
"hi im tom"), which the capitalised-run pass cannot see."""

from __future__ import annotations

import re
from functools import lru_cache

from telemetry.pii.lexicon import Lexicon, base_forms
from telemetry.pii.name_cues import LOWER_CUES, PUNCTUATION, cue_before
from telemetry.pii.name_runs import NameRuns
from telemetry.pii.name_words import PERSON
from telemetry.pii.patterns import Found

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

Recased = tuple[int, int, bool]
"""A word capitalised in the copy: (start, end, whether it was written in capitals)."""


def _forms(low: str) -> tuple[str, ...]:
    """A lower-cased word and, if it is long, its base forms."""
    # Inflected forms only of longer words: stripping an ending off a short word finds a name
    # in too many ("this" -> "thi").
    return (low, *(f for f in base_forms(low)[1:] if len(f) >= 4 and len(low) >= 6))


class CaseVariants:
    """Lower-case names after a cue, and names in lower case or capitals recased."""

    def __init__(self, lexicon: Lexicon, runs: NameRuns) -> None:
        self._lex = lexicon
        self._runs = runs
        self._surname_lower = frozenset(s.lower() for s in lexicon.surnames_fi_sv)
        self._names_lower = lexicon.given_lower | self._surname_lower
        self._given_all_lower = frozenset(g.lower() for g in lexicon.given)
        # Per-instance cache; lru_cache is thread-safe in CPython.
        self._known_lower = lru_cache(maxsize=65536)(self._name_like)

    # -- lower case after a cue ---------------------------------------------------------------
    def after_cue(self, text: str) -> list[Found]:
        """ "nimeni on matti virtanen", "hi im tom": lower-case names the lists know."""
        low = text.lower()
        # Most texts hold no lower-case given name at all: a set check skips them cheaply.
        tokens = low.split()
        given = self._lex.given_lower
        if len(low) != len(text):
            return []  # offsets would not line up; rare enough to skip
        if given.isdisjoint(tokens) and not any(
            t[:-1] in given for t in tokens if t[-1] in PUNCTUATION
        ):
            return []
        out: list[Found] = []
        for cue in LOWER_CUES:
            pos = low.find(cue)
            while pos >= 0:
                if pos == 0 or not low[pos - 1].isalnum():
                    span = self._lower_name_at(text, pos + len(cue))
                    if span is not None:
                        out.append(span)
                pos = low.find(cue, pos + 1)
        return out

    def _lower_name_at(self, text: str, pos: int) -> Found | None:
        w = _WORD_RE.match(text, pos)
        if w is None or not w.group(0).islower() or w.group(0) not in self._lex.given_lower:
            return None
        end = w.end()
        # A lower-case surname may follow: "matti virtanen".
        if end < len(text) and text[end] == " ":
            nxt = _WORD_RE.match(text, end + 1)
            if nxt is not None and nxt.group(0) in self._surname_lower:
                end = nxt.end()
        return (w.start(), end, PERSON)

    # -- recased -----------------------------------------------------------------------------
    def _name_like(self, low: str) -> bool:
        """A lower-cased word that is a given name (not also a common word) or a Finnish or
        Swedish surname, possibly inflected."""
        return any(f in self._lex.given_lower or f in self._surname_lower for f in _forms(low))

    def _surname_like(self, low: str) -> bool:
        return any(f in self._surname_lower for f in _forms(low))

    def _may_hold_names(self, text: str) -> bool:
        """Most texts hold no name at all: one set check says so. Inflected forms are read only
        in a text that also has a name in its base form ("mikko virtaselle")."""
        tokens = text.lower().split()
        names = self._names_lower
        return not names.isdisjoint(tokens) or not names.isdisjoint(
            [t.strip(PUNCTUATION) for t in tokens if not (t[0].isalnum() and t[-1].isalnum())]
        )

    def _recase(self, text: str) -> tuple[str, list[Recased]]:
        """A copy of `text` with the words the lists know capitalised, and where they are."""
        chars: list[str] | None = None
        recased: list[Recased] = []
        found = list(_WORD_RE.finditer(text))
        for i, m in enumerate(found):
            word = m.group(0)
            if len(word) < 3 or not (word.islower() or word.isupper()):
                continue
            low = word.lower()
            # A given name that is also a word ("satu", "toivo", "arvo") counts right before a
            # surname: "satu lehtinen".
            if not self._known_lower(low) and not (
                low in self._given_all_lower
                and i + 1 < len(found)
                and found[i + 1].start() - m.end() == 1
                and self._surname_like(found[i + 1].group(0).lower())
            ):
                continue
            cap = "-".join(part.capitalize() for part in low.split("-"))
            if len(cap) != len(word):
                continue
            if chars is None:
                chars = list(text)
            chars[m.start() : m.end()] = cap
            recased.append((m.start(), m.end(), word.isupper()))
        return ("".join(chars) if chars is not None else text), recased

    def recased(self, text: str) -> list[Found]:
        """ "mikko virtanen", "MIKKO VIRTANEN": names written all in lower or upper case.

        The words the lists know are capitalised in a copy of the text and the name rules run
        on it; a name found there counts when two of its words were recased, or one written in
        capitals after a cue or in a text written in capitals ("TERVEISIN MIKKO"). One
        lower-case word alone is too often a word ("said", "satu")."""
        if not self._may_hold_names(text):
            return []
        shadow, recased = self._recase(text)
        if not recased:
            return []
        letters = [c for c in text if c.isalpha()]
        shouting = sum(c.isupper() for c in letters) > 0.6 * len(letters)
        out: list[Found] = []
        for start, end, kind in self._runs.find(shadow):
            inside = [upper for s, e, upper in recased if start <= s and e <= end]
            if not inside:
                continue  # capitalised as written: the plain pass has it
            if len(inside) >= 2:
                # Two recased words: "mikko virtanen". One next to a capitalised one is
                # usually a word after a name ("Mrs Patel said").
                out.append((start, end, kind))
            elif all(inside) and (shouting or cue_before(shadow, start)):
                out.append((start, end, kind))
        return out
