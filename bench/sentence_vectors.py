"""The cost of choosing an answer's sentences by meaning: CPU per reply with and without the
index's sentence vectors, alternating, on the first 300 dev questions (query embeddings cached
so that only the rest of a reply is measured).

    .venv/bin/python bench/sentence_vectors.py   (the index of SUUNTA_INDEX_DIR, var/index)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the packages, not bench/telemetry.py, when run as a script

from assistant.assistant import Assistant  # noqa: E402
from assistant.confidence import calibration_for  # noqa: E402
from knowledge_base.retriever import Retriever  # noqa: E402
from suunta.index_setup import make_embedder  # noqa: E402
from suunta.settings import Settings  # noqa: E402

DEV = ROOT / "evaluation" / "datasets" / "dev.jsonl"


def main() -> None:
    settings = Settings()
    embedder = make_embedder(settings, threads=1)
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    assistant = Assistant(retriever, calibration=calibration_for(embedder.name))
    lines = DEV.read_text(encoding="utf-8").splitlines()[:300]
    questions = [str(json.loads(line)["question"]) for line in lines if line]
    for question in questions:  # warm the query cache and the sentence pools
        assistant.reply(question)
    store = retriever.sentences
    if store is None:
        raise SystemExit("the index has no sentence vectors: run `suunta kb build`")
    for label, sentences in (("without", None), ("with", store)) * 2:
        retriever.sentences = sentences
        started = time.process_time()
        for question in questions:
            assistant.reply(question)
        per_reply = (time.process_time() - started) / len(questions) * 1000
        print(f"{label:8} sentence vectors: {per_reply:.2f} ms CPU per reply")


if __name__ == "__main__":
    main()
