"""Structured personal data written loosely: identity codes with spaces or any dash, phone
numbers with a bare country code, e-mail addresses spelled out ("at", "(at)", "dot", "piste").

These run after `textnorm.normalise` (full-width digits and invisible characters are gone by
then) and beside the strict finders in `patterns`; overlaps are resolved by the anonymiser.
"""

from __future__ import annotations

import re

from telemetry.pii.lexicon import words
from telemetry.pii.patterns import EMAIL, FI_ID, PHONE, Found, fi_id_check_ok, fi_id_date_ok

# --- identity codes: "131052 - 308T", "131052–308T", "131052 308T" ---------------------------
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_LOOSE_ID_RE = re.compile(
    rf"\d(?<![\w+]\d)\d{{5}}(?:\s{{0,3}}(?P<sign>[{_DASHES}+A-FU-Ya-fu-y])\s{{0,3}}|\s{{1,3}})"
    r"(?P<individual>\d{3})\s?(?P<check>[0-9A-Ya-y])(?!\w)"
)


def find_loose_fi_ids(text: str) -> list[Found]:
    """Identity codes with spacing around the sign, any dash as the sign, or no sign at all."""
    out: list[Found] = []
    for m in _LOOSE_ID_RE.finditer(text):
        sign = m.group("sign")
        code = m.group(0)[:6] + ("-" if sign is None or sign in _DASHES else sign)
        code += m.group("individual") + m.group("check")
        # Without a sign, six and four digits could be anything: only a fitting check
        # character (one chance in 31 by accident) makes it an identity code.
        if fi_id_check_ok(code) or (sign is not None and fi_id_date_ok(code)):
            out.append((m.start(), m.end(), FI_ID))
    return out


# --- phone numbers with the country code but no plus: "358401234567", "46 70 123 45 67" -------
# Digits after the country code (min, max): Finland 5-10 (mobiles 9), Sweden 7-9, Britain 10.
_COUNTRY_DIGITS = {"358": (7, 10), "46": (7, 9), "44": (10, 10)}
_BARE_CC_RE = re.compile(
    r"(?<![\w+\-./,])(?P<cc>358|46|44)[ \-–]?\(?0?\)?[ \-–]?(?P<rest>[1-9]\d*(?:[ \-–]\d+)*)(?!\w)"
)


def find_bare_country_phones(text: str) -> list[Found]:
    """International numbers written without the "+" or "00"."""
    out: list[Found] = []
    for m in _BARE_CC_RE.finditer(text):
        low, high = _COUNTRY_DIGITS[m.group("cc")]
        count, end = 0, None
        for group in re.finditer(r"\d+", m.group("rest")):
            count += len(group.group())
            if count > high:
                break
            if count >= low:
                end = m.start("rest") + group.end()
        if end is not None:
            out.append((m.start(), end, PHONE))
    return out


# --- e-mail addresses spelled out --------------------------------------------------------------
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT_WORDS = r"at|ät|snabel-?a|miuku|miukumauku|kissanhäntä"
_DOT_WORDS = r"dot|piste|punkt|pt"
_AT = (
    rf"(?P<at>\s*{_OPEN}\s*(?:{_AT_WORDS}|a|@)\s*{_CLOSE}\s*"
    rf"|\s+(?:{_AT_WORDS})\s+|\s*@\s*)"
)
_DOT = rf"(?:\s*{_OPEN}\s*(?:{_DOT_WORDS}|\.)\s*{_CLOSE}\s*|\s+(?:{_DOT_WORDS})\s+|\s?\.\s?)"
_TLDS = (
    r"fi|com|net|org|se|uk|eu|io|info|edu|gov|co|de|ee|no|dk|me|biz|app|dev|ax|nu|ru|fr|es|it|nl"
)
_AT_RE = re.compile(_AT, re.IGNORECASE)
_DOMAIN_RE = re.compile(rf"[\w-]++(?:{_DOT}[\w-]++)*?{_DOT}(?:{_TLDS})(?![\w-])", re.IGNORECASE)
_LOCAL_RE = re.compile(rf"(?<![\w.+%-])[\w+%-]++(?:{_DOT}[\w+%-]++)*\Z", re.IGNORECASE)
_HINTS = (" at", " ät", " snabel", " miuku", " kissan", "(", "[", "{", "<", "@")
# Mail services whose domain alone says the words before "at" are an address.
_WEBMAIL = frozenset(
    words(
        """
        gmail hotmail outlook live yahoo icloud me protonmail proton msn aol gmx yandex mail
        suomi24 luukku kolumbus elisanet welho saunalahti dnainternet netti telia
        """
    )
)
_SPELLED_DOT_RE = re.compile(rf"{_OPEN}|\s(?:{_DOT_WORDS})\s", re.IGNORECASE)


def _hints(text: str) -> list[int]:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out: list[int] = []
    for hint in _HINTS:
        pos = low.find(hint)
        while pos >= 0:
            out.append(pos)
            pos = low.find(hint, pos + 1)
    return sorted(out)


def find_spelled_emails(text: str) -> list[Found]:
    """ "mikko.virtanen at example dot fi", "mikko(at)example.fi", "mikko ät esimerkki piste fi".

    Read outwards from each possible "at": the domain after it, then the local part before it.
    A bare " at " before a plain domain is everyday English ("apply at opintopolku.fi"): it
    counts only when the local part looks like an address (a dot, "_" or a digit in it), the
    domain is a mail service, or a dot is spelled out too."""
    out: list[Found] = []
    for pos in _hints(text):
        at = _AT_RE.match(text, pos)
        if at is None:
            continue
        domain = _DOMAIN_RE.match(text, at.end())
        if domain is None:
            continue
        end = pos
        while end > 0 and text[end - 1].isspace():
            end -= 1
        local = _LOCAL_RE.search(text, max(0, end - 80), end)
        if local is None:
            continue
        whole = text[local.start() : domain.end()]
        sign = at.group(0).strip()
        strong = sign.startswith(("(", "[", "{", "<", "@")) or bool(_SPELLED_DOT_RE.search(whole))
        webmail = domain.group(0).split(".")[0].split()[0].lower() in _WEBMAIL
        if strong or webmail or re.search(r"[._\d]", local.group(0)):
            out.append((local.start(), domain.end(), EMAIL))
    return out
