"""Chunks follow article sections and carry the article's title and summary as context."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from knowledge_base.articles import Article

# Headings that only say what kind of chunk it is, not what it is about.
_NO_HEADING = ("summary", "occupation")
# ESCO descriptions are long and formulaic: name, other names and the first sentences say what
# the occupation is. Embedding at most ~96 words (~128 tokens) found the same occupations as 256
# tokens and makes the first build ~20% faster (bench/retrieval.py notes).
EMBED_WORDS = {"occupation": 96}


QUESTION_KINDS = frozenset({"card", "limit"})
"""Chunks that are a learner's question, embedded and searched as the question alone."""


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: an article section, an article summary or an ESCO occupation."""

    id: str
    """Stable across rebuilds: article id, language and section slug."""
    doc_id: str
    """The article id shared by translations (or the ESCO URI for occupations)."""
    kind: str
    """`article`, `occupation`, `card` (one question of an answer card) or `limit` (one question
    of a kind the sources never answer; see knowledge_base.limits)."""
    language: str
    title: str
    heading: str
    text: str
    """The passage as shown to a reader."""
    url: str
    topics: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    summary: str = ""
    keywords: str = ""
    """Other names the passage goes by (an occupation's alternative labels): searched, not shown."""
    age_max: int | None = None
    """The article's service is for people up to this age (see Article.age_max)."""

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the passage under its article title and section heading."""
        # The article summary is left out on purpose: repeated in every section it made the
        # sections of one article look alike to the embedder (dev-set Recall@5 0.88 -> 0.92
        # dense-only without it; bench/retrieval.py notes). The summary has its own chunk.
        if self.kind in QUESTION_KINDS:
            return self.text  # a learner's question, matched question to question
        parts = [self.title]
        if self.keywords:  # early, so that truncating a long text never cuts them off
            parts.append(self.keywords)
        if self.heading and self.heading not in _NO_HEADING:
            parts.append(self.heading)
        parts.append(self.text)
        text = "\n".join(parts)
        limit = EMBED_WORDS.get(self.kind)
        if limit and len(text.split()) > limit:
            text = " ".join(text.split()[:limit])
        return text

    @property
    def lexical_text(self) -> str:
        """What BM25 sees: the passage with the article summary as context for its words."""
        if not self.summary or self.heading == "summary" or self.kind in QUESTION_KINDS:
            return self.embed_text
        return "\n".join([self.title, self.summary, self.heading, self.text])

    @property
    def content_hash(self) -> str:
        """Changes whenever what gets embedded changes (drives incremental builds)."""
        return hashlib.sha256(self.embed_text.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the index artefact."""
        data = asdict(self)
        data["topics"] = list(self.topics)
        data["audience"] = list(self.audience)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        """Inverse of `to_dict` (a stored `content_hash` is left out: it is derived)."""
        data = dict(data)
        data.pop("content_hash", None)
        data["topics"] = tuple(data.get("topics", ()))
        data["audience"] = tuple(data.get("audience", ()))
        return cls(**data)


def occupation_names(article: Article) -> list[str]:
    """The names an occupation guide gives its occupation (none for other articles)."""
    names = (article.occupation or {}).get("names")
    return [str(n) for n in names] if isinstance(names, list) else []


def slugify(text: str) -> str:
    """ASCII kebab-case slug of a heading (ä -> a), stable for chunk ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def chunk_article(article: Article) -> list[Chunk]:
    """One summary chunk plus one chunk per section."""
    base: dict[str, Any] = {
        "doc_id": article.id,
        "kind": "article",
        "language": article.language,
        "title": article.title,
        "url": article.url,
        "topics": article.topics,
        "audience": article.audience,
        "summary": article.summary,
        "age_max": article.age_max,
        # An occupation guide is found by every name the occupation goes by.
        "keywords": ", ".join(occupation_names(article)),
    }
    chunks = [
        Chunk(
            id=f"{article.id}/{article.language}/summary",
            heading="summary",
            text=article.summary,
            **base,
        )
    ]
    used: set[str] = set()
    for section in article.sections:
        slug = slugify(section.heading)
        while slug in used:  # two sections with the same heading keep distinct, stable ids
            slug += "-2"
        used.add(slug)
        chunks.append(
            Chunk(
                id=f"{article.id}/{article.language}/{slug}",
                heading=section.heading,
                text=section.text,
                **base,
            )
        )
    return chunks
