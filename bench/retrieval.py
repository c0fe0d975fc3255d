"""Retrieval speed and memory: first build, query latency, and search at 100,000 chunks.

Run from the repository root: `.venv/bin/python bench/retrieval.py` (`--quick` leaves out ESCO and
uses 40 queries; `--no-esco --no-scale` is the quality comparison alone). For each embedding
backend in `--backends` (torch, then onnx-int8 by default), in one run, it reports the first build,
the query latency and the dev-set Recall@5 and MRR@10 per language, then a table of the backends
side by side (issue 14's bar: within 0.005 of torch). Then, for the last backend:

* the first full build of the real index (articles + ESCO occupations) into a fresh folder:
  wall and CPU seconds, seconds per 1,000 chunks, with `kb build`'s default of 2 threads;
* query latency end to end (`Retriever.search`, embedding included) on the real index, p50/p95,
  next to the cost of embedding the query alone, measured interleaved in the same run (the
  embedding is the floor: the ratio of the two is what the search adds);
* the search step alone (dense + lexical + fusion, `Retriever.search_vector`) on a synthetic
  index of 100,000 chunks made from the real e5 vectors and texts (below), p50/p95, next to an
  exact flat scan; and recall@10 of the IVF index against exact search for several `nprobe`;
* peak memory (`ru_maxrss`) after each part.

The synthetic chunks: each is a real article chunk's vector mixed with a second real vector
(weight 0.6-0.9 on the first) plus a little noise, renormalised, so the vectors sit where e5
puts text (similar nearest-neighbour cosines are printed) rather than spread uniformly, which
would flatter nothing and mislead the IVF recall; its text is the real chunk's words reshuffled
and cut, so BM25 sees real vocabulary and posting lengths. Queries are the dev-set questions.

The machine is shared: the load average is printed, and CPU-time figures beside wall-clock ones.
Compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub from a benchmark

from evaluation.golden.cases import load_cases, retrieval_metrics  # noqa: E402
from knowledge_base import dense  # noqa: E402
from knowledge_base.chunking import Chunk  # noqa: E402
from knowledge_base.embedding import MULTILINGUAL_E5, load_embedder  # noqa: E402
from knowledge_base.index import build_index, collect_chunks  # noqa: E402
from knowledge_base.retriever import Retriever  # noqa: E402

CONTENT = ROOT / "knowledge_base" / "content"
DEV_SET = ROOT / "evaluation" / "datasets" / "dev.jsonl"
SYNTHETIC = 100_000


def peak_mib() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    """The 1-minute load average, to read wall-clock figures against."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def pct(values: list[float], q: float) -> float:
    """Percentile of a list of milliseconds."""
    return float(np.percentile(values, q))


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and thread-CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def first_build(
    models_dir: Path, with_esco: bool, threads: int, backend: str
) -> tuple[Path, float]:
    """Build the real index into a fresh folder; returns it and the build seconds."""
    index_dir = Path(tempfile.mkdtemp(prefix="suunta-bench-index-"))
    chunks = collect_chunks(CONTENT, include_occupations=with_esco)
    started = time.perf_counter()
    embedder = load_embedder(
        MULTILINGUAL_E5, models_dir=models_dir, threads=threads, backend=backend
    )
    loaded = time.perf_counter()
    cpu = time.process_time()
    report = build_index(index_dir, chunks, embedder)
    cpu = time.process_time() - cpu
    total = time.perf_counter() - started
    kinds = {k: sum(c.kind == k for c in chunks) for k in ("article", "card", "occupation")}
    print(
        f"first build, {backend}, {threads} threads: {report.chunks} chunks {kinds}: "
        f"{total:.0f} s wall "
        f"(model load {loaded - started:.1f} s, embedding and writing {report.seconds:.0f} s), "
        f"{cpu:.0f} s CPU; {report.seconds / report.chunks * 1000:.0f} s wall and "
        f"{cpu / report.chunks * 1000:.0f} s CPU per 1,000 chunks; {load()}"
    )
    return index_dir, total


