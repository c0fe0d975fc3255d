"""The LLM generator with LangChain's fake chat models over the real retriever and corpus."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, BaseMessage

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from assistant.generators import ExtractiveGenerator, GenerationFailed, create_generator
from assistant.llm import CitationGate, LLMGenerator, grounded
from assistant.streaming import Delta, Done, Restart, stream_reply
from knowledge_base.embedding import Embedder
from knowledge_base.retriever import Retriever
from suunta.index_setup import build
from tests.conftest import small_settings

QUESTION = "How does apprenticeship training work?"


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The real hybrid retriever over the fixture corpus."""
    settings = small_settings(tmp_path_factory.mktemp("llm"))
    build(settings, minilm)
    return Retriever.from_index_dir(settings.index_dir, minilm)


def assistant_with(retriever: Retriever, chat: Any) -> Assistant:
    """An assistant whose generator is the LLM generator over `chat` (extractive if None)."""
    return Assistant(
        retriever,
        calibration=calibration_for(retriever.embedder.name),
        generator=LLMGenerator(chat) if chat is not None else None,
    )


def extractive_answer(assistant: Assistant, question: str) -> str:
    """What the fallback writes for `question` (a fresh session, so no follow-up context)."""
    draft = assistant.prepare(question)
    assert draft.context is not None
    return ExtractiveGenerator().generate(draft.context)


def test_valid_citations_pass_through_normalised(retriever: Retriever) -> None:
    text = (
        "Apprenticeship training combines work and study under a contract [1]. "
        "You are paid a wage while you learn [ 1 ].\n\n- Ask an employer about a contract [1]"
    )
    assistant = assistant_with(retriever, FakeListChatModel(responses=[text]))
    reply = assistant.reply(QUESTION)
    assert reply.kind == "answer" and reply.sources[0].id == "apprenticeship"
    assert reply.generator == "openai"
    assert reply.answer == text.replace("[ 1 ]", "[1]")


def test_a_reply_without_citations_falls_back(retriever: Retriever) -> None:
    uncited = "Apprenticeship is a great way to learn a trade while earning money."
    assistant = assistant_with(retriever, FakeListChatModel(responses=[uncited]))
    reply = assistant.reply(QUESTION)
    assert reply.generator == "extractive"
    assert reply.answer == extractive_answer(assistant, QUESTION)
    assert uncited not in reply.answer and "[1]" in reply.answer


@pytest.mark.parametrize("marker", ["[{n1}]", "[{n5}]", "[0]", "[1-{n1}]", "[1, {n1}]"])
def test_a_citation_of_a_passage_not_retrieved_falls_back(
    retriever: Retriever, marker: str
) -> None:
    sources = len(assistant_with(retriever, None).reply(QUESTION).sources)
    wrong = marker.format(n1=sources + 1, n5=sources + 5)
    text = f"Apprenticeship is work-based learning [1]. It is free of charge {wrong}."
    assistant = assistant_with(retriever, FakeListChatModel(responses=[text]))
    reply = assistant.reply(QUESTION)
    assert len(reply.sources) == sources
    assert reply.generator == "extractive"
    assert "free of charge" not in reply.answer


class TimingOutChatModel(FakeListChatModel):
    """A chat model whose server never answers in time."""

    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise TimeoutError("the model server did not answer")


def test_a_failing_model_falls_back(retriever: Retriever) -> None:
    assistant = assistant_with(retriever, TimingOutChatModel(responses=["unused"]))
    reply = assistant.reply(QUESTION)
    assert reply.generator == "extractive" and reply.kind == "answer"
    assert reply.answer == extractive_answer(assistant, QUESTION)


def test_fixed_replies_never_call_the_model(retriever: Retriever) -> None:
    assistant = assistant_with(retriever, TimingOutChatModel(responses=["unused"]))
    reply = assistant.reply("What's a good recipe for pancakes?")
    assert reply.kind == "out_of_scope"


class Recorder(BaseCallbackHandler):
    """Keeps the messages each chat model call received."""

    def __init__(self) -> None:
        self.calls: list[list[BaseMessage]] = []

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **kwargs: Any
    ) -> None:
        self.calls.extend(messages)


def test_the_model_sees_only_the_numbered_passages(retriever: Retriever) -> None:
    recorder = Recorder()
    chat = FakeListChatModel(responses=["Oppisopimus yhdistää työn ja opiskelun [1]."])
    assistant = assistant_with(retriever, chat.with_config(callbacks=[recorder]))
    reply = assistant.reply("Miten oppisopimuskoulutus toimii?", language="fi")
    assert reply.generator == "openai"
    (system, user) = recorder.calls[0]
    assert "Finnish" in system.text and "[1]" in system.text
    for number, source in enumerate(reply.sources, start=1):
        assert f"[{number}] {source.title}" in user.text
        assert source.url in user.text
    assert f"[{len(reply.sources) + 1}]" not in user.text


