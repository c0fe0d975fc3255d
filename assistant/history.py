"""Earlier turns resent by stateless clients (the OpenAI protocol) become conversation memory."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.memory import Memory
from assistant.messages import CRISIS
from assistant.triage import is_crisis, triage

RECALLED_TURNS = 3


def recall_turns(memory: Memory, session_id: str, earlier: Sequence[str]) -> int:
    """Remember a client's earlier questions for follow-ups, unless the session already has some.

    Only questions the assistant would have answered from the knowledge base are kept, the same
    ones it remembers itself; crisis and handoff messages are never kept. Returns how many were.
    """
    if memory.history(session_id):
        return 0
    kept = 0
    for question in earlier[-RECALLED_TURNS:]:
        verdict = triage(question)
        if verdict.kind not in ("guidance", "injection") or not verdict.cleaned.strip():
            continue
        memory.remember(session_id, verdict.cleaned, ())
        kept += 1
    return kept


def _answered_with_help(text: str) -> bool:
    flat = " ".join(text.split())
    return any(" ".join(reply.split()) in flat for reply in CRISIS.values())


def unanswered_crisis(turns: Sequence[tuple[str, str]]) -> str | None:
    """The first earlier user turn (`(role, text)`, oldest first) that speaks of a crisis and
    that no later assistant turn answered with the crisis reply, else None.

    A stateless client resends the whole conversation: a crisis said two turns ago, or answered
    by some other system, must still be met with help. Once our crisis reply is in the
    conversation the learner may go on with other questions.
    """
    for at, (role, text) in enumerate(turns):
        if role != "user" or not is_crisis(text):
            continue
        later = turns[at + 1 :]
        if not any(r == "assistant" and _answered_with_help(t) for r, t in later):
            return text
    return None
