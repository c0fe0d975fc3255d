"""The `Generator` seam: what a generator is given (`Context`, numbered `Passage`s) and returns.

Generators: the extractive one and the registry in assistant/generators.py, the LLM one in
assistant/llm.py. This module imports neither, so they can both import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from knowledge_base.chunking import Chunk

MAX_WORDS = 180


@dataclass(frozen=True)
class Passage:
    """A retrieved passage offered to a generator, numbered as it will be cited."""

    number: int
    chunk: Chunk
    score: float
    related: tuple[Chunk, ...] = ()
    """Other sections of the same article worth reading (for the best article: all of them)."""
    retrieved: tuple[str, ...] = ()
    """Ids of this article's chunks that retrieval found."""


@dataclass(frozen=True)
class Context:
    """Everything a generator may use: the question and the passages, nothing else."""

    question: str
    language: str
    passages: Sequence[Passage]
    next_steps: Sequence[str]
    """Next-step bullets of the best article, in the reply language when it exists."""
    next_steps_source: int
    """Citation number of the article the next steps come from."""
    lead: str = ""
    """A curated direct answer (an answer card's) that opens the reply, cited to passage 1."""
    age: int | None = None
    """The age the learner stated: sentences offering what they are too old for are left out."""
    closed: tuple[str, ...] = ()
    """Names of services closed to the learner by age (lower-case)."""
    floor: bool = False
    """Leave out sentences for older people too ("fyllt 55 år" for a client of 24): a counsellor's
    plan for a client, not a learner's own question, whose answer may be that age limit."""
    similarity: Callable[[str], float | None] | None = field(default=None, compare=False)
    likeness: Callable[[str, str], float | None] | None = field(default=None, compare=False)
    """Cosine of two article sentences, when the index has sentence vectors: two that say the
    same thing in other words are not both used."""
    """Cosine of the question and an article sentence, when the index has sentence vectors:
    the extractive selection weighs meaning as well as shared words."""


class GenerationFailed(Exception):
    """A generator produced no grounded answer (bad citations, timeout, server error)."""


class Generator(Protocol):
    """Turns a context into answer text that cites passages as [n].

    A generator that may fail raises `GenerationFailed`; the assistant then answers extractively.
    """

    name: str

    def generate(self, context: Context) -> str:
        """The whole answer."""
        ...

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces as they are produced."""
        ...
