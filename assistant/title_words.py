"""What article titles name: their names (head and brackets), the rare title words a question
may name a subject by, and the titles' rare acronyms (read by `assistant.ranking`)."""

from __future__ import annotations

import re

from assistant.coverage import SUBJECT_SHARE
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse


def service_names(title: str) -> tuple[str, ...]:
    """The names a sentence uses for the service of this title, short enough to be names."""
    names = [n.lower() for n in title_names(title) if len(n.split()) <= 2]
    return tuple(n[:-1] if len(n) > 5 else n for n in names)


def title_names(title: str) -> list[str]:
    """The names in an article title: its head and the names in brackets."""
    head = re.split(r"\s[–-]\s|[:?]", title)[0]
    parts = re.split(r"[()]", head)
    return [part.strip() for part in [parts[0], *parts[1::2]] if part.strip()]


SUBJECT_PREFIX = 6

GENERIC_SHARE = 0.2
"""A title's first word names the subject unless this share of the articles use it."""


ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{3,}\b")
LETTERS = re.compile(r"[a-zåäö]+")
CASE_ENDING = 4
"""Letters a case ending may add to an acronym ("jotpa" -> "jotpaan", "tuva" -> "tuvassa")."""


def acronyms_of(
    by_doc: dict[tuple[str, str], list[Chunk]],
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Acronyms of titles that at most SUBJECT_SHARE of a language's articles use (see
    `Library.acronyms`)."""
    texts: dict[str, list[str]] = {}
    named: dict[str, dict[str, set[str]]] = {}
    for (doc_id, language), chunks in by_doc.items():
        texts.setdefault(language, []).append(
            " ".join([chunks[0].title, chunks[0].summary, *(c.text for c in chunks)]).lower()
        )
        if doc_id.startswith("occupation-"):
            continue  # the guides are named by their occupations (assistant.occupations)
        for acronym in ACRONYM.findall(chunks[0].title):
            named.setdefault(language, {}).setdefault(acronym.lower(), set()).add(doc_id)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for language, acronyms in named.items():
        limit = SUBJECT_SHARE * len(texts[language])
        for acronym, docs in acronyms.items():
            pattern = re.compile(rf"\b{re.escape(acronym)}")
            if sum(1 for text in texts[language] if pattern.search(text)) <= limit:
                out.setdefault(language, {})[acronym] = tuple(sorted(docs))
    return out


def head_name(title: str, language: str) -> list[str]:
    """The stem of a title whose head is one word and no acronym ("Ohjaamo", "Nuorisotakuu"):
    the service's own name, however many articles mention it (acronyms: `acronyms_of`)."""
    head = title_names(title)[:1]
    if not head or ACRONYM.fullmatch(head[0]):
        return []
    stems = [t for t in analyse(head[0], language) if not t.startswith("~")]
    return stems if len(stems) == 1 else []


def subject_words_of(
    by_doc: dict[tuple[str, str], list[Chunk]],
) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """Rare title words by language (see `Library.subject_words`)."""
    used: dict[str, dict[str, int]] = {}
    sizes: dict[str, int] = {}
    for (_, language), chunks in by_doc.items():
        sizes[language] = sizes.get(language, 0) + 1
        text = " ".join([chunks[0].title, chunks[0].summary, *(c.text for c in chunks)])
        counts = used.setdefault(language, {})
        for stem in set(analyse(text, language)):
            counts[stem] = counts.get(stem, 0) + 1
    out: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for (doc_id, language), chunks in by_doc.items():
        if doc_id.startswith("occupation-"):
            continue  # the guides are named by their occupations (assistant.occupations)
        limit = SUBJECT_SHARE * sizes[language]
        stems = [
            t
            for t in analyse(" ".join(title_names(chunks[0].title)), language)
            if not t.startswith("~")  # (the analyser's word-beginning tokens)
        ]
        first = [
            t for t in stems[:1] if used[language].get(t, 0) <= GENERIC_SHARE * sizes[language]
        ]
        first += head_name(chunks[0].title, language)
        for stem in stems:
            if len(stem) >= SUBJECT_PREFIX and (
                used[language].get(stem, 0) <= limit or stem in first
            ):
                words = out.setdefault(language, {}).setdefault(stem[:SUBJECT_PREFIX], {})
                words[stem] = tuple(sorted({*words.get(stem, ()), doc_id}))
    return out
