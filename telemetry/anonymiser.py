"""Redaction of personal data from learners' questions and feedback before storage or logging.

What is redacted, and the placeholder each becomes:

* ``<FI_ID>``   Finnish personal identity codes with any century sign (+ - A and the 2023
  signs Y X W V U B C D E F); kept only if the date is real or the check character fits;
* ``<IBAN>``    IBANs of the SWIFT-registry countries, spaced or not, checked with mod-97
  (a mistyped one written in capitals is still redacted);
* ``<EMAIL>``   e-mail addresses;
* ``<PHONE>``   phone numbers in national (040 123 4567, 09-123 4567, 070-123 45 67,
  (0161) 496 0066) and international form (+358 40 1234567, 00358..., +44 (0)20 ...), and
  any digits after a cue such as "puh." or "tel";
* ``<ADDRESS>`` street addresses in Finnish, Swedish and British form with the flat, postcode
  and town after them ("Mannerheimintie 12 B 34, 00100 Helsinki", "Storgatan 5, 111 22
  Stockholm", "Flat 3, 12 High Street, London SW1A 1AA"), and UK postcodes alone;
* ``<PERSON>``  personal names, from given-name and surname lists with Finnish inflection and
  from cues ("nimeni on", "olen", "jag heter", "I'm", "my name is", titles, roles, sign-offs).

Variant forms are caught too (issue 16; `bench/pii_variants.py` measures them): `redact` first
normalises the text (`textnorm`: full-width digits, zero-width characters and look-alike letters
made plain, and that normalised text is what is stored); identity codes with spaces or any
dash, phone numbers with a bare country code and e-mails spelled out ("at", "(at)", "dot",
"piste") are in `telemetry.pii.variants`; names in lower case or capitals in
`telemetry.pii.name_case`, family-name-first (Vietnamese) names in `names`; lower-case street
addresses in `addresses`.

How: compiled regular expressions with checksum validation for the structured identifiers,
and word lists plus cue patterns for names (see `telemetry.pii`). No model and no network; an
instance is built once (lists loaded, patterns compiled) and is immutable afterwards, so one
instance is safe to share between threads. Measured in `bench/anonymiser.py`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from telemetry.pii.addresses import ADDRESS, AddressFinder
from telemetry.pii.lexicon import load_lexicon
from telemetry.pii.names import PERSON, NameFinder
from telemetry.pii.patterns import (
    EMAIL,
    FI_ID,
    IBAN,
    PHONE,
    find_emails,
    find_fi_ids,
    find_ibans,
    find_phones,
)
from telemetry.pii.variants import (
    find_bare_country_phones,
    find_loose_fi_ids,
    find_spelled_emails,
)
from textnorm import normalise

log = logging.getLogger(__name__)

ENTITY_TYPES: tuple[str, ...] = (PERSON, FI_ID, PHONE, EMAIL, IBAN, ADDRESS)
# The placeholder used if detection itself ever fails: fail closed, never store the raw text.
REDACTED = "REDACTED"
# When spans overlap, the more specific kind wins: an e-mail contains a name, an IBAN contains
# digit groups that look like a phone number, an address contains a street named after a person.
_PRIORITY = {EMAIL: 6, IBAN: 5, FI_ID: 5, PHONE: 4, ADDRESS: 3, PERSON: 2}
_DIGITS_RE = re.compile(r"\d+")
_ID_SIGNS = frozenset("+-ABCDEFUVWXYabcdefuvwxy")


@dataclass(frozen=True, slots=True)
class Span:
    """A detected piece of personal data: ``text[start:end]`` is of kind ``entity_type``."""

    start: int
    end: int
    entity_type: str


class Anonymiser:
    """Finds and replaces personal data; build once, share freely between threads."""

    def __init__(self) -> None:
        lexicon = load_lexicon()
        self._addresses = AddressFinder(lexicon)
        self._names = NameFinder(lexicon)

    def find(self, text: str) -> list[Span]:
        """Non-overlapping spans of personal data in `text` as given (`redact` normalises it
        first; call `find` on normalised text for the same result), in text order. Never
        raises."""
        if not isinstance(text, str) or not text:
            return []
        try:
            return self._find(text)
        except Exception as exc:
            # A detector bug must neither lose the event nor store its text: fail closed. Only
            # the exception's type is logged, as its message may quote the text.
            log.error("anonymiser failed (%s); redacting the whole text", type(exc).__name__)
            return [Span(0, len(text), REDACTED)]

    def redact(self, text: str) -> str:
        """The normalised text (`textnorm.normalise`: full-width digits, invisible characters
        and look-alike letters made plain) with each span replaced by ``<ENTITY_TYPE>``.
        Never raises."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        try:
            text = normalise(text)
        except Exception as exc:  # pragma: no cover - normalise never raises on a str
            log.error("normalisation failed (%s); redacting the whole text", type(exc).__name__)
            return f"<{REDACTED}>"
        parts: list[str] = []
        pos = 0
        for span in self.find(text):
            parts.append(text[pos : span.start])
            parts.append(f"<{span.entity_type}>")
            pos = span.end
        parts.append(text[pos:])
        return "".join(parts)

    def _find(self, text: str) -> list[Span]:
        found: list[tuple[int, int, str]] = find_emails(text) + find_spelled_emails(text)
        # Identity codes, IBANs, phone numbers and addresses all contain digits. The digit runs
        # are found once, and each detector runs only if its own digits are there: most
        # questions have none, and most that have some are about years and sums.
        runs = [(m.start(), m.end()) for m in _DIGITS_RE.finditer(text)]
        if runs:
            digits = sum(e - s for s, e in runs)
            n = len(text)
            if digits >= 9 and any(e - s == 6 and e < n and text[e] in _ID_SIGNS for s, e in runs):
                found += find_fi_ids(text)
            if digits >= 9 and any(e - s == 6 for s, e in runs):
                found += find_loose_fi_ids(text)
            if digits >= 8 and any(s >= 2 and text[s - 2 : s].isalpha() for s, _ in runs):
                found += find_ibans(text)
            if digits >= 6:
                found += find_phones(text)
            if digits >= 9:
                found += find_bare_country_phones(text)
            found += self._addresses.find(text, runs)
        found += self._names.find(text)
        if not found:
            return []
        found.sort(key=lambda f: (-_PRIORITY[f[2]], f[0], -f[1]))
        taken: list[tuple[int, int]] = []
        kept: list[Span] = []
        for start, end, kind in found:
            if start >= end or any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            kept.append(Span(start, end, kind))
        kept.sort(key=lambda s: s.start)
        return kept


def new_redactor() -> Callable[[str], str]:
    """A fresh anonymiser's `redact` (for the writer's redaction process to build its own)."""
    return Anonymiser().redact
