"""Sentences of the articles' prose: what an extractive answer is cut from
(`assistant/sentences.py`), and what the index embeds one by one for choosing among them
(`knowledge_base/sentence_vectors.py`); both walk them with `answer_sentences`.

A table's rows are sentences too, written from its header and the row's cells
(`table_rows`), so that a figure kept in a table can answer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from knowledge_base.chunking import Chunk

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[\"“(]?[A-ZÅÄÖ0-9])")
# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset(
    ["esim", "mm", "ks", "n", "ns", "t.ex", "bl.a", "e.g", "i.e", "ca", "fi", "sv", "ruots", "eng"]
)
_LEAD_IN = re.compile(r"^\*\*([^*]{1,80}?)(?:[.:]\*\*|\*\*[.:])\s+")
MIN_WORDS = 4
"""Shorter 'sentences' are labels or fragments, never an answer."""
_RULE = re.compile(r"^\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?$")
"""A table's delimiter row ("|---|:---:|")."""


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping their end punctuation."""
    flat = " ".join(paragraph.split())
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(flat):
        before = flat[start : match.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if before in _ABBREVIATIONS:
            continue
        said = flat[start : match.start()]
        if said.count("(") > said.count(")"):
            continue  # inside brackets: "(PUK, fi. HOKS)"
        sentences.append(flat[start : match.end()].strip())
        start = match.end()
    sentences.append(flat[start:].strip())
    return [s for s in sentences if s]


def _cells(line: str) -> list[str]:
    return [_clean(cell) for cell in line.strip().strip("|").split("|")]


def _period(header: list[str]) -> int:
    """Columns of one record: a header repeated side by side ("Months | Limit | Months |
    Limit") holds two records a row."""
    for width in range(1, len(header)):
        if len(header) % width == 0 and header == header[:width] * (len(header) // width):
            return width
    return len(header)


def _lower_first(text: str) -> str:
    """A header cell inside a sentence: "Income limit" -> "income limit", "EU" stays."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def table_rows(table: str) -> list[str]:
    """A table's rows as sentences, each readable alone: the row's first cell after its header,
    a colon, then each other header with the row's cell ("Months of aid 5: income limit
    29,075."); a header repeated side by side gives one sentence per record, read down each
    column group in turn. Without a header row nothing says what the cells are: none."""
    return [text for text, _ in _rows(table)]


def _rows(table: str) -> list[tuple[str, RowKey]]:
    lines = [line for line in table.splitlines() if line.strip()]
    if len(lines) < 3 or not _RULE.match(lines[1].strip()):
        return []
    header = _cells(lines[0])
    body = [_cells(line) for line in lines[2:] if not _RULE.match(line.strip())]
    width = _period(header)
    names = [_lower_first(h) if i and h else h for i, h in enumerate(header[:width])]
    rows = []
    for start in range(0, len(header), width):
        for row in body:
            cells = row[start : start + width]
            said = zip(names, cells, strict=False)
            pairs = [f"{name} {cell.rstrip('.')}".strip() for name, cell in said if cell]
            if len(pairs) >= 2 and cells[0]:
                text = f"{pairs[0]}: {', '.join(pairs[1:])}."
                rows.append((text, RowKey(names[0], cells[0], " ".join(names[1:]))))
    return rows


def _tables_apart(text: str) -> str:
    """The text with a blank line between a table and the prose it touches."""
    if "|" not in text:
        return text
    lines = text.split("\n")
    kept = lines[:1]
    for before, line in pairwise(lines):
        if before.strip() and line.strip() and _is_row(before) != _is_row(line):
            kept.append("")
        kept.append(line)
    return "\n".join(kept)


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _is_item(block: str) -> bool:
    return bool(re.match(r"\s*[-*]\s+", block))


def _clean(block: str) -> str:
    block = re.sub(r"^\s*[-*]\s+", "", block.strip())
    return _LEAD_IN.sub(lambda m: m.group(1).strip() + ": ", block).replace("**", "")


class RowKey(NamedTuple):
    """What names a table row: its first column's header and cell ("Months of aid", "5"), and
    what it tells: the other columns' headers ("income limit")."""

    header: str
    cell: str
    tells: str


def prose(section_text: str) -> list[list[str]]:
    """The readable sentences of a section, paragraph by paragraph (list items are paragraphs).

    A bold lead-in ("**Apprenticeship.** You study...") becomes "Apprenticeship: You study...".
    A sentence ending in a colon and the short items that follow it become one sentence
    ("Degrees: a, 180 credits; b, 150 credits."); headings and tables are left out (an
    answer's sentences have a table's rows: `answer_sentences`).
    """
    paragraphs = _paragraphs(section_text)
    return [[text for text, _ in p] for p in paragraphs if not any(row for _, row in p)]


def _paragraphs(section_text: str) -> list[list[tuple[str, RowKey | None]]]:
    """`prose`, each sentence with its `RowKey` when it is a table row, and a table's rows as a
    paragraph of their own (`table_rows`)."""
    paragraphs: list[list[tuple[str, RowKey | None]]] = []
    intro: str | None = None
    items: list[str] = []

    def flush() -> None:
        nonlocal intro, items
        if intro and items:
            # (items written as a list often end in ";" or "." already)
            joined = "; ".join(item.rstrip(" ;,.") for item in items)
            paragraphs.append([(f"{intro} {joined}.", None)])
        intro, items = None, []

    section_text = _tables_apart(section_text)
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", section_text):
        if _is_row(block):
            flush()  # a sentence that led to the table says nothing without it
            rows: list[tuple[str, RowKey | None]] = [*_rows(block)]
            if rows:
                paragraphs.append(rows)
            continue
        if not block.strip() or block.lstrip().startswith("#"):
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
            paragraphs.append([(sentence, None) for sentence in sentences])
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
    row: RowKey | None = None
    """What names it when it is a table row (an answer only to a question naming it)."""


def answer_sentences(summary: str, sections: Iterable[Chunk]) -> Iterator[Sentence]:
    """Every sentence an answer may be made of: the summary's, then the readable prose and the
    table rows of each article section (a summary section or another kind of chunk adds none),
    in reading order."""
    for i, sentence in enumerate(split_sentences(summary)):
        yield Sentence(sentence, (0, 0, i), None, None)
    for s, section in enumerate(sections, start=1):
        if section.heading == "summary" or section.kind != "article":
            continue
        for p, paragraph in enumerate(_paragraphs(section.text)):
            for i, (sentence, row) in enumerate(paragraph):
                if readable_sentence(sentence):
                    before = paragraph[i - 1][0] if i else None
                    yield Sentence(sentence, (s, p, i), section, before, row)
