"""The sentences an extractive answer may be made of, each section read once.

The candidate sentences of each section are read once and kept (`section_candidates`): the same
articles are cited reply after reply, and reading them was half the cost of a selection. A table
row is one only for a question that names it (`asks_row`): the other rows are figures for
someone else's case.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from assistant.generation import Context, Passage
from assistant.sentence_words import QUANTITY
from assistant.sentences import Candidate, candidates
from assistant.situation import below_floor
from knowledge_base.chunking import Chunk
from knowledge_base.segmenting import RowKey

CACHED_SECTIONS = 4096
"""Sections (and summaries) whose candidate sentences are kept: the corpus has ~1,700 article
sections, and all of them read take ~30 MiB."""


@lru_cache(maxsize=CACHED_SECTIONS)
def summary_candidates(
    summary: str, language: str, age: int | None, closed: tuple[str, ...]
) -> tuple[Candidate, ...]:
    """The candidate sentences of an article's summary, as the best passage's [1]."""
    alone = Chunk("", "", "article", language, "", "summary", "", "", summary=summary)
    return _read(alone, age, closed)  # the summary only: a "summary" section has no prose


@lru_cache(maxsize=CACHED_SECTIONS)
def section_candidates(
    section: Chunk, language: str, age: int | None, closed: tuple[str, ...]
) -> tuple[Candidate, ...]:
    """The candidate sentences of one section of the best passage's article (its first section,
    cited as [1], retrieved), read as `language` (the passage's)."""
    alone = replace(section, language=language, summary="")  # its prose only, no summary
    return _read(alone, age, closed)


def _read(chunk: Chunk, age: int | None, closed: tuple[str, ...]) -> tuple[Candidate, ...]:
    passage = Passage(1, chunk, 0.0)
    return tuple(candidates(Context("", chunk.language, [passage], [], 1, age=age, closed=closed)))


def _placed(
    passage: Passage, rank: int, age: int | None, closed: tuple[str, ...]
) -> list[Candidate]:
    """A passage's candidates with its citation number, its group for its rank, its sections'
    places and the sections retrieval found, exactly as `sentences.candidates` makes them."""
    number, language = passage.number, passage.chunk.language
    found = [
        Candidate(
            c.text,
            number,
            c.group if rank == 0 else 2,
            c.order,
            c.terms,
            c.heading,
            c.signature,
            c.retrieved,
            c.previous,
            c.row,
        )
        for c in summary_candidates(passage.chunk.summary, language, age, closed)
    ]
    group = 1 if rank == 0 else 2
    retrieved = set(passage.retrieved) | {passage.chunk.id}
    for s, section in enumerate((passage.chunk, *passage.related), start=1):
        found_it = section.id in retrieved
        found += [
            Candidate(
                c.text,
                number,
                group,
                (s, c.order[1], c.order[2]),
                c.terms,
                c.heading,
                c.signature,
                found_it,
                c.previous,
                c.row,
            )
            for c in section_candidates(section, language, age, closed)
        ]
    return found


def pool(context: Context) -> list[Candidate]:
    """Every sentence the answer may use (`sentences.candidates`), each section read once; a
    table row only when the question names it."""
    found: list[Candidate] = []
    for rank, passage in enumerate(context.passages):
        found += _placed(passage, rank, context.age, context.closed)
    if context.floor and context.age is not None:  # a client's plan: nothing for older people
        found = [c for c in found if not below_floor(c.text, context.age)]
    return [c for c in found if c.row is None or asks_row(context.question, c.row)]


_WORD = re.compile(r"[0-9a-zåäöéü]{4,}")


def asks_row(question: str, row: RowKey) -> bool:
    """Does the question name a table row: its first cell as a word of its own beside a word
    that begins like one of the column's header, asking for an amount or for what the other
    columns tell ("how much can I earn ... for 7 months" names "Months of aid 7: income limit
    24,601"; "I'm 33", "8 years" or "I worked 12 months abroad, can I get aid?" do not)?"""
    text = question.lower()
    cell = re.escape(row.cell.lower())
    if re.search(rf"(?<![\w.,]){cell}(?!\w|[.,]\d)", text) is None:
        return False
    beginnings = {word[:5] for word in _WORD.findall(text)}
    header, tells = row.header.lower(), row.tells.lower()
    if not any(b in header for b in beginnings):
        return False
    return QUANTITY.search(text) is not None or any(b in tells for b in beginnings)
