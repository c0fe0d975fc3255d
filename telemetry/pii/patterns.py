"""Structured personal data: identity codes, IBANs, e-mail addresses and phone numbers.

Every finder returns `(start, end, entity_type)` triples. Patterns are compiled once at import.
None can backtrack more than a few characters (digit groups need a separator between them, and
a run is cut to the allowed length in Python), so matching stays linear on long input.
"""

from __future__ import annotations

import re
from datetime import date

Found = tuple[int, int, str]

FI_ID = "FI_ID"
IBAN = "IBAN"
EMAIL = "EMAIL"
PHONE = "PHONE"

# --- Finnish personal identity code (henkilötunnus) -------------------------------------------
# DDMMYY, a century sign (the 2023 reform added Y X W V U for the 1900s and B-F for the 2000s),
# a three-digit individual number and a check character.
# Patterns here start on a plain character class and put their "not inside a word" look-behind
# after the first character: the regex engine then skips ahead to candidate characters instead
# of trying the look-behind at every position, which measured 2-3 times faster.
_FI_ID_RE = re.compile(r"\d(?<![\w+\-]\d)\d{5}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y](?!\w)")
_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {"+": 1800, "-": 1900, "A": 2000}
_CENTURY.update(dict.fromkeys("YXWVU", 1900))
_CENTURY.update(dict.fromkeys("BCDEF", 2000))


def fi_id_check_ok(code: str) -> bool:
    """True when the check character of an 11-character identity code is right."""
    if len(code) != 11 or not (code[:6] + code[7:10]).isdigit():
        return False
    return _CHECK_CHARS[int(code[:6] + code[7:10]) % 31] == code[10].upper()


def fi_id_date_ok(code: str) -> bool:
    """True when the date part is a real date in the century the sign gives."""
    century = _CENTURY.get(code[6:7].upper())
    if century is None or not code[:6].isdigit():
        return False
    try:
        date(century + int(code[4:6]), int(code[2:4]), int(code[:2]))
    except ValueError:
        return False
    return True


def find_fi_ids(text: str) -> list[Found]:
    # Either check is strong evidence on its own, and a code with a mistyped check character
    # still gives away a birth date: redact when the date is real or the check character fits.
    out: list[Found] = []
    for m in _FI_ID_RE.finditer(text):
        code = m.group(0)
        if fi_id_check_ok(code) or fi_id_date_ok(code):
            out.append((m.start(), m.end(), FI_ID))
    return out


# --- IBAN --------------------------------------------------------------------------------------
# Lengths from the SWIFT IBAN registry. Only these countries are accepted: a random word that
# starts with two letters and two digits then passes mod-97 one time in 97, too often for text.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30,
    "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
