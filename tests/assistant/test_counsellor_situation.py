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


def test_a_client_under_30_gets_the_services_for_the_young() -> None:
    hits = [_hit("occupation-software-developer", 0.85), _hit("pay-subsidy", 0.82)]
    asked: list[str] = []

    def search(query: str, language: str) -> _Found:
        asked.append(query)
        if "Ohjaamo" in query:
            return _Found([_hit(doc, 0.5) for doc in ["ohjaamo", "youth-guarantee", "tuva"]])
        return _Found([_hit(doc, 0.5) for doc in ["employment-services-2025", "pay-subsidy"]])

    got = situated(hits, search, Situation(age=24, unemployed=True), "sv")  # type: ignore[arg-type]
    docs = [h.chunk.doc_id for h in got]
    assert docs[0] == "occupation-software-developer"
    assert {"ohjaamo", "youth-guarantee", "employment-services-2025"} <= set(docs[1:5])
    assert "tuva" not in docs and len(asked) == 2
    # Over 30 and in work: nothing is added.
    assert situated(hits, search, Situation(age=35), "sv") == hits  # type: ignore[arg-type]
    assert situated(hits, search, Situation(age=29), "sv")[1].chunk.doc_id == "ohjaamo"  # type: ignore[arg-type]


def test_a_clients_plan_leaves_out_what_is_for_older_people_and_does_not_match_their_age() -> None:
    from assistant.counsellor import build_plan
    from assistant.generation import Context, Passage
    from assistant.pool import pool
    from assistant.situation import below_floor, without_age

    assert below_floor("För en långtidsarbetslös som fyllt 60 år kan den pågå 24 månader.", 24)
    benefit = "If you are unemployed and aged 25 or over, you can study on benefit."
    assert below_floor(benefit, 22)
    assert not below_floor(benefit, 40)
    assert not below_floor("Palkkatukea maksetaan enintään 24 kuukautta.", 24)
    assert without_age("Klient 24 år, arbetslös") == "Klient  år, arbetslös"
    text = (
        "Lönesubvention betalas till en arbetsgivare som anställer en arbetslös. "
        "Stödet för den som fyllt 55 år kan betalas i 24 månader."
    )
    chunk = Chunk("pay-sv-a", "pay", "article", "sv", "Lönesubvention", "Villkor", text, "")
    passage = Passage(1, chunk, 0.9)
    question = "Klient 24 år, arbetslös sedan 24 månader"
    context = Context(question, "sv", [passage], [], 1, age=24, floor=True)
    assert all("55 år" not in c.text for c in pool(context))
    learner = Context(question, "sv", [passage], [], 1, age=24)
    assert any("55 år" in c.text for c in pool(learner))  # a learner's own answer may be the limit
    plan = build_plan(context, "sv", situation=Situation(age=24, unemployed=True))
    assert "55 år" not in plan.options[0].detail + "".join(s.detail for s in plan.services)
