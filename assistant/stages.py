"""What passes between the assistant's stages: the question after triage, what retrieval found,
and the draft reply whose text is still to be written."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.generation import Context
from assistant.retrieval import Retrieval
from assistant.sentences import Candidate
from assistant.situation import Situation
from assistant.types import Reply
from knowledge_base.retriever import Hit


@dataclass(frozen=True)
class Draft:
    """A reply before its text exists: the decision and the context to write it from."""

    reply: Reply
    context: Context | None
    selection: tuple[Candidate, ...] | None = None
    """The extractive answer's sentences, when already chosen for exactly `context`."""


@dataclass(frozen=True)
class Question:
    """The learner's question as the stages after triage see it."""

    text: str
    """The message less any injected instructions."""
    asked_in: str
    """The language it was asked in (the reply's may be another, chosen by the learner)."""
    mode: str
    situation: Situation
    """What the learner said of themselves (age, ...)."""

    @property
    def counsellor(self) -> bool:
        """Asked in the counsellor co-pilot?"""
        return self.mode == "counsellor"


@dataclass(frozen=True)
class Found:
    """What the retrieval stage found, and how sure it is that it answers the question."""

    retrieval: Retrieval
    confidence: float
    card: Hit | None
    """An answer card asked almost word for word."""
    guide: str | None
    """The occupation guide the question names."""
    occupation: bool
    """Answered from an ESCO occupation's description."""
