"""The shipped vectors of the bundled content: a first build takes the chunks' and sentences'
vectors of a seed made by the very embedder that builds, embeds a text edited since, and the
committed file covers today's corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge_base.build_embedding import text_key
from knowledge_base.content_seed import content_texts, embedded_texts
from knowledge_base.embedding import DEFAULT_BACKEND, MULTILINGUAL_E5, Embedder, load_embedder
from knowledge_base.index import build_index, collect_chunks, load_index
from knowledge_base.onnx_embedder import ONE_TEXT_A_PASS
from knowledge_base.seed_vectors import (
    AGREEMENT,
    CONTENT_SEED_DIR,
    ESCO_SEED_DIR,
    PROBES,
    load_seed,
    seed_file,
    write_seed,
)
from knowledge_base.sentence_vectors import SentenceVectors
from tests.conftest import FIXTURE_CONTENT, sample_occupations
from tests.knowledge_base.test_build_embedding import Counting

BUNDLED = Path(__file__).resolve().parents[2] / "knowledge_base" / "content"
COMMITTED = CONTENT_SEED_DIR / "multilingual-e5-small-onnx-int8.npz"
ESCO_COMMITTED = ESCO_SEED_DIR / "multilingual-e5-small-onnx-int8.npz"
STALE = "the shipped content vectors are stale: run `suunta kb seed-content` and commit the file"


def _seed(root: Path, embedder: Embedder, content: Path = FIXTURE_CONTENT) -> Path:
    seed_dir = root / "content-seed"
    texts = content_texts(content)
    assert write_seed(seed_file(embedder, seed_dir), embedder, texts) == len(set(texts))
    return seed_dir


def _edited_copy(root: Path) -> tuple[Path, str]:
    """A copy of the fixture corpus with one sentence of one article changed."""
    content = root / "corpus" / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    article = content / "en" / "apprenticeship.md"
    text = article.read_text(encoding="utf-8")
    sentence = "The training agreement is signed before work starts."
    edited = text.replace("\n\n## ", f"\n\n{sentence}\n\n## ", 1)
    assert edited != text
    article.write_text(edited, encoding="utf-8")
    return content, sentence


def test_a_first_build_takes_chunks_and_sentences_from_the_seed_and_embeds_an_edited_text(
    tmp_path: Path, minilm: Embedder
) -> None:
    seed_dir = _seed(tmp_path, Counting(minilm))
    content, sentence = _edited_copy(tmp_path)
    occupations = sample_occupations(tmp_path, 3, ())
    chunks = collect_chunks(content, include_occupations=False) + occupations
    builder = Counting(minilm)
    seeds = {"ESCO": tmp_path / "no-esco-seed", "content": seed_dir}
    report = build_index(tmp_path / "index", chunks, builder, seeds=seeds)
    seed = load_seed(seed_dir, builder.fingerprint, minilm.dimension)
    new = [t for t in embedded_texts(chunks) if text_key(t) not in seed]
    # Only what the edit changed (its chunk, its sentence) and the unseeded occupations.
    assert new and any(sentence in t for t in new) and len(new) <= 3
    # (and a few texts the seed holds, embedded to check this machine computes its vectors)
    probed = [t for t in builder.passages if text_key(t) in seed]
    assert 0 < len(probed) <= PROBES and report.seeds_refused == {}
    unseeded = [t for t in builder.passages if text_key(t) not in seed]
    assert sorted(unseeded) == sorted(new + [c.embed_text for c in occupations])
    assert report.seeded_from == {"content": report.seeded}
    assert report.seeded == len(embedded_texts(chunks)) - len(new)
    # The chunks' vectors are the seed's float16, as float32, unchanged.
    built, vectors, _ = load_index(tmp_path / "index")
    taken = 0
    for i, chunk in enumerate(built):
        row = seed.get(text_key(chunk.embed_text))
        if row is not None:
            assert vectors[i].dtype == np.float32
            assert np.array_equal(vectors[i], row.astype(np.float32))
            taken += 1
    assert taken == report.chunks - report.embedded
    # The sentences too (stored as unit float16, as a build stores every sentence).
    stored = SentenceVectors.load(tmp_path / "index", builder.name, "torch")
    assert stored is not None and report.sentences == len(stored) > 0
    for text in embedded_texts(chunks):
        row = seed.get(text_key(text))
        cosine = None if row is None else stored.cosine(row.astype(np.float32), text)
        assert cosine is None or cosine == pytest.approx(1, abs=2e-3)


def test_a_seed_of_another_fingerprint_is_ignored_and_both_seeds_are_counted(
    tmp_path: Path, minilm: Embedder
) -> None:
    seed_dir = _seed(tmp_path, Counting(minilm))
    occupations = sample_occupations(tmp_path, 4, ())
    esco_dir = tmp_path / "esco-seed"
    write_seed(seed_file(minilm, esco_dir), Counting(minilm), [c.embed_text for c in occupations])
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False) + occupations
    seeds = {"ESCO": esco_dir, "content": seed_dir}
    other = Counting(minilm, fingerprint="minilm|another-conversion")
    ignored = build_index(tmp_path / "other", chunks, other, seeds=seeds)
    assert ignored.seeded == 0 and ignored.seeded_from == {}
    assert ignored.embedded == len(chunks) and ignored.sentences_embedded == ignored.sentences
    both = build_index(tmp_path / "both", chunks, Counting(minilm), seeds=seeds)
    assert both.embedded == 0 and both.sentences_embedded == 0
    assert both.seeded_from == {"ESCO": 4, "content": len(embedded_texts(chunks))}
    assert both.seed_note() == f"{both.seeded} from the shipped vectors: 4 ESCO, " + (
        f"{both.seeded - 4} content"
    )


def test_a_seed_made_by_other_arithmetic_is_not_used(tmp_path: Path, minilm: Embedder) -> None:
    # The same fingerprint, vectors ~0.995 off: as int8 kernels of another CPU compute them.
    seed_dir = _seed(tmp_path, Counting(minilm))
    (path,) = seed_dir.glob("*.npz")
    with np.load(path) as stored:
        fingerprint, keys = stored["fingerprint"], stored["keys"]
        vectors = stored["vectors"].astype(np.float32)
    noise = np.random.default_rng(0).standard_normal(vectors.shape).astype(np.float32)
    vectors += 0.1 * noise / np.linalg.norm(noise, axis=1, keepdims=True)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with path.open("wb") as handle:
        np.savez_compressed(
            handle, fingerprint=fingerprint, keys=keys, vectors=vectors.astype(np.float16)
        )
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    report = build_index(tmp_path / "index", chunks, Counting(minilm), seeds={"content": seed_dir})
    assert report.seeded == 0 and report.embedded == len(chunks)
    assert report.sentences_embedded == report.sentences
    assert 0.99 < report.seeds_refused["content"] < AGREEMENT
    assert "content not used: made on a machine that computes other vectors" in (report.seed_note())


def test_a_damaged_content_seed_is_no_seed(tmp_path: Path, minilm: Embedder) -> None:
    seed_dir = _seed(tmp_path, Counting(minilm))
    (path,) = seed_dir.glob("*.npz")
    path.write_bytes(path.read_bytes()[:500])
    assert load_seed(seed_dir, "minilm|test", minilm.dimension) == {}
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    report = build_index(tmp_path / "index", chunks, Counting(minilm), seeds={"content": seed_dir})
    assert report.seeded == 0 and report.embedded == len(chunks)


def test_the_committed_content_seed_covers_the_bundled_corpus() -> None:
    # A default build (occupations on) embeds these besides the occupations; texts the seed
    # lacks are embedded by every first build. After changing content, rewrite the seed.
    texts = embedded_texts(collect_chunks(BUNDLED, include_occupations=True))
    with np.load(COMMITTED) as stored:
        fingerprint = str(stored["fingerprint"])
    with np.load(ESCO_COMMITTED) as stored:
        esco_fingerprint = str(stored["fingerprint"])
    # The default embedder's (the slow test below loads it and compares): what the ESCO seed
    # was made with, a build ignoring neither.
    assert fingerprint.startswith(f"{MULTILINGUAL_E5}|{DEFAULT_BACKEND}|passage: |"), STALE
    assert fingerprint.endswith(ONE_TEXT_A_PASS) and fingerprint == esco_fingerprint, STALE
    seed = load_seed(CONTENT_SEED_DIR, fingerprint, 384)
    covered = sum(text_key(t) in seed for t in texts)
    assert covered >= 0.95 * len(texts), f"{covered} of {len(texts)} texts; {STALE}"


@pytest.mark.slow
def test_the_committed_content_seed_was_made_by_the_default_embedder(
    e5_models_dir: Path,
) -> None:
    e5 = load_embedder(MULTILINGUAL_E5, models_dir=e5_models_dir, backend=DEFAULT_BACKEND)
    fingerprint = getattr(e5, "fingerprint", "")
    with np.load(COMMITTED) as stored:
        assert str(stored["fingerprint"]) == fingerprint, STALE
    seed = load_seed(CONTENT_SEED_DIR, fingerprint, e5.dimension)
    texts = embedded_texts(collect_chunks(BUNDLED, include_occupations=False))
    sample = [t for t in texts[::200] if text_key(t) in seed]
    fresh = e5.embed_passages(sample)
    shipped = np.stack([seed[text_key(t)] for t in sample]).astype(np.float32)
    cosines = np.sum(fresh * shipped, axis=1)
    # Equal to float16 rounding on a machine like the one that wrote it; int8 kernels of
    # another instruction set give 0.994-0.999 (a build's probe then does not use the seed).
    assert cosines.min() > 0.99, cosines.min()
