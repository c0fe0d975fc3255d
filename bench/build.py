"""The first full index build, before and after, in one sitting: texts/s, wall and CPU seconds.

Run from the repository root:

    git worktree add /tmp/build-before <commit>
    .venv/bin/python bench/build.py --before /tmp/build-before --models-dir <materialised models>

Each build runs in its own process on a copy of this checkout's corpus taken at the start
(articles, answer cards, limits and the 3,039 ESCO occupations), with the code of `--before`
and then of this checkout, into fresh index folders, the model already materialised in
`--models-dir` (a first start's export and quantisation are not timed). The builds alternate
`--rounds` times. Printed for each: chunks and sentences embedded, wall seconds of each phase,
texts/s, CPU seconds (user + system of the build process) and CPU/wall (cores kept busy), the
load average before and after. Then the two indexes are compared: cosine of every chunk's and
sentence's vectors, and the top-5 ids `Retriever.search` gives for every dev-set question with
each index (the new code's retriever over both, so only the vectors differ). `--per-kind N`
embeds N texts of each kind alone and prints CPU a text and a token (kinds' cost). `--seed-ab`
compares this checkout with itself instead: "before" builds with `seeds={}` (every text
embedded), "after" with the shipped ESCO and content vectors (knowledge_base/seed_vectors.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "knowledge_base" / "content"
DEV_SET = ROOT / "evaluation" / "datasets" / "dev.jsonl"

# Runs inside the build process, with the code under test first on sys.path.
_BUILD = """
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from knowledge_base.embedding import load_embedder
from knowledge_base.index import build_index, collect_chunks
from pathlib import Path
content, models, index_dir = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
options = {"seeds": {}} if sys.argv[5:] == ["noseed"] else {}
started = time.perf_counter()
chunks = collect_chunks(content, include_occupations=True)
collected = time.perf_counter()
embedder = load_embedder("multilingual-e5-small", models_dir=models, threads=2,
                         backend="onnx-int8")
loaded = time.perf_counter()
marks = {}
def mark(name):
    def progress(done, total):
        marks.setdefault(name + "_start", time.perf_counter())
        if done >= total:
            marks[name + "_end"] = time.perf_counter()
            marks[name + "_total"] = total
    return progress
report = build_index(index_dir, chunks, embedder, progress=mark("chunks"),
                     sentence_progress=mark("sentences"), **options)
ended = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"collect": collected - started, "load": loaded - collected,
                  "build": report.seconds, "wall": ended - started, "chunks": report.chunks,
                  "embedded": report.embedded, "seeded": getattr(report, "seeded", 0),
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_mib": usage.ru_maxrss / 1024, **marks}))
"""


def loadavg() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def snapshot(workdir: Path) -> Path:
    """A copy of the corpus (articles, cards, limits, topics) for every build of the run: other
    work may edit the checkout's meanwhile, and a pass's neighbours move a vector a little
    (int8 activations are scaled per pass), so only builds of one corpus compare."""
    corpus = workdir / "corpus"
    for name in ("content", "cards", "limits"):
        if (CONTENT.parent / name).is_dir():
            shutil.copytree(CONTENT.parent / name, corpus / name, dirs_exist_ok=True)
    shutil.copy(CONTENT.parent / "topics.yaml", corpus / "topics.yaml")
    return corpus / "content"


def run_build(
    code: Path, models: Path, index_dir: Path, content: Path, seed: bool = True
) -> dict[str, float]:
    """One first build in a fresh process (without the shipped ESCO vectors unless `seed`)."""
    before = loadavg()
    args = [sys.executable, "-c", _BUILD, str(code), str(content), str(models), str(index_dir)]
    args += [] if seed else ["noseed"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=code)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["load_before"], figures["load_after"] = before, loadavg()
    return figures


def describe(label: str, f: dict[str, float]) -> str:
    """One build's line."""
    chunk_s = f.get("chunks_end", 0) - f.get("chunks_start", 0)
    sentence_s = f.get("sentences_end", 0) - f.get("sentences_start", 0)
    texts = f.get("chunks_total", 0) + f.get("sentences_total", 0)
    return (
        f"{label}: {f['wall']:.1f} s wall, {f['cpu']:.1f} s CPU ({f['cpu'] / f['wall']:.2f} "
        f"cores); {f.get('chunks_total', 0):.0f} chunks in {chunk_s:.1f} s, "
        f"{f.get('sentences_total', 0):.0f} sentences in {sentence_s:.1f} s, "
        f"{texts / max(chunk_s + sentence_s, 1e-9):.1f} texts/s; {f.get('seeded', 0):.0f} from the "
        f"seed; corpus {f['collect']:.1f} s, model "
        f"{f['load']:.1f} s; peak {f['rss_mib']:.0f} MiB; load {f['load_before']:.1f} -> "
        f"{f['load_after']:.1f}"
    )


