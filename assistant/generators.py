"""The generators `SUUNTA_GENERATOR` selects from, by name.

The seam itself (`Generator`, `Context`, `Passage`) is in assistant/generation.py; the extractive
generator (the default) in assistant/extractive.py; the LLM generator in assistant/llm.py, loaded
only when it is selected.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.extractive import ExtractiveGenerator, cited_sources
from assistant.generation import MAX_WORDS, Context, GenerationFailed, Generator, Passage
from assistant.selection import is_occupation
from assistant.sentences import Candidate, split_sentences

# The names that lived here before the seam and the extractive generator had modules of their
# own stay importable from here.
__all__ = [
    "MAX_WORDS",
    "Candidate",
    "Context",
    "ExtractiveGenerator",
    "GenerationFailed",
    "Generator",
    "GeneratorFactory",
    "Passage",
    "cited_sources",
    "create_generator",
    "is_occupation",
    "register_generator",
    "split_sentences",
]


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
