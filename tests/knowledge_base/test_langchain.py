"""The knowledge base inside LangChain: the retriever in a chain, the embedder as Embeddings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from langchain_core.documents import Document
from langchain_core.language_models import FakeListChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompt_values import PromptValue
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from knowledge_base.embedding import Embedder
from knowledge_base.index import build_index, collect_chunks
from knowledge_base.langchain_adapters import EmbedderEmbeddings, KnowledgeBaseRetriever
from knowledge_base.retriever import Retriever
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The real hybrid retriever over the fixture corpus."""
    index_dir: Path = tmp_path_factory.mktemp("index")
    build_index(index_dir, collect_chunks(FIXTURE_CONTENT, include_occupations=False), minilm)
    return Retriever.from_index_dir(index_dir, minilm)


def format_docs(docs: list[Document]) -> str:
    """Numbered passages with their source, as a prompt would quote them."""
    return "\n".join(
        f"[{n}] {d.metadata['title']} ({d.metadata['url']}): {d.page_content}"
        for n, d in enumerate(docs, start=1)
    )


def test_documents_carry_their_source(retriever: Retriever) -> None:
    kb = KnowledgeBaseRetriever(retriever=retriever, language="en", k=3)
    docs = kb.invoke("What are the income limits for the study grant?")
    assert len(docs) == 3
    first = docs[0]
    assert first.metadata["id"].startswith("kela-student-aid/en/")
    assert first.metadata["kind"] == "article" and first.metadata["language"] == "en"
    assert first.metadata["url"] and first.metadata["title"]
    assert 0.0 < first.metadata["score"] <= 1.0
    assert first.page_content in {c.text for c in retriever.chunks}


def test_retriever_filters_pass_through(retriever: Retriever) -> None:
    kb = KnowledgeBaseRetriever(retriever=retriever, language="fi", k=4, languages=("fi",))
    docs = kb.invoke("oppisopimus")
    assert docs and {d.metadata["language"] for d in docs} == {"fi"}


def test_retriever_inside_a_chain(retriever: Retriever) -> None:
    kb = KnowledgeBaseRetriever(retriever=retriever, language="en", k=2)
    prompt = ChatPromptTemplate.from_messages(
        [("system", "Answer from these passages only:\n{context}"), ("human", "{question}")]
    )
    seen: list[str] = []

    def remember(value: PromptValue) -> PromptValue:
        seen.append(value.to_string())
        return value

    model = FakeListChatModel(responses=["You can earn a wage while you study [1]."])
    chain = (
        {"context": kb | RunnableLambda(format_docs), "question": RunnablePassthrough()}
        | prompt
        | RunnableLambda(remember)
        | model
        | StrOutputParser()
    )
    answer = chain.invoke("Do apprentices get paid?")
    assert answer == "You can earn a wage while you study [1]."
    # The prompt the model saw quotes the apprenticeship article, with its source.
    assert "[1] Apprenticeship training" in seen[0] and "Do apprentices get paid?" in seen[0]
    assert "collective agreement" in seen[0]


def test_embeddings_are_the_embedders_vectors(minilm: Embedder) -> None:
    embeddings = EmbedderEmbeddings(minilm)
    docs = embeddings.embed_documents(["Apprentices are paid a wage.", "Kela pays student aid."])
    query = embeddings.embed_query("Do apprentices earn money?")
    assert len(docs) == 2 and len(query) == minilm.dimension
    np.testing.assert_allclose(
        docs,
        minilm.embed_passages(["Apprentices are paid a wage.", "Kela pays student aid."]),
        atol=1e-5,
    )
    similarities = np.array(docs) @ np.array(query)
    assert similarities[0] > similarities[1]


def test_embeddings_drive_a_langchain_vector_store(minilm: Embedder) -> None:
    from langchain_core.vectorstores import InMemoryVectorStore

    store = InMemoryVectorStore(embedding=EmbedderEmbeddings(minilm))
    store.add_texts(
        ["Apprentices are paid a wage.", "Kela pays student aid.", "Ohjaamo helps under-30s."]
    )
    found = store.similarity_search("Who gives money to students?", k=1)
    assert found[0].page_content == "Kela pays student aid."