def compare(old_dir: Path, new_dir: Path, models: Path) -> None:
    """Cosines between the two builds' vectors, and dev-set top-5 ids with each."""
    sys.path.insert(0, str(ROOT))
    from evaluation.golden.cases import load_cases
    from knowledge_base.embedding import load_embedder
    from knowledge_base.index import load_index
    from knowledge_base.retriever import Retriever
    from knowledge_base.sentence_vectors import SENTENCE_VECTORS, SENTENCES

    old_chunks, old_vectors, _ = load_index(old_dir)
    new_chunks, new_vectors, _ = load_index(new_dir)
    new_row = {c.id: i for i, c in enumerate(new_chunks)}
    rows = [(i, new_row[c.id]) for i, c in enumerate(old_chunks) if c.id in new_row]
    cosines = np.sum(old_vectors[[i for i, _ in rows]] * new_vectors[[j for _, j in rows]], 1)
    print(f"chunks: {len(rows)} in both; cosine min {cosines.min():.6f}, mean {cosines.mean():.6f}")
    for kind in sorted({c.kind for c in old_chunks}):
        of_kind = np.array([old_chunks[i].kind == kind for i, _ in rows])
        if of_kind.any():
            low, mean = cosines[of_kind].min(), cosines[of_kind].mean()
            print(f"  {kind}: {of_kind.sum()}, cosine min {low:.6f}, mean {mean:.6f}")
    sentences = []
    for folder in (old_dir, new_dir):
        texts = json.loads((folder / SENTENCES).read_text(encoding="utf-8"))["texts"]
        vectors = np.load(folder / SENTENCE_VECTORS).astype(np.float32)
        sentences.append(dict(zip(texts, vectors, strict=True)))
    both = [t for t in sentences[0] if t in sentences[1]]
    s_cos = np.array([float(sentences[0][t] @ sentences[1][t]) for t in both])
    print(f"sentences: {len(both)} in both; cosine min {s_cos.min():.6f}, mean {s_cos.mean():.6f}")
    embedder = load_embedder("multilingual-e5-small", models_dir=models, backend="onnx-int8")
    old, new = (Retriever.from_index_dir(d, embedder) for d in (old_dir, new_dir))
    cases = load_cases(DEV_SET)
    differ = 0
    for case in cases:
        ids = [
            [h.chunk.id for h in r.search(case.question, language=case.language, k=5)]
            for r in (old, new)
        ]
        differ += ids[0] != ids[1]
    print(f"dev set: {len(cases)} questions, top-5 ids differ for {differ}")


def per_kind(models: Path, sample: int, content: Path) -> None:
    """CPU a text and a token for each kind of text, alone (thread CPU, batches as built)."""
    sys.path.insert(0, str(ROOT))
    import random

    from knowledge_base.embedding import load_embedder
    from knowledge_base.index import collect_chunks
    from knowledge_base.sentence_vectors import article_sentences

    chunks = collect_chunks(content, include_occupations=True)
    kinds: dict[str, list[str]] = {}
    for chunk in chunks:
        kinds.setdefault(chunk.kind, []).append(chunk.embed_text)
    kinds["sentence"] = article_sentences(chunks)
    embedder = load_embedder("multilingual-e5-small", models_dir=models, backend="onnx-int8")
    tokenizer = embedder._tokenizer  # type: ignore[attr-defined]
    rng = random.Random(0)
    for kind, texts in kinds.items():
        picked = sorted(rng.sample(texts, min(sample, len(texts))), key=len)
        tokens = sum(len(e.ids) for e in tokenizer.encode_batch(["passage: " + t for t in picked]))
        every = sum(len(e.ids) for e in tokenizer.encode_batch(["passage: " + t for t in texts]))
        cpu = time.process_time()
        embedder.embed_passages(picked)
        cpu = time.process_time() - cpu
        print(
            f"{kind}: {len(texts)} texts, {every / len(texts):.0f} tokens a text, {every} tokens; "
            f"{cpu / len(picked) * 1000:.1f} ms CPU a text, {cpu / tokens * 1000:.3f} ms a token, "
            f"all {cpu / tokens * every:.0f} CPU s (load {loadavg():.1f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--models-dir", type=Path, default=Path("var/index/models"))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--per-kind", type=int, default=0, metavar="N")
    parser.add_argument("--keep", type=Path, help="build into this folder (kept) instead")
    parser.add_argument("--seed-ab", action="store_true", help="without, then with the seed")
    args = parser.parse_args()
    models = args.models_dir.resolve()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="suunta-bench-build-"))
    codes = ([("before", args.before.resolve(), True)] if args.before else []) + [
        ("after", ROOT, True)
    ]
    if args.seed_ab:
        codes = [("before", ROOT, False), ("after", ROOT, True)]
    content = snapshot(workdir)
    print(f"{os.cpu_count()} cores, load {loadavg():.1f}; corpus copied to {content}")
    for round_ in range(args.rounds):
        for label, code, seed in codes:
            index_dir = workdir / f"{label}-{round_}"
            figures = run_build(code, models, index_dir, content, seed)
            print(describe(f"{label} ({code}, seed {seed})", figures), flush=True)
    if args.before or args.seed_ab:
        compare(workdir / "before-0", workdir / "after-0", models)
    if args.per_kind:
        per_kind(models, args.per_kind, content)
    print(f"indexes in {workdir}")


if __name__ == "__main__":
    main()
