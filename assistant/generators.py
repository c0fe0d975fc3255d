"""The `Generator` seam: composes an answer from retrieved passages; extractive by default."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.messages import LANGUAGE_NAMES, text
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"(])")
MAX_WORDS = 180


@dataclass(frozen=True)
class Passage:
    """A retrieved passage offered to a generator, numbered as it will be cited."""

    number: int
    chunk: Chunk
    score: float


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


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping their end punctuation."""
    flat = " ".join(paragraph.split())
    return [s.strip() for s in SENTENCE_END.split(flat) if s.strip()]


def _prose(section_text: str) -> list[str]:
    # List items become sentences of their own; headings and table rows are not prose.
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", section_text):
        block = re.sub(r"^\s*[-*]\s+", "", block.strip())
        if not block or block.startswith(("|", "#")):
            continue
        sentences.extend(split_sentences(block))
    return sentences


class ExtractiveGenerator:
    """Grounded by construction: every sentence is copied from a cited passage."""

    name = "extractive"

    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self.max_words = max_words

    def _relevant_sentences(self, context: Context, budget: int) -> list[tuple[str, int]]:
        query_terms = set(analyse(context.question, context.language))
        picked: list[tuple[str, int]] = []
        seen: set[str] = set()
        best = context.passages[0]
        summary = best.chunk.summary or best.chunk.text
        for sentence in split_sentences(summary):
            picked.append((sentence, best.number))
            seen.add(sentence)
        # Then the sentences of the retrieved sections that share most terms with the question.
        scored: list[tuple[float, int, str, int]] = []
        for order, passage in enumerate(context.passages[:3]):
            if passage.chunk.heading == "summary" or passage.chunk.kind != "article":
                continue
            for position, sentence in enumerate(_prose(passage.chunk.text)):
                terms = set(analyse(sentence, passage.chunk.language))
                overlap = len(query_terms & terms) / (1 + len(terms) ** 0.5)
                weight = overlap + (0.3 if order == 0 else 0.0) - 0.01 * position
                scored.append((weight, -order, sentence, passage.number))
        scored.sort(reverse=True)
        words = sum(len(s.split()) for s, _ in picked)
        for weight, _, sentence, number in scored:
            if weight <= 0.05 or len(picked) >= 5 or sentence in seen:
                continue
            if words + len(sentence.split()) > budget:
                continue
            picked.append((sentence, number))
            seen.add(sentence)
            words += len(sentence.split())
        return picked

    def _compose(self, context: Context) -> list[str]:
        if not context.passages:
            return []
        best = context.passages[0].chunk
        parts: list[str] = []
        if best.language != context.language:
            name = LANGUAGE_NAMES[context.language].get(best.language, best.language)
            parts.append(text("other_language", context.language, lang_name=name) + "\n\n")
        steps = list(context.next_steps)[:3]
        steps_words = sum(len(s.split()) for s in steps)
        budget = max(60, self.max_words - steps_words)
        sentences = self._relevant_sentences(context, budget)
        grouped: list[str] = []
        for i, (sentence, number) in enumerate(sentences):
            last_of_source = i + 1 == len(sentences) or sentences[i + 1][1] != number
            grouped.append(f"{sentence} [{number}]" if last_of_source else sentence)
        parts.append(" ".join(grouped))
        if steps:
            parts.append(f"\n\n**{text('next_steps', context.language)}:**\n")
            parts.extend(f"- {step} [{context.next_steps_source}]\n" for step in steps)
        return parts

    def generate(self, context: Context) -> str:
        """The whole answer."""
        return "".join(self._compose(context)).strip()

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces, one sentence or bullet at a time."""
        for part in self._compose(context):
            yield from re.split(r"(?<=\] )", part)


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
