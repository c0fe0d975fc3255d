"""Shared fixtures for the assistant tests: the real retriever over the fixture corpus."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from knowledge_base.embedding import Embedder
from knowledge_base.retriever import Retriever
from suunta.index_setup import build
from tests.conftest import small_settings


@pytest.fixture(scope="session")
def kb_retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The real hybrid retriever (MiniLM, FAISS, BM25) over tests/fixtures/content."""
    settings = small_settings(tmp_path_factory.mktemp("assistant-kb"))
    build(settings, minilm)
    return Retriever.from_index_dir(settings.index_dir, minilm)


@pytest.fixture
def assistant(kb_retriever: Retriever) -> Assistant:
    """A fresh extractive assistant (its own conversation memory) over the fixture corpus."""
    return Assistant(kb_retriever, calibration=calibration_for(kb_retriever.embedder.name))