def test_the_best_article_is_offered_whole(retriever: Retriever) -> None:
    recorder = Recorder()
    chat = FakeListChatModel(responses=["Look for an employer first [1]."])
    assistant = assistant_with(retriever, chat.with_config(callbacks=[recorder]))
    reply = assistant.reply("Where do I find an employer for an apprenticeship?")
    assert reply.sources[0].id == "apprenticeship"
    user = recorder.calls[0][1].text
    # The answer may sit in a section retrieval did not rank, so every section is there once.
    for heading in ("How apprenticeship training works", "Finding an employer"):
        assert user.count(heading) == 1
    assert "Next steps:\n" not in user  # the next steps come as their own list


def test_streaming_passes_pieces_as_they_are_cited(retriever: Retriever) -> None:
    text = (
        "Apprenticeship combines work and study [1]. You earn a wage [1]. "
        "It rests on a fixed-term contract [1]. Ask an employer first."
    )
    chat = GenericFakeChatModel(messages=iter([AIMessage(text)]))
    events = list(stream_reply(assistant_with(retriever, chat), QUESTION))
    deltas = [e.text for e in events if isinstance(e, Delta)]
    done = events[-1]
    assert isinstance(done, Done) and done.reply.generator == "openai"
    assert not any(isinstance(e, Restart) for e in events)
    assert len(deltas) == 4  # three cited sentences, then the uncited tail at the end
    assert deltas[0] == "Apprenticeship combines work and study [1]."
    assert deltas[1] == " You earn a wage [1]."
    assert "".join(deltas) == done.reply.answer == text


def test_streaming_without_citations_shows_only_the_fallback(retriever: Retriever) -> None:
    chat = GenericFakeChatModel(messages=iter([AIMessage("Just go for it, it is great!")]))
    assistant = assistant_with(retriever, chat)
    events = list(stream_reply(assistant, QUESTION))
    assert not any(isinstance(e, Restart) for e in events)
    done = events[-1]
    assert isinstance(done, Done) and done.reply.generator == "extractive"
    streamed = "".join(e.text for e in events if isinstance(e, Delta))
    assert "go for it" not in streamed
    assert streamed == done.reply.answer == extractive_answer(assistant, QUESTION)


def test_streaming_restarts_when_a_late_citation_is_wrong(retriever: Retriever) -> None:
    text = "Apprenticeship combines work and study [1]. It costs nothing at all [5]."
    chat = GenericFakeChatModel(messages=iter([AIMessage(text)]))
    events = list(stream_reply(assistant_with(retriever, chat), QUESTION))
    kinds = [type(e).__name__ for e in events]
    restart = kinds.index("Restart")
    assert kinds[:restart] == ["Delta"] and kinds[-1] == "Done"
    after = "".join(e.text for e in events[restart:] if isinstance(e, Delta))
    done = events[-1]
    assert isinstance(done, Done) and done.reply.generator == "extractive"
    assert after == done.reply.answer and "costs nothing" not in after


def test_streaming_restarts_when_the_server_fails_midway(retriever: Retriever) -> None:
    text = "Apprenticeship combines work and study [1]. You earn a wage while you learn [1]."
    chat = FakeListChatModel(responses=[text], error_on_chunk_number=text.index("wage"))
    events = list(stream_reply(assistant_with(retriever, chat), QUESTION))
    assert [type(e).__name__ for e in events[:2]] == ["Delta", "Restart"]
    # Streamed a character at a time, the first piece ends at its citation.
    assert isinstance(events[0], Delta)
    assert events[0].text == "Apprenticeship combines work and study [1]"
    done = events[-1]
    assert isinstance(done, Done) and done.reply.generator == "extractive"


def test_the_gate_holds_text_until_a_citation_closes() -> None:
    gate = CitationGate([1, 2])
    assert gate.feed("  Work and ") == ""
    assert gate.feed("study [") == ""
    assert gate.feed("1] combined") == "Work and study [1]"
    assert gate.feed(" [2; 1]") == " combined [2][1]"
    assert gate.feed(". And more") == ""
    assert gate.close() == ". And more"
    with pytest.raises(GenerationFailed):
        CitationGate([1]).close()
    with pytest.raises(GenerationFailed):
        CitationGate([1, 2]).feed("Fine [1]. Wrong [3].")


def test_grounded_rejects_nothing_cited_and_ignores_links() -> None:
    assert grounded(" See [1–2]. ", [1, 2]) == "See [1][2]."
    with pytest.raises(GenerationFailed):
        grounded("See [the article](https://example.fi/1).", [1])
    with pytest.raises(GenerationFailed):
        grounded("Ranges this wide are not citations [1-40].", range(1, 41))


def test_openai_is_a_registered_generator() -> None:
    generator = create_generator(
        "openai", base_url="http://127.0.0.1:9/v1", model="any", api_key="x", timeout=1.0
    )
    assert isinstance(generator, LLMGenerator) and generator.name == "openai"
