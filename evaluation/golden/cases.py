"""Question sets (the dev-set format) and retrieval metrics over them."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge_base.retriever import Retriever

KINDS = ("answer", "no_answer", "out_of_scope", "crisis", "handoff")
NOT_COVERED = "not_covered"
"""The slice of career questions the knowledge base deliberately does not cover (a timetable at
one school, one person's benefit decision): an honest no-answer, or a handoff, passes."""


@dataclass(frozen=True)
class Case:
    """One question with what a good reply must (and must not) contain."""

    id: str
    language: str
    question: str
    expected_kind: str
    relevant_ids: tuple[str, ...] = ()
    must: tuple[tuple[str, ...], ...] = ()
    forbid: tuple[str, ...] = ()
    slice: str | None = None
    """What part of the service the case tests: `new_subject`, `not_covered`, `occupation`,
    `small_talk`, `situation` (None: not sliced)."""
    extra: dict[str, Any] = field(default_factory=dict)


def load_cases(path: Path) -> list[Case]:
    """Read a JSON-lines question set; raise ValueError naming the bad line."""
    cases: list[Case] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            case = Case(
                id=str(data["id"]),
                language=str(data["language"]),
                question=str(data["question"]),
                expected_kind=str(data.get("expected_kind", "answer")),
                relevant_ids=tuple(data.get("relevant_ids") or ()),
                must=tuple(tuple(g) for g in data.get("must") or ()),
                forbid=tuple(data.get("forbid") or ()),
                slice=str(data["slice"]) if data.get("slice") else None,
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"line {number}: {exc}") from exc
        if case.expected_kind not in KINDS:
            raise ValueError(f"line {number}: unknown expected_kind '{case.expected_kind}'")
        cases.append(case)
    return cases


def select(
    cases: list[Case], *, first: int | None = None, ids: set[str] | None = None
) -> list[Case]:
    """The cases with one of `ids` (all without), then the first `first` of those."""
    chosen = [c for c in cases if ids is None or c.id in ids]
    return chosen[:first] if first is not None else chosen


def _ranked_ids(retriever: Retriever, case: Case) -> list[str]:
    hits = retriever.search_documents(
        case.question, language=case.language, k=10, kinds=("article",)
    )
    return [hit.chunk.doc_id for hit in hits]


def score_ranking(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    """Recall@5, MRR@10 and nDCG@10 of one ranking."""
    recall = len(relevant & set(ranked[:5])) / len(relevant)
    mrr = next((1.0 / r for r, d in enumerate(ranked[:10], start=1) if d in relevant), 0.0)
    dcg = sum(1.0 / math.log2(r + 1) for r, d in enumerate(ranked[:10], start=1) if d in relevant)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), 10) + 1))
    return {"recall@5": recall, "mrr@10": mrr, "ndcg@10": dcg / ideal if ideal else 0.0}


def retrieval_metrics(retriever: Retriever, cases: list[Case]) -> dict[str, dict[str, float]]:
    """Mean metrics per language (and `all`) over cases that name relevant articles."""
    rows: dict[str, list[dict[str, float]]] = {}
    for case in cases:
        if not case.relevant_ids:
            continue
        scores = score_ranking(_ranked_ids(retriever, case), set(case.relevant_ids))
        rows.setdefault(case.language, []).append(scores)
        rows.setdefault("all", []).append(scores)
    return {
        lang: {
            "n": float(len(items)),
            **{m: sum(i[m] for i in items) / len(items) for m in ("recall@5", "mrr@10", "ndcg@10")},
        }
        for lang, items in sorted(rows.items(), key=lambda kv: (kv[0] == "all", kv[0]))
    }
