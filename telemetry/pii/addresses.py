"""Street addresses in Finnish, Swedish and British forms, with their postcode and town.

A street is a word with a street suffix ("-katu", "-tie", "-gatan", "-vägen", "Street",
"Road", ...) followed by a house number; or any capitalised street followed by a house number
and a postcode. The postcode and town after it, and a flat ("Flat 3,", "B 34", "lgh 1102"),
are taken into the same span, so "Mannerheimintie 12 B 34, 00100 Helsinki" is one address.
"""

from __future__ import annotations

import re

from telemetry.pii.lexicon import Lexicon, base_forms, words

Found = tuple[int, int, str]
ADDRESS = "ADDRESS"

_FI_SV_SUFFIXES = (
    # Finnish
    "katu", "tie", "kuja", "polku", "bulevardi", "esplanadi", "väylä", "raitti", "rinne",
    "kaari", "tori", "aukio", "piha", "ranta", "puistikko", "kaarre", "kenttä", "tanhua",
    "portti", "penger", "ahde", "valli", "vägen", "gatan", "gata", "väg", "gränd", "stigen",
    "torget", "torg", "backen", "allén", "allé", "leden", "stråket", "gången", "slingan",
    "promenaden", "kajen", "esplanaden", "bron", "strand", "stranden",
)  # fmt: skip
# Standalone suffix words that need a capitalised word before them: "Capellan puistokuja".
_FI_SV_PREFIX_WORDS = frozenset(
    words(
        """
        Itäinen Läntinen Pohjoinen Eteläinen Vanha Iso Pieni Uusi Norra Södra Östra Västra Stora
        Lilla Gamla Nya Sankt S:t
        """
    )
)
# British street types; Faker's en_GB list (read at start, see lexicon) adds the rest.
_EN_SUFFIXES = """
    Street Road Lane Avenue Close Drive Way Crescent Gardens Garden Place Terrace Court Grove
    Hill Row Square Mews Walk Parade Park Green Rise View Vale Gate Yard Wharf Quay Circus
    Embankment Broadway Parkway Boulevard Approach Chase Crest Croft Dene End Fields Heights
    Hollow Meadow Meadows Mount Orchard Passage Path Ridge Wynd Brae Loan Causeway Bypass
    Circle Corner Lodge Manor Mill Mills Station
    St Rd Ln Ave Cl Cres Gdns Pl Sq Terr Pde Ct Blvd Hwy Dr
"""
# Street types that are also words of career text ("5 Key Points", "2 Career Summit").
_EN_SUFFIXES_RISKY = frozenset(
    words(
        """
        Point Points Mission Light Lights Key Keys Club Camp Center Centers Course Courses Union
        Unions Summit Track Trace Pass Run Rest Land Fall Falls Spring Springs Extension Extensions
        Estate Estates Port Ports
        """
    )
)

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_NUM = r"\d{1,4}[a-zA-Z]?(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?)?"
# Staircase and flat: "B 34", "A", "as. 2", "lgh 1102", "h 5".
_FLAT = (
    r"(?:\s[A-HJ-Z](?:\s?\d{1,3})?(?!\w)|\s[a-hj-z]\s?\d{1,3}(?!\w)"
    r"|\s(?:as\.?|asunto|lgh\.?|lägenhet|bst\.?|h)\s?\d{1,4})?"
)
# Anchored on the house number (digits are rarer than words, and a class-first pattern lets
# the regex engine skip ahead); the street word before it is read back in Python.
_HOUSE_RE = re.compile(
    rf"\d(?<=[^\W\d_] \d)\d{{0,3}}[a-zA-Z]?(?:\s?[-–]\s?\d{{1,4}}[a-zA-Z]?)?{_FLAT}(?![\w])"
)
_POSTCODE_EXT_RE = re.compile(
    r"(?:,\s*|\s+)(?:(?:FI|SE|S)-)?(?:\d{5}|\d{3} \d{2})(?!\d)"
    r"(?:\s+(?P<town>[A-ZÅÄÖ]\w+(?:-\w+)?))?"
)
_TOWN_EXT_RE = re.compile(r",\s*(?P<town>[A-ZÅÄÖ][^\W\d_]+(?:[ -][A-ZÅÄÖ][^\W\d_]+)?)")
_LOWER_TOWN_RE = re.compile(r",?\s+([a-zåäö]+)(?![\w])")
_PREV_WORD_RE = re.compile(rf"(?:^|(?<=\s))(?P<word>[A-ZÅÄÖ]{_WORD}|S:t)\s$")

