"""Index build (incremental, stable ids) and hybrid search over the fixture corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from knowledge_base.embedding import Embedder
from knowledge_base.index import build_index, check_index, collect_chunks
from knowledge_base.retriever import Retriever
from tests.conftest import FIXTURE_CONTENT


def test_build_is_incremental_and_ids_are_stable(tmp_path: Path, minilm: Embedder) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    chunks = collect_chunks(content, include_occupations=False)
    first = build_index(tmp_path / "index", chunks, minilm)
    assert first.embedded == len(chunks) and first.reused == 0
    assert check_index(tmp_path / "index", chunks, minilm.name) is None

    again = build_index(
        tmp_path / "index", collect_chunks(content, include_occupations=False), minilm
    )
    assert again.embedded == 0 and again.reused == len(chunks)

    path = content / "en" / "kela-student-aid.md"
    path.write_text(path.read_text().replace("whole calendar year", "calendar year"))
    changed = collect_chunks(content, include_occupations=False)
    assert [c.id for c in changed] == [c.id for c in chunks]
    problem = check_index(tmp_path / "index", changed, minilm.name)
    assert problem is not None and "stale" in problem
    third = build_index(tmp_path / "index", changed, minilm)
    assert third.embedded == 1
    assert "built with" in (check_index(tmp_path / "index", changed, "other-model") or "")


def test_hybrid_search_finds_the_right_article(tmp_path: Path, minilm: Embedder) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    retriever = Retriever.from_index_dir(tmp_path, minilm)
    top = retriever.search("income limits for the study grant", language="en", k=3)
    assert top[0].chunk.doc_id == "kela-student-aid"
    finnish = retriever.search("oppisopimus palkka", language="fi", k=3, languages=("fi",))
    assert {h.chunk.language for h in finnish} == {"fi"}
    assert finnish[0].chunk.doc_id == "apprenticeship"
    assert retriever.search("apprenticeship", k=5, topics=("financial_aid",))[0].chunk.doc_id == (
        "kela-student-aid"
    )


def test_a_change_in_how_chunks_are_embedded_is_embedded_again(
    tmp_path: Path, minilm: Embedder
) -> None:
    # The hash of what each vector was made from is stored with it: an older artefact without
    # it, or a chunk whose embedding recipe changed (not only its text), is embedded again.
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    lines = (tmp_path / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    stored = [json.loads(line) for line in lines]
    assert [row["content_hash"] for row in stored] == [c.content_hash for c in chunks]
    stored[0]["content_hash"] = "recipe-changed"
    del stored[1]["content_hash"]
    (tmp_path / "chunks.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in stored), encoding="utf-8"
    )
    # Without the embedding cache, which is keyed by the text itself (a recipe change changes
    # the text, so the cache misses too: tests/knowledge_base/test_build_embedding.py).
    again = build_index(tmp_path, chunks, minilm, cache=False)
    assert again.embedded == 2 and again.reused == len(chunks) - 2
