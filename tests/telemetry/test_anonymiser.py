"""The anonymiser: each kind of personal data in Finnish, Swedish and English, checksum edges,
career words left alone, odd input, and a small run of the Faker evaluation against the targets."""

from __future__ import annotations

import importlib.util
import itertools
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

from telemetry.anonymiser import Anonymiser, Span
from telemetry.pii.patterns import fi_id_check_ok, fi_id_date_ok, iban_checksum_ok

# Name lists come from the installed Faker package; without it only cue words find names.
needs_faker = pytest.mark.skipif(
    importlib.util.find_spec("faker") is None,
    reason="Faker is not installed (a runtime dependency of the name lists)",
)


@pytest.fixture(scope="module")
def anonymiser() -> Anonymiser:
    return Anonymiser()


def kinds(anonymiser: Anonymiser, text: str) -> list[tuple[str, str]]:
    return [(s.entity_type, text[s.start : s.end]) for s in anonymiser.find(text)]


# --- identity codes ------------------------------------------------------------------------------
# The check character depends only on the digits, so one date/number pair is valid with every
# sign of its century: 010594-9032 (1994) and 231102A345B (2002).
@pytest.mark.parametrize("sign", list("-YXWVU"))
def test_identity_codes_1900s_every_sign(anonymiser: Anonymiser, sign: str) -> None:
    code = f"010594{sign}9032"
    assert fi_id_check_ok(code) and fi_id_date_ok(code)
    assert anonymiser.redact(f"Hetuni on {code}.") == "Hetuni on <FI_ID>."


@pytest.mark.parametrize("sign", list("ABCDEF"))
def test_identity_codes_2000s_every_sign(anonymiser: Anonymiser, sign: str) -> None:
    code = f"231102{sign}345B"
    assert fi_id_check_ok(code) and fi_id_date_ok(code)
    assert anonymiser.redact(f"Min personbeteckning är {code}") == "Min personbeteckning är <FI_ID>"


def test_identity_code_1800s_and_lower_case_check(anonymiser: Anonymiser) -> None:
    assert fi_id_check_ok("010594+9032")
    assert kinds(anonymiser, "code 150385w1230 here") == [("FI_ID", "150385w1230")]


def test_identity_code_checks() -> None:
    assert not fi_id_check_ok("010594-903X")  # wrong check character
    assert not fi_id_date_ok("310299-1234")  # no 31 February
    assert fi_id_date_ok("290200A1234")  # 2000 was a leap year
    assert not fi_id_date_ok("290200-1234")  # 1900 was not
    assert not fi_id_date_ok("290200G1234")  # G is no century sign


def test_identity_code_mistyped_check_still_redacted(anonymiser: Anonymiser) -> None:
    # A wrong check character on a real date still gives away a birth date.
    assert anonymiser.redact("hetu 010594-903X") == "hetu <FI_ID>"
    # Neither a real date nor a fitting check character: not an identity code.
    assert "FI_ID" not in {k for k, _ in kinds(anonymiser, "tilaus 329999-1234")}


def test_identity_code_not_inside_longer_numbers(anonymiser: Anonymiser) -> None:
    assert kinds(anonymiser, "viite 9010594-9032") == []


# --- IBAN ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "iban",
    [
        "FI21 1234 5600 0007 85",
        "FI2112345600000785",
        "SE45 5000 0000 0583 9825 7466",
        "GB29 NWBK 6016 1331 9268 19",
        "DE89370400440532013000",
        "fi49 5000 9420 0287 30",
    ],
)
def test_ibans(anonymiser: Anonymiser, iban: str) -> None:
    assert anonymiser.redact(f"Tilini: {iban} kiitos") == "Tilini: <IBAN> kiitos"


def test_iban_checksum() -> None:
    assert iban_checksum_ok("FI2112345600000785")
    assert not iban_checksum_ok("FI2112345600000786")


def test_iban_wrong_checksum(anonymiser: Anonymiser) -> None:
    # In capitals and of the right length it is still an account number, mistyped.
    assert anonymiser.redact("FI21 1234 5600 0007 86") == "<IBAN>"
    # Lower case, wrong checksum: too weak to call.
    assert "IBAN" not in {k for k, _ in kinds(anonymiser, "koodi fi21 1234 5600 0007 86")}


