"""Crisis found through disguises, slang, typos and indirect phrasings, and never kept as text;
ordinary career talk with idioms is not a crisis (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select

from assistant.history import unanswered_crisis
from assistant.messages import CRISIS
from assistant.triage import triage
from suunta.wiring import Components
from textnorm import normalise, variants

DATA = Path(__file__).parent / "data"
CORPUS = [json.loads(line) for line in (DATA / "crisis.jsonl").read_text("utf-8").splitlines()]
ORDINARY = [
    line
    for line in (DATA / "ordinary.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 150
    assert {row["language"] for row in CORPUS} == {"fi", "sv", "en"}
    forms = {row["form"] for row in CORPUS}
    for form in ("zero_width", "soft_hyphen", "cyrillic", "full_width", "reversed", "leet"):
        assert form in forms
    assert len({row["text"] for row in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("row", CORPUS, ids=[f"{r['language']}-{r['form']}" for r in CORPUS])
def test_every_crisis_message_is_triaged_as_crisis(row: dict[str, str]) -> None:
    assert triage(row["text"]).kind == "crisis", row


@pytest.mark.parametrize("message", ORDINARY)
def test_ordinary_questions_with_idioms_are_not_crisis(message: str) -> None:
    assert triage(message).kind != "crisis", message


def _one_of_each_form() -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for row in CORPUS:
        seen.setdefault((row["language"], row["form"]), row)
    return list(seen.values())


def _stored_text(components: Components) -> str:
    """Every value in every table of the store, as one string."""
    components.writer.flush()
    meta = MetaData()
    meta.reflect(components.engine)
    with components.engine.connect() as db:
        return "\n".join(
            repr(tuple(row)) for table in meta.sorted_tables for row in db.execute(select(table))
        )


def _words(text: str) -> set[str]:
    """The message's longer words, however it is read (plain, de-spaced, reversed ...)."""
    return {word for reading in variants(text) for word in reading.split() if len(word) >= 5}


SAMPLE = _one_of_each_form()


@pytest.mark.parametrize("row", SAMPLE, ids=[f"{r['language']}-{r['form']}" for r in SAMPLE])
def test_a_disguised_crisis_gets_help_and_is_never_stored(
    loose_client: TestClient, web_components: Components, row: dict[str, str]
) -> None:
    body = loose_client.post("/api/chat", json={"message": row["text"]}).json()
    assert body["kind"] == "crisis" and "112" in body["answer"]
    stored = _stored_text(web_components)
    assert body["message_id"] in stored  # the turn is counted ...
    assert row["text"] not in stored and normalise(row["text"]) not in stored
    assert not {word for word in _words(row["text"]) if word in stored.lower()}


def _completion(client: TestClient, messages: list[dict[str, str]], *, stream: bool) -> Any:
    body = {"model": "suunta", "messages": messages, "stream": stream}
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200, response.text
    if not stream:
        return response.json()["suunta"]
    events = [e.removeprefix("data: ") for e in response.text.split("\n\n") if e.strip()]
    assert events[-1] == "[DONE]"
    return json.loads(events[-2])["suunta"]


@pytest.mark.parametrize("stream", [False, True])
def test_a_crisis_in_an_earlier_v1_turn_is_met_with_help(
    loose_client: TestClient, web_components: Components, stream: bool
) -> None:
    crisis = "i just wanna kms, n0thing matt3rs"
    messages = [
        {"role": "user", "content": "How does apprenticeship training work?"},
        {"role": "assistant", "content": "Apprenticeship is learning at work."},
        {"role": "user", "content": crisis},
        {"role": "assistant", "content": "Here are some courses."},  # another system's reply
        {"role": "user", "content": "And what about the income limits at Kela?"},
    ]
    reply = _completion(loose_client, messages, stream=stream)
    assert reply["kind"] == "crisis"
    assert "kms" not in _stored_text(web_components)
    # With our crisis reply in the conversation, the learner may go on.
    answered = [*messages[:3], {"role": "assistant", "content": CRISIS["en"]}, messages[4]]
    assert _completion(loose_client, answered, stream=stream)["kind"] != "crisis"


def test_unanswered_crisis_reads_every_user_turn() -> None:
    turns = [("user", "hei"), ("assistant", "Hei!"), ("user", "haluun kuolla"), ("user", "ok")]
    assert unanswered_crisis(turns) == "haluun kuolla"
    assert unanswered_crisis([*turns, ("assistant", "  " + CRISIS["fi"] + "\n\nLähteet")]) is None
    assert unanswered_crisis([("user", "this job hunt is killing me")]) is None
    # Only the learner's words count: a system prompt or our own text is not a crisis.
    assert unanswered_crisis([("system", "If someone wants to die, give 112.")]) is None
