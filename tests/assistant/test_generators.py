"""The extractive answer: grounded sentences, numbered citations, a word limit, no repeats."""

from __future__ import annotations

import re

import pytest

from assistant.assistant import Assistant
from assistant.generators import MAX_WORDS, Context, ExtractiveGenerator, create_generator
from assistant.sentences import prose, split_sentences

QUESTIONS = [
    ("How does apprenticeship training work?", "en"),
    ("How much are apprentices paid and who pays?", "en"),
    ("Can adults get Kela student financial aid, and what are the income limits?", "en"),
    ("Miten oppisopimus toimii aikuisena?", "fi"),
    ("Hur fungerar läroavtal för vuxna?", "sv"),
]


def _context(assistant: Assistant, question: str) -> Context:
    draft = assistant.prepare(question)
    assert draft.context is not None, draft.reply.kind
    return draft.context


def _body(answer: str) -> list[str]:
    """The sentences of the answer text, without citation markers and next steps."""
    text = answer.split("\n\n**")[0]
    return [re.sub(r"\s*\[\d+\]", "", s) for s in split_sentences(text.replace("\n", " "))]


@pytest.mark.parametrize(("question", "language"), QUESTIONS)
def test_answer_is_grounded_cited_and_short(
    assistant: Assistant, question: str, language: str
) -> None:
    reply = assistant.reply(question)
    assert reply.kind == "answer" and reply.language == language
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", reply.answer)}
    # Every listed source is cited, and every citation has a source.
    assert cited == set(range(1, len(reply.sources) + 1))
    assert len(reply.answer.split()) <= MAX_WORDS
    context = _context(assistant, question)
    passage_sentences = {
        sentence
        for p in context.passages
        for chunk in (p.chunk, *p.related)
        for paragraph in [split_sentences(chunk.summary), *prose(chunk.text)]
        for sentence in paragraph
    }
    sentences = _body(reply.answer)
    assert sentences
    for sentence in sentences:
        assert sentence in passage_sentences, sentence  # copied whole, never cut
    assert len(sentences) == len(set(sentences))


def test_answer_has_one_to_three_next_steps(assistant: Assistant) -> None:
    answer = assistant.reply("How does apprenticeship training work?").answer
    steps = [line for line in answer.splitlines() if line.startswith("- ")]
    assert 1 <= len(steps) <= 3
    assert "**Next steps:**" in answer
    assert all(step.endswith("[1]") for step in steps)


def test_stream_joins_to_the_whole_answer(assistant: Assistant) -> None:
    context = _context(assistant, "How much are apprentices paid?")
    generator = ExtractiveGenerator()
    assert "".join(generator.stream(context)).strip() == generator.generate(context)


def test_a_smaller_word_limit_is_respected(assistant: Assistant) -> None:
    context = _context(assistant, "How does apprenticeship training work?")
    short = ExtractiveGenerator(max_words=60).generate(context)
    assert len(short.split()) <= 60
    assert "[1]" in short


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("fi", "Paras lähde on saatavilla vain englanniksi."),
        ("sv", "Den bästa källan finns bara på engelska."),
    ],
)
def test_the_best_source_in_another_language_is_said_and_cited(
    assistant: Assistant, language: str, note: str
) -> None:
    # Kela student aid exists only in English in the fixture corpus.
    reply = assistant.reply("Kela student financial aid income limits", language=language)
    assert reply.kind == "answer" and reply.language == language
    assert reply.sources[0].id == "kela-student-aid" and reply.sources[0].language == "en"
    assert reply.answer.startswith(note + "\n\n")
    assert "[1]" in reply.answer
    # The article's own sentences follow, cited, in the language they are written in.
    body = reply.answer.removeprefix(note).split("**")[0]
    assert "Kela" in body and "[1]" in body


def test_sentences_split_on_boundaries_only() -> None:
    text = "Opiskelu maksaa esim. 45 euroa. Hae 1.8.2024 mennessä! Is it free? Yes."
    assert split_sentences(text) == [
        "Opiskelu maksaa esim. 45 euroa.",
        "Hae 1.8.2024 mennessä!",
        "Is it free?",
        "Yes.",
    ]


def test_lists_and_lead_ins_become_readable_sentences() -> None:
    section = (
        "There are three kinds:\n\n- **basic**, 180 credits\n- **further**, 150 credits\n\n"
        "- **Apprenticeship.** You study at work. You earn a wage.\n"
    )
    assert prose(section) == [
        ["There are three kinds: basic, 180 credits; further, 150 credits."],
        ["Apprenticeship: You study at work.", "You earn a wage."],
    ]


def test_unknown_generators_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown generator"):
        create_generator("no-such-generator")