# --- e-mail --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sähköpostini on matti.virtanen@example.fi.", "Sähköpostini on <EMAIL>."),
        ("Min e-post: Anna.Lind+jobb@mail.Telia.se", "Min e-post: <EMAIL>"),
        ("Write to j.smith1987@yahoo.co.uk, thanks", "Write to <EMAIL>, thanks"),
    ],
)
def test_emails(anonymiser: Anonymiser, text: str, expected: str) -> None:
    assert anonymiser.redact(text) == expected


# --- phone numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "number",
    [
        "040 123 4567",
        "0401234567",
        "+358 40 1234567",
        "+358401234567",
        "00358 40 123 4567",
        "09-123 4567",
        "(09) 123 4567",
        "+46 70 123 45 67",
        "070-123 45 67",
        "0701234567",
        "08-123 456 78",
        "+46 (0)8 123 456 78",
        "07700 900123",
        "+44 20 7946 0000",
        "(0161) 496 0066",
    ],
)
def test_phone_numbers(anonymiser: Anonymiser, number: str) -> None:
    assert anonymiser.redact(f"Soita {number} kiitos") == "Soita <PHONE> kiitos"


def test_phone_after_cue_without_leading_zero(anonymiser: Anonymiser) -> None:
    assert anonymiser.redact("puh. 1234567") == "puh. <PHONE>"
    assert anonymiser.redact("Telefon: 70 123 45 67") == "Telefon: <PHONE>"


@pytest.mark.parametrize(
    "text",
    [
        "Opiskelin vuosina 2019–2023 ja valmistuin 12.3.2024.",
        "Kurssi maksaa 1 200 euroa ja kestää 6 kuukautta.",
        "Olen paikalla klo 09-16.",
        "Yrityksen Y-tunnus on 0123456-7.",
        "Postinumero 00100.",
        "The course costs £1,200 and runs 10:30-12:00.",
    ],
)
def test_numbers_that_are_not_phones(anonymiser: Anonymiser, text: str) -> None:
    assert anonymiser.redact(text) == text


# --- addresses -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Asun osoitteessa Mannerheimintie 12 B 34, 00100 Helsinki.",
         "Mannerheimintie 12 B 34, 00100 Helsinki"),
        ("Uusi osoite: Sörnäisten rantatie 25 A 3", "Sörnäisten rantatie 25 A 3"),
        ("Kauppakatu 19 as. 4, 40100 Jyväskylä, kiitos", "Kauppakatu 19 as. 4, 40100 Jyväskylä"),
        ("Jag bor på Storgatan 5, 111 22 Stockholm nu.", "Storgatan 5, 111 22 Stockholm"),
        ("Adress: Sankt Eriksgatan 46 lgh 1203", "Sankt Eriksgatan 46 lgh 1203"),
        ("I live at Flat 3, 12 High Street, London SW1A 1AA now.",
         "Flat 3, 12 High Street, London SW1A 1AA"),
        ("Send it to 14 Orchard Close, Leeds LS6 2QR please", "14 Orchard Close, Leeds LS6 2QR"),
        ("Posti kulkee osoitteeseen Kalevankatu 3, Helsinki.", "Kalevankatu 3, Helsinki"),
    ],
)  # fmt: skip
def test_addresses(anonymiser: Anonymiser, text: str, address: str) -> None:
    assert kinds(anonymiser, text) == [("ADDRESS", address)]


@pytest.mark.parametrize(
    "text",
    [
        "Työmarkkinatori 24 tuntia vuorokaudessa auki?",
        "Osaamispolku 2 julkaistiin keväällä.",
        "Haastattelu on kierroksella 2 ja kestää 45 minuuttia.",
        "I have 3 years of experience and 2 Excel certificates.",
    ],
)
def test_numbers_next_to_words_are_not_addresses(anonymiser: Anonymiser, text: str) -> None:
    assert anonymiser.redact(text) == text


