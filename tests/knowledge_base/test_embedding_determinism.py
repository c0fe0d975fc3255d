"""With the default embedder (onnx-int8) a text's vector depends on the text alone: the same
embedded alone, in a build among other texts, and among queries that arrive together (slow:
materialises, exports and quantises the real model)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from knowledge_base.build_embedding import embed_missing
from knowledge_base.coalescing import CoalescingEmbedder, _Waiting
from knowledge_base.embedding import DEFAULT_BACKEND, MULTILINGUAL_E5, load_embedder
from knowledge_base.index import build_index, collect_chunks, load_index
from tests.conftest import FIXTURE_CONTENT
from tests.knowledge_base.test_e5_model import SENTENCES

pytestmark = pytest.mark.slow

# Short and long texts together, so a shared pass would pad and rescale them.
TEXTS = [text for _, text in SENTENCES] + [" ".join(text for _, text in SENTENCES[:12])]


@pytest.fixture(scope="module")
def e5(e5_models_dir: Path) -> CoalescingEmbedder:
    """The default embedder without the query cache, so every query reaches the model."""
    embedder = load_embedder(
        MULTILINGUAL_E5,
        models_dir=e5_models_dir,
        backend=DEFAULT_BACKEND,
        cache_size=0,
    )
    assert isinstance(embedder, CoalescingEmbedder)
    return embedder


def test_a_passage_has_one_vector_alone_or_in_a_build(
    e5: CoalescingEmbedder, tmp_path: Path
) -> None:
    alone = np.vstack([e5.embed_passages([text]) for text in TEXTS])
    assert np.array_equal(e5.embed_passages(TEXTS), alone)  # passes on every core
    assert np.array_equal(e5.embed_passages(TEXTS[::-1]), alone[::-1])
    vectors, _ = embed_missing(e5, [*TEXTS, *TEXTS[:5]], batch=7)  # the build's calls
    assert np.array_equal(vectors, np.vstack([alone, alone[:5]]))
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, e5, cache=False, seeds={})
    built, stored, _ = load_index(tmp_path)
    for i in range(0, len(built), 5):
        assert np.array_equal(stored[i], e5.embed_passages([built[i].embed_text])[0])


def test_a_query_has_one_vector_alone_or_among_concurrent_queries(e5: CoalescingEmbedder) -> None:
    alone = np.vstack([e5.embed_queries([text]) for text in TEXTS])
    assert np.array_equal(e5.embed_queries(TEXTS), alone)
    # Gathered as the coalescing gathers queries that arrive while the model is busy.
    gathered = [_Waiting(e5._query_prefix + text) for text in TEXTS]
    e5._fill(gathered)
    assert all(w.vector is not None for w in gathered)
    assert np.array_equal(np.vstack([w.vector for w in gathered if w.vector is not None]), alone)
    results: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(TEXTS))

    def ask(i: int) -> None:
        start.wait()
        results[i] = e5.embed_queries([TEXTS[i]])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(TEXTS))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert np.array_equal(np.vstack([results[i] for i in range(len(TEXTS))]), alone)