_DIGITS_RE = re.compile(r"\d+")
# "12 high street", "flat 3, 5 park road": lower case, with the plainest street types only.
_EN_LOWER_RE = re.compile(
    r"\d(?<![\w]\d)\d{0,3}[a-z]?,? (?P<words>(?:[a-z]+ ){1,2})"
    r"(?:street|road|lane|avenue|crescent|terrace|gardens|st|rd)(?![\w])"
)
_EN_NOT_STREET = frozenset(
    words(
        """
        the a an to of on in at down up my your our this that and or per by from for with
        along across off
        """
    )
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}"
_UK_POSTCODE_RE = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]?\d[A-Z\d]? ?\d[A-Z]{2}(?![\w])")
_EN_SEC = r"(?:Flat|Apartment|Apt\.?|Studio|Unit|Suite|Room)\s\d{1,4}[A-Za-z]?"
_EN_TITLE = r"[A-Z][\w'’-]*"
_EN_EXT_RE = re.compile(
    rf"(?:,?\s+(?P<town>{_EN_TITLE}(?:[ -]{_EN_TITLE}){{0,2}}),?)?\s+{_UK_POSTCODE}(?![\w])"
)
# Before a UK postcode: [Flat N,] [12] Some Words, [Town] - the street part must start with a
# house number or a flat, so a name before a postcode is not swallowed.
_EN_BEFORE_PC_RE = re.compile(
    rf"(?:(?:{_EN_SEC})(?:,\s*|\s+)(?:\d{{1,4}}[A-Za-z]?,?\s)?|\d{{1,4}}[A-Za-z]?,?\s)"
    rf"{_EN_TITLE}(?:\s{_EN_TITLE}){{0,3}}(?:,\s*{_EN_TITLE}(?:[ -]{_EN_TITLE}){{0,2}})?,?\s+$"
)


