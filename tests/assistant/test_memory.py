"""Conversation memory and follow-up questions."""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.memory import ConversationMemory, condense, is_follow_up


class Clock:
    """A hand-wound clock for the memory's time limit."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_follow_ups_are_recognised_in_three_languages() -> None:
    for message in ("entä jos olen työtön?", "och om jag är arbetslös?", "What if I'm 45?"):
        assert is_follow_up(message), message
    assert is_follow_up("Does it cost anything?")
    assert not is_follow_up("How does apprenticeship training work?")


def test_condense_joins_a_follow_up_to_the_question_it_follows() -> None:
    memory = ConversationMemory(lambda s: s)
    memory.remember("s", "Voiko aikuisena opiskella oppisopimuksella?", ("apprenticeship",))
    history = memory.history("s")
    assert condense("entä jos olen työtön?", history) == (
        "Voiko aikuisena opiskella oppisopimuksella? entä jos olen työtön?"
    )
    assert condense("Mikä on JOTPA-koulutus?", history) == "Mikä on JOTPA-koulutus?"
    assert condense("entä jos olen työtön?", []) == "entä jos olen työtön?"


def test_memory_keeps_only_redacted_text_and_is_bounded() -> None:
    clock = Clock()
    memory = ConversationMemory(
        lambda s: s.replace("040 123 4567", "<PHONE>"),
        max_sessions=2,
        max_turns=2,
        ttl_seconds=60,
        clock=clock,
    )
    for i in range(3):
        memory.remember("a", f"question {i}, call me on 040 123 4567", ())
    assert [t.question for t in memory.history("a")] == [
        "question 1, call me on <PHONE>",
        "question 2, call me on <PHONE>",
    ]
    memory.remember("b", "b", ())
    memory.remember("c", "c", ())
    assert len(memory) == 2 and memory.history("a") == []  # least recently used went first
    clock.now = 61
    assert memory.history("b") == []  # forgotten after the time limit
    memory.remember("d", "d", ())
    assert len(memory) == 1  # expired sessions are dropped when new ones arrive


def test_a_follow_up_is_answered_with_the_earlier_question(assistant: Assistant) -> None:
    first = assistant.reply("How does apprenticeship training work?")
    assert first.kind == "answer" and first.sources[0].id == "apprenticeship"
    alone = assistant.reply("and the income limits?")
    follow_up = assistant.reply("and the income limits?", session_id=first.session_id)
    assert follow_up.kind == "answer"
    # The follow-up was retrieved (and is remembered) together with the question it follows.
    history = assistant.memory.history(first.session_id)
    assert history[-1].question == ("How does apprenticeship training work? and the income limits?")
    assert history[-1].language == "en"
    assert alone.session_id != follow_up.session_id
