"""An article put first by its next steps alone (a card's article) still answers from its own
sections, rather than leaving the answer with nothing to say."""

from __future__ import annotations

from assistant.ranking import Library
from assistant.triage import has_domain_terms
from knowledge_base.articles import NEXT_STEPS_HEADINGS
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit


def _chunk(doc_id: str, heading: str, text: str) -> Chunk:
    return Chunk(f"{doc_id}-{heading}", doc_id, "article", "fi", doc_id, heading, text, "")


def test_the_best_article_found_by_its_next_steps_alone_is_read_from_its_sections() -> None:
    steps = _chunk("education-system-adults", NEXT_STEPS_HEADINGS["fi"], "- Vertaile koulutuksia.")
    section = _chunk("education-system-adults", "Mitä aikuisena voi opiskella?", "Lähes kaikkea.")
    other = _chunk("ohjaamo", "Kuka Ohjaamoon voi mennä?", "Alle 30-vuotiaat.")
    library = Library.of([steps, section, other])
    hits = [Hit(steps, 0.93, 2.2), Hit(other, 0.85, 0.7)]
    passages = library.passages("oon 35 enkä tiiä mitä haluun tehdä", hits, "fi")
    assert [p.chunk.id for p in passages] == [section.id]


def test_not_knowing_what_to_do_with_ones_life_is_a_career_question() -> None:
    for message in (
        "Jag är 23 och vet inte vad jag vill göra med mitt liv",
        "oon 35 enkä tiiä mitä haluun tehdä",
        "I'm 40 and I don't know what to do with my life",
    ):
        assert has_domain_terms(message), message
