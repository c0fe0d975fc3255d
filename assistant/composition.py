"""The composition stage: the context an answer is written from.

The ranked articles' passages (`ranking.Library.passages`), the best article's next steps and an
answer card's direct answer as the lead; nothing is offered that the learner's stated age rules
out. Which sentences of it the answer uses is the generator's part.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.generation import Context
from assistant.ranking import Library
from assistant.retrieval import Retrieval
from assistant.sentences import split_sentences
from assistant.situation import Situation, closed_to
from knowledge_base.retriever import Hit


def context_for(
    library: Library,
    found: Retrieval,
    language: str,
    *,
    counsellor: bool = False,
    situation: Situation | None = None,
) -> Context:
    """The passages an answer may cite, numbered 1..n best first, with the best one's steps."""
    passages = library.passages(
        found.query, found.hits, language, counsellor=counsellor, situation=situation
    )
    if not passages:
        return Context(found.query, language, [], [], 1)
    age = situation.age if situation else None
    closed = library.closed_names(age)
    steps = [s for s in library.next_steps(passages[0].chunk) if not closed_to(s, age, closed)]
    if situation is not None and situation.excludes(passages[0].chunk.age_max):
        # The service the learner is past and named (`Library.passages`): its age limit is the
        # answer, so sentences stating one stay; its next steps ("walk in") are not offered.
        age, closed, steps = None, (), []
    return Context(
        question=found.query,
        language=language,
        passages=passages,
        next_steps=steps,
        next_steps_source=1,
        age=age,
        closed=closed,
        floor=counsellor,
        similarity=found.sentence_similarity(),
        likeness=found.sentence_likeness(),
    )


def with_lead(
    context: Context, card: Hit, situation: Situation, library: Library, opening_words: str = ""
) -> Context:
    """The context opened by the card's direct answer (less what the learner's age rules out,
    unless they named the service they are past: `context_for`), after `opening_words`."""
    opening = card.chunk.summary
    if situation.age is not None and context.age is not None:
        closed = library.closed_names(situation.age)
        opening = " ".join(
            s for s in split_sentences(opening) if not closed_to(s, situation.age, closed)
        )
    return replace(context, lead=opening_words + opening)
