"""Every dev-set reply as JSON (to show a change keeps them), and the CPU a reply costs beyond
its embedding, with the assistant in this process.

    PYTHONHASHSEED=0 .venv/bin/python bench/replies.py dump var/bench/replies.json
    .venv/bin/python bench/replies.py cpu --rounds 3

Both ask each question of evaluation/datasets/dev.jsonl as a learner (every third in counsellor
mode) and every other one's follow-up in the same session ("and how much does it cost?" in the
question's language), through `Assistant.reply` over the index of the settings
(SUUNTA_INDEX_DIR, SUUNTA_CONTENT_DIR, ...), with conversation memory in the process.

* `dump` writes each reply's kind, answer, language, confidence, sources (with their scores),
  topics, plan, reason and generator, without the ids and the latency: run it on two trees
  (e.g. a `git worktree` of the commit before) and compare the files byte for byte. A selection
  can depend on the hash seed (a tie in a floating-point sum over a set), so set
  PYTHONHASHSEED=0 for both.
* `cpu` asks everything once (every query embedding then kept in this process), then measures
  process CPU a reply over the same replies again: the reply's own work, without the model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.assistant import Assistant  # noqa: E402
from assistant.confidence import calibration_for  # noqa: E402
from assistant.types import Reply  # noqa: E402
from knowledge_base.embedding import Embedder  # noqa: E402
from suunta.index_setup import SetupError, make_embedder, open_retriever  # noqa: E402
from suunta.settings import Settings  # noqa: E402

DEV_SET = ROOT / "evaluation" / "datasets" / "dev.jsonl"
FOLLOW_UP = {
    "fi": "entä paljonko se maksaa?",
    "sv": "och vad kostar det?",
    "en": "and how much does it cost?",
}


class KeptEmbeddings:
    """An embedder that embeds each distinct query once and keeps its vector."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._kept: dict[tuple[str, ...], np.ndarray] = {}
        self.embedded = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        key = tuple(texts)
        vectors = self._kept.get(key)
        if vectors is None:
            self.embedded += 1
            vectors = self._kept[key] = self.inner.embed_queries(texts)
        return vectors

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def assistant(*, kept: bool) -> tuple[Assistant, KeptEmbeddings | None]:
    """The assistant over the configured index (its query embeddings kept with `kept`)."""
    settings = Settings()
    embedder: Embedder = make_embedder(settings)
    keeper = KeptEmbeddings(embedder) if kept else None
    retriever = open_retriever(settings, keeper or embedder)
    return Assistant(retriever, calibration=calibration_for(embedder.name)), keeper


def questions() -> list[dict[str, Any]]:
    """The dev set's cases."""
    with DEV_SET.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ask_all(
    helper: Assistant, cases: list[dict[str, Any]], times: list[float] | None = None
) -> list[Reply]:
    """Every case's reply and every other case's follow-up (CPU of each into `times`)."""
    replies: list[Reply] = []
    for i, case in enumerate(cases):
        mode = "counsellor" if i % 3 == 2 else "learner"
        asked = [case["question"]]
        if i % 2 == 0:
            asked.append(FOLLOW_UP.get(case["language"], FOLLOW_UP["en"]))
        session: str | None = None  # the follow-up goes to the question's session
        for message in asked:
            started = time.process_time()
            reply = helper.reply(message, session_id=session, mode=mode)
            if times is not None:
                times.append(time.process_time() - started)
            session = reply.session_id
            replies.append(reply)
    return replies


def public(reply: Reply) -> dict[str, Any]:
    """What a reply says, without its ids and latency."""
    fields = asdict(reply)
    for name in ("session_id", "message_id", "latency_ms"):
        fields.pop(name)
    return fields


def dump(path: Path) -> None:
    helper, _ = assistant(kept=False)
    replies = [public(r) for r in ask_all(helper, questions())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(replies, ensure_ascii=False, indent=0, sort_keys=True, default=str),
        encoding="utf-8",
    )
    print(f"{len(replies)} replies -> {path}")


def cpu(rounds: int) -> None:
    helper, keeper = assistant(kept=True)
    assert keeper is not None
    cases = questions()
    ask_all(helper, cases)  # every query embedded once, every cache warm
    for round_ in range(1, rounds + 1):
        times: list[float] = []
        embedded = keeper.embedded
        ask_all(helper, cases, times)
        times.sort()
        count = len(times)
        print(
            f"round {round_}: {count} replies, process CPU a reply {1000 * sum(times) / count:.2f}"
            f" ms (p50 {1000 * times[count // 2]:.2f}, p90 {1000 * times[int(0.9 * count)]:.2f}),"
            f" {keeper.embedded - embedded} queries embedded, load {os.getloadavg()[0]:.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write every reply as JSON")
    dumping.add_argument("path", type=Path)
    timing = commands.add_parser("cpu", help="process CPU a reply beyond its embedding")
    timing.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not DEV_SET.exists():
        print(f"error: no dev set at {DEV_SET}", file=sys.stderr)
        return 2
    try:
        if args.command == "dump":
            dump(args.path)
        else:
            cpu(args.rounds)
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
