"""Earlier turns resent by stateless clients (the OpenAI protocol) become conversation memory."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.memory import ConversationMemory
from assistant.triage import triage

RECALLED_TURNS = 3


def recall_turns(memory: ConversationMemory, session_id: str, earlier: Sequence[str]) -> int:
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
