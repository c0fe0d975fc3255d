"""The index artefact in `SUUNTA_INDEX_DIR`: chunks, vectors and a manifest; built incrementally."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge_base.articles import load_articles
from knowledge_base.build_embedding import EmbeddingCache, embed_missing, fingerprint_of
from knowledge_base.cards import card_chunks, cards_dir_for, load_cards
from knowledge_base.chunking import Chunk, chunk_article
from knowledge_base.embedding import Embedder, backend_of
from knowledge_base.esco import load_occupations
from knowledge_base.limits import limit_chunks, limits_dir_for, load_limits
from knowledge_base.seed_vectors import SHIPPED_SEEDS, disagreement, load_seed
from knowledge_base.sentence_vectors import SENTENCE_VECTORS, SENTENCES, build_sentence_vectors

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
VECTORS = "vectors.npy"


class IndexError_(RuntimeError):
    """The index is missing, stale or built with another model."""


@dataclass(frozen=True)
class BuildReport:
    """What `build_index` did."""

    chunks: int
    embedded: int
    reused: int
    seconds: float
    corpus_hash: str
    sentences: int = 0
    """The articles' sentences given vectors (knowledge_base/sentence_vectors.py)."""
    sentences_embedded: int = 0
    seeded_from: dict[str, int] = field(default_factory=dict)
    """Texts (chunks, sentences) whose vectors came from a shipped seed, not the model, by
    seed: every seed this build's embedder matched, even when it gave none."""
    seeds_refused: dict[str, float] = field(default_factory=dict)
    """Seeds of this fingerprint not used because this machine computes other vectors: the
    lowest cosine of the probes (knowledge_base/seed_vectors.py, `disagreement`)."""

    @property
    def seeded(self) -> int:  # (from any seed: knowledge_base/seed_vectors.py)
        return sum(self.seeded_from.values())

    def seed_note(self) -> str:
        """E.g. '13011 from the shipped vectors: 3039 ESCO, 9972 content'."""
        parts = ", ".join(f"{count} {name}" for name, count in self.seeded_from.items())
        note = f"{self.seeded} from the shipped vectors" + (f": {parts}" if parts else "")
        for name, cosine in self.seeds_refused.items():
            note += (
                f" ({name} not used: made on a machine that computes other vectors,"
                f" cosine {cosine:.4f}; embedded here)"
            )
        return note


def collect_chunks(content_dir: Path, *, include_occupations: bool) -> list[Chunk]:
    """Every chunk the corpus yields, articles first, in a stable order."""
    articles = load_articles(content_dir)
    chunks = [c for article in articles for c in chunk_article(article)]
    cards = cards_dir_for(content_dir)
    if cards.is_dir():
        chunks.extend(card_chunks(load_cards(cards), articles))
    chunks.extend(limit_chunks(load_limits(limits_dir_for(content_dir))))
    if include_occupations:
        chunks.extend(load_occupations())
    return chunks


def corpus_hash(chunks: list[Chunk], model: str) -> str:
    """Identifies the exact corpus and model an index was built from."""
    digest = hashlib.sha256(f"v{FORMAT_VERSION}|{model}".encode())
    for chunk in chunks:
        digest.update(f"|{chunk.id}:{chunk.content_hash}".encode())
    return digest.hexdigest()[:20]


def read_manifest(index_dir: Path) -> dict[str, object] | None:
    """The manifest of the index in `index_dir`, or None when there is none."""
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


REBUILD = "run `suunta kb build`"
"""What to do about any problem `check_index` finds."""