# Anchored on the check digits (digits are rarer than letters), with the country code and the
# word boundary before it checked by a look-behind.
_IBAN_RE = re.compile(r"\d(?<=(?<!\w)[A-Za-z]{2}\d)\d(?:[ \-]?[A-Za-z0-9]){10,30}(?!\w)")


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check of a compact (no spaces) IBAN."""
    moved = iban[4:] + iban[:4]
    try:
        digits = "".join(str(int(ch, 36)) for ch in moved)
    except ValueError:
        return False
    return int(digits) % 97 == 1


def find_ibans(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _IBAN_RE.finditer(text):
        raw = text[m.start() - 2 : m.end()]
        length = IBAN_LENGTHS.get(raw[:2].upper())
        if length is None:
            continue
        # The pattern is greedy and may run into following words; cut it at the country's
        # length, and only where that cut falls between words.
        count = 0
        end = 0
        for i, ch in enumerate(raw):
            if ch.isalnum():
                count += 1
                if count == length:
                    end = i + 1
                    break
        if count < length or (end < len(raw) and raw[end].isalnum()):
            continue
        compact = "".join(ch for ch in raw[:end] if ch.isalnum()).upper()
        # A mistyped account number is still personal data, so a wrong checksum is forgiven
        # when the shape is unmistakable: written in capitals and mostly digits.
        digits = sum(ch.isdigit() for ch in compact)
        typo_shape = raw[:end].isupper() and digits >= length * 2 // 3
        if iban_checksum_ok(compact) or typo_shape:
            out.append((m.start() - 2, m.start() - 2 + end, IBAN))
    return out


# --- E-mail ------------------------------------------------------------------------------------
_EMAIL_RE = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def find_emails(text: str) -> list[Found]:
    if "@" not in text:
        return []
    return [(m.start(), m.end(), EMAIL) for m in _EMAIL_RE.finditer(text)]


# --- Phone numbers -----------------------------------------------------------------------------
# Either an international prefix (+358, 00358, (+358), optionally "(0)"), a trunk prefix in
# parentheses ((09), (0161)), or a national number starting with 0; then digit groups joined by
# single separators. Requiring the leading + or 0 keeps years, sums and postcodes out.
_SEP = r"[ \-–\u00a0]"
_NOT_AFTER = r"[\w+@/.,\-]"
_PHONE_RE = re.compile(
    rf"""[+(0](?<!{_NOT_AFTER}[+(0])
    (?:
        (?<=\+)\d{{1,3}}{_SEP}?(?:\(0\){_SEP}?)?                    # +358 (0)
      | (?<=\()\s?(?:\+|00)\d{{1,3}}\s?\){_SEP}?(?:\(0\){_SEP}?)?   # (+358)
      | (?<=\()0\d{{1,4}}\){_SEP}?                                  # (0161)
      | (?<=0)0\d{{1,3}}{_SEP}?(?:\(0\){_SEP}?)?                    # 00358
      | (?<=0)                                                     # 040, 09, 0701
    )
    \d+(?:{_SEP}\d+)*
    (?![\w])""",
    re.X,
)
# After a cue word a number need not start with 0 or +: "puh. 1234567", "tel 70 123 4567".
# The cue is found with str.find on the lower-cased text and the number matched right after
# it, far cheaper than scanning the text with a case-insensitive alternation.
_PHONE_CUES = ("puh", "numero", "gsm", "tel", "mobil", "phone", "cell", "kännykkä", "nummer")
_AFTER_CUE_RE = re.compile(
    rf"[^\W\d_]*\.?:?\s*(?:(?:on|is|är|nummer|number)\s+)?(\+?\d+(?:{_SEP}\d+)*)(?![\w])", re.I
)
_BUSINESS_ID_RE = re.compile(r"\d{7}-\d")
_DIGITS_RE = re.compile(r"\d+")


def _trim_phone(text: str, start: int, end: int, low: int, high: int) -> int | None:
    """End offset after dropping trailing digit groups beyond `high` digits; None if too short."""
    count = 0
    last_ok: int | None = None
    for g in _DIGITS_RE.finditer(text, start, end):
        count += g.end() - g.start()
        if count > high:
            break
        if count >= low:
            last_ok = g.end()
    return last_ok


def find_phones(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _PHONE_RE.finditer(text):
        start = m.start()
        if m.group(0).startswith(("+", "00", "(+", "( +", "(00", "( 00")):
            end = _trim_phone(text, start, m.end(), 8, 15)
        else:
            end = _trim_phone(text, start, m.end(), 7, 12)
        # A Finnish business ID (1234567-8) is not personal data and not a phone number.
        if end is not None and not _BUSINESS_ID_RE.fullmatch(text, start, end):
            out.append((start, end, PHONE))
    low = text.lower()
    if len(low) != len(text):
        # A few characters ("İ") grow when lower-cased; keep offsets aligned with the text.
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for cue in _PHONE_CUES:
        pos = low.find(cue)
        while pos >= 0:
            if pos == 0 or not low[pos - 1].isalpha():
                after = _AFTER_CUE_RE.match(text, pos + len(cue))
                if after is not None:
                    end = _trim_phone(text, after.start(1), after.end(1), 6, 15)
                    if end is not None:
                        out.append((after.start(1), end, PHONE))
            pos = low.find(cue, pos + 1)
    return out
