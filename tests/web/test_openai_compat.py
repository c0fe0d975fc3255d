"""The OpenAI-compatible API, driven by the official `openai` client against a live uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest
import uvicorn
from sqlmodel import Session, select

from suunta.settings import Settings
from suunta.wiring import Components
from telemetry.models import MessageRecord

QUESTION = "How does apprenticeship training work?"


@pytest.fixture
def base_url(settings: Settings, components: Components) -> Iterator[str]:
    """The app served by a real uvicorn on a free port of 127.0.0.1."""
    from web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, components), log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/v1"
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture
def client(base_url: str) -> Iterator[openai.OpenAI]:
    """The official client, as any OpenAI-compatible chat front end would use it."""
    with openai.OpenAI(base_url=base_url, api_key="not-needed", max_retries=0) as openai_client:
        yield openai_client


def ask(question: str) -> list[Any]:
    """A one-message conversation."""
    return [{"role": "user", "content": question}]


def test_models_list_only_suunta(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["suunta"]
    assert client.models.retrieve("suunta").owned_by == "suunta"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


def test_a_completion_with_sources_appended(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="suunta", messages=ask(QUESTION))
    assert completion.object == "chat.completion" and completion.model == "suunta"
    assert completion.id.startswith("chatcmpl-") and completion.created > 0
    (choice,) = completion.choices
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    assert completion.usage is not None and completion.usage.total_tokens == 0
    reply = (completion.model_extra or {})["suunta"]
    assert reply["kind"] == "answer"
    content = choice.message.content or ""
    answer, sources = content.split("\n\n**Sources:**\n")
    assert answer == reply["answer"] and "[1]" in answer
    assert sources.splitlines() == [
        f"{n}. [{s['title']}]({s['url']})" for n, s in enumerate(reply["sources"], start=1)
    ]


def test_a_streamed_completion_says_the_same(client: openai.OpenAI) -> None:
    plain = client.chat.completions.create(model="suunta", messages=ask(QUESTION))
    chunks = list(
        client.chat.completions.create(
            model="suunta",
            messages=ask(QUESTION),
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert {c.object for c in chunks} == {"chat.completion.chunk"}
    assert len({c.id for c in chunks}) == 1
    pieces = [c.choices[0].delta.content for c in chunks if c.choices]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert len([p for p in pieces if p]) > 2  # streamed in pieces, not in one go
    assert "".join(p or "" for p in pieces) == plain.choices[0].message.content
    finishing = [c for c in chunks if c.choices and c.choices[0].finish_reason]
    assert [c.choices[0].finish_reason for c in finishing] == ["stop"]
    assert chunks[-1].choices == [] and chunks[-1].usage is not None


def test_earlier_turns_make_follow_ups_work(client: openai.OpenAI) -> None:
    alone = client.chat.completions.create(model="suunta", messages=ask("And the income limits?"))
    assert (alone.model_extra or {})["suunta"]["kind"] != "answer"
    conversation: list[Any] = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "What is apprenticeship training?"},
        {"role": "assistant", "content": "Apprenticeship training is ..."},
        {"role": "user", "content": "And the income limits?"},
    ]
    follow_up = client.chat.completions.create(model="suunta", messages=conversation)
    reply = (follow_up.model_extra or {})["suunta"]
    assert reply["kind"] == "answer" and reply["sources"][0]["id"] == "apprenticeship"


def test_sessions_follow_the_user_field_but_never_reveal_it(client: openai.OpenAI) -> None:
    def session(**extra: Any) -> str:
        completion = client.chat.completions.create(model="suunta", messages=ask(QUESTION), **extra)
        return str((completion.model_extra or {})["suunta"]["session_id"])

    first = session(user="maija.virtanen@example.com")
    assert session(user="maija.virtanen@example.com") == first
    assert "maija" not in first and session(user="someone-else") != first
    assert session() != session()
    issued = "0123456789abcdef0123456789abcdef"
    assert session(extra_body={"session_id": issued}) == issued
    with pytest.raises(openai.BadRequestError):  # only ids of the server's own form
        session(extra_body={"session_id": "my-session-1"})


def test_errors_have_the_openai_shape(client: openai.OpenAI, base_url: str) -> None:
    with pytest.raises(openai.NotFoundError) as not_found:
        client.chat.completions.create(model="gpt-4o", messages=ask(QUESTION))
    assert not_found.value.code == "model_not_found"
    bad_conversations: list[list[Any]] = [
        [],
        [{"role": "assistant", "content": "Hello"}],
        ask("x" * 2001),
    ]
    for messages in bad_conversations:
        with pytest.raises(openai.BadRequestError) as bad:
            client.chat.completions.create(model="suunta", messages=messages)
        body = bad.value.body
        assert isinstance(body, dict) and body["message"] and body["type"]
    raw = httpx.post(
        f"{base_url}/chat/completions",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert raw.status_code == 400 and raw.json()["error"]["param"] == "body"


def test_api_questions_are_recorded_with_channel_api(
    client: openai.OpenAI, components: Components
) -> None:
    client.chat.completions.create(model="suunta", messages=ask(QUESTION))
    list(client.chat.completions.create(model="suunta", messages=ask(QUESTION), stream=True))
    components.writer.flush()
    with Session(components.engine) as db:
        channels = db.exec(select(MessageRecord.channel)).all()
    assert channels == ["api", "api"]