def query_latency(
    index_dir: Path, models_dir: Path, questions: list[tuple[str, str]], backend: str
) -> tuple[Retriever, dict[str, float]]:
    """End-to-end search vs the query embedding alone, interleaved, 1 thread (as served)."""
    embedder = load_embedder(
        MULTILINGUAL_E5, models_dir=models_dir, threads=1, backend=backend, cache_size=0
    )
    retriever = Retriever.from_index_dir(index_dir, embedder)
    for q, lang in questions[:5]:  # warm-up: first calls allocate
        retriever.search(q, language=lang, k=5, kinds=("article",))
    embed_only: list[tuple[float, float]] = []
    end_to_end: list[tuple[float, float]] = []
    for q, lang in questions:
        embed_only.append(timed(lambda q=q: embedder.embed_queries([q])))
        end_to_end.append(
            timed(
                lambda q=q, lang=lang: retriever.search(q, language=lang, k=5, kinds=("article",))
            )
        )
    walls = [w for w, _ in end_to_end], [w for w, _ in embed_only]
    cpus = [c for _, c in end_to_end], [c for _, c in embed_only]
    print(
        f"real index ({len(retriever.chunks)} chunks, {backend}), {len(questions)} dev "
        f"questions, interleaved; {load()}"
    )
    for label, (full, alone) in (("wall", walls), ("CPU", cpus)):
        print(
            f"  {label}: end to end p50 {pct(full, 50):.1f} ms p95 {pct(full, 95):.1f} ms | "
            f"embedding alone p50 {pct(alone, 50):.1f} ms p95 {pct(alone, 95):.1f} ms | "
            f"ratio p50 {pct(full, 50) / pct(alone, 50):.2f}"
        )
    timing = {
        "embed_p50_ms": pct(walls[1], 50),
        "embed_cpu_p50_ms": pct(cpus[1], 50),
        "search_p50_ms": pct(walls[0], 50),
        "load": os.getloadavg()[0],
    }
    return retriever, timing


def side_by_side(runs: dict[str, dict[str, Any]]) -> None:
    """Query embedding and dev-set retrieval quality per backend, in one table."""
    names = list(runs)
    print(f"{'':24}" + "".join(f"{name:>12}" for name in names))
    for key, label in (
        ("build_s", "first build s"),
        ("embed_p50_ms", "query embed p50 ms"),
        ("embed_cpu_p50_ms", "query embed CPU p50 ms"),
        ("search_p50_ms", "search p50 ms"),
        ("load", "load (1 min)"),
    ):
        print(f"{label:24}" + "".join(f"{float(runs[n][key]):>12.2f}" for n in names))
    first = runs[names[0]]["metrics"]
    for language in first:
        for metric in ("recall@5", "mrr@10"):
            values = [runs[n]["metrics"][language][metric] for n in names]
            print(
                f"{language + ' ' + metric:24}"
                + "".join(f"{v:>12.3f}" for v in values)
                + f"   (n {first[language]['n']:.0f}; "
                + f"diff {values[-1] - values[0]:+.3f})"
            )
    base = names[0]
    for name in names[1:]:
        ratio = float(runs[name]["embed_p50_ms"]) / float(runs[base]["embed_p50_ms"])
        print(f"query embedding p50 {name} / {base}: {ratio:.2f}")


def synthetic_corpus(
    chunks: list[Chunk], vectors: np.ndarray, n: int, seed: int = 0
) -> tuple[list[Chunk], np.ndarray]:
    """`n` article chunks around the real ones (see the module docstring)."""
    rng = np.random.default_rng(seed)
    shuffle = random.Random(seed)
    base = [i for i, c in enumerate(chunks) if c.kind == "article"]
    parents = rng.choice(base, size=n)
    partners = rng.choice(len(chunks), size=n)
    weights = rng.uniform(0.6, 0.9, size=(n, 1)).astype(np.float32)
    noise = rng.normal(0, 0.02, size=(n, vectors.shape[1])).astype(np.float32)
    mixed = weights * vectors[parents] + (1 - weights) * vectors[partners] + noise
    mixed /= np.linalg.norm(mixed, axis=1, keepdims=True)
    made = []
    for j, i in enumerate(parents):
        words = chunks[i].text.split()
        shuffle.shuffle(words)
        keep = max(12, int(len(words) * shuffle.uniform(0.5, 1.0)))
        made.append(
            dataclasses.replace(chunks[i], id=f"{chunks[i].id}#{j}", text=" ".join(words[:keep]))
        )
    return made, np.ascontiguousarray(mixed, dtype=np.float32)


def nn_cosine(vectors: np.ndarray, sample: int = 500) -> float:
    """Mean cosine of a vector to its nearest other vector, over a sample."""
    rng = np.random.default_rng(1)
    rows = rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)
    sims = vectors[rows] @ vectors.T
    sims[np.arange(len(rows)), rows] = -1
    return float(sims.max(axis=1).mean())


