"""Personal data in the variant forms real people type, and the anonymiser's recall on them.

Run: ``.venv/bin/python bench/pii_variants.py [--n 4000] [--errors]``.

Every identifier is generated valid (identity codes with their check character, IBANs with
their mod-97 digits) from Faker's Finnish, Swedish and Vietnamese lists, then written the way
issue 16 found leaking: lower case and capitals, Finnish inflection, identity codes with spaces
or any dash, phone numbers without the "+", e-mails spelled out, lower-case street addresses,
zero-width characters inside, full-width digits and letters. Each is put in a career sentence
(fi/sv/en). `tests/telemetry/test_anonymiser_variants.py` drives the same generator from
Hypothesis and asserts nothing survives.

Scoring is span-level on the normalised text (what `Anonymiser.redact` works on): a gold span
is found when a predicted span of the same type overlaps it with IoU >= 0.5; "covered" is the
share whose every non-space character was redacted, whatever the type.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faker.providers.address.fi_FI import Provider as FiAddress
from faker.providers.person.fi_FI import Provider as FiPerson
from faker.providers.person.sv_SE import Provider as SvPerson

from telemetry.anonymiser import Anonymiser
from telemetry.pii.patterns import IBAN_LENGTHS
from textnorm import normalise

FI_GIVEN = sorted(set(FiPerson.first_names))
FI_SURNAMES = sorted(set(FiPerson.last_names))
SV_GIVEN = sorted(set(SvPerson.first_names))
SV_SURNAMES = sorted(set(SvPerson.last_names))
VI_NAMES = [
    "Nguyễn Văn An", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hà", "Nguyen Van Hung",
    "Tran Thi Mai", "Hoàng Đức Anh", "Vũ Ngọc Linh", "Bui Thi Hoa", "Dang Quang Huy",
]  # fmt: skip
TOWNS = ["Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Vaasa", "Jyväskylä", "Lahti"]
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
DASHES = ["-", "\u2013", "\u2014", "\u2212", "\u2010"]
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]

CARRIERS = [
    ("fi", "Hei, {x}, miten haen oppisopimukseen?"),
    ("fi", "Voitteko lähettää tiedot: {x}. Kiitos!"),
    ("fi", "Kela kysyi {x} ja en tiedä mitä tehdä"),
    ("sv", "Hej, här är {x}, hur ansöker jag till yrkeshögskolan?"),
    ("sv", "Mina uppgifter: {x}."),
    ("en", "Hi, {x} - how do I apply for adult education allowance?"),
    ("en", "my details are {x} thanks"),
    ("en", "{x}"),
]


@dataclass
class Case:
    """One variant of one identifier in a sentence."""

    text: str
    start: int
    end: int
    kind: str
    form: str


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _zero_width(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randint(1, max(1, len(chars) - 1)), rng.choice(ZW))
    return "".join(chars)


def _disguise(rng: random.Random, text: str) -> tuple[str, str]:
    """A character-level disguise on top of the written form (or none)."""
    roll = rng.random()
    if roll < 0.2:
        return _zero_width(rng, text), "+zero-width"
    if roll < 0.3:
        return _fullwidth(text), "+full-width"
    return text, ""


def fi_id(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(1940, 2012)
    day, month, individual = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2, 899)
    head = f"{day:02d}{month:02d}{year % 100:02d}"
    check = CHECK[int(f"{head}{individual:03d}") % 31]
    form = rng.choice(["plain", "spaced-dash", "en-dash", "any-dash", "space", "lower"])
    sign = ("-" if year < 2000 else "A") if form in ("plain", "lower") else rng.choice(DASHES)
    if year >= 2000 and form != "space":
        sign = rng.choice(["A", "B", " A ", "a"])
    elif form == "spaced-dash":
        sign = f" {rng.choice(DASHES)} "
    elif form == "space":
        sign = " "
    code = f"{head}{sign}{individual:03d}{check}"
    return (code.lower() if form == "lower" else code), form


def phone(rng: random.Random) -> tuple[str, str]:
    prefix = rng.choice(["40", "41", "44", "45", "50", "46"])
    number = f"{rng.randint(0, 9999999):07d}"
    spaced = f"{number[:3]} {number[3:]}"
    forms = {
        "national": f"0{prefix} {spaced}",
        "national-compact": f"0{prefix}{number}",
        "national-dash": f"0{prefix}-{number}",
        "plus": f"+358 {prefix} {spaced}",
        "plus-compact": f"+358{prefix}{number}",
        "no-plus": f"358{prefix}{number}",
        "no-plus-spaced": f"358 {prefix} {spaced}",
        "00": f"00358 {prefix} {number}",
    }
    form = rng.choice(sorted(forms))
    return forms[form], form


def email(rng: random.Random) -> tuple[str, str]:
    first = normalise(rng.choice(FI_GIVEN)).lower()
    last = normalise(rng.choice(FI_SURNAMES)).lower()
    local = rng.choice([f"{first}.{last}", f"{first}_{last}", f"{first}{rng.randint(1, 99)}"])
    host, tld = rng.choice([("example", "fi"), ("gmail", "com"), ("yritys", "fi"), ("mail", "se")])
    forms = {
        "plain": f"{local}@{host}.{tld}",
        "spaced-at": f"{local} @ {host}.{tld}",
        "at-dot": f"{local} at {host} dot {tld}",
        "at": f"{local} at {host}.{tld}",
        "(at)": f"{local}(at){host}.{tld}",
        "[at][dot]": f"{local} [at] {host} [dot] {tld}",
        "ät-piste": f"{local} ät {host} piste {tld}",
        "upper": f"{local}@{host}.{tld}".upper(),
    }
    form = rng.choice(sorted(forms))
    return forms[form], form


def iban(rng: random.Random) -> tuple[str, str]:
    bban = "".join(str(rng.randint(0, 9)) for _ in range(IBAN_LENGTHS["FI"] - 4))
    check = 98 - int(bban + "151800") % 97  # F=15, I=18, then 00
    compact = f"FI{check:02d}{bban}"
    spaced = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    forms = {"compact": compact, "spaced": spaced, "lower": spaced.lower()}
    form = rng.choice(sorted(forms))
    return forms[form], form


def _genitive(name: str) -> str:
    if name.endswith("nen"):
        return name[:-3] + "sen"
    return name + ("n" if name[-1] in "aeiouyäö" else "in")


def person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.1:
        return rng.choice(VI_NAMES), "vietnamese"
    if rng.random() < 0.5:
        given, surname = rng.choice(FI_GIVEN), rng.choice(FI_SURNAMES)
    else:
        given, surname = rng.choice(SV_GIVEN), rng.choice(SV_SURNAMES)
    form = rng.choice(["title", "lower", "upper", "genitive", "lower-genitive"])
    if form in ("genitive", "lower-genitive"):
        surname = _genitive(surname)
    name = f"{given} {surname}"
    if form.startswith("lower"):
        name = name.lower()
    elif form == "upper":
        name = name.upper()
    return name, form


def address(rng: random.Random) -> tuple[str, str]:
    street = _genitive(rng.choice(FI_SURNAMES)) + rng.choice(list(FiAddress.street_suffixes))
    number = str(rng.randint(1, 120))
    flat = rng.choice(["", f" {rng.choice('ABC')} {rng.randint(1, 40)}"])
    text = f"{street} {number}{flat}, {rng.randint(100, 99999):05d} {rng.choice(TOWNS)}"
    form = rng.choice(["title", "lower"])
    return (text.lower() if form == "lower" else text), form


GENERATORS: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "FI_ID": fi_id,
    "PHONE": phone,
    "EMAIL": email,
    "IBAN": iban,
    "PERSON": person,
    "ADDRESS": address,
}


def make_case(rng: random.Random, kind: str) -> Case | None:
    """One variant of `kind` in a carrier sentence, with its span in the normalised text."""
    written, form = GENERATORS[kind](rng)
    written, disguise = _disguise(rng, written) if kind not in ("PERSON",) else (written, "")
    _, carrier = rng.choice(CARRIERS)
    before, after = carrier.split("{x}")
    text = before + written + after
    plain = normalise(text)
    start = len(normalise(before))
    end = start + len(normalise(written))
    if normalise(before) + normalise(written) + normalise(after) != plain:
        return None  # normalisation joined the pieces: no clean gold span
    return Case(text, start, end, kind, form + disguise)


def corpus(n: int, seed: int = 16) -> list[Case]:
    rng = random.Random(seed)
    out: list[Case] = []
    kinds = sorted(GENERATORS)
    while len(out) < n:
        case = make_case(rng, kinds[len(out) % len(kinds)])
        if case is not None:
            out.append(case)
    return out


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def score(cases: Sequence[Case], anonymiser: Anonymiser) -> dict[str, dict[str, float]]:
    """Per kind: recall (typed, IoU >= 0.5), covered, and the misses."""
    out: dict[str, dict[str, float]] = {}
    for case in cases:
        plain = normalise(case.text)
        spans = anonymiser.find(plain)
        found = any(
            s.entity_type == case.kind and _iou((s.start, s.end), (case.start, case.end)) >= 0.5
            for s in spans
        )
        covered = all(
            plain[i].isspace() or any(s.start <= i < s.end for s in spans)
            for i in range(case.start, case.end)
        )
        row = out.setdefault(case.kind, {"n": 0, "found": 0, "covered": 0})
        row["n"] += 1
        row["found"] += found
        row["covered"] += covered
    return out


def misses(cases: Sequence[Case], anonymiser: Anonymiser) -> list[tuple[str, str, str]]:
    out = []
    for case in cases:
        plain = normalise(case.text)
        redacted = anonymiser.redact(case.text)
        if plain[case.start : case.end] in redacted or not any(
            s.entity_type == case.kind for s in anonymiser.find(plain)
        ):
            out.append((case.kind, case.form, plain))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=6000, help="cases (spread over the 6 kinds)")
    parser.add_argument("--errors", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    cases = corpus(args.n)
    anonymiser = Anonymiser()
    print(f"{len(cases)} generated variants (seed 16)")
    print(f"{'entity':<8} {'n':>5} {'recall':>8} {'covered':>8}")
    for kind, row in sorted(score(cases, anonymiser).items()):
        print(
            f"{kind:<8} {row['n']:>5} {row['found'] / row['n']:>8.2%} "
            f"{row['covered'] / row['n']:>8.2%}"
        )
    if args.errors:
        for kind, form, text in misses(cases, anonymiser):
            print(f"  {kind:<8} {form:<22} {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
