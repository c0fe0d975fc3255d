"""The knowledge base as LangChain parts: a `BaseRetriever` and an `Embeddings`."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge_base.embedding import Embedder
from knowledge_base.retriever import Hit, Retriever


def hit_to_document(hit: Hit) -> Document:
    """A LangChain Document for one hit: the passage, with where it came from."""
    chunk = hit.chunk
    return Document(
        id=chunk.id,
        page_content=chunk.text,
        metadata={
            "id": chunk.id,
            "doc_id": chunk.doc_id,
            "title": chunk.title,
            "heading": chunk.heading,
            "url": chunk.url,
            "score": hit.score,
            "language": chunk.language,
            "kind": chunk.kind,
        },
    )


class KnowledgeBaseRetriever(BaseRetriever):
    """Suunta's hybrid `Retriever` behind LangChain's retriever interface."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    language: str | None = None
    """The language questions are asked in (its passages are preferred), or None."""
    k: int = 5
    kinds: tuple[str, ...] | None = ("article",)
    """Which kinds of chunk to return; ESCO occupations are kept apart by default."""
    languages: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None
    audience: tuple[str, ...] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.retriever.search(
            query,
            language=self.language,
            k=self.k,
            kinds=self.kinds,
            languages=self.languages,
            topics=self.topics,
            audience=self.audience,
        )
        return [hit_to_document(hit) for hit in hits]


class EmbedderEmbeddings(Embeddings):
    """An `Embedder` as LangChain `Embeddings` (documents are passages, queries are queries)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passage vectors (e5 models get their `passage: ` prefix)."""
        return [list(map(float, v)) for v in self.embedder.embed_passages(texts)]

    def embed_query(self, text: str) -> list[float]:
        """One query vector (e5 models get their `query: ` prefix)."""
        return [float(x) for x in self.embedder.embed_queries([text])[0]]
