"""Repeated questions are answered from a bounded cache, keyed by the normalised text."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from knowledge_base.coalescing import CoalescingEmbedder, normalise_query


class CountingEmbedder(CoalescingEmbedder):
    """Deterministic vectors from the text's hash, counting the texts that reach the model
    (the cache is what is tested here, not a model)."""

    def __init__(self, cache_size: int) -> None:
        super().__init__(name="counting", backend="test", cache_size=cache_size)
        self.dimension = 8
        self.seen: list[str] = []

    def _run(self, texts: list[str], *, bulk: bool = False) -> np.ndarray:
        self.seen.extend(texts)
        rows = []
        for text in texts:
            digest = hashlib.sha256(text.encode()).digest()[: self.dimension]
            row = np.frombuffer(digest, dtype=np.uint8).astype(np.float32) + 1
            rows.append(row / np.linalg.norm(row))
        return np.vstack(rows)


def test_a_repeated_question_is_embedded_once() -> None:
    embedder = CountingEmbedder(cache_size=16)
    first = embedder.embed_queries(["Mitä avoin yliopisto maksaa?"])
    again = embedder.embed_queries(["  Mitä avoin   yliopisto maksaa?\n"])
    np.testing.assert_array_equal(first, again)
    assert embedder.seen == ["Mitä avoin yliopisto maksaa?"]
    assert embedder.cache_hits == 1


def test_case_is_kept_apart_because_the_model_sees_it() -> None:
    embedder = CountingEmbedder(cache_size=16)
    embedder.embed_queries(["kela"])
    embedder.embed_queries(["Kela"])
    assert embedder.seen == ["kela", "Kela"]


def test_the_cache_is_bounded_and_forgets_the_least_recently_asked() -> None:
    embedder = CountingEmbedder(cache_size=2)
    for question in ("a", "b", "a", "c"):  # "a" asked again, so "b" is the oldest
        embedder.embed_queries([question])
    embedder.embed_queries(["a"])
    embedder.embed_queries(["b"])
    assert embedder.seen == ["a", "b", "c", "b"]
    assert len(embedder._cache) == 2


def test_a_batch_embeds_only_its_new_distinct_questions() -> None:
    embedder = CountingEmbedder(cache_size=16)
    embedder.embed_queries(["a"])
    vectors = embedder.embed_queries(["a", "b", "b ", "c"])
    assert embedder.seen == ["a", "b", "c"]
    assert vectors.shape == (4, 8)
    np.testing.assert_array_equal(vectors[1], vectors[2])


def test_size_zero_turns_the_cache_off() -> None:
    embedder = CountingEmbedder(cache_size=0)
    embedder.embed_queries(["a"])
    embedder.embed_queries(["a"])
    assert embedder.seen == ["a", "a"]


def test_cached_vectors_cannot_be_changed_by_a_caller() -> None:
    embedder = CountingEmbedder(cache_size=4)
    vector = embedder.embed_queries(["a"])[0]
    vector[:] = 0  # the caller's copy
    assert embedder.embed_queries(["a"])[0].any()


@pytest.mark.parametrize(
    ("raw", "key"),
    [("  two\tspaces  here ", "two spaces here"), ("Cafe\u0301", "Café"), ("", "")],
)
def test_normalised_text(raw: str, key: str) -> None:
    assert normalise_query(raw) == key
