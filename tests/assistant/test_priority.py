"""What the learner's own words put first: a named occupation guide among the hits."""

from __future__ import annotations

from dataclasses import replace

from assistant.composition import context_for
from assistant.priority import preferred
from assistant.ranking import Library
from assistant.situation import read_situation
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit


def _hit(doc_id: str, fused: float) -> Hit:
    chunk = Chunk(f"{doc_id}-fi-a", doc_id, "article", "fi", doc_id, "a", "text", "")
    return Hit(chunk, 0.9, fused)


def test_a_named_guide_found_lower_stands_level_with_the_best_hit() -> None:
    hits = [_hit("upper-secondary-adults", 1.2), _hit("occupation-bookkeeper", 0.9)]
    library = Library.of([h.chunk for h in hits])
    got = preferred(library, hits, None, "occupation-bookkeeper", "fi")
    assert [h.fused for h in got] == [1.2, 1.2]
    # Its name matches as strongly as any article's words: the stemmer leaves a compound
    # whole, so "merkonomexamen" matched only the article that says the word.
    worded = [replace(hits[0], lexical=7.5), replace(hits[1], lexical=1.0)]
    got = preferred(library, worded, None, "occupation-bookkeeper", "fi")
    assert [h.lexical for h in got] == [7.5, 7.5]
    # Without a named guide the hits are as retrieval found them.
    assert preferred(library, hits, None, None, "fi") == hits


def test_a_named_guide_retrieval_missed_joins_below_the_best_hit() -> None:
    hits = [_hit("upper-secondary-adults", 1.0)]
    guide = _hit("occupation-bookkeeper", 0.0)
    library = Library.of([hits[0].chunk, guide.chunk])
    got = preferred(library, hits, None, "occupation-bookkeeper", "fi")
    assert [h.chunk.doc_id for h in got] == ["upper-secondary-adults", "occupation-bookkeeper"]
    assert got[1].fused < got[0].fused


class _Found:
    """What `context_for` reads of a retrieval."""

    def __init__(self, query: str, hits: list[Hit]) -> None:
        self.query, self.hits = query, hits

    def sentence_similarity(self) -> None:
        return None

    def sentence_likeness(self) -> None:
        return None


def test_a_youth_service_named_by_someone_older_is_answered_with_its_age_limit() -> None:
    steps = Chunk(
        "ohjaamo-en-n", "ohjaamo", "article", "en", "Ohjaamo", "Next steps", "- Walk in.", ""
    )
    ohjaamo = replace(
        _hit("ohjaamo", 0.8).chunk,
        language="en",
        title="Ohjaamo – guidance for under-30s",
        text="Ohjaamo centres help people under 30.",
        age_max=29,
    )
    career = replace(_hit("career-change", 1.0).chunk, language="en", title="Changing careers")
    hits = [Hit(career, 0.9, 1.0), Hit(ohjaamo, 0.9, 0.8)]
    library = Library.of([career, ohjaamo, steps])
    question = "I'm 45, can I still get help from Ohjaamo with my career?"
    context = context_for(library, _Found(question, hits), "en", situation=read_situation(question))  # type: ignore[arg-type]
    assert [p.chunk.doc_id for p in context.passages][:1] == ["ohjaamo"]
    # Its sentences stating the age limit stay; "walk in" is not offered to someone past it.
    assert context.age is None and not context.next_steps
    younger = "I'm 25, can I still get help from Ohjaamo with my career?"
    context = context_for(library, _Found(younger, hits), "en", situation=read_situation(younger))  # type: ignore[arg-type]
    # Someone young enough is answered as retrieval ranked it.
    assert context.age == 25 and context.passages[0].chunk.doc_id == "career-change"


def _article(doc_id: str, title: str, text: str) -> Chunk:
    return Chunk(f"{doc_id}-fi-a", doc_id, "article", "fi", title, "a", text, "")


def test_an_article_whose_subject_the_question_names_stands_level_with_the_best_hit() -> None:
    chunks = [
        _article("labour-market-training", "Työvoimakoulutus ja etuudet", "Kulukorvaus."),
        _article("study-unemployment-benefit", "Opiskelu työttömyysetuudella", "Kulukorvaus."),
        *(_article(f"filler-{n}", f"Aihe {n}", "Opiskelu ja työ.") for n in range(30)),
    ]
    library = Library.of(chunks)
    question = "saako työvoimakoulutuksessa kulukorvausta?"
    assert library.named_subjects(question, "fi") == {"labour-market-training"}
    # A word the title shares only its beginning with is not its subject.
    assert library.named_subjects("saako työvoimalla kulukorvausta?", "fi") == set()
    hits = [
        Hit(chunks[1], 0.9, 1.2),
        Hit(chunks[0], 0.9, 0.8),
    ]
    got = preferred(library, hits, None, None, "fi", library.named_subjects(question, "fi"))
    assert [h.fused for h in got] == [1.2, 1.2]


def test_a_service_named_by_its_one_word_title_head_is_named_however_common_the_word() -> None:
    # "Ohjaamo" is in most articles (they send young people there); it is still its own name.
    chunks = [
        _article("ohjaamo", "Ohjaamo – apua alle 30-vuotiaille", "Ohjaamo auttaa."),
        _article("youth-services", "Nuorten palvelut – mistä apua", "Kysy Ohjaamosta."),
        *(_article(f"filler-{n}", f"Aihe {n}", "Ohjaamo ja nuorten palvelut.") for n in range(30)),
    ]
    library = Library.of(chunks)
    assert library.named_subjects("montako ohjaamoa suomessa on?", "fi") == {"ohjaamo"}
    # Common words of a head of several words name nothing.
    assert library.named_subjects("mitä palveluita nuorille on?", "fi") == set()
