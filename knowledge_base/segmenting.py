"""Sentences of the articles' prose: what an extractive answer is cut from, and what the index
embeds one by one for choosing among them (knowledge_base/sentence_vectors.py)."""

from __future__ import annotations

import re

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
