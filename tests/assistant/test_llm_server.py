"""The LLM generator through ChatOpenAI against a real OpenAI-protocol server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from assistant.generators import ExtractiveGenerator, Generator
from assistant.llm import LLMGenerator
from assistant.streaming import Delta, Done, Restart, stream_reply
from knowledge_base.embedding import Embedder
from knowledge_base.retriever import Retriever
from suunta.index_setup import SetupError, build
from suunta.wiring import make_generator
from tests.assistant.openai_server import FakeOpenAIServer, openai_server
from tests.conftest import small_settings

QUESTION = "How does apprenticeship training work?"


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The real hybrid retriever over the fixture corpus."""
    settings = small_settings(tmp_path_factory.mktemp("llm-server"))
    build(settings, minilm)
    return Retriever.from_index_dir(settings.index_dir, minilm)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAIServer]:
    """The OpenAI-protocol server, shared by the tests of this module."""
    with openai_server() as running:
        yield running


def configured(tmp_path: Path, base_url: str, model: str, timeout: float = 5.0) -> Generator:
    """The generator exactly as `SUUNTA_GENERATOR=openai` configures it."""
    settings = small_settings(
        tmp_path,
        generator="openai",
        openai_base_url=base_url,
        openai_model=model,
        openai_timeout=timeout,
    )
    return make_generator(settings)


def assistant_for(retriever: Retriever, generator: Generator) -> Assistant:
    """An assistant over the fixture corpus with `generator`."""
    return Assistant(
        retriever, calibration=calibration_for(retriever.embedder.name), generator=generator
    )


def test_settings_select_the_llm_generator(tmp_path: Path, server: FakeOpenAIServer) -> None:
    assert isinstance(configured(tmp_path, server.base_url, "cite"), LLMGenerator)
    settings = small_settings(tmp_path, generator="openai")
    with pytest.raises(SetupError, match="SUUNTA_OPENAI_BASE_URL"):
        make_generator(settings)


def test_a_cited_reply_from_the_server(
    tmp_path: Path, retriever: Retriever, server: FakeOpenAIServer
) -> None:
    assistant = assistant_for(retriever, configured(tmp_path, server.base_url, "cite"))
    reply = assistant.reply(QUESTION)
    assert reply.generator == "openai" and reply.kind == "answer"
    for number, source in enumerate(reply.sources, start=1):
        assert f"The article {source.title} explains this [{number}]." in reply.answer
    request = server.requests[-1]
    assert request["model"] == "cite" and not request.get("stream")
    assert request["max_tokens"] > 0
    assert [m["role"] for m in request["messages"]] == ["system", "user"]


def test_a_streamed_reply_from_the_server(
    tmp_path: Path, retriever: Retriever, server: FakeOpenAIServer
) -> None:
    assistant = assistant_for(retriever, configured(tmp_path, server.base_url, "cite"))
    events = list(stream_reply(assistant, QUESTION))
    deltas = [e.text for e in events if isinstance(e, Delta)]
    done = events[-1]
    assert isinstance(done, Done) and done.reply.generator == "openai"
    assert len(deltas) == 2 * len(done.reply.sources) >= 2  # one piece per cited sentence
    assert "".join(deltas) == done.reply.answer
    assert server.requests[-1]["stream"] is True


@pytest.mark.parametrize("model", ["cite-wrong", "uncited", "error"])
@pytest.mark.parametrize("streaming", [False, True])
def test_bad_replies_fall_back_to_the_extractive_answer(
    tmp_path: Path, retriever: Retriever, server: FakeOpenAIServer, model: str, streaming: bool
) -> None:
    assistant = assistant_for(retriever, configured(tmp_path, server.base_url, model))
    expected = assistant_for(retriever, ExtractiveGenerator())
    if streaming:
        events = list(stream_reply(assistant, QUESTION))
        done = events[-1]
        assert isinstance(done, Done)
        reply = done.reply
        restarted = any(isinstance(e, Restart) for e in events)
        # Only the wrong late citation shows any model text before the fallback replaces it.
        assert restarted == (model == "cite-wrong")
    else:
        reply = assistant.reply(QUESTION)
    assert reply.generator == "extractive" and reply.kind == "answer"
    assert reply.answer == expected.reply(QUESTION).answer
    assert "free of charge" not in reply.answer and "good plan" not in reply.answer


def test_a_slow_server_times_out_into_the_extractive_answer(
    tmp_path: Path, retriever: Retriever, server: FakeOpenAIServer
) -> None:
    assistant = assistant_for(retriever, configured(tmp_path, server.base_url, "slow", 0.5))
    started = time.perf_counter()
    reply = assistant.reply(QUESTION)
    assert time.perf_counter() - started < server.delay
    assert reply.generator == "extractive" and "[1]" in reply.answer


def test_an_unreachable_server_falls_back(tmp_path: Path, retriever: Retriever) -> None:
    with openai_server() as stopped:
        base_url = stopped.base_url
    assistant = assistant_for(retriever, configured(tmp_path, base_url, "cite"))
    reply = assistant.reply(QUESTION)
    assert reply.generator == "extractive" and reply.kind == "answer"
