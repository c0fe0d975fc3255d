"""The extractive selection is made once per reply and reads each passage once: the same
sentences, citations and text as reading and choosing afresh."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.assistant import Assistant
from assistant.citation import cite
from assistant.composition import context_for
from assistant.extractive import ExtractiveGenerator
from assistant.generation import Context
from assistant.pool import pool
from assistant.sentences import candidates
from assistant.situation import read_situation

QUESTIONS = [
    "How does apprenticeship training work?",
    "How much are apprentices paid and who pays?",
    "Can adults get Kela student financial aid, and what are the income limits?",
    "I'm 45, can I still get help from Ohjaamo with my career?",
    "Miten oppisopimus toimii aikuisena?",
    "Hur fungerar läroavtal för vuxna?",
]


def _full_context(assistant: Assistant, question: str) -> Context:
    """The composed context before citation leaves passages out."""
    found = assistant.searcher.retrieve(question, "en", [])
    situation = read_situation(question)
    context = context_for(assistant.library, found, "en", situation=situation)
    assert context.passages, question
    return context


def _variants(context: Context) -> list[Context]:
    """The context, with its best passage left out, with a passage between left out, and read
    by a 19-year-old."""
    passages = list(context.passages)
    variants = [context, replace(context, age=19, closed=("ohjaamo",))]
    for left_out in range(min(2, len(passages) - 1)):
        kept = [p for i, p in enumerate(passages) if i != left_out]
        renumbered = [replace(p, number=i) for i, p in enumerate(kept, start=1)]
        variants.append(replace(context, passages=renumbered))
    return variants


@pytest.mark.parametrize("question", QUESTIONS)
def test_passages_read_once_give_the_candidates_read_afresh(
    assistant: Assistant, question: str
) -> None:
    for context in _variants(_full_context(assistant, question)):
        # Twice: the second time every passage comes from the cache.
        assert pool(context) == candidates(context)
        assert pool(context) == candidates(context)


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_selection_is_reused_only_for_the_context_it_was_made_for(
    assistant: Assistant, question: str
) -> None:
    generator = ExtractiveGenerator()
    context = _full_context(assistant, question)
    cited = cite(context, generator)
    fresh = generator.select(cited.context)
    if cited.selection is None:
        assert len(cited.context.passages) < len(context.passages)
    else:
        assert cited.context is context and list(cited.selection) == fresh
        assert generator.write(context, cited.selection) == generator.generate(context)
    assert {c.source for c in fresh} <= {p.number for p in cited.context.passages}


@pytest.mark.parametrize("question", [q for q in QUESTIONS if "Ohjaamo" not in q])
def test_the_reply_and_its_stream_are_written_from_one_selection(
    assistant: Assistant, question: str
) -> None:
    draft = assistant.prepare(question)
    assert draft.context is not None
    reply = assistant.reply(question)
    assert reply.answer == ExtractiveGenerator().generate(draft.context)
    assert "".join(assistant.stream(draft)).strip() == reply.answer
