"""One text normalisation for everything a person types, before triage, redaction and retrieval.

`normalise` makes disguised text plain without changing what it says: Unicode NFKC (full-width
and mathematical letters, ligatures), invisible characters removed (zero-width spaces and
joiners, soft hyphens, bidi controls, the BOM), combining marks that compose with nothing
dropped, and letters of other scripts that only look Latin mapped to Latin inside words that
are otherwise Latin ("kіll" with a Cyrillic "і"). The look-alikes come from the Unicode
confusables table as the `confusable-homoglyphs` package ships it, not from a hand list.
Finnish and Swedish letters (å, ä, ö) and words wholly in another script stay as they are.

`variants` adds what only triage needs: the text without accents, with leetspeak read as
letters ("k1ll mys3lf"), spaced-out letters joined ("k i l l"), and reversed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["fold", "normalise", "variants"]

# Invisible characters used to break up words: every format character (Cf: zero-width space,
# joiners, soft hyphen, bidi marks and overrides, word joiner, BOM) and a few that are not Cf.
_INVISIBLE_EXTRA = "\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0"
_KEEP_MARKS = {"\u0308", "\u030a"}  # diaeresis and ring: ä, ö, å are letters in fi/sv
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\w+")
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "€": "e",
        "8": "b",
    }
)
_LEET_WORD = re.compile(r"\S*[A-Za-zÅÄÖåäö]\S*")
# "k.i.l.l", "k-i-l-l": single letters with a dot, dash or star between them.
_DOTTED = re.compile(r"(?<!\w)(?:\w[.\-_*]){2,}\w(?!\w)")


@lru_cache(maxsize=1)
def _confusables() -> dict[str, str]:
    """Character -> the ASCII letter or digit it is confusable with (Unicode's table)."""
    table = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    mapping: dict[str, str] = {}
    for char, glyphs in table.items():
        if len(char) != 1 or char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
            continue  # real Latin letters (é, ß, ı) are not disguises
        ascii_ = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii()]
        # A letter before a digit: "З" reads as "3" only where nothing else fits.
        letters = [c for c in ascii_ if c.isalpha()] or [c for c in ascii_ if c.isdigit()]
        if letters:
            mapping[char] = letters[0]
    return mapping


@lru_cache(maxsize=1)
def _suspects() -> frozenset[str]:
    """Every character `normalise` may change in NFKC text: invisible, combining,
    confusable or a lone surrogate (a set: a regular expression class this large is scanned
    range by range, a hundred times slower)."""
    chars = set(_confusables()) | set(_INVISIBLE_EXTRA)
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cf", "Mn", "Me", "Cs"):
            chars.add(char)
    return frozenset(chars)


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _INVISIBLE_EXTRA


def _delatinise(word: str, table: dict[str, str]) -> str:
    # Only words that already hold a Latin letter: a Russian or Greek word stays Russian.
    if not _LATIN.search(word) or word.isascii():
        return word
    return "".join(table.get(c, c) for c in word)


def normalise(text: str) -> str:
    """NFKC, invisible characters and stray combining marks removed, look-alike letters
    inside Latin words made Latin. Idempotent; never raises on any `str`."""
    if not text or text.isascii():
        return text  # ASCII holds no invisible, full-width, combining or look-alike character
    # Most non-ASCII text is plain Finnish or Swedish: two C-speed checks say so, for a
    # fraction of the cost of the steps below.
    if unicodedata.is_normalized("NFKC", text) and _suspects().isdisjoint(text):
        return text
    # Lone surrogates cannot be encoded anywhere downstream: they become "?".
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if not _is_invisible(c))
    if not text.isascii():
        text = _drop_stray_marks(text)
        table = _confusables()
        text = _WORD.sub(lambda m: _delatinise(m.group(), table), text)
        text = unicodedata.normalize("NFC", text)
    return text


def _drop_stray_marks(text: str) -> str:
    """Combining marks that did not compose with their letter (k̈ill, z̴a̴l̴g̴o̴) are dropped."""
    out: list[str] = []
    for char in text:
        if unicodedata.combining(char) and out and not _composes(out[-1], char):
            continue
        if unicodedata.combining(char) and not out:
            continue
        out.append(char)
    return "".join(out)


def _composes(base: str, mark: str) -> bool:
    return len(unicodedata.normalize("NFC", base + mark)) == 1


def fold(text: str) -> str:
    """Lower-case without accents, except the letters å, ä and ö (for matching, not storage)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _KEEP_MARKS)
    return unicodedata.normalize("NFC", kept)


def _deleet(text: str) -> str:
    # Only inside words that have a letter: "2025" and "40 €" stay numbers.
    return _LEET_WORD.sub(lambda m: m.group().translate(LEET), text)


def _join_spaced(text: str) -> str:
    """ "k i l l  m y s e l f" -> "kill myself": two or more spaces end a spaced-out word."""
    words = []
    for segment in re.split(r"\s{2,}", text):
        tokens = segment.split()
        if len(tokens) >= 2 and all(len(t) == 1 for t in tokens):
            words.append("".join(tokens))
        else:
            words.append(_DOTTED.sub(lambda m: re.sub(r"[.\-_*]", "", m.group()), segment))
    return " ".join(" ".join(words).split())


def variants(text: str) -> list[str]:
    """The ways a disguised message may be read, for triage: the folded text, its leetspeak
    read as letters, spaced-out letters joined, the text reversed and each word reversed."""
    folded = fold(normalise(text))
    plain = " ".join(folded.split())
    found = [plain]
    for candidate in (
        _deleet(plain),
        _join_spaced(folded),
        _join_spaced(_deleet(folded)),
        plain[::-1],
        " ".join(w[::-1] for w in plain.split()),
        _deleet(plain[::-1]),
    ):
        if candidate not in found:
            found.append(candidate)
    return found
