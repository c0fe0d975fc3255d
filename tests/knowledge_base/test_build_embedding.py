"""A rebuild in the same index folder takes from the embedding cache every text an earlier
build embedded with the same embedder."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge_base.build_embedding import CACHE_DIR, EmbeddingCache, embed_missing
from knowledge_base.chunking import Chunk
from knowledge_base.embedding import Embedder
from knowledge_base.index import MANIFEST, build_index, collect_chunks, load_index
from knowledge_base.sentence_vectors import SENTENCES
from tests.conftest import FIXTURE_CONTENT


class Counting:
    """The real embedder, counting the passages it is given."""

    def __init__(self, inner: Embedder, fingerprint: str | None = "minilm|test") -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.backend = "torch"
        if fingerprint is not None:
            self.fingerprint = fingerprint
        self.passages: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)


def test_texts_come_back_in_order_and_cached_ones_are_not_embedded(
    tmp_path: Path, minilm: Embedder
) -> None:
    embedder = Counting(minilm)
    cache = EmbeddingCache.open(tmp_path, embedder)
    assert cache is not None and len(cache) == 0
    cache.add(["Nurses work shifts."], minilm.embed_passages(["Nurses work shifts."]))
    texts = ["Apply in spring.", "Nurses work shifts.", "Apply in spring.", "Ask a counsellor."]
    calls: list[tuple[int, int]] = []
    vectors, embedded = embed_missing(
        embedder, texts, cache=cache, batch=1, progress=lambda d, t: calls.append((d, t))
    )
    # A repeat is embedded once: a vector depends only on its text.
    assert embedder.passages == ["Apply in spring.", "Ask a counsellor."]
    assert embedded == 2 and calls == [(0, 2), (1, 2), (2, 2)]
    assert np.array_equal(vectors[0], vectors[2])
    np.testing.assert_allclose(vectors[3], minilm.embed_passages(["Ask a counsellor."])[0])
    np.testing.assert_allclose(vectors[1], minilm.embed_passages(["Nurses work shifts."])[0])
    empty, none = embed_missing(embedder, [])
    assert empty.shape == (0, minilm.dimension) and none == 0


def test_a_lost_index_is_rebuilt_from_the_cache_without_the_model(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    first = Counting(minilm)
    build_index(tmp_path, chunks, first)
    assert len(first.passages) > len(chunks)  # chunks and sentences
    _, vectors, _ = load_index(tmp_path)
    for name in (MANIFEST, "chunks.jsonl", "vectors.npy", SENTENCES):
        (tmp_path / name).unlink()
    again = Counting(minilm)
    report = build_index(tmp_path, chunks, again)
    assert again.passages == [] and report.embedded == 0
    assert np.array_equal(load_index(tmp_path)[1], vectors)


def test_only_new_texts_are_embedded_when_chunks_come_back(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, Counting(minilm))
    build_index(tmp_path, chunks[:3], Counting(minilm))  # the index forgets the others
    back = Counting(minilm)
    report = build_index(tmp_path, chunks, back)
    assert back.passages == [] and report.embedded == 0 and report.reused == len(chunks)
    edited = [*chunks[:-1], _edited(chunks[-1])]
    changed = Counting(minilm)
    assert build_index(tmp_path, edited, changed).embedded == 1
    assert changed.passages == [edited[-1].embed_text]


def test_another_embedder_or_one_without_a_fingerprint_gets_no_vectors(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, Counting(minilm))
    (tmp_path / MANIFEST).unlink()
    other = Counting(minilm, fingerprint="minilm|another-conversion")
    assert build_index(tmp_path, chunks, other).embedded == len(chunks)
    assert EmbeddingCache.open(tmp_path, Counting(minilm, fingerprint=None)) is None
    assert len(list((tmp_path / CACHE_DIR).glob("*.npz"))) == 2


def test_an_index_of_another_fingerprint_is_embedded_again(
    tmp_path: Path, minilm: Embedder
) -> None:
    # Same model and runtime, other vectors (another conversion; int8 passes shared by several
    # texts): neither the index's chunk vectors nor its sentence vectors are reused.
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    first = Counting(minilm)
    build_index(tmp_path, chunks, first)
    other = Counting(minilm, fingerprint="minilm|another-conversion")
    assert build_index(tmp_path, chunks, other).embedded == len(chunks)
    assert sorted(other.passages) == sorted(first.passages)
    same = Counting(minilm, fingerprint="minilm|another-conversion")
    assert build_index(tmp_path, chunks, same).embedded == 0 and same.passages == []


def test_a_damaged_cache_is_an_empty_one(tmp_path: Path, minilm: Embedder) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, Counting(minilm))
    (cached,) = (tmp_path / CACHE_DIR).glob("*.npz")
    cached.write_bytes(cached.read_bytes()[:200])
    (tmp_path / MANIFEST).unlink()
    again = Counting(minilm)
    assert build_index(tmp_path, chunks, again).embedded == len(chunks)
    assert len(EmbeddingCache.open(tmp_path, again) or []) >= len(chunks)  # written anew


def _edited(chunk: Chunk) -> Chunk:
    return dataclasses.replace(chunk, text=chunk.text + " Edited.")