class AddressFinder:
    """Finds addresses; immutable after construction, so one instance serves all threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._places = lexicon.places
        self._career = lexicon.career_lower
        self._fi_sv_suffixes = tuple(sorted(_FI_SV_SUFFIXES, key=len, reverse=True))
        en = (set(_EN_SUFFIXES.split()) | lexicon.street_suffixes_en) - _EN_SUFFIXES_RISKY
        alternation = "|".join(sorted(en, key=len, reverse=True))
        # A house number or a flat must come first, which also keeps the search cheap.
        street = rf"(?:{_EN_TITLE}\s){{1,3}}?(?:{alternation})\.?(?![\w])"
        self._en_re = re.compile(
            rf"\d(?<![\w]\d)\d{{0,3}}[A-Za-z]?(?:[-–]\d{{1,4}}[A-Za-z]?)?,?\s{street}"
        )
        self._en_flat_re = re.compile(
            rf"(?:Flat|Apartment|Apt|Studio|Unit|Suite|Room)\.?\s\d{{1,4}}[A-Za-z]?"
            rf"(?:,\s*|\s+)(?:{_NUM},?\s)?{street}"
        )

    def _extend(self, text: str, end: int, english: bool) -> int:
        m = _POSTCODE_EXT_RE.match(text, end)
        if m:
            lower = _LOWER_TOWN_RE.match(text, m.end())
            if m.group("town") is None and lower and lower.group(1).capitalize() in self._places:
                return lower.end()
            return m.end()
        if english:
            m = _EN_EXT_RE.match(text, end)
            if m:
                return m.end()
        m = _LOWER_TOWN_RE.match(text, end)
        if m and m.group(0).startswith(",") and m.group(1).capitalize() in self._places:
            return m.end()
        m = _TOWN_EXT_RE.match(text, end)
        if m:
            town = m.group("town")
            if town in self._places:
                return m.end()
            first = town.split(" ")[0].split("-")[0]
            if first in self._places:
                return m.start("town") + len(first)
        return end

    def _fi_sv(self, text: str) -> list[Found]:
        out: list[Found] = []
        for m in _HOUSE_RE.finditer(text):
            # The word before the number (the look-behind guarantees "letter space digit");
            # str.rfind is far cheaper here than a backwards regex search.
            end = m.start() - 1
            start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
            street = text[start:end]
            if not street[:1].isalpha():
                street = street.lstrip("(\"'“«")
                start = end - len(street)
            if not street.replace("-", "").isalpha():
                continue
            low = street.lower()
            suffix = low.endswith(self._fi_sv_suffixes)
            lower_compound = (
                suffix
                and street[0].islower()
                and low not in self._fi_sv_suffixes
                and not any(f in self._career for f in base_forms(low))
            )
            prev = _PREV_WORD_RE.search(text, max(0, start - 40), start)
            if suffix and street[0].islower() and prev is None:
                # "mannerheimintie 12 b 34", "storgatan 5": typed in lower case. A house
                # number of four digits is more often a year ("urapolku 2025").
                digits = _DIGITS_RE.match(text, m.start())
                if not lower_compound or digits is None or len(digits.group()) > 3:
                    continue
            elif suffix and street[0].islower() and prev is not None:
                # "Capellan puistokuja 953", "Sörnäisten rantatie 25": the name is before it.
                start = prev.start("word")
                prev2 = _PREV_WORD_RE.search(text, max(0, start - 40), start)
                if prev2 is not None and street in ("tie", "katu", "kuja", "polku", "väg"):
                    start = prev2.start("word")
            elif suffix:
                if low in self._fi_sv_suffixes or any(f in self._career for f in base_forms(low)):
                    continue
                prev = _PREV_WORD_RE.search(text, max(0, start - 40), start)
                if prev is not None and prev.group("word") in _FI_SV_PREFIX_WORDS:
                    start = prev.start("word")
            elif not (street[0].isupper() and _POSTCODE_EXT_RE.match(text, m.end())):
                # Without a street suffix only a following postcode makes it an address.
                continue
            out.append((start, self._extend(text, m.end(), english=False), ADDRESS))
        return out

    def _english_streets(self, text: str) -> list[Found]:
        out: list[Found] = []
        for m in _EN_LOWER_RE.finditer(text):
            if m.group("words").split()[0] in _EN_NOT_STREET:
                continue
            out.append((m.start(), self._extend(text, m.end(), english=True), ADDRESS))
        for m in self._en_flat_re.finditer(text):
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            out.append((m.start(), self._extend(text, m.end(), english=True), ADDRESS))
        for m in self._en_re.finditer(text):
            out.append((m.start(), self._extend(text, m.end(), english=True), ADDRESS))
        return out

    def _uk_postcodes(self, text: str) -> list[Found]:
        out: list[Found] = []
        for m in _UK_POSTCODE_RE.finditer(text):
            before = _EN_BEFORE_PC_RE.search(text, max(0, m.start() - 120), m.start())
            out.append((before.start() if before else m.start(), m.end(), ADDRESS))
        return out

    def find(self, text: str, digit_runs: list[tuple[int, int]] | None = None) -> list[Found]:
        """Addresses in `text`; `digit_runs`, if given, are its digit runs, to skip work."""
        if digit_runs is None:
            digit_runs = [(m.start(), m.end()) for m in _DIGITS_RE.finditer(text)]
        # A house number follows a space; a UK postcode has a capital right before a digit.
        spaced = any(s == 0 or text[s - 1].isspace() for s, _ in digit_runs)
        postcode = any(s > 0 and "A" <= text[s - 1] <= "Z" for s, _ in digit_runs)
        out: list[Found] = []
        if spaced:
            out += self._fi_sv(text)
            out += self._english_streets(text)
        if postcode:
            out += self._uk_postcodes(text)
        # Merge overlaps: a street and the postcode after it are found separately.
        out.sort()
        merged: list[Found] = []
        for s, e, t in out:
            if merged and s < merged[-1][1]:
                ps, pe, _ = merged[-1]
                merged[-1] = (ps, max(pe, e), t)
            else:
                merged.append((s, e, t))
        return merged
