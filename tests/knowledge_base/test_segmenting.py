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


def test_list_items_ending_in_punctuation_join_once() -> None:
    from knowledge_base.segmenting import prose

    section = (
        "The general support is means-tested:\n\n"
        "- half of your gross part-time wages is deducted from it;\n"
        "- savings and property do not affect it."
    )
    (sentence,) = [s for paragraph in prose(section) for s in paragraph]
    assert ";;" not in sentence and ".." not in sentence
    assert sentence.endswith("deducted from it; savings and property do not affect it.")