def search_at_scale(real: Retriever, queries: np.ndarray, texts: list[str], langs: list[str]):
    """The search step alone at 100,000 chunks, IVF recall vs exact, and a flat scan."""
    import faiss

    chunks, vectors = synthetic_corpus(real.chunks, real.vectors, SYNTHETIC)
    print(
        f"synthetic index: {len(chunks)} chunks; nearest-neighbour cosine "
        f"{nn_cosine(vectors):.3f} (real article chunks: "
        f"{nn_cosine(real.vectors[[c.kind == 'article' for c in real.chunks]]):.3f})"
    )
    started = time.perf_counter()
    retriever = Retriever(chunks, vectors, real.embedder)
    print(
        f"  retriever start-up (IVF training, BM25 indexing): {time.perf_counter() - started:.0f} s"
    )
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    exact = flat.search(queries, 10)[1]
    ivf = retriever._parts["article"].dense
    print(f"  dense index: {'exact' if ivf.exact else 'IVF'}, nprobe default {dense.NPROBE}")
    for nprobe in (4, 8, 16, 32, 64):
        ivf.set_nprobe(nprobe)
        found = [ivf.search(q, 10) for q in queries]
        recall = np.mean(
            [len({p for p, _ in f} & set(e)) / 10 for f, e in zip(found, exact, strict=True)]
        )
        ms = [timed(lambda q=q: ivf.search(q, 50))[0] for q in queries]
        print(
            f"  IVF nprobe {nprobe:>2}: recall@10 vs exact {recall:.3f}, "
            f"top-50 p50 {pct(ms, 50):.2f} ms p95 {pct(ms, 95):.2f} ms"
        )
    ivf.set_nprobe(dense.NPROBE)
    flat_ms = [timed(lambda q=q: flat.search(q[None, :], 50))[0] for q in queries]
    step: list[float] = []
    step_cpu: list[float] = []
    lexical: list[float] = []
    part = retriever._parts["article"]
    for q, text, lang in zip(queries, texts, langs, strict=True):
        wall, cpu = timed(
            lambda q=q, text=text, lang=lang: retriever.search_vector(
                q, text, language=lang, k=5, kinds=("article",)
            )
        )
        step.append(wall)
        step_cpu.append(cpu)
        lexical.append(timed(lambda text=text, lang=lang: part.lexical.search(text, lang, 50))[0])
    print(f"  {load()}")
    print(f"  exact flat scan alone: p50 {pct(flat_ms, 50):.1f} ms p95 {pct(flat_ms, 95):.1f} ms")
    print(
        f"  BM25 alone (query language): p50 {pct(lexical, 50):.2f} ms "
        f"p95 {pct(lexical, 95):.2f} ms"
    )
    print(
        f"  search step (dense + lexical + fusion): wall p50 {pct(step, 50):.2f} ms "
        f"p95 {pct(step, 95):.2f} ms; CPU p50 {pct(step_cpu, 50):.2f} ms "
        f"p95 {pct(step_cpu, 95):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no ESCO, 40 queries")
    parser.add_argument("--no-esco", action="store_true", help="builds without ESCO")
    parser.add_argument("--no-scale", action="store_true", help="leave out the 100,000 chunks")
    parser.add_argument("--threads", type=int, default=2, help="build threads (kb build default)")
    parser.add_argument("--models-dir", type=Path, default=ROOT / "var" / "index" / "models")
    parser.add_argument(
        "--backends",
        default="torch,onnx-int8",
        help="embedding backends to compare, first the reference (torch,onnx-int8)",
    )
    args = parser.parse_args()
    print(f"bench/retrieval.py; {load()}")
    every = [c for c in load_cases(DEV_SET) if c.relevant_ids]
    cases = every[:40] if args.quick else every[:150]
    runs: dict[str, dict[str, Any]] = {}
    real: Retriever | None = None
    for backend in args.backends.split(","):
        esco = not (args.quick or args.no_esco)
        index_dir, built = first_build(args.models_dir, esco, args.threads, backend)
        print(f"  peak memory {peak_mib():.0f} MiB")
        real, timing = query_latency(
            index_dir, args.models_dir, [(c.question, c.language) for c in cases], backend
        )
        metrics = retrieval_metrics(real, every)
        print(f"  dev-set retrieval ({len(every)} cases with relevant articles): {load()}")
        runs[backend] = {"build_s": built, "metrics": metrics, **timing}
        print(f"  peak memory {peak_mib():.0f} MiB")
    side_by_side(runs)
    if args.no_scale or real is None:
        return
    queries = real.embedder.embed_queries([c.question for c in cases])
    search_at_scale(real, queries, [c.question for c in cases], [c.language for c in cases])
    print(f"  peak memory {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
