"""Hybrid retrieval: dense (FAISS) and lexical (BM25) results fused by a convex combination of
their normalised scores."""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from opentelemetry import trace

from knowledge_base.chunking import Chunk
from knowledge_base.dense import DenseIndex
from knowledge_base.embedding import Embedder, backend_of
from knowledge_base.index import load_index
from knowledge_base.lexical import LexicalIndex
from knowledge_base.sentence_vectors import SentenceVectors

CANDIDATES = 50
# Fusion: DENSE_WEIGHT * cosine + (1 - DENSE_WEIGHT) * BM25, each scaled to 0..1 over the
# candidates of one query. Reciprocal-rank fusion threw the scores away: a message whose words
# match one article far better than any other (BM25 6.0 against 3.1) lost to articles that were
# merely mid-ranked in both lists, which is how crisis messages missed the crisis article.
# Dev set, e5-small, fi/sv/en Recall@5 and MRR@10: RRF 0.950/0.989/0.992 and 0.903/0.907/0.896,
# convex 0.6 0.967/0.991/0.995 and 0.912/0.916/0.913; weights 0.5 to 0.7 all beat RRF.
DENSE_WEIGHT = 0.6
# A reader asking in Finnish wants the Finnish version of an article when there is one.
SAME_LANGUAGE_BONUS = 0.05
_tracer = trace.get_tracer(__name__)


@dataclass(frozen=True)
class _Part:
    """The indexes over the chunks of one kind; `positions` maps back into `chunks`."""

    positions: np.ndarray
    vectors: np.ndarray
    """The rows of these chunks, in the same order."""
    languages: np.ndarray
    """The language of each chunk."""
    dense: DenseIndex
    lexical: LexicalIndex


@dataclass(frozen=True)
class _Fused:
    """The candidates of one or more parts: chunk positions, fused and raw BM25 scores (0
    for those BM25 did not find) and languages, in matching order."""

    positions: np.ndarray
    fused: np.ndarray
    lexical: np.ndarray
    languages: np.ndarray

    @classmethod
    def join(cls, parts: list[_Fused]) -> _Fused:
        if len(parts) == 1:
            return parts[0]
        fields = ("positions", "fused", "lexical", "languages")
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in fields))


def _lexical_languages(
    available: list[str], language: str | None, languages: Collection[str] | None
) -> list[str]:
    """BM25 runs in the query's language only: words do not match across languages."""
    if language and (not languages or language in languages):
        return [language] if language in available else []
    return [lang for lang in available if not languages or lang in languages]