# --- names ---------------------------------------------------------------------------------------
@needs_faker
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hei, nimeni on Matti Virtanen.", "Hei, nimeni on <PERSON>."),
        ("Olen Aleksi ja haluan alanvaihtoon.", "Olen <PERSON> ja haluan alanvaihtoon."),
        ("Soitin eilen Liisa Korhoselle.", "Soitin eilen <PERSON>."),
        ("Kävin Mikon kanssa Ohjaamossa.", "Kävin <PERSON> kanssa Ohjaamossa."),
        ("Opinto-ohjaaja Kaisa Pöllänen neuvoi.", "Opinto-ohjaaja <PERSON> neuvoi."),
        ("Tapasin Mikko Rämön eilen.", "Tapasin <PERSON> eilen."),
        ("nimeni on matti virtanen", "nimeni on <PERSON>"),
        ("moi, olen jenni, ja mietin alanvaihtoa", "moi, olen <PERSON>, ja mietin alanvaihtoa"),
        ("hi im tom and i want to be a chef", "hi im <PERSON> and i want to be a chef"),
        ("olen alan ammattilainen, olen aina töissä", "olen alan ammattilainen, olen aina töissä"),
        ("Jag heter Anna Lindqvist och bor i Vasa.", "Jag heter <PERSON> och bor i Vasa."),
        ("Min handledare Kristina Lindholm sa ja.", "Min handledare <PERSON> sa ja."),
        ("Hälsningar, Erik", "Hälsningar, <PERSON>"),
        ("My name is Sarah Jones.", "My name is <PERSON>."),
        ("I'm Ahmed and I live in Espoo.", "I'm <PERSON> and I live in Espoo."),
        ("Mrs Patel said I could apply.", "Mrs <PERSON> said I could apply."),
        ("James's advice was good.", "<PERSON>'s advice was good."),
        ("Hello, this is Grace from the group.", "Hello, this is <PERSON> from the group."),
        ("Kind regards,\nOliver Smith", "Kind regards,\n<PERSON>"),
    ],
)  # fmt: skip
def test_names(anonymiser: Anonymiser, text: str, expected: str) -> None:
    assert anonymiser.redact(text) == expected


def test_name_after_cue_needs_no_list(anonymiser: Anonymiser) -> None:
    # Works without Faker's lists too: the cue alone makes a capitalised word a name.
    assert anonymiser.redact("Nimeni on Zyxqvo Brumpf.") == "Nimeni on <PERSON>."
    assert anonymiser.redact("My name is Zyxqvo Brumpf.") == "My name is <PERSON>."


# --- career words, places and common words are kept ----------------------------------------------
@needs_faker
@pytest.mark.parametrize(
    "text",
    [
        "Kävin Ohjaamossa ja Kelassa Helsingissä.",
        "Löydänkö Opintopolusta ja Työmarkkinatorilta koulutuksia Tampereella?",
        "JOTPA rahoittaa ja OPH päättää, Osaamispolku auttaa.",
        "Olen Kelan asiakas ja asun Kouvolassa.",
        "Olen Helsingistä ja opiskelin Aalto-yliopistossa.",
        "Toivo on tärkeää, kun hakee töitä.",
        "Aina kun haen, saan hylkäyksen.",
        "Jag studerar vid Åbo Akademi i Vasa och FPA betalar studiestöd.",
        "Will the course start in May or in June?",
        "May I apply if I'm Finnish and live in London?",
        "Junior Developer roles need React; the Summer School is in August.",
        "My Level 3 diploma in Health and Social Care is from 2019.",
        "Young people can get help from Ohjaamo.",
        "I studied at Metropolia and Haaga-Helia, then worked for Nokia.",
    ],
)
def test_career_words_places_and_common_words_kept(anonymiser: Anonymiser, text: str) -> None:
    assert anonymiser.redact(text) == text


@needs_faker
def test_given_name_that_is_a_word_is_a_name_mid_sentence(anonymiser: Anonymiser) -> None:
    assert anonymiser.redact("Tapasin Toivon eilen.") == "Tapasin <PERSON> eilen."


