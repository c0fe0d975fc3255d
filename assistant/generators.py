"""The `Generator` seam: composes an answer from retrieved passages; extractive by default."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.messages import LANGUAGE_NAMES, text
from assistant.sentences import Candidate, Relevance, candidates, similar, split_sentences
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse

__all__ = ["Candidate", "split_sentences"]

MAX_WORDS = 180
MAX_STEPS = 3


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
    sentence_similarity: Mapping[str, float] | None = None
    """Optional semantic similarity (0..1) of passage sentences to the question."""


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


class ExtractiveGenerator:
    """Grounded by construction: every sentence is copied from a cited passage."""

    name = "extractive"

    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self.max_words = max_words

    def select(self, context: Context) -> list[Candidate]:
        """The sentences of the answer, in reading order (the plan `generate` writes out)."""
        pool = candidates(context)
        if not pool:
            return []
        relevance = Relevance(context.question, context.language, pool, context.sentence_similarity)
        scored = {id(c): relevance.score(c) for c in pool}
        summary = [c for c in pool if c.group == 0]
        best_summary = max((scored[id(c)] for c in summary), default=0.0)
        # Steps, their heading and the citation markers count towards the limit too.
        steps = self._steps(context)
        budget = self.max_words - sum(len(step.split()) + 1 for step in steps) - 6
        picked: list[Candidate] = []
        words = 0

        def take(candidate: Candidate) -> bool:
            nonlocal words
            size = len(candidate.text.split())
            if words + size > budget or any(similar(candidate.terms, p.terms) for p in picked):
                return False
            if candidate in picked:
                return False
            picked.append(candidate)
            words += size
            return True

        # A direct answer first: the best article's summary and its most relevant sentences.
        for candidate in summary[:1]:
            take(candidate)
        ranked = sorted(
            (c for c in pool if c.group == 1 and scored[id(c)] > 0),
            key=lambda c: (-scored[id(c)], c.order),
        )
        for candidate in ranked[:3]:
            if candidate.previous:
                before = next((c for c in pool if c.text == candidate.previous), None)
                if before is None or not take(before):
                    continue
            take(candidate)
        for candidate in summary[1:]:
            if scored[id(candidate)] > 0 or words < budget // 3:
                take(candidate)
        # Other articles only when they bring something the question asks about.
        covered: set[str] = set()
        for p in picked:
            covered |= relevance.matched(p.terms)
        others = sorted(
            (c for c in pool if c.group == 2 and c.previous is None),
            key=lambda c: (-scored[id(c)], c.order),
        )
        used_sources: set[int] = set()
        for candidate in others:
            new_terms = relevance.matched(candidate.terms) - covered
            if candidate.source in used_sources or len(relevance.matched(candidate.terms)) < 2:
                continue
            if not new_terms:
                continue
            if scored[id(candidate)] < max(0.5, 0.5 * best_summary) or len(used_sources) == 2:
                continue
            if take(candidate):
                used_sources.add(candidate.source)
                covered |= relevance.matched(candidate.terms)
        return sorted(picked, key=lambda c: (c.source, c.group, c.order))

    def _steps(self, context: Context) -> list[str]:
        steps = list(context.next_steps)
        if len(steps) <= MAX_STEPS:
            return steps
        query = set(analyse(context.question, context.language))
        best = sorted(
            range(len(steps)),
            key=lambda i: (-len(query & set(analyse(steps[i], context.language))), i),
        )[:MAX_STEPS]
        return [steps[i] for i in sorted(best)]

    def _compose(self, context: Context) -> list[str]:
        if not context.passages:
            return []
        best = context.passages[0].chunk
        parts: list[str] = []
        if best.language != context.language:
            name = LANGUAGE_NAMES[context.language].get(best.language, best.language)
            parts.append(text("other_language", context.language, lang_name=name) + "\n\n")
        sentences = self.select(context)
        for i, sentence in enumerate(sentences):
            last_of_source = i + 1 == len(sentences) or sentences[i + 1].source != sentence.source
            if last_of_source:
                ending = "\n\n" if i + 1 < len(sentences) else ""
                parts.append(f"{sentence.text} [{sentence.source}]{ending}")
            else:
                parts.append(sentence.text + " ")
        steps = self._steps(context)
        if steps:
            parts.append(f"\n\n**{text('next_steps', context.language)}:**\n")
            parts.extend(f"- {step} [{context.next_steps_source}]\n" for step in steps)
        return parts

    def generate(self, context: Context) -> str:
        """The whole answer."""
        return "".join(self._compose(context)).strip()

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces, one sentence or bullet at a time."""
        yield from self._compose(context)


def cited_sources(context: Context, generator: ExtractiveGenerator | None = None) -> list[int]:
    """Citation numbers the extractive answer uses (the next steps' source included)."""
    plan = (generator or ExtractiveGenerator()).select(context)
    used = {c.source for c in plan}
    if context.next_steps:
        used.add(context.next_steps_source)
    return sorted(used) or [p.number for p in context.passages[:1]]


def _openai(**options: object) -> Generator:
    # Imported here so that LangChain loads only when an LLM is configured.
    from assistant.llm import openai_generator

    return openai_generator(**options)  # type: ignore[arg-type]


GeneratorFactory = Callable[..., Generator]
_REGISTRY: dict[str, GeneratorFactory] = {"extractive": ExtractiveGenerator, "openai": _openai}


def register_generator(name: str, factory: GeneratorFactory) -> None:
    """Make a generator selectable by name (`SUUNTA_GENERATOR`)."""
    _REGISTRY[name] = factory


def create_generator(name: str, **options: object) -> Generator:
    """A registered generator by name."""
    if name not in _REGISTRY:
        raise ValueError(f"unknown generator '{name}'; known: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](**options)
