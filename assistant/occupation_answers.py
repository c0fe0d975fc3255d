"""An answer from an ESCO occupation: what one occupation's work is, from its ESCO description
(cited by its URI), with the curated guides to occupations for the next steps.

English questions only: a Finnish or Swedish learner gets the curated guide or nothing, as the
ESCO descriptions are in English.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.confidence import Calibration
from assistant.generation import Context, Passage
from assistant.occupations import OCCUPATIONS_TOPIC, asks_what_work, named_in, occupation_question
from assistant.ranking import Library
from assistant.retrieval import HITS, Retrieval
from knowledge_base.retriever import Hit, Retriever

OCCUPATION_GUIDES = 2
"""Curated articles on occupations offered with an ESCO description."""


def occupation_answer(
    question: str, language: str, found: Retrieval, calibration: Calibration
) -> tuple[Retrieval, float] | None:
    """The retrieval and confidence of an answer from an ESCO occupation, when an English
    question is about one and the occupation matches it well enough to answer."""
    if language != "en":
        return None
    named = named_in(question, found.occupations) if asks_what_work(question) else None
    article = found.evidence.cosine if found.hits else 0.0
    match = occupation_question(question, language, found.occupations, article, named=named)
    if match is None:
        return None
    evidence = replace(found.evidence, cosine=match.hit.score, in_domain=True, other_language=False)
    confidence = calibration.confidence(evidence)
    if confidence < calibration.threshold:
        return None
    return replace(found, evidence=evidence, occupations=[match.hit]), confidence


def occupation_context(
    retriever: Retriever, library: Library, found: Retrieval, language: str
) -> Context:
    """The ESCO description [1], then the curated articles on occupations [2], [3]: the
    next steps (pay, prospects, skills, education leading to it) come from the one
    mainly about occupations."""
    occupation = found.occupations[0]
    hits = retriever.search_vector(
        found.vector,
        found.query,
        language=language,
        k=HITS,
        kinds=("article",),
        topics=(OCCUPATIONS_TOPIC,),
    )
    guides: dict[str, Hit] = {}
    for hit in hits:
        guides.setdefault(hit.chunk.doc_id, hit)
    ranked = sorted(guides.values(), key=lambda h: h.chunk.topics[:1] != (OCCUPATIONS_TOPIC,))
    passages = [Passage(1, occupation.chunk, occupation.score)]
    for hit in ranked[:OCCUPATION_GUIDES]:
        guide = library.localise(hit.chunk, language)
        passages.append(Passage(len(passages) + 1, guide, hit.score, (), (guide.id,)))
    return Context(
        question=found.query,
        language=language,
        passages=passages,
        next_steps=library.next_steps(passages[1].chunk) if len(passages) > 1 else [],
        next_steps_source=2,
    )
