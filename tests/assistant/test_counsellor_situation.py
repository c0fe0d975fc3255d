"""A counsellor's plan for a client out of work holds the employment services even when the
description only finds occupations."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.counsellor import SITUATION_SOURCES, situated
from assistant.situation import Situation
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit


def _hit(doc_id: str, fused: float) -> Hit:
    return Hit(Chunk(f"{doc_id}-a", doc_id, "article", "fi", doc_id, "a", "t", ""), 0.9, fused)


@dataclass
class _Found:
    hits: list[Hit]


def test_a_client_out_of_work_gets_the_employment_services_just_below_the_best_hit() -> None:
    hits = [_hit("occupation-practical-nurse", 0.85), _hit("occupation-truck-driver", 0.82)]
    asked: list[str] = []

    def search(query: str, language: str) -> _Found:
        asked.append(query)
        services = ["employment-services-2025", "occupation-truck-driver", "general-support-2026"]
        return _Found([_hit(doc, 0.5) for doc in [*services, "labour-market-training"]])

    got = situated(hits, search, Situation(age=52, unemployed=True), "fi")  # type: ignore[arg-type]
    docs = [h.chunk.doc_id for h in got]
    assert docs[0] == "occupation-practical-nurse"
    assert docs[1 : 1 + SITUATION_SOURCES] == ["employment-services-2025", "general-support-2026"]
    assert all(h.fused < 0.85 for h in got[1:3]) and got[1].fused > 0.82
    assert len(asked) == 1
    # A client in work, or one whose situation is not told, gets what the description found.
    assert situated(hits, search, Situation(age=52), "fi") == hits  # type: ignore[arg-type]
    assert len(asked) == 1