def _rows(vectors: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The rows at (ascending) `positions`: a view, not a copy, when they are one run, as the
    chunks of one kind are in an index."""
    if len(positions) and positions[-1] - positions[0] + 1 == len(positions):
        return vectors[positions[0] : positions[-1] + 1]
    return np.ascontiguousarray(vectors[positions])


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its scores."""

    chunk: Chunk
    score: float
    """Cosine similarity between the query and the chunk (0..1 in practice)."""
    fused: float
    """Fusion score that decided the order: 0..1, plus SAME_LANGUAGE_BONUS."""
    lexical: float = 0.0


@dataclass
class SearchTimings:
    """Milliseconds spent in each step of the last search."""

    embed_ms: float = 0.0
    search_ms: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


class Retriever:
    """Searches the knowledge base in any of fi/sv/en, with filters."""

    def __init__(self, chunks: list[Chunk], vectors: np.ndarray, embedder: Embedder) -> None:
        self.chunks = chunks
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.embedder = embedder
        self.sentences: SentenceVectors | None = None
        """Vectors of the articles' sentences, when the index has them."""
        # One dense and one lexical index per kind of chunk: 3,000 ESCO occupations must not
        # crowd the articles out of a candidate list (nor cost an article search any time).
        self._parts: dict[str, _Part] = {}
        for kind in dict.fromkeys(c.kind for c in chunks):
            positions = np.array([i for i, c in enumerate(chunks) if c.kind == kind])
            vectors_of_kind = _rows(self.vectors, positions)
            self._parts[kind] = _Part(
                positions,
                vectors_of_kind,
                np.array([chunks[i].language for i in positions]),
                DenseIndex(vectors_of_kind),
                LexicalIndex(
                    [chunks[i].lexical_text for i in positions],
                    [chunks[i].language for i in positions],
                ),
            )
        self.last = SearchTimings()

    @property
    def kinds(self) -> list[str]:
        """Kinds of chunk in the index (`article`, `occupation`)."""
        return list(self._parts)

    @classmethod
    def from_index_dir(cls, index_dir: Path, embedder: Embedder) -> Retriever:
        """Load the artefact built by `build_index`."""
        chunks, vectors, _ = load_index(index_dir)
        retriever = cls(chunks, vectors, embedder)
        retriever.sentences = SentenceVectors.load(index_dir, embedder.name, backend_of(embedder))
        return retriever

    @property
    def article_count(self) -> int:
        """Number of distinct (article, language) documents."""
        return len({(c.doc_id, c.language) for c in self.chunks if c.kind == "article"})

    def search(
        self,
        query: str,
        *,
        language: str | None = None,
        k: int = 5,
        languages: Collection[str] | None = None,
        topics: Collection[str] | None = None,
        audience: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Hit]:
        """Top-k chunks for `query` (asked in `language`), optionally filtered."""
        started = time.perf_counter()
        vector = self.embedder.embed_queries([query])[0]
        embedded = time.perf_counter()
        hits = self.search_vector(
            vector,
            query,
            language=language,
            k=k,
            languages=languages,
            topics=topics,
            audience=audience,
            kinds=kinds,
        )
        self.last = SearchTimings(
            embed_ms=(embedded - started) * 1000, search_ms=(time.perf_counter() - embedded) * 1000
        )
        return hits

    def search_vector(
        self,
        vector: np.ndarray,
        query: str,
        *,
        language: str | None = None,
        k: int = 5,
        languages: Collection[str] | None = None,
        topics: Collection[str] | None = None,
        audience: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Hit]:
        """The search step alone, for an already embedded query."""
        # A span through the OpenTelemetry API only (a no-op without an SDK); never the query.
        with _tracer.start_as_current_span(
            "retrieval knowledge-base",
            attributes={"gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "suunta"},
        ) as span:
            hits = self._search_vector(
                vector, query, language, k, languages, topics, audience, kinds
            )
            span.set_attribute("suunta.hit_count", len(hits))
        return hits

    def _search_vector(
        self,
        vector: np.ndarray,
        query: str,
        language: str | None,
        k: int,
        languages: Collection[str] | None,
        topics: Collection[str] | None,
        audience: Collection[str] | None,
        kinds: Collection[str] | None,
    ) -> list[Hit]:
        filtered = bool(languages or topics or audience)
        wanted = CANDIDATES * (8 if filtered else 1)
        found = [
            self._fuse(part, vector, query, language, languages, wanted)
            for kind, part in self._parts.items()
            if not kinds or kind in kinds
        ]
        if not found:
            return []
        pool = _Fused.join(found)
        keep = np.ones(len(pool.positions), dtype=bool)
        if languages:
            keep &= np.isin(pool.languages, list(languages))
        if topics or audience:
            keep &= [self._matches(int(pos), topics, audience) for pos in pool.positions]
        scores = pool.fused[keep]
        if language:
            scores[pool.languages[keep] == language] += SAME_LANGUAGE_BONUS
        positions = pool.positions[keep]
        # Best fused score first, a tie to the later chunk (as sorting (score, position)
        # pairs in reverse would).
        order = np.lexsort((positions, scores))[::-1][:k]
        top = positions[order]
        cosines = self.vectors[top] @ vector if len(top) else np.array([])
        lexical = pool.lexical[keep][order]
        return [
            Hit(self.chunks[pos], float(cos), float(score), float(lex))
            for pos, cos, score, lex in zip(
                top.tolist(), cosines, scores[order], lexical, strict=True
            )
        ]

    def _matches(
        self, pos: int, topics: Collection[str] | None, audience: Collection[str] | None
    ) -> bool:
        chunk = self.chunks[pos]
        if topics and not set(chunk.topics) & set(topics):
            return False
        return not (audience and not set(chunk.audience) & set(audience))

    def _fuse(
        self,
        part: _Part,
        vector: np.ndarray,
        query: str,
        language: str | None,
        languages: Collection[str] | None,
        wanted: int,
    ) -> _Fused:
        """The fused score of each candidate of one kind of chunk (the `wanted` nearest and
        those BM25 finds), with its raw BM25 score, as arrays over the candidates."""
        size = len(part.positions)
        raw = np.zeros(size)  # BM25 scores
        scaled = np.zeros(size)  # each language's BM25 scaled by its best score
        for lang in _lexical_languages(part.lexical.languages, language, languages):
            found, scores = part.lexical.top(query, lang, wanted)
            if len(found):
                raw[found] = scores
                scaled[found] = raw[found] / raw[found[0]]
        in_pool = raw > 0
        in_pool[part.dense.ids(vector, wanted)] = True
        pool = np.flatnonzero(in_pool)
        # Exact cosines for every candidate, also those only BM25 found.
        cosines = (part.vectors if len(pool) == size else part.vectors[pool]) @ vector
        low, span = float(cosines.min()), float(cosines.max() - cosines.min()) or 1.0
        dense = (cosines.astype(np.float64) - low) / span
        fused = DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * scaled[pool]
        return _Fused(part.positions[pool], fused, raw[pool], part.languages[pool])

    def search_documents(
        self,
        query: str,
        *,
        language: str | None = None,
        k: int = 10,
        **filters: Collection[str] | None,
    ) -> list[Hit]:
        """The best hit per document (article id or occupation), top-k documents."""
        hits = self.search(query, language=language, k=k * 6, **filters)
        best: dict[str, Hit] = {}
        for hit in hits:
            if hit.chunk.doc_id not in best:
                best[hit.chunk.doc_id] = hit
        return list(best.values())[:k]
