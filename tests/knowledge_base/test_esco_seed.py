"""The shipped ESCO vectors: a first build takes an occupation from the seed only when the seed
was made by the very embedder that builds (same fingerprint), and a damaged seed is no seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge_base.build_embedding import text_key
from knowledge_base.chunking import Chunk
from knowledge_base.embedding import DEFAULT_BACKEND, MULTILINGUAL_E5, Embedder, load_embedder
from knowledge_base.esco import load_occupations
from knowledge_base.index import MANIFEST, build_index, collect_chunks, load_index
from knowledge_base.seed_vectors import (
    ESCO_SEED_DIR,
    PROBES,
    load_seed,
    seed_file,
    write_seed,
)
from tests.conftest import FIXTURE_CONTENT, sample_occupations
from tests.knowledge_base.test_build_embedding import Counting

COMMITTED = ESCO_SEED_DIR / "multilingual-e5-small-onnx-int8.npz"


def _corpus(root: Path) -> tuple[list[Chunk], list[Chunk]]:
    occupations = sample_occupations(root, 12, ("bookkeeper",))
    return collect_chunks(FIXTURE_CONTENT, include_occupations=False) + occupations, occupations


def _seed(root: Path, embedder: Embedder, occupations: list[Chunk]) -> Path:
    seed_dir = root / "seed"
    texts = [c.embed_text for c in occupations]
    assert write_seed(seed_file(embedder, seed_dir), embedder, texts) == len(occupations)
    return seed_dir


def test_a_first_build_takes_the_occupations_from_a_seed_of_its_own_fingerprint(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks, occupations = _corpus(tmp_path)
    seed_dir = _seed(tmp_path, Counting(minilm), occupations)
    builder = Counting(minilm)
    report = build_index(tmp_path / "index", chunks, builder, seeds={"ESCO": seed_dir})
    seeded = {c.embed_text for c in occupations}
    assert report.seeded == len(occupations) and report.embedded == len(chunks) - len(seeded)
    assert report.seeded_from == {"ESCO": len(occupations)}
    assert len(seeded & set(builder.passages)) <= PROBES  # (the check of the seed's vectors)
    # What the build stored is the seed's float16, as float32, unchanged.
    seed = load_seed(seed_dir, builder.fingerprint, minilm.dimension)
    built, vectors, _ = load_index(tmp_path / "index")
    for i, chunk in enumerate(built):
        if chunk.kind == "occupation":
            assert vectors[i].dtype == np.float32
            assert np.array_equal(vectors[i], seed[text_key(chunk.embed_text)].astype(np.float32))
    # The build's cache keeps them: the next build in the folder needs neither seed nor model.
    (tmp_path / "index" / MANIFEST).unlink()
    again = build_index(tmp_path / "index", chunks, Counting(minilm), seeds={})
    assert again.embedded == 0 and again.seeded == 0


def test_a_seed_of_another_fingerprint_or_none_at_all_is_ignored(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks, occupations = _corpus(tmp_path)
    seed_dir = _seed(tmp_path, Counting(minilm), occupations)
    other = Counting(minilm, fingerprint="minilm|another-conversion")
    report = build_index(tmp_path / "other", chunks, other, seeds={"ESCO": seed_dir})
    assert report.seeded == 0 and report.seeded_from == {} and report.embedded == len(chunks)
    assert {c.embed_text for c in occupations} <= set(other.passages)
    off = build_index(tmp_path / "off", chunks, Counting(minilm), seeds={})
    assert off.seeded == 0 and off.embedded == len(chunks)
    assert load_seed(tmp_path / "missing", "minilm|test", minilm.dimension) == {}
    # Without the build cache there is no seed either.
    bare = build_index(tmp_path / "bare", chunks, minilm, seeds={"ESCO": seed_dir}, cache=False)
    assert bare.seeded == 0


@pytest.mark.parametrize("damage", ["truncated", "float32", "no-keys", "not-finite"])
def test_a_damaged_seed_is_no_seed(tmp_path: Path, minilm: Embedder, damage: str) -> None:
    chunks, occupations = _corpus(tmp_path)
    seed_dir = _seed(tmp_path, Counting(minilm), occupations)
    (path,) = seed_dir.glob("*.npz")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    else:
        with np.load(path) as stored:
            parts = {name: stored[name] for name in stored.files}
        if damage == "float32":
            parts["vectors"] = parts["vectors"].astype(np.float32)
        elif damage == "no-keys":
            del parts["keys"]
        else:
            parts["vectors"][0, 0] = np.nan
        with path.open("wb") as handle:
            np.savez(handle, **parts)
    assert load_seed(seed_dir, "minilm|test", minilm.dimension) == {}
    builder = Counting(minilm)
    report = build_index(tmp_path / "index", chunks, builder, seeds={"ESCO": seed_dir})
    assert report.seeded == 0 and report.embedded == len(chunks)


def test_the_committed_seed_holds_every_occupation_of_the_installed_esco_data() -> None:
    with np.load(COMMITTED) as stored:
        fingerprint = str(stored["fingerprint"])
    assert fingerprint.startswith(f"{MULTILINGUAL_E5}|{DEFAULT_BACKEND}|passage: |")
    seed = load_seed(ESCO_SEED_DIR, fingerprint, 384)
    assert set(seed) == {text_key(c.embed_text) for c in load_occupations()}
    norms = np.linalg.norm(np.stack(list(seed.values())).astype(np.float32), axis=1)
    assert np.abs(norms - 1).max() < 1e-2


@pytest.mark.slow
def test_the_committed_seed_was_made_by_the_default_embedder(e5_models_dir: Path) -> None:
    # A new conversion, runtime or prompt changes the fingerprint: builds then ignore the seed
    # and embed every occupation again. Rewrite it with `suunta kb seed-esco`.
    e5 = load_embedder(MULTILINGUAL_E5, models_dir=e5_models_dir, backend=DEFAULT_BACKEND)
    fingerprint = getattr(e5, "fingerprint", "")
    with np.load(COMMITTED) as stored:
        assert str(stored["fingerprint"]) == fingerprint, "run `suunta kb seed-esco`"
    seed = load_seed(ESCO_SEED_DIR, fingerprint, e5.dimension)
    sample = load_occupations()[::50]
    fresh = e5.embed_passages([c.embed_text for c in sample])
    shipped = np.stack([seed[text_key(c.embed_text)] for c in sample]).astype(np.float32)
    cosines = np.sum(fresh * shipped, axis=1)
    assert cosines.min() > 0.99, cosines.min()


def test_reading_the_occupations_imports_neither_torch_nor_sentence_transformers() -> None:
    # The package's __init__ imports both (~7 s, ~350 MB): a seeded first build, and every
    # server start that checks its index, read the occupations without them.
    code = (
        "import sys; from knowledge_base.esco import load_occupations; "
        "assert len(load_occupations()) == 3039; "
        "print(sorted({'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
