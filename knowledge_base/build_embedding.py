"""Embedding a build's passages, never a text an earlier build in the same index folder already
embedded with the same model.

The cache is `embedding-cache/<digest>.npz` in the index folder: float32 vectors keyed by the
SHA-256 of the passage's text, one file per embedder fingerprint (model, runtime, passage prefix
and, for the ONNX runtimes, the converted model file's build marker), which the file repeats and
is checked against. It lets a rebuild after a small content change, a renamed chunk, a switch of
runtime and back, or turning the ESCO occupations off and on again embed only texts it has never
seen. A missing or damaged file is an empty cache; a fresh folder has none, so a first build
embeds everything, except texts the shipped seeds hold for the same fingerprint (the ESCO
occupations and the bundled content: knowledge_base/seed_vectors.py). The rows a build used are
kept first, then older ones, up to `MAX_ROWS`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from knowledge_base.embedding import Embedder

log = logging.getLogger(__name__)

CACHE_DIR = "embedding-cache"
# ~90 MiB at 384 dimensions; a build of today's corpus uses ~17,000 texts (chunks and sentences).
MAX_ROWS = 60_000


def fingerprint_of(embedder: Embedder) -> str | None:
    """What made an embedder's passage vectors (model, runtime, prefix, conversion, passes), or
    None for an embedder that does not say: its vectors cannot be told apart from another's."""
    fingerprint = getattr(embedder, "fingerprint", None)
    return fingerprint if isinstance(fingerprint, str) and fingerprint else None


def text_key(text: str) -> bytes:
    """What the cache (and the shipped seed) keys a passage's vector by: its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Passage vectors of one embedder fingerprint, by text, persisted in the index folder."""

    def __init__(self, path: Path, fingerprint: str, dimension: int) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.dimension = dimension
        self._rows: dict[bytes, np.ndarray] = {}
        self._used: dict[bytes, None] = {}
        self._added = 0
        self._seeds: list[tuple[str, dict[bytes, np.ndarray]]] = []
        self.seeded: dict[str, int] = {}
        """Texts `get` found only in a seed, by the seed's name: vectors it gave instead of
        the model's."""

    @classmethod
    def open(cls, index_dir: Path, embedder: Embedder) -> EmbeddingCache | None:
        """The cache for `embedder` in `index_dir` (empty when there is none yet); None for an
        embedder that has no fingerprint (its vectors could not be told apart from another's)."""
        fingerprint = fingerprint_of(embedder)
        if fingerprint is None:
            return None
        digest = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:24]
        cache = cls(index_dir / CACHE_DIR / f"{digest}.npz", fingerprint, embedder.dimension)
        cache._load()
        return cache

    def __len__(self) -> int:
        return len(self._rows)

    def _load(self) -> None:
        try:
            with np.load(self.path, allow_pickle=False) as stored:
                fingerprint = str(stored["fingerprint"])
                keys, vectors = stored["keys"], stored["vectors"]
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return  # none yet, or damaged: embedded again and written anew
        if fingerprint != self.fingerprint or keys.shape != (len(vectors), 32):
            return
        if vectors.dtype != np.float32 or vectors.shape[1:] != (self.dimension,):
            return
        self._rows = {key.tobytes(): vectors[i] for i, key in enumerate(keys)}

    def use_seed(self, name: str, rows: dict[bytes, np.ndarray]) -> None:
        """Vectors of this cache's fingerprint made elsewhere (float16 or float32, keyed like
        the cache), for texts the cache has no row for (knowledge_base/seed_vectors.py); seeds
        are asked in the order given, and `seeded` counts under `name` what this one gave."""
        if rows:
            self._seeds.append((name, rows))
            self.seeded.setdefault(name, 0)

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those `texts` the cache has, or else a seed's (as float32)."""
        found: dict[str, np.ndarray] = {}
        for text in texts:
            key = text_key(text)
            vector = self._rows.get(key)
            if vector is None:
                vector = self._from_seed(key)
            if vector is not None:
                found[text] = vector
                self._used[key] = None
        return found

    def _from_seed(self, key: bytes) -> np.ndarray | None:
        for name, rows in self._seeds:
            if key in rows:  # kept, so the cache holds it from now on
                vector = self._rows[key] = rows[key].astype(np.float32)
                self._added += 1
                self.seeded[name] += 1
                return vector
        return None

    def add(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Remember vectors a build made or reused."""
        for text, vector in zip(texts, vectors, strict=True):
            key = text_key(text)
            if key not in self._rows:
                self._added += 1
            self._rows[key] = np.asarray(vector, dtype=np.float32)
            self._used[key] = None

    def save(self) -> None:
        """Write the cache when this build added to it: the rows it used first, then older ones,
        at most `MAX_ROWS`. A cache that cannot be written is only logged: it is an optimisation."""
        if not self._added:
            return
        order = list(self._used) + [key for key in self._rows if key not in self._used]
        order = order[:MAX_ROWS]
        keys = np.frombuffer(b"".join(order), dtype=np.uint8).reshape(len(order), 32)
        vectors = np.stack([self._rows[key] for key in order]).astype(np.float32, copy=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            with tmp.open("wb") as handle:  # a file object keeps numpy from adding ".npz"
                np.savez(handle, fingerprint=np.array(self.fingerprint), keys=keys, vectors=vectors)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("embedding cache %s not written: %s", self.path, exc)
            return
        self._added = 0


def embed_missing(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    cache: EmbeddingCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 256,
) -> tuple[np.ndarray, int]:
    """Passage vectors of `texts` (row i for texts[i]) and how many texts were embedded anew:
    those in `cache` are not, and a repeated text is embedded once. The rest go to the model in
    the order given (callers sort them by length), `batch` a call. A vector depends only on its
    text (the int8 runtime runs one text a forward pass: knowledge_base/onnx_embedder.py), so
    which texts a call holds does not matter. `progress(done, total)` counts from 0 to all the
    distinct texts that were not in the cache."""
    distinct = list(dict.fromkeys(texts))
    found = cache.get(distinct) if cache is not None else {}
    todo = [text for text in distinct if text not in found]
    if progress:
        progress(0, len(todo))
    for start in range(0, len(todo), batch):
        part = todo[start : start + batch]
        found.update(zip(part, embedder.embed_passages(part), strict=True))
        if progress:
            progress(start + len(part), len(todo))
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    for i, text in enumerate(texts):
        vectors[i] = found[text]
    if cache is not None and todo:
        cache.add(todo, np.stack([found[text] for text in todo]))
    return vectors, len(todo)
