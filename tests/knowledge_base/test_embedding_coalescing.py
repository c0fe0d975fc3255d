"""Single queries that arrive together share one forward pass, with the same vectors as alone."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from knowledge_base.coalescing import CoalescingEmbedder, _Waiting
from knowledge_base.embedding import MINILM, load_embedder

QUERIES = [
    "How does apprenticeship training work?",
    "Voiko oppisopimuksella opiskella aikuisena?",
    "Hur fungerar läroavtal?",
    "Kela student financial aid for adults",
    "Can I study while unemployed?",
    "Mitä avoin yliopisto maksaa?",
    "Where do I find job openings?",
    "What is Ohjaamo?",
]


@pytest.fixture(scope="module")
def minilm() -> CoalescingEmbedder:
    """MiniLM without the query cache, so every query reaches the model."""
    embedder = load_embedder(MINILM, models_dir=Path("unused"), cache_size=0)
    assert isinstance(embedder, CoalescingEmbedder)
    return embedder


def test_concurrent_queries_share_passes_and_get_their_own_vectors(
    minilm: CoalescingEmbedder,
) -> None:
    alone = np.vstack([minilm.embed_queries([q]) for q in QUERIES * 2])
    passes = minilm.query_passes
    results: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(QUERIES) * 2)

    def ask(i: int) -> None:
        start.wait()
        results[i] = minilm.embed_queries([(QUERIES * 2)[i]])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(QUERIES) * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    together = np.vstack([results[i] for i in range(len(QUERIES) * 2)])
    assert together.shape == alone.shape == (16, minilm.dimension)
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert minilm.query_passes - passes < len(QUERIES) * 2


def test_a_query_alone_is_one_pass_of_its_own(minilm: CoalescingEmbedder) -> None:
    before = minilm.query_passes
    for query in QUERIES[:3]:
        minilm.embed_queries([query])
    assert minilm.query_passes - before == 3
    bulk = minilm.embed_passages(QUERIES)  # several texts: one call, not through the queue
    assert bulk.shape == (len(QUERIES), minilm.dimension)
    assert minilm.query_passes - before == 3


def test_a_bad_input_fails_only_its_own_query(minilm: CoalescingEmbedder) -> None:
    batch = [_Waiting(QUERIES[0]), _Waiting(None), _Waiting(QUERIES[1])]  # type: ignore[arg-type]
    minilm._fill(batch)
    assert batch[0].vector is not None and batch[2].vector is not None
    assert batch[1].vector is None and batch[1].error is not None
    np.testing.assert_allclose(batch[2].vector, minilm.embed_queries([QUERIES[1]])[0], atol=1e-5)