def check_index(
    index_dir: Path,
    chunks: list[Chunk],
    model: str,
    backend: str = "torch",
    fingerprint: str | None = None,
) -> str | None:
    """None when the index matches corpus, model and runtime (and, when given, the embedder's
    `fingerprint`: its conversion and passes); otherwise why it cannot be used (`REBUILD`
    says what to do about it)."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        return f"no index in {index_dir}"
    if manifest.get("model") != model:
        return f"the index in {index_dir} was built with '{manifest.get('model')}', not '{model}'"
    # Runtimes differ in the last digits (int8 against float32): queries from one must not be
    # compared with passages from another. An index from before runtimes were recorded is torch.
    built_backend = manifest.get("backend", "torch")
    if built_backend != backend:
        return (
            f"the index in {index_dir} was built with the '{built_backend}' runtime, "
            f"not '{backend}' (SUUNTA_EMBEDDING_BACKEND)"
        )
    if fingerprint is not None and manifest.get("fingerprint") != fingerprint:
        # Another conversion of the model, or vectors from passes shared by several texts (an
        # index from before 2026-12-07): close, but not what this embedder makes.
        return (
            f"the index in {index_dir} was made by another version of the embedding model's runtime"
        )
    if manifest.get("corpus_hash") != corpus_hash(chunks, model):
        return f"the index in {index_dir} is stale (the corpus changed)"
    if not all((index_dir / name).is_file() for name in (SENTENCES, SENTENCE_VECTORS)):
        return f"the index in {index_dir} has no sentence vectors (built by an older version)"
    return _damage(index_dir, manifest)


def _damage(index_dir: Path, manifest: dict[str, object]) -> str | None:
    """Why the files do not match their manifest (a copy cut short, a file deleted), or None."""
    try:
        # mmap reads only the .npy header: cheap even for a large index.
        shape = np.load(index_dir / VECTORS, mmap_mode="r").shape
        with (index_dir / CHUNKS).open("rb") as handle:
            lines = sum(1 for line in handle if line.strip())
    except (OSError, ValueError) as exc:
        return f"the index in {index_dir} is damaged ({exc})"
    expected = (manifest.get("chunks"), manifest.get("dimension"))
    if shape != expected or lines != expected[0]:
        return f"the index in {index_dir} is damaged (its files do not match the manifest)"
    return None


def _load_previous(index_dir: Path, embedder: Embedder) -> dict[tuple[str, str], np.ndarray]:
    manifest = read_manifest(index_dir)
    if manifest is None or manifest.get("model") != embedder.name:
        return {}
    if manifest.get("backend", "torch") != backend_of(embedder):
        return {}  # vectors of another runtime are not mixed with this one's
    # Nor those of another conversion, or of int8 passes shared by several texts (an index
    # from before the fingerprint was recorded): its chunks are embedded again.
    if manifest.get("fingerprint") != fingerprint_of(embedder):
        return {}
    try:
        rows = [
            json.loads(line)
            for line in (index_dir / CHUNKS).read_text(encoding="utf-8").splitlines()
            if line
        ]
        keys = [(str(row["id"]), str(row.get("content_hash", ""))) for row in rows]
        vectors = np.load(index_dir / VECTORS)
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a damaged artefact is rebuilt from scratch rather than trusted
    if len(keys) != len(vectors):
        return {}
    # The hash stored at build time says what each vector was made from: computing it again
    # from the old chunk would miss a change in how chunks are embedded (a chunk without a
    # stored hash, from an older build, is embedded again).
    return {key: vectors[i] for i, key in enumerate(keys) if key[1]}


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    os.replace(tmp, path)


def _save_vectors(path: Path, vectors: np.ndarray) -> None:
    with path.open("wb") as handle:  # a file object keeps np.save from appending ".npy"
        np.save(handle, vectors)


def build_index(
    index_dir: Path,
    chunks: list[Chunk],
    embedder: Embedder,
    *,
    progress: Callable[[int, int], None] | None = None,
    sentence_progress: Callable[[int, int], None] | None = None,
    batch: int = 256,
    cache: bool = True,
    seeds: Mapping[str, Path] = SHIPPED_SEEDS,
) -> BuildReport:
    """Embed what changed since the last build and write the artefact, manifest last (the
    articles' sentences too: knowledge_base/sentence_vectors.py). With `cache`, texts any
    earlier build in `index_dir` embedded come from its embedding cache
    (knowledge_base/build_embedding.py), and texts it lacks from a seed folder of `seeds` made
    with the same embedder fingerprint (the shipped ESCO and content vectors:
    knowledge_base/seed_vectors.py; `{}` for none)."""
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    previous = _load_previous(index_dir, embedder)
    store = EmbeddingCache.open(index_dir, embedder) if cache else None
    refused: dict[str, float] = {}
    if store is not None:
        texts = [c.embed_text for c in chunks]
        for name, seed_dir in seeds.items():
            rows = load_seed(seed_dir, store.fingerprint, store.dimension)
            lowest = disagreement(rows, embedder, texts) if rows else None
            if lowest is None:
                store.use_seed(name, rows)
            else:
                refused[name] = lowest
    vectors, embedded = _embed_changed(chunks, embedder, previous, progress, batch, store)
    digest = corpus_hash(chunks, embedder.name)
    sentences, sentences_embedded = build_sentence_vectors(
        index_dir, chunks, embedder, progress=sentence_progress, batch=batch, cache=store
    )
    _write_artefact(index_dir, chunks, vectors, embedder, digest)
    seeded: dict[str, int] = {}
    if store is not None:
        store.save()
        seeded = store.seeded
    return BuildReport(
        chunks=len(chunks),
        embedded=embedded,
        reused=len(chunks) - embedded,
        seconds=time.perf_counter() - started,
        corpus_hash=digest,
        sentences=sentences,
        sentences_embedded=sentences_embedded,
        seeded_from=dict(seeded),
        seeds_refused=refused,
    )


def _embed_changed(
    chunks: list[Chunk],
    embedder: Embedder,
    previous: dict[tuple[str, str], np.ndarray],
    progress: Callable[[int, int], None] | None,
    batch: int,
    cache: EmbeddingCache | None = None,
) -> tuple[np.ndarray, int]:
    """Every chunk's vector, reusing the previous build's for unchanged chunks and the cache's
    for texts embedded before; and how many were embedded anew."""
    vectors = np.zeros((len(chunks), embedder.dimension), dtype=np.float32)
    todo: list[int] = []
    for i, chunk in enumerate(chunks):
        old = previous.get((chunk.id, chunk.content_hash))
        if old is not None and old.shape == (embedder.dimension,):
            vectors[i] = old
        else:
            todo.append(i)
    # Similar lengths side by side: where a runtime puts several texts in a forward pass (torch,
    # float32 ONNX) it pads them to the longest, so sorting the whole build (not just each batch)
    # saves work when short occupations meet long article sections.
    # Longest first: a progress estimate made from the rate so far then errs long, not short.
    todo.sort(key=lambda i: len(chunks[i].embed_text), reverse=True)
    texts = [chunks[i].embed_text for i in todo]
    vectors[todo], embedded = embed_missing(
        embedder, texts, cache=cache, progress=progress, batch=batch
    )
    if cache is not None:  # the reused vectors too, so the cache holds the whole corpus
        cache.add([c.embed_text for c in chunks], vectors)
    return vectors, embedded


def _write_artefact(
    index_dir: Path, chunks: list[Chunk], vectors: np.ndarray, embedder: Embedder, digest: str
) -> None:
    # The manifest is replaced last: a build cut short leaves the old manifest, which no longer
    # matches the new chunks, so the next start sees a stale index instead of a torn one.
    (index_dir / MANIFEST).unlink(missing_ok=True)
    _write_atomic(index_dir / VECTORS, lambda p: _save_vectors(p, vectors))
    _write_atomic(
        index_dir / CHUNKS,
        lambda p: p.write_text(
            "".join(
                json.dumps({**c.to_dict(), "content_hash": c.content_hash}, ensure_ascii=False)
                + "\n"
                for c in chunks
            ),
            encoding="utf-8",
        ),
    )
    manifest = {
        "format": FORMAT_VERSION,
        "model": embedder.name,
        "backend": backend_of(embedder),
        "fingerprint": fingerprint_of(embedder),
        "dimension": embedder.dimension,
        "corpus_hash": digest,
        "chunks": len(chunks),
        "articles": len({(c.doc_id, c.language) for c in chunks if c.kind == "article"}),
        "occupations": sum(1 for c in chunks if c.kind == "occupation"),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    _write_atomic(index_dir / MANIFEST, lambda p: p.write_text(json.dumps(manifest, indent=2)))


def load_index(index_dir: Path) -> tuple[list[Chunk], np.ndarray, dict[str, object]]:
    """Chunks, vectors and manifest of a built index."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexError_(f"no index in {index_dir}; run `suunta kb build`")
    lines = (index_dir / CHUNKS).read_text(encoding="utf-8").splitlines()
    chunks = [Chunk.from_dict(json.loads(line)) for line in lines if line]
    vectors = np.load(index_dir / VECTORS)
    return chunks, vectors, manifest
