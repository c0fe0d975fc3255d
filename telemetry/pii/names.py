"""Personal names in Finnish, Swedish and English text.

Two sources of evidence, combined per run of adjacent capitalised words:

* gazetteers: given names and surnames (Finnish, Swedish, British, US) with Finnish case
  endings stripped, so "Mikolle" and "Virtasen" are recognised as Mikko and Virtanen;
* cues right before the run: "nimeni on", "olen", "jag heter", "I'm", "my name is",
  greetings and sign-offs, titles and roles ("opinto-ohjaaja", "handledare", "Mr"). After a
  cue an unknown capitalised word is taken as a name too, and after "nimeni on"/"my name is"
  even a lower-case one the lists know ("nimeni on matti").

Place names, organisations and services of the guidance field (Kela, Ohjaamo, Opintopolku...),
months, nationalities and words that double as given names at the start of a sentence
("May", "Toivo") are kept, which is what holds precision up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from telemetry.pii.lexicon import (
    AMBIGUOUS_ALWAYS,
    AMBIGUOUS_INITIAL,
    CALENDAR,
    LOCATIVE_ENDINGS,
    NATIONALITIES,
    Lexicon,
    base_forms,
    words,
)

Found = tuple[int, int, str]
PERSON = "PERSON"

# A capitalised word, possibly hyphenated or with an apostrophe (O'Brien, Anna-Liisa, Sarah's).
# Starting on an explicit upper-case class lets the regex engine skip ahead quickly.
_CAP_RE = re.compile(r"[A-ZÀ-ÖØ-Þ\u0100-\u017f][^\W\d_]*(?:['’\-][^\W\d_]+)*")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SURNAME_ENDINGS = (
    "nen", "sson", "ström", "qvist", "kvist", "gren", "lund", "berg", "holm", "dahl", "blad",
)  # fmt: skip
# A family name, then one to three short capitalised names (Vietnamese order).
_FAMILY_FIRST_RE = re.compile(
    r"([A-ZÀ-ÖØ-Þ\u0100-\u1eff][^\W\d_]{1,6})"
    r"((?: [A-ZÀ-ÖØ-Þ\u0100-\u1eff][^\W\d_]{0,6}){1,3})(?!\w)"
)
_INNER_LOCATIVE = ("ssa", "ssä", "sta", "stä")
_PUNCTUATION = ".,!?:;()\"'“”"
_SENTENCE_END = frozenset(".!?:;\n•*-–—\"'“”«»(")

# Cues, as the lower-case word or the two words right before a name. "nimeni on" and "my name
# is" are strong enough to trust even a lower-case name the lists know (see below).
_CUES = frozenset(
    words(
        """
        nimeni nimeltä nimeltään heter kallas name's called minua olen oon täällä terveisin
        terv. t. hälsningar mvh hälsning i'm i’m regards cheers thanks best sincerely yours hei
        moi moikka terve hej hejsan hi hello dear hyvä kiitos tack
        """
    )
)
_CUES2 = frozenset(
    ("nimeni on", "nimi on", "namn är", "name is", "call me", "jag är", "det är", "här är",
     "i am", "this is", "it's", "thank you")
)  # fmt: skip
_TITLES = frozenset(
    words(
        """
        mr mrs ms miss mx dr prof herra rouva neiti tohtori hra rva herr fru fröken
        """
    )
)
_ROLE_STEMS = tuple(
    words(
        """
        opinto-ohjaaja ohjaaja uraohjaaja uravalmentaja työvalmentaja valmentaja opettaja esimie
        esihenkilö kollega työkaveri virkailija asiantuntija rekrytoija mentori handledare
        studievägledare lärare chef rekryterare adviser advisor counsellor counselor coach teacher
        manager colleague tutor mentor boss supervisor recruiter caseworker
        """
    )
)
# Chat is often all lower case ("moi, olen jenni", "hi im tom"). After these cues a lower-case
# word is taken as a name only if it is a given name of the lists that is not also a common word
# (see AMBIGUOUS_* in the lexicon); a lower-case surname may follow it.
_LOWER_CUES = (
    "nimeni on ", "nimeni ", "nimi on ", "nimeltä ", "nimeltään ", "olen ", "oon ",
    "jag heter ", "mitt namn är ", "jag är ", "my name is ", "my name's ", "call me ",
    "i'm ", "i’m ", "im ", "i am ", "this is ", "terveisin ", "hälsningar ", "regards ",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Word:
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


class _Tok(NamedTuple):
    start: int
    end: int
    word: _Word
    initial: bool  # first word of a sentence


def _name_shaped(word: str) -> bool:
    """Title case, per hyphenated part: "Anna-Liisa" yes; "TE-toimisto", "JOTPAn", "DI" no."""
    if word.istitle():
        return len(word) > 1
    if len(word) < 2:
        return False
    for part in word.split("-"):
        if not part[:1].isupper() or (len(part) > 1 and not (part[1].islower() or part[1] in "'’")):
            return False
    return True


class NameFinder:
    """Finds personal names; immutable after construction, so one instance serves all threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lex = lexicon
        self._surname_lower = frozenset(s.lower() for s in lexicon.surnames_fi_sv)
        # Per-instance cache of word analyses; lru_cache is thread-safe in CPython.
        self._word = lru_cache(maxsize=65536)(self._analyse)
        self._known_lower = lru_cache(maxsize=65536)(self._name_like)
        self._names_lower = lexicon.given_lower | self._surname_lower
        self._given_all_lower = frozenset(g.lower() for g in lexicon.given)

    def _analyse(self, word: str, initial: bool) -> _Word:
        lex = self._lex
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
        return _Word(given, surname, strong, stop, inflected, locative, ambiguous, always)

    @staticmethod
    def _is_initial(text: str, start: int) -> bool:
        i = start - 1
        while i >= 0 and text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or text[i] in _SENTENCE_END

    @staticmethod
    def _cue_before(text: str, start: int) -> bool:
        """Whether cue words come right before `start` (with only spacing, "," or ":")."""
        if start == 0 or not text[start - 1].isspace():
            return False
        before = text[max(0, start - 40) : start].rstrip().rstrip(",:").lower()
        tail = before.rsplit(None, 2)
        if not tail:
            return False
        last = tail[-1]
        # "...study counsellor. If you..." - a cue word ending a sentence cues nothing;
        # abbreviations ("Mr.", "t.", "terv.") end in a full stop too.
        if last[-1] in ".!?" and not (last in _CUES or last.rstrip(".") in _TITLES):
            return False
        pair = " ".join(tail[-2:])
        return (
            last in _CUES
            or pair in _CUES2
            or last.rstrip(".") in _TITLES
            or last.startswith(_ROLE_STEMS)
        )

    def _runs(self, text: str) -> list[list[_Tok]]:
        runs: list[list[_Tok]] = []
        prev_end = -2
        for m in _CAP_RE.finditer(text):
            start = m.start()
            word = m.group(0)
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-")) or not (
                (word.istitle() and len(word) > 1) or _name_shaped(word)
            ):
                prev_end = -2
                continue
            adjacent = start == prev_end + 1 and text[prev_end] in " \u00a0"
            if adjacent and runs and len(runs[-1]) < 5:
                runs[-1].append(_Tok(start, m.end(), self._word(word, False), False))
            else:
                initial = self._is_initial(text, start)
                runs.append([_Tok(start, m.end(), self._word(word, initial), initial)])
            prev_end = m.end()
        return runs

    @staticmethod
    def _single_ok(t: _Tok) -> bool:
        w = t.word
        if w.stop or w.always_ambiguous:
            return False
        if w.given:
            return not (t.initial and (w.ambiguous or w.inflected))
        # A surname alone opening a sentence is too often a word ("Suomalainen", "Young").
        return w.strong_surname and not t.initial

    def _from_runs(self, text: str) -> list[Found]:
        out: list[Found] = []
        for run in self._runs(text):
            i = 0
            while i < len(run):
                t = run[i].word
                nxt = run[i + 1].word if i + 1 < len(run) else None
                # The cue check costs a little; skip it where it cannot change the outcome: a
                # plain given name is a name anyway, and a place or service never is.
                plain_given = t.given and not (t.ambiguous or t.inflected or t.stop)
                hopeless = not t.known and (t.stop or t.locative)
                cue = not (plain_given or hopeless) and self._cue_before(text, run[i].start)
                j = i
                if cue:
                    # After a cue, up to three words that are names or at least not places,
                    # organisations or place-like forms.
                    while j < len(run) and j - i < 3:
                        u = run[j].word
                        if not (u.known or (not u.stop and not u.locative)):
                            break
                        j += 1
                elif (
                    (t.given and not t.stop)
                    # A given name that is also a place counts next to a name ("Georgia Austin").
                    or (t.given and nxt is not None and nxt.known and not nxt.stop)
                ) or (
                    # An unknown word before a surname is a given name ("Aapeli Virtanen"),
                    # unless it opens the sentence ("Could Kelly", "Kysyin Virtaselta").
                    nxt is not None
                    and nxt.surname
                    and not nxt.stop
                    and not t.locative
                    and not run[i].initial
                ):
                    j = i + 1
                    while j < len(run) and j - i < 4:
                        u, prev = run[j].word, run[j - 1].word
                        if u.surname or (u.given and not u.stop):
                            j += 1
                            continue
                        # An unknown word right after an uninflected given name is its surname
                        # ("Mikko Rämö"); Finnish inflects only the last part, so not after
                        # "Mikon".
                        if (
                            prev.given
                            and not (prev.inflected or prev.always_ambiguous)
                            and not (prev.ambiguous and run[j - 1].initial)
                            and not (u.stop or u.locative)
                        ):
                            j += 1
                        break
                    if j - i == 1 and not self._single_ok(run[i]):
                        j = i
                elif t.surname and self._single_ok(run[i]):
                    j = i + 1
                if j > i:
                    end = run[j - 1].end
                    if text[end - 2 : end] in ("'s", "’s"):
                        end -= 2
                    out.append((run[i].start, end, PERSON))
                    i = j
                else:
                    i += 1
        return out

    def _lower_after_cue(self, text: str) -> list[Found]:
        """ "nimeni on matti virtanen", "hi im tom": lower-case names the lists know."""
        low = text.lower()
        # Most texts hold no lower-case given name at all: a set check skips them cheaply.
        tokens = low.split()
        given = self._lex.given_lower
        if len(low) != len(text):
            return []  # offsets would not line up; rare enough to skip
        if given.isdisjoint(tokens) and not any(
            t[:-1] in given for t in tokens if t[-1] in _PUNCTUATION
        ):
            return []
        out: list[Found] = []
        for cue in _LOWER_CUES:
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

    def _name_like(self, low: str) -> bool:
        """A lower-cased word that is a given name (not also a common word) or a Finnish or
        Swedish surname, possibly inflected."""
        # Inflected forms only of longer words: stripping an ending off a short word finds a
        # name in too many ("this" -> "thi").
        forms = (low, *(f for f in base_forms(low)[1:] if len(f) >= 4 and len(low) >= 6))
        return any(f in self._lex.given_lower or f in self._surname_lower for f in forms)

    def _surname_like(self, low: str) -> bool:
        forms = (low, *(f for f in base_forms(low)[1:] if len(f) >= 4 and len(low) >= 6))
        return any(f in self._surname_lower for f in forms)

    def _recased(self, text: str) -> list[Found]:
        """ "mikko virtanen", "MIKKO VIRTANEN": names written all in lower or upper case.

        The words the lists know are capitalised in a copy of the text and the name rules run
        on it; a name found there counts when two of its words were recased, or one written in
        capitals after a cue or in a text written in capitals ("TERVEISIN MIKKO"). One
        lower-case word alone is too often a word ("said", "satu")."""
        # Most texts hold no name at all: one set check says so. Inflected forms are read only
        # in a text that also has a name in its base form ("mikko virtaselle").
        tokens = text.lower().split()
        names = self._names_lower
        if names.isdisjoint(tokens) and names.isdisjoint(
            [t.strip(_PUNCTUATION) for t in tokens if not (t[0].isalnum() and t[-1].isalnum())]
        ):
            return []
        chars: list[str] | None = None
        recased: list[tuple[int, int, bool]] = []
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
        if chars is None:
            return []
        shadow = "".join(chars)
        letters = [c for c in text if c.isalpha()]
        shouting = sum(c.isupper() for c in letters) > 0.6 * len(letters)
        out: list[Found] = []
        for start, end, kind in self._from_runs(shadow):
            inside = [upper for s, e, upper in recased if start <= s and e <= end]
            if not inside:
                continue  # capitalised as written: the plain pass has it
            if len(inside) >= 2:
                # Two recased words: "mikko virtanen". One next to a capitalised one is
                # usually a word after a name ("Mrs Patel said").
                out.append((start, end, kind))
            elif all(inside) and (shouting or self._cue_before(shadow, start)):
                out.append((start, end, kind))
        return out

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
        spans = self._from_runs(text)
        extra = self._lower_after_cue(text) + self._recased(text)
        if self._lex.family_first:
            extra += self._family_first(text)
        if extra:
            spans = sorted(spans + extra)
        return spans
