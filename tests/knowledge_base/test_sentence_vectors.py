"""The articles' sentences embedded with the index: built once, reused, refused from another
model, and used to choose an answer's sentences by meaning."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.sentences import Candidate, Relevance, terms
from knowledge_base.embedding import Embedder, backend_of
from knowledge_base.index import build_index, check_index, collect_chunks
from knowledge_base.retriever import Retriever
from knowledge_base.sentence_vectors import (
    SentenceVectors,
    article_sentences,
    build_sentence_vectors,
)
from tests.conftest import FIXTURE_CONTENT


def test_every_answer_sentence_gets_a_vector_once(tmp_path: Path, minilm: Embedder) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    index = tmp_path / "index"
    build_index(index, chunks, minilm)
    texts = article_sentences(chunks)
    assert len(texts) > 20 and len(set(texts)) == len(texts)
    store = SentenceVectors.load(index, minilm.name, backend_of(minilm))
    assert store is not None and len(store) == len(texts)
    query = minilm.embed_queries([texts[0]])[0]
    query = query / np.linalg.norm(query)
    cosine = store.cosine(query, texts[0])
    assert cosine is not None and cosine > 0.8
    assert store.cosine(query, "a sentence no article has") is None
    # A rebuild embeds nothing again; another model's or runtime's vectors are not used.
    assert build_sentence_vectors(index, chunks, minilm)[1] == 0
    assert SentenceVectors.load(index, "other-model", backend_of(minilm)) is None
    assert SentenceVectors.load(index, minilm.name, "other-runtime") is None
    # The retriever carries them; an index without them (an older build) is rebuilt.
    assert Retriever.from_index_dir(index, minilm).sentences is not None
    assert check_index(index, chunks, minilm.name, backend_of(minilm)) is None
    (index / "sentences.json").unlink()
    assert "sentence vectors" in (check_index(index, chunks, minilm.name, backend_of(minilm)) or "")


def test_a_damaged_store_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "sentences.json").write_text('{"model": "m", "backend": "b", "texts": ["a"]}')
    assert SentenceVectors.load(tmp_path, "m", "b") is None  # no vectors file


def test_meaning_lifts_a_sentence_that_shares_no_word() -> None:
    pool = [
        Candidate("The annual income limit is 13 416 euros.", 1, 1, (1, 0, 0), terms("x", "en")),
        Candidate("Apply for the aid on the web.", 1, 1, (1, 0, 1), terms("x", "en")),
    ]
    cosines = {pool[0].text: 0.93, pool[1].text: 0.78}
    question = "how much can I earn"
    words_only = Relevance(question, "en", pool)
    with_meaning = Relevance(question, "en", pool, similarity=cosines.get)
    assert words_only.score(pool[0]) == words_only.score(pool[1])
    assert with_meaning.score(pool[0]) > with_meaning.score(pool[1])
    # Below the floor a cosine adds nothing.
    assert with_meaning.score(pool[1]) == words_only.score(pool[1])
