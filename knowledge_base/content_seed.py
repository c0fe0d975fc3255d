"""The bundled content's texts whose vectors ship in knowledge_base/data/content-vectors/.

A first build on a fresh machine embeds the article chunks, the answer-card and limit
questions and the articles' sentences (knowledge_base/sentence_vectors.py) of the corpus in the
repo; the shipped content seed (`suunta kb seed-content`, knowledge_base/seed_vectors.py) holds
their vectors as the default embedder made them, so that build embeds only the texts edited
since. The ESCO occupations have their own seed (`suunta kb seed-esco`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from knowledge_base.chunking import Chunk
from knowledge_base.index import collect_chunks
from knowledge_base.sentence_vectors import article_sentences


def embedded_texts(chunks: Iterable[Chunk]) -> list[str]:
    """What a build of `chunks` gives to the embedder (chunks, then the articles' sentences),
    each text once, ESCO occupations left out."""
    content = [chunk for chunk in chunks if chunk.kind != "occupation"]
    texts = [chunk.embed_text for chunk in content] + article_sentences(content)
    return list(dict.fromkeys(texts))


def content_texts(content_dir: Path) -> list[str]:
    """The texts of the content seed: what a build of `content_dir` embeds, with the ESCO
    occupations on or off (they only add chunks of their own), but for the occupations."""
    with_occupations = collect_chunks(content_dir, include_occupations=True)
    without = collect_chunks(content_dir, include_occupations=False)
    return list(dict.fromkeys(embedded_texts(with_occupations) + embedded_texts(without)))
