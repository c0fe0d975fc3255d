"""textnorm: disguised text made plain without changing what it says (issue 16)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textnorm import fold, normalise, variants


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("ｋｉｌｌ ｍｙｓｅｌｆ", "kill myself"),  # full-width letters
        ("Ｉ\u3000want", "I want"),  # ideographic space
        ("𝐤𝐢𝐥𝐥", "kill"),  # mathematical bold
        ("ﬁnna", "finna"),  # ligature
        ("k\u200bi\u200cl\u200dl", "kill"),  # zero-width space, non-joiner, joiner
        ("sui\u00adcide", "suicide"),  # soft hyphen
        ("\u202eflesym\u202c", "flesym"),  # bidi override
        ("\ufeffhei", "hei"),  # BOM
        ("k\u0456ll", "kill"),  # Cyrillic і
        ("\u0455\u0435lf", "self"),  # Cyrillic ѕ and е next to a Latin l
        ("Z̴a̴l̴g̴o̴", "Zalgo"),  # marks that compose with nothing
        ("\u0301x", "x"),  # a mark with no letter before it
        ("１３１０５２－３０８Ｔ", "131052-308T"),  # full-width identity code
        ("０４０ １２３ ４５６７", "040 123 4567"),
        ("ｍｉｋｋｏ＠ｅｘａｍｐｌｅ．ｆｉ", "mikko@example.fi"),
    ],
)
def test_disguises_are_made_plain(disguised: str, plain: str) -> None:
    assert normalise(disguised) == plain


@pytest.mark.parametrize(
    "text",
    [
        "Åsa Öberg ärlig",  # Swedish and Finnish letters stay
        "pääsykoe 2025, 40 € ja 15 %",
        "Nguyễn Văn An",  # Vietnamese: Latin letters with accents are not disguises
        "café straße",
        "Привет мир",  # a word wholly in another script stays in it
        "Γειά σου",
        "مرحبا",
        "How do I apply? 🙂",
    ],
)
def test_real_text_is_left_as_it_is(text: str) -> None:
    assert normalise(text) == unicodedata.normalize("NFC", text)


def test_decomposed_letters_are_composed() -> None:
    assert normalise("pa\u0308a\u0308sykoe") == "pääsykoe"


def test_lone_surrogates_become_encodable() -> None:
    out = normalise("\ud800abc")
    out.encode("utf-8")  # must not raise
    assert out.endswith("abc")


@given(st.text())
def test_normalise_is_idempotent_and_never_raises(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    once.encode("utf-8")
    assert not any(unicodedata.category(c) == "Cf" for c in once)


def test_fold_drops_accents_but_keeps_nordic_letters() -> None:
    assert fold("Café ÅÄÖ Ñandú") == "cafe åäö nandu"


@pytest.mark.parametrize(
    ("disguised", "reading"),
    [
        ("I w4nt t0 k1ll my53lf", "i want to kill myself"),  # leetspeak
        ("k i l l  m y s e l f", "kill myself"),  # spaced-out letters
        ("s.u.i.c.i.d.e", "suicide"),  # dotted letters
        ("flesym llik ot tnaw I", "i want to kill myself"),  # reversed
        ("I tnaw ot llik flesym", "i want to kill myself"),  # each word reversed
        ("ＫＩＬＬ\u200b ＭＹＳＥＬＦ", "kill myself"),
    ],
)
def test_variants_include_the_plain_reading(disguised: str, reading: str) -> None:
    assert reading in variants(disguised)


def test_variants_leave_numbers_as_numbers() -> None:
    readings = variants("pääsykoe 2025 maksaa 40 €")
    assert readings[0] == "pääsykoe 2025 maksaa 40 €"
    assert all("2025" in r or "5202" in r for r in readings)


def test_variants_start_with_the_folded_text_and_hold_no_duplicates() -> None:
    readings = variants("Hello  World")
    assert readings[0] == "hello world"
    assert len(readings) == len(set(readings))
