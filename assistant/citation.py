"""The citation stage: an answer lists only the passages its text refers to, numbered 1..n in
the order they are cited, each shown as a `Source` with a short snippet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.extractive import ExtractiveGenerator, cited_numbers
from assistant.generation import Context, Passage
from assistant.sentences import Candidate
from assistant.types import Source
from knowledge_base.chunking import Chunk

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Cited:
    """The context an answer is written from, with only the passages it cites."""

    context: Context
    selection: tuple[Candidate, ...] | None = None
    """The extractive answer's sentences when they were chosen for exactly `context` (no passage
    was left out): the extractive generator writes them out instead of choosing again."""


def cite(context: Context, extractive: ExtractiveGenerator) -> Cited:
    """Keep the passages the extractive answer cites (and the next steps' source), renumbered
    without gaps; an LLM answer is then checked against these passages."""
    selection = extractive.select(context)
    used = cited_numbers(context, selection)
    if used == [p.number for p in context.passages]:
        return Cited(context, tuple(selection))
    # With fewer passages the sentences are chosen again for the text (the choice weighs each
    # word by how rare it is among the passages, so it may differ).
    kept = [p for p in context.passages if p.number in used]
    renumbered = [replace(p, number=i) for i, p in enumerate(kept, start=1)]
    return Cited(replace(context, passages=renumbered))


def snippet(chunk: Chunk) -> str:
    """The start of a passage's text, flat, cut at a word within `SNIPPET_CHARS`."""
    flat = " ".join(chunk.text.replace("**", "").split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


def source(passage: Passage) -> Source:
    """How a cited passage is listed under the answer."""
    chunk = passage.chunk
    return Source(
        id=chunk.doc_id,
        title=chunk.title,
        url=chunk.url,
        snippet=snippet(chunk),
        score=round(passage.score, 4),
        language=chunk.language,
        kind=chunk.kind,
    )


def sources(passages: Sequence[Passage]) -> list[Source]:
    """The listed sources of these passages, in citation order."""
    return [source(p) for p in passages]
