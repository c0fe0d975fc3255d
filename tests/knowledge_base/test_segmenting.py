"""How the articles' prose is cut into sentences."""

from __future__ import annotations

from knowledge_base.segmenting import split_sentences


def test_a_language_label_or_brackets_do_not_end_a_sentence() -> None:
    text = (
        "Ditt tidigare kunnande erkänns i din personliga utvecklingsplan (PUK, fi. HOKS). "
        "Som vuxen söker du via kontinuerlig ansökan."
    )
    assert split_sentences(text) == [
        "Ditt tidigare kunnande erkänns i din personliga utvecklingsplan (PUK, fi. HOKS).",
        "Som vuxen söker du via kontinuerlig ansökan.",
    ]
    # A full stop after a web address still ends one.
    assert len(split_sentences("Läs mer på kela.fi. Ansök sedan i e-tjänsten.")) == 2
    # So does one after a closed bracket.
    assert len(split_sentences("Det kostar (högst 45 euro). Sedan betalar du.")) == 2
