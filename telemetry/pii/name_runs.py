"""Names among runs of adjacent capitalised words ("Aapeli Virtanen", "opettaja Rämö").

Each run of up to five capitalised words is read left to right: a cue before a word, a given
name, or an unknown word before a surname starts a name, which then takes the words after it
that the lists allow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from telemetry.pii.name_cues import cue_before, is_initial
from telemetry.pii.name_words import PERSON, Word, name_shaped
from telemetry.pii.patterns import Found

# A capitalised word, possibly hyphenated or with an apostrophe (O'Brien, Anna-Liisa, Sarah's).
# Starting on an explicit upper-case class lets the regex engine skip ahead quickly.
_CAP_RE = re.compile(r"[A-ZÀ-ÖØ-Þ\u0100-\u017f][^\W\d_]*(?:['’\-][^\W\d_]+)*")

WordOf = Callable[[str, bool], Word]
"""The (cached) analysis of a word, given whether it opens a sentence."""


class Tok(NamedTuple):
    start: int
    end: int
    word: Word
    initial: bool  # first word of a sentence


def single_ok(t: Tok) -> bool:
    """Whether one word alone may be taken as a name."""
    w = t.word
    if w.stop or w.always_ambiguous:
        return False
    if w.given:
        return not (t.initial and (w.ambiguous or w.inflected))
    # A surname alone opening a sentence is too often a word ("Suomalainen", "Young").
    return w.strong_surname and not t.initial


def _end_after_cue(run: list[Tok], i: int) -> int:
    """After a cue: up to three words that are names or at least not places, organisations
    or place-like forms."""
    j = i
    while j < len(run) and j - i < 3:
        u = run[j].word
        if not (u.known or (not u.stop and not u.locative)):
            break
        j += 1
    return j


def _end_of_full_name(run: list[Tok], i: int) -> int:
    """The end of a name that starts at `i` with a given name (or a word before a surname)."""
    j = i + 1
    while j < len(run) and j - i < 4:
        u, prev = run[j].word, run[j - 1].word
        if u.surname or (u.given and not u.stop):
            j += 1
            continue
        # An unknown word right after an uninflected given name is its surname ("Mikko Rämö");
        # Finnish inflects only the last part, so not after "Mikon".
        if (
            prev.given
            and not (prev.inflected or prev.always_ambiguous)
            and not (prev.ambiguous and run[j - 1].initial)
            and not (u.stop or u.locative)
        ):
            j += 1
        break
    return j


def _starts_full_name(run: list[Tok], i: int) -> bool:
    t = run[i].word
    nxt = run[i + 1].word if i + 1 < len(run) else None
    return (
        (t.given and not t.stop)
        # A given name that is also a place counts next to a name ("Georgia Austin").
        or (t.given and nxt is not None and nxt.known and not nxt.stop)
    ) or (
        # An unknown word before a surname is a given name ("Aapeli Virtanen"), unless it
        # opens the sentence ("Could Kelly", "Kysyin Virtaselta").
        nxt is not None and nxt.surname and not nxt.stop and not t.locative and not run[i].initial
    )


def _name_end(text: str, run: list[Tok], i: int) -> int:
    """Where a name starting at word `i` of `run` ends (`i` itself: no name starts there)."""
    t = run[i].word
    # The cue check costs a little; skip it where it cannot change the outcome: a plain given
    # name is a name anyway, and a place or service never is.
    plain_given = t.given and not (t.ambiguous or t.inflected or t.stop)
    hopeless = not t.known and (t.stop or t.locative)
    if not (plain_given or hopeless) and cue_before(text, run[i].start):
        return _end_after_cue(run, i)
    if _starts_full_name(run, i):
        j = _end_of_full_name(run, i)
        return i if j - i == 1 and not single_ok(run[i]) else j
    if t.surname and single_ok(run[i]):
        return i + 1
    return i


class NameRuns:
    """Finds names in runs of capitalised words; `word_of` analyses one word (cached)."""

    def __init__(self, word_of: WordOf) -> None:
        self.word_of = word_of

    def runs(self, text: str) -> list[list[Tok]]:
        """The runs of adjacent name-shaped capitalised words, five words at most each."""
        runs: list[list[Tok]] = []
        prev_end = -2
        for m in _CAP_RE.finditer(text):
            start = m.start()
            word = m.group(0)
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-")) or not (
                (word.istitle() and len(word) > 1) or name_shaped(word)
            ):
                prev_end = -2
                continue
            adjacent = start == prev_end + 1 and text[prev_end] in " \u00a0"
            if adjacent and runs and len(runs[-1]) < 5:
                runs[-1].append(Tok(start, m.end(), self.word_of(word, False), False))
            else:
                initial = is_initial(text, start)
                runs.append([Tok(start, m.end(), self.word_of(word, initial), initial)])
            prev_end = m.end()
        return runs

    def find(self, text: str) -> list[Found]:
        """The names written capitalised in `text`."""
        out: list[Found] = []
        for run in self.runs(text):
            i = 0
            while i < len(run):
                j = _name_end(text, run, i)
                if j == i:
                    i += 1
                    continue
                end = run[j - 1].end
                if text[end - 2 : end] in ("'s", "’s"):
                    end -= 2
                out.append((run[i].start, end, PERSON))
                i = j
        return out