# --- the whole message ---------------------------------------------------------------------------
@needs_faker
def test_message_with_everything(anonymiser: Anonymiser) -> None:
    text = (
        "Hei, olen Matti Virtanen (131052-308T), puh. 040 123 4567, matti@example.fi. "
        "Asun osoitteessa Mannerheimintie 12 B 34, 00100 Helsinki ja tilini on "
        "FI21 1234 5600 0007 85."
    )
    assert anonymiser.redact(text) == (
        "Hei, olen <PERSON> (<FI_ID>), puh. <PHONE>, <EMAIL>. "
        "Asun osoitteessa <ADDRESS> ja tilini on <IBAN>."
    )


def test_spans_are_sorted_and_disjoint(anonymiser: Anonymiser) -> None:
    text = "Mail mikko.virtanen@example.com or call +358 40 1234567 / 09-123 4567."
    spans = anonymiser.find(text)
    assert [s.entity_type for s in spans] == ["EMAIL", "PHONE", "PHONE"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    with pytest.raises(AttributeError):
        spans[0].start = 1  # type: ignore[misc]


# --- odd input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["", " ", "😀" * 50, "\x00\n\t", "\ud800", "+" * 300, "0 " * 500, "@" * 100]
)
def test_odd_input_never_raises(anonymiser: Anonymiser, text: str) -> None:
    assert isinstance(anonymiser.redact(text), str)
    assert isinstance(anonymiser.find(text), list)


def test_none_and_non_strings(anonymiser: Anonymiser) -> None:
    assert anonymiser.redact(None) == ""  # type: ignore[arg-type]
    assert anonymiser.redact(12345) == "12345"  # type: ignore[arg-type]
    assert anonymiser.find(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "unit", ["1 ", "0 ", "Aa ", "+0", "a@", "Flat 1, ", "Katu 1 ", "SW1A 1AA ", "Matti Virtanen "]
)
def test_ten_thousand_characters_are_quick(anonymiser: Anonymiser, unit: str) -> None:
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    start = time.perf_counter()
    anonymiser.redact(text)
    assert time.perf_counter() - start < 1.0  # linear patterns: milliseconds, not seconds


def test_detector_failure_redacts_everything(
    anonymiser: Anonymiser, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> list[tuple[int, int, str]]:
        raise RuntimeError("bug")

    monkeypatch.setattr(anonymiser._names, "find", broken)
    assert anonymiser.find("Matti") == [Span(0, 5, "REDACTED")]
    assert anonymiser.redact("Matti") == "<REDACTED>"


def test_thread_safe(anonymiser: Anonymiser) -> None:
    texts = [
        "Hei, nimeni on Matti Virtanen, puh. 040 123 4567.",
        "Jag heter Anna Lindqvist, Storgatan 5, 111 22 Stockholm.",
        "I'm Sarah, Flat 3, 12 High Street, London SW1A 1AA, sarah@example.com",
        "Hetu 131052-308T, tili FI21 1234 5600 0007 85.",
    ] * 50
    expected = [anonymiser.redact(t) for t in texts]
    results: list[list[str]] = []

    def work() -> None:
        results.append([anonymiser.redact(t) for t in texts])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# --- the evaluation, smaller ---------------------------------------------------------------------
def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "anonymiser.py"
    spec = importlib.util.spec_from_file_location("bench_anonymiser", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@needs_faker
def test_faker_evaluation_meets_targets(anonymiser: Anonymiser) -> None:
    bench = _bench()
    corpus = bench.faker_corpus(80) + bench.clean_corpus()

    def predict(text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.entity_type) for s in anonymiser.find(text)]

    report = bench.score(corpus, predict)
    per = report.per_type
    for kind in ("FI_ID", "EMAIL", "IBAN", "PHONE"):
        assert per[kind].gold > 0 and per[kind].recall == 1.0, (kind, report.misses)
    assert per["ADDRESS"].recall >= 0.95, report.misses
    assert per["PERSON"].recall >= 0.90, report.misses
    assert report.overall.precision >= 0.90, report.false_alarms

    # Names not taken from Faker's lists, and text written after tuning: lower floors that
    # still catch a regression.
    held = bench.score(bench.heldout_corpus() + bench.blind_corpus(), predict)
    assert held.per_type["PERSON"].recall >= 0.85, held.misses
    assert held.overall.precision >= 0.90, held.false_alarms
