"""Can the signals Suunta has tell a right answer composed from an article from a wrong one?

    .venv/bin/python bench/abstention.py [--golden evaluation/datasets/dev.jsonl] [--folds 5]

Asks every case of the golden file through `Assistant.reply` (the index of the settings:
SUUNTA_INDEX_DIR, SUUNTA_CONTENT_DIR, ...), and for each reply of kind `answer` records how it
was reached (an answer card, a named occupation guide, ESCO, or composed from articles) and 22
numbers the reply stage knows: the calibrated confidence, the cosines of the best passage and
card, the fused and lexical scores and margin of the hits, the cosines of the question and the
picked sentences, the share of the question's stems in the picked sentences, the lead article
and every cited one, the question's length, its question marks and digits, and the shape of
the selection. A reply is right when the case passes and expects an answer.

For each route it prints each number's ROC AUC alone, then the cross-validated AUC of a
logistic regression over all of them (stratified folds, three shuffles), and how many wrong
answers a threshold on it would withhold for each share of right answers it keeps. A gate on
composed answers is worth building only if that trade is good (docs/answering.md, "Telling a
right composed answer from a wrong one").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FEATURES = (
    "confidence",
    "cosine",
    "card_cosine",
    "top_fused",
    "top_lexical",
    "top_cosine",
    "margin",
    "docs_in_top5",
    "sentence_max",
    "sentence_mean",
    "sentence_min",
    "question_in_picked",
    "question_in_lead",
    "question_in_cited",
    "question_stems",
    "concepts",
    "words",
    "question_marks",
    "digits",
    "picked",
    "lead_share",
    "passages",
)


def _features(assistant: Any, question: str, language: str, seen: dict[str, Any]) -> list[float]:
    from knowledge_base.lexical import analyse

    found, cited = seen["found"], seen["cited"]
    evidence, hits = found.retrieval.evidence, found.retrieval.hits
    top = hits[0] if hits else None
    other = next((h for h in hits if top and h.chunk.doc_id != top.chunk.doc_id), None)
    picked = cited.selection or ()
    similarity = found.retrieval.sentence_similarity()
    sims = [s for s in (similarity(c.text) if similarity else None for c in picked) if s]
    asked = set(analyse(question, language))
    picked_terms = frozenset().union(*(c.terms for c in picked)) if picked else frozenset()
    docs = [p.chunk.doc_id for p in cited.context.passages]
    lead = set(assistant.coverage.evidence(docs[:1]))
    every = set(assistant.coverage.evidence(docs))

    def share(stems: Any) -> float:
        return len(asked & stems) / max(1, len(asked))

    return [
        found.confidence,
        evidence.cosine,
        evidence.card_cosine or 0.0,
        top.fused if top else 0.0,
        top.lexical if top else 0.0,
        top.score if top else 0.0,
        (top.fused - other.fused) if top and other else 0.3,
        len({h.chunk.doc_id for h in hits[:5]}),
        max(sims, default=0.0),
        float(np.mean(sims)) if sims else 0.0,
        min(sims, default=0.0),
        share(picked_terms),
        share(lead),
        share(every),
        len(asked),
        len(assistant.coverage.concepts(question, language)),
        len(question.split()),
        question.count("?"),
        float(any(ch.isdigit() for ch in question)),
        len(picked),
        sum(1 for c in picked if c.group < 2) / max(1, len(picked)),
        len(docs),
    ]


def collect(golden: Path) -> list[tuple[str, bool, list[float]]]:
    """(route, right, features) of every answered case."""
    from assistant.assistant import Assistant
    from assistant.confidence import calibration_for
    from evaluation.golden.cases import load_cases
    from evaluation.golden.scoring import check
    from suunta.index_setup import make_embedder, open_retriever
    from suunta.settings import Settings

    settings = Settings()
    embedder = make_embedder(settings)
    assistant = Assistant(
        open_retriever(settings, embedder), calibration=calibration_for(embedder.name)
    )
    seen: dict[str, Any] = {}
    answered = assistant._answered

    def watched(base: Any, asked: Any, found: Any, cited: Any, lead: Any) -> Any:
        seen.update(found=found, cited=cited, lead=lead)
        return answered(base, asked, found, cited, lead)

    assistant._answered = watched  # type: ignore[method-assign]
    rows = []
    for case in load_cases(golden):
        seen.clear()
        reply = assistant.reply(case.question)
        if reply.kind != "answer" or not seen:
            continue
        found = seen["found"]
        route = (
            "card"
            if seen["lead"] is not None
            else "guide"
            if found.guide
            else "esco"
            if found.occupation
            else "article"
        )
        right = check(case, cast(Any, reply)).passed and case.expected_kind == "answer"
        rows.append((route, right, _features(assistant, case.question, reply.language, seen)))
    return rows


def study(rows: list[tuple[bool, list[float]]], folds: int) -> None:
    """Each number's AUC, the combined model's, and the trade it offers."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    x = np.array([f for _, f in rows])
    y = np.array([int(r) for r, _ in rows])
    print(f"  {len(y)} answers: {y.sum()} right, {len(y) - y.sum()} wrong")
    if y.min() == y.max() or min(y.sum(), len(y) - y.sum()) < folds:
        print("  too few of one kind to study")
        return
    aucs = [(roc_auc_score(y, x[:, i]), name) for i, name in enumerate(FEATURES)]
    print("  alone (AUC, 0.5 = chance):", ", ".join(f"{n} {a:.2f}" for a, n in aucs))
    x = (x - x.mean(0)) / (x.std(0) + 1e-9)
    p = np.zeros(len(y))
    for seed in range(3):
        for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            model = LogisticRegression(C=0.3, max_iter=2000).fit(x[train], y[train])
            p[test] += model.predict_proba(x[test])[:, 1] / 3
    print(f"  all {len(FEATURES)} together, cross-validated AUC {roc_auc_score(y, p):.3f}")
    for keep in (0.99, 0.98, 0.97, 0.95, 0.90):
        cut = np.quantile(p[y == 1], 1 - keep)
        lost, caught = int(((p < cut) & (y == 1)).sum()), int(((p < cut) & (y == 0)).sum())
        print(f"  keep {keep:.0%} of right answers: withhold {lost} right, {caught} wrong")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "evaluation/datasets/dev.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = collect(args.golden)
    for route in ("article", "guide", "card"):
        print(f"{route}:")
        study([(r, f) for k, r, f in rows if k == route], args.folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
