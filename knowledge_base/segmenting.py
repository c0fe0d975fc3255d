"""Sentences of the articles' prose: what an extractive answer is cut from
(`assistant/sentences.py`), and what the index embeds one by one for choosing among them
(`knowledge_base/sentence_vectors.py`); both walk them with `answer_sentences`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from knowledge_base.chunking import Chunk

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[\"“(]?[A-ZÅÄÖ0-9])")
# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset(["esim", "mm", "ks", "n", "ns", "t.ex", "bl.a", "e.g", "i.e", "ca"])
_LEAD_IN = re.compile(r"^\*\*([^*]{1,80}?)(?:[.:]\*\*|\*\*[.:])\s+")
MIN_WORDS = 4
"""Shorter 'sentences' are labels or fragments, never an answer."""


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping their end punctuation."""
    flat = " ".join(paragraph.split())
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(flat):
        before = flat[start : match.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if before in _ABBREVIATIONS:
            continue
        sentences.append(flat[start : match.end()].strip())
        start = match.end()
    sentences.append(flat[start:].strip())
    return [s for s in sentences if s]


def _is_item(block: str) -> bool:
    return bool(re.match(r"\s*[-*]\s+", block))


def _clean(block: str) -> str:
    block = re.sub(r"^\s*[-*]\s+", "", block.strip())
    return _LEAD_IN.sub(lambda m: m.group(1).strip() + ": ", block).replace("**", "")


def prose(section_text: str) -> list[list[str]]:
    """The readable sentences of a section, paragraph by paragraph (list items are paragraphs).

    A bold lead-in ("**Apprenticeship.** You study...") becomes "Apprenticeship: You study...".
    A sentence ending in a colon and the short items that follow it become one sentence
    ("Degrees: a, 180 credits; b, 150 credits."); headings and tables are left out.
    """
    paragraphs: list[list[str]] = []
    intro: str | None = None
    items: list[str] = []

    def flush() -> None:
        nonlocal intro, items
        if intro and items:
            paragraphs.append([f"{intro} {'; '.join(items)}."])
        intro, items = None, []

    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", section_text):
        if not block.strip() or block.lstrip().startswith(("|", "#")):
            continue
        item = _is_item(block)
        text = _clean(block)
        short = len(split_sentences(text)) == 1 and len(text.split()) <= 20
        if item and intro is not None and (short or not text.endswith((".", "!", "?"))):
            items.append(text.rstrip(".!?"))
            continue
        flush()
        sentences = split_sentences(text)
        if sentences and sentences[-1].endswith(":"):
            intro = sentences.pop()
        if sentences:
            paragraphs.append(sentences)
    flush()
    return paragraphs


def readable_sentence(sentence: str) -> bool:
    """A whole sentence, not a fragment torn from its context: a lead-in that ends in a colon
    ("Ammatillinen tutkinto tai tutkinnon osa:") or a two-word label."""
    return len(sentence.split()) >= MIN_WORDS and not sentence.rstrip().endswith(":")


class Sentence(NamedTuple):
    """A sentence an extractive answer may use, and where it stands."""

    text: str
    order: tuple[int, int, int]
    """Reading order (section, paragraph, sentence): section 0 is the summary, then 1, 2, ..."""
    section: Chunk | None
    """The section it was read from; None for a summary sentence."""
    before: str | None
    """The sentence before it in its paragraph; None for a paragraph's first."""


def answer_sentences(summary: str, sections: Iterable[Chunk]) -> Iterator[Sentence]:
    """Every sentence an answer may be made of: the summary's, then the readable prose of each
    article section (a summary section or another kind of chunk adds none), in reading order."""
    for i, sentence in enumerate(split_sentences(summary)):
        yield Sentence(sentence, (0, 0, i), None, None)
    for s, section in enumerate(sections, start=1):
        if section.heading == "summary" or section.kind != "article":
            continue
        for p, paragraph in enumerate(prose(section.text)):
            for i, sentence in enumerate(paragraph):
                if readable_sentence(sentence):
                    yield Sentence(sentence, (s, p, i), section, paragraph[i - 1] if i else None)
