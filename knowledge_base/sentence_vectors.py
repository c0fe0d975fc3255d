"""One embedding per sentence of the articles, built with the index, for choosing the sentences
of an answer by meaning as well as by shared words.

Retrieval finds the right article; which of its sentences answer the question is a finer choice.
Shared words miss a sentence that answers in other words ("how much can I earn" against "the
annual income limit is ..."), so every sentence an extractive answer may use is embedded once
at build time (as a passage, like the chunks) and stored beside the index; a reply then costs
one dot product per candidate sentence with the query vector it already has.

Files in the index directory: `sentences.json` (model, backend, the embedder's fingerprint and
the sentences in row order) and `sentence_vectors.npy` (float16 rows, unit length). A rebuild
embeds only sentences it has no vector for from an embedder of the same fingerprint. Without
the files, answers choose by words alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from knowledge_base.build_embedding import EmbeddingCache, embed_missing, fingerprint_of
from knowledge_base.chunking import Chunk
from knowledge_base.embedding import Embedder, backend_of
from knowledge_base.segmenting import answer_sentences

SENTENCES = "sentences.json"
SENTENCE_VECTORS = "sentence_vectors.npy"


def article_sentences(chunks: Iterable[Chunk]) -> list[str]:
    """Every sentence an answer may be made of: the articles' summaries and their sections'
    readable prose, each once, in a stable order."""
    found = {
        sentence.text
        for chunk in chunks
        if chunk.kind == "article"
        for sentence in answer_sentences(chunk.summary, (chunk,))
    }
    return sorted(found)


class SentenceVectors:
    """The sentences' unit vectors, looked up by the sentence's text."""

    def __init__(self, texts: list[str], vectors: np.ndarray) -> None:
        self._row = {text: i for i, text in enumerate(texts)}
        self._vectors = np.asarray(vectors, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._row)

    def cosine(self, query: np.ndarray, text: str) -> float | None:
        """Cosine of a unit query vector and the sentence (None for a sentence not stored)."""
        row = self._row.get(text)
        return None if row is None else float(self._vectors[row] @ query)

    def likeness(self, a: str, b: str) -> float | None:
        """Cosine of two stored sentences (None if either is not stored)."""
        row_a, row_b = self._row.get(a), self._row.get(b)
        if row_a is None or row_b is None:
            return None
        return float(self._vectors[row_a] @ self._vectors[row_b])

    @classmethod
    def load(cls, index_dir: Path, model: str, backend: str) -> SentenceVectors | None:
        """The stored vectors when they were made by this model and runtime, else None."""
        stored = _read(index_dir)
        if stored is None or stored[0] != (model, backend):
            return None
        return cls(stored[2], stored[3])


def _read(index_dir: Path) -> tuple[tuple[str, str], str | None, list[str], np.ndarray] | None:
    """Who made the stored vectors (model and runtime; fingerprint), the texts, the vectors."""
    try:
        meta = json.loads((index_dir / SENTENCES).read_text(encoding="utf-8"))
        vectors = np.load(index_dir / SENTENCE_VECTORS)
        texts = [str(t) for t in meta["texts"]]
        made_by = (str(meta["model"]), str(meta["backend"]))
        fingerprint = meta.get("fingerprint")
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: rebuilt, and meanwhile answers choose by words
    if len(texts) != len(vectors):
        return None
    return made_by, fingerprint if isinstance(fingerprint, str) else None, texts, vectors


def build_sentence_vectors(
    index_dir: Path,
    chunks: Iterable[Chunk],
    embedder: Embedder,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 256,
    cache: EmbeddingCache | None = None,
) -> tuple[int, int]:
    """Embed the sentences the stored files (and the build's embedding `cache`, which asks the
    shipped seeds) lack and write the files; returns how many sentences there are and how many
    were embedded."""
    texts = article_sentences(chunks)
    made_by = (embedder.name, backend_of(embedder))
    known = _stored_vectors(index_dir, made_by, fingerprint_of(embedder))
    missing = [t for t in texts if t not in known]
    # Similar lengths in a batch waste less padding.
    missing.sort(key=len)
    vectors, embedded = embed_missing(
        embedder, missing, cache=cache, progress=progress, batch=batch
    )
    if len(missing):
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        known.update(zip(missing, vectors.astype(np.float16), strict=True))
    matrix = np.stack([known[t] for t in texts]) if texts else np.zeros((0, 0), np.float16)
    with (index_dir / SENTENCE_VECTORS).open("wb") as handle:
        np.save(handle, matrix.astype(np.float16))
    meta = {
        "model": made_by[0],
        "backend": made_by[1],
        "fingerprint": fingerprint_of(embedder),
        "texts": texts,
    }
    (index_dir / SENTENCES).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return len(texts), embedded


def _stored_vectors(
    index_dir: Path, made_by: tuple[str, str], fingerprint: str | None
) -> dict[str, np.ndarray]:
    """The stored sentences' vectors when an embedder of this fingerprint made them, else none."""
    stored = _read(index_dir)
    if stored is None or stored[:2] != (made_by, fingerprint):
        return {}
    return {text: stored[3][i] for i, text in enumerate(stored[2])}
