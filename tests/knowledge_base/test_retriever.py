"""Hybrid search filters and kinds over the fixture corpus plus a few real ESCO occupations."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from knowledge_base.chunking import Chunk
from knowledge_base.embedding import Embedder
from knowledge_base.esco import load_occupations, occupations_csv
from knowledge_base.index import build_index, collect_chunks
from knowledge_base.retriever import SAME_LANGUAGE_BONUS, Retriever
from tests.conftest import FIXTURE_CONTENT

# ESCO rows open with the preferred label in lower case ("welder maintenance welder ...").
NAMED = ("electrician ", "welder ", "plumber ", "carpenter ")


def _some_occupations(path: Path) -> Path:
    """A slice of the real ESCO file: a few named occupations among 60 others."""
    with occupations_csv().open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if "/occupation/" in r["id"]]
    chosen = rows[:60] + [r for r in rows[60:] if r["description"].startswith(NAMED)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "description"])
        writer.writeheader()
        writer.writerows(chosen)
    return path


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """Articles and occupations in one index, as `kb build` makes it."""
    root = tmp_path_factory.mktemp("kb")
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    chunks += load_occupations(_some_occupations(root / "occupations.csv"))
    build_index(root / "index", chunks, minilm)
    return Retriever.from_index_dir(root / "index", minilm)


def test_occupations_are_real_esco_records_cited_by_uri(retriever: Retriever) -> None:
    occupations = [c for c in retriever.chunks if c.kind == "occupation"]
    assert len(occupations) > 20 and {c.language for c in occupations} == {"en"}
    welder = next(c for c in occupations if c.title == "Welder")
    assert welder.url.startswith("http://data.europa.eu/esco/occupation/")
    assert welder.doc_id == welder.url and welder.text.startswith("Welders ")


def test_kinds_keep_articles_and_occupations_apart(retriever: Retriever) -> None:
    query = "apprenticeship training for an electrician, paid while studying"
    articles = retriever.search(query, language="en", k=8, kinds=("article",))
    assert articles and {h.chunk.kind for h in articles} == {"article"}
    assert articles[0].chunk.doc_id == "apprenticeship"
    occupations = retriever.search(query, language="en", k=8, kinds=("occupation",))
    assert occupations and {h.chunk.kind for h in occupations} == {"occupation"}
    # Without a kind filter both kinds compete (each ranked among its own kind, then
    # interleaved), so the occupations never push the articles out of the candidates.
    mixed = retriever.search(query, language="en", k=10)
    assert {h.chunk.kind for h in mixed} == {"article", "occupation"}
    assert "apprenticeship" in [h.chunk.doc_id for h in mixed[:2]]


def test_occupation_question_finds_the_occupation(retriever: Retriever) -> None:
    hits = retriever.search(
        "What does an electrician do?", language="en", k=3, kinds=("occupation",)
    )
    assert "Electrician" in [h.chunk.title for h in hits]


def test_occupation_found_by_alternative_label(retriever: Retriever) -> None:
    # "gasfitter" is one of ESCO's other names for a plumber, not in its description.
    plumber = next(c for c in retriever.chunks if c.title == "Plumber")
    assert "gasfitter" in plumber.keywords and "gasfitter" not in plumber.text
    hits = retriever.search("gasfitter", language="en", k=3, kinds=("occupation",))
    assert hits[0].chunk.title == "Plumber"


def test_language_filter(retriever: Retriever) -> None:
    hits = retriever.search("oppisopimus palkka", language="fi", k=5, languages=("fi",))
    assert hits and {h.chunk.language for h in hits} == {"fi"}
    assert hits[0].chunk.doc_id == "apprenticeship"
    swedish = retriever.search("apprenticeship", language="en", k=5, languages=("sv",))
    assert swedish and {h.chunk.language for h in swedish} == {"sv"}


def test_asked_language_comes_first_without_hiding_the_others(retriever: Retriever) -> None:
    hits = retriever.search("oppisopimus", language="fi", k=12, kinds=("article",))
    assert hits[0].chunk.language == "fi"
    assert {h.chunk.language for h in hits} == {"fi", "sv", "en"}


def test_topic_and_audience_filters(retriever: Retriever) -> None:
    money = retriever.search("apprenticeship", language="en", k=5, topics=("financial_aid",))
    assert money and {h.chunk.doc_id for h in money} == {"kela-student-aid"}
    students = retriever.search("how to get paid", language="en", k=5, audience=("student",))
    assert students and {h.chunk.doc_id for h in students} == {"kela-student-aid"}
    employed = retriever.search("student grant", language="en", k=5, audience=("employed",))
    assert employed and {h.chunk.doc_id for h in employed} <= {"apprenticeship"}
    assert retriever.search("anything", k=5, topics=("no-such-topic",)) == []


def test_search_documents_gives_one_hit_per_document(retriever: Retriever) -> None:
    docs = retriever.search_documents("apprenticeship wage", language="en", k=5)
    ids = [h.chunk.doc_id for h in docs]
    assert len(ids) == len(set(ids)) and ids[0] == "apprenticeship"


def test_a_strong_word_match_beats_a_slightly_closer_vector() -> None:
    # Fusion weighs the scores, not only the ranks. "a" is the closest vector but shares only
    # a common word with the query; "x" is a little further away and is the only passage with
    # the query's rare word. Reciprocal-rank fusion put "a" first (ranks 1+2 against 4+1);
    # the convex combination of normalised scores puts "x" first.
    cosines = {"a": 0.90, "b": 0.88, "c": 0.86, "x": 0.84, "d": 0.70}
    texts = {
        "a": "grant money rules",
        "b": "grant application dates",
        "c": "opening hours",
        "x": "zebra grant",
        "d": "parking",
    }
    chunks = [
        Chunk(id=k, doc_id=k, kind="article", language="en", title=k, heading="h", text=t, url="")
        for k, t in texts.items()
    ]
    vectors = np.array(
        [[cosines[k], np.sqrt(1 - cosines[k] ** 2), 0.0] for k in texts], dtype=np.float32
    )
    retriever = Retriever(chunks, vectors, embedder=None)  # type: ignore[arg-type]
    hits = retriever.search_vector(np.array([1.0, 0.0, 0.0]), "zebra grant", language="en", k=5)
    assert [h.chunk.id for h in hits][:2] == ["x", "a"]
    assert hits[0].score == pytest.approx(0.84, abs=1e-5) and hits[0].lexical > 0
    assert all(0 < h.fused <= 1 + SAME_LANGUAGE_BONUS for h in hits)
