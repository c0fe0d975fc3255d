"""A service named by its title's own acronym, inflected as learners write it, comes first."""

from __future__ import annotations

from assistant.priority import preferred
from assistant.ranking import Library
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit


def _chunk(doc_id: str, title: str, text: str) -> Chunk:
    return Chunk(f"{doc_id}-fi-a", doc_id, "article", "fi", title, "a", text, "")


def _library() -> tuple[Library, list[Hit]]:
    jotpa = _chunk("jotpa-training", "JOTPA-rahoitteiset koulutukset", "Työssäkäyville.")
    yki = _chunk("language-tests-yki", "Yleiset kielitutkinnot (YKI)", "Kursseille jonotetaan.")
    # KELA is in every article: not a name of one of them.
    others = [_chunk(f"other-{n}", f"KELA ja aihe {n}", "Kela maksaa tukea.") for n in range(30)]
    chunks = [jotpa, yki, *others]
    for chunk in chunks[2:]:
        object.__setattr__(chunk, "text", chunk.text + " YKI")
    hits = [Hit(yki, 0.88, 0.82), Hit(jotpa, 0.9, 0.78)]
    return Library.of(chunks), hits


def test_an_inflected_acronym_names_its_article() -> None:
    library, _ = _library()
    assert library.named_acronyms("pääseeks jotpan kursseille jos on työtön", "fi") == {
        "jotpa-training"
    }
    assert library.named_acronyms("pääsenkö jotpaan?", "fi") == {"jotpa-training"}
    # An acronym many articles use names none of them; a longer word is another word.
    assert library.named_acronyms("saako kelalta tukea?", "fi") == set()
    assert library.named_acronyms("jotpakurssitarjonta", "fi") == set()


def test_the_article_named_by_its_acronym_comes_first() -> None:
    library, hits = _library()
    acronyms = library.named_acronyms("pääseeks jotpan kursseille", "fi")
    got = preferred(library, hits, None, None, "fi", acronyms=acronyms)
    best = max(got, key=lambda h: h.fused)
    assert best.chunk.doc_id == "jotpa-training"
    assert best.fused > hits[0].fused
