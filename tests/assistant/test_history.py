"""Earlier turns resent by OpenAI-style clients become memory, minus what must not be kept."""

from __future__ import annotations

from assistant.history import RECALLED_TURNS, recall_turns
from assistant.memory import ConversationMemory


def test_earlier_questions_are_remembered_redacted_and_bounded() -> None:
    memory = ConversationMemory(lambda s: s.replace("Matti", "<PERSON>"))
    earlier = [f"How does apprenticeship work, question {i}?" for i in range(5)]
    earlier.append("I'm Matti, what does Kela student aid cover?")
    assert recall_turns(memory, "s1", earlier) == RECALLED_TURNS
    questions = [turn.question for turn in memory.history("s1")]
    assert questions[-1] == "I'm <PERSON>, what does Kela student aid cover?"
    assert questions[0] == earlier[-RECALLED_TURNS]


def test_crisis_handoff_and_off_topic_turns_are_not_kept() -> None:
    memory = ConversationMemory(lambda s: s)
    earlier = [
        "I want to kill myself",
        "Can I talk to a real person?",
        "What's a good recipe for pancakes?",
        "What is apprenticeship training?",
    ]
    assert recall_turns(memory, "s1", earlier) == 1
    assert [t.question for t in memory.history("s1")] == ["What is apprenticeship training?"]


def test_a_session_with_its_own_memory_is_left_alone() -> None:
    memory = ConversationMemory(lambda s: s)
    memory.remember("s1", "What is apprenticeship training?", ("apprenticeship",))
    assert recall_turns(memory, "s1", ["Kela student aid?"]) == 0
    assert [t.doc_ids for t in memory.history("s1")] == [("apprenticeship",)]
