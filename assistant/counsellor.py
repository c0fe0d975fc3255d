"""The counsellor co-pilot: a structured plan composed extractively from the retrieved articles.

The plan holds only what the knowledge base says (titles, sentences, citation numbers) and fixed
questions chosen by the articles' topics; nothing of the client's description is copied into it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.generators import Context, Passage
from assistant.messages import PLAN_QUESTIONS, PLAN_SUMMARY, PLAN_TOPIC_QUESTIONS
from assistant.sentences import prose, split_sentences
from assistant.situation import Situation, below_floor, closed_to, without_age
from assistant.types import Plan, PlanItem
from knowledge_base.lexical import analyse
from knowledge_base.retriever import Hit

if TYPE_CHECKING:
    from assistant.retrieval import Retrieval

# An article whose main topic is one of these is a service to contact; others are education
# options or ways to fund them.
SERVICE_TOPICS = frozenset(
    {
        "guidance_services",
        "employment_services",
        "digital_services",
        "wellbeing",
        "about_suunta",
        "disability",
        "unemployment",
        "immigrants",
        "foreign_qualifications",
        "labour_market",
        "job_search",
        "guidance_policy",
        "career_planning",
        "occupations",
    }
)
MAX_QUESTIONS = 4
DETAIL_WORDS = 45
# What a counsellor needs for a client's situation whatever the description asks: for a client
# out of work, the employment services and what studying on unemployment benefit allows. Searched
# with the question's own machinery (one more embedding, counsellor mode only).
SITUATION_QUERIES = {
    "unemployed": {
        "fi": "työtön työnhakija: työllisyyspalvelut, työttömyysetuus ja opiskelu työttömänä",
        "sv": "arbetslös arbetssökande: arbetskraftstjänster, arbetslöshetsförmån och studier "
        "som arbetslös",
        "en": "unemployed jobseeker: employment services, unemployment benefit and studying while "
        "unemployed",
    },
    "young": {
        "fi": "alle 30-vuotias nuori: Ohjaamo, nuorisotakuu ja etsivä nuorisotyö",
        "sv": "ung under 30 år: Ohjaamo, ungdomsgarantin och uppsökande ungdomsarbete",
        "en": "young person under 30: Ohjaamo, the Youth Guarantee and outreach youth work",
    },
}
YOUNG = 30
"""A client younger than this is offered the services for the young (Ohjaamo is for under-30s)."""
SITUATION_SOURCES = 2
"""Articles for the situation a plan may add to what the description found."""
SITUATION_SHARE = 0.97
"""They stand just below the best hit, so the plan keeps them among its sources."""


def is_service(passage: Passage) -> bool:
    """Does the passage's article describe a service (rather than an education option)?"""
    topics = passage.chunk.topics
    return bool(topics) and topics[0] in SERVICE_TOPICS


@lru_cache(maxsize=2048)
def _split(text: str) -> tuple[str, ...]:
    """A summary's sentences (kept: a plan reads the same few articles' sections again)."""
    return tuple(split_sentences(text))


@lru_cache(maxsize=2048)
def _prose(section_text: str) -> tuple[str, ...]:
    """A section's readable sentences, paragraphs joined (kept, as `_split`)."""
    return tuple(s for p in prose(section_text) for s in p)


def _detail(passage: Passage, query: set[str], age: int | None = None) -> str:
    """The passage's sentence that best matches the situation (its summary's first by default),
    none for another age than the client's ("fyllt 55 år" for a client of 24)."""
    chunk = passage.chunk

    def fits(sentence: str) -> bool:
        return not closed_to(sentence, age) and not below_floor(sentence, age)

    summary = [s for s in _split(chunk.summary) if fits(s)] if chunk.summary else []
    candidates = list(summary)
    for section in (chunk, *passage.related):
        if section.heading != "summary":
            candidates.extend(s for s in _prose(section.text) if fits(s))
    short = [c for c in candidates if len(c.split()) <= DETAIL_WORDS] or candidates

    def score(sentence: str) -> float:
        terms = set(analyse(sentence, chunk.language))
        return len(query & terms) / math.sqrt(1 + len(terms))

    first = summary[0] if summary and len(summary[0].split()) <= DETAIL_WORDS else None
    best = max(short, key=score, default=first or "")
    return best if first is None or score(best) > score(first) else first


def _questions(passages: list[Passage], language: str, known: set[str]) -> list[str]:
    """Questions to ask the client, by the topics of the sources, none the description answers."""
    keys = ["goal"]
    for passage in passages:
        for topic in passage.chunk.topics:
            key = PLAN_TOPIC_QUESTIONS.get(topic)
            if key and key not in keys and key not in known:
                keys.append(key)
    return [PLAN_QUESTIONS[k][language] for k in keys[:MAX_QUESTIONS]]


def build_plan(context: Context, language: str, *, situation: Situation | None = None) -> Plan:
    """Services and education options (each with its source number), questions and a summary."""
    # (the client's age is their situation, not a word to match: "24 år" found "fyllt 55 år")
    query = set(analyse(without_age(context.question), context.language))
    age = situation.age if situation else None
    passages = list(context.passages)
    services: list[PlanItem] = []
    options: list[PlanItem] = []
    for passage in passages:
        item = PlanItem(passage.chunk.title, _detail(passage, query, age), passage.number)
        (services if is_service(passage) else options).append(item)
    titles = ", ".join(f"{p.chunk.title} [{p.number}]" for p in passages)
    lead = _detail(passages[0], query, age) if passages else ""
    summary = PLAN_SUMMARY[language].format(titles=titles)
    if lead:
        summary += f" {lead} [{passages[0].number}]"
    return Plan(
        services=services,
        options=options,
        questions=_questions(passages, language, situation.known() if situation else set()),
        summary=summary,
    )


def situated(
    hits: list[Hit],
    search: Callable[[str, str], Retrieval],
    situation: Situation,
    language: str,
) -> list[Hit]:
    """The hits with the articles of the client's situation (a client out of work: the
    employment services; one under 30: Ohjaamo and the Youth Guarantee) just below the best
    one, when the description did not find them: "52 v, irtisanottu logistiikasta, kiinnostunut
    sosiaali- ja terveysalasta" finds occupations, and the plan needs the services too."""
    young = situation.age is not None and situation.age < YOUNG
    wanted = [
        k for k, applies in (("unemployed", situation.unemployed), ("young", young)) if applies
    ]
    if not wanted or not hits:
        return hits
    have = {h.chunk.doc_id for h in hits}
    lead = hits[0].fused * SITUATION_SHARE
    extra: list[Hit] = []
    for key in wanted:
        found = search(SITUATION_QUERIES[key][language], language).hits
        new = [h for h in found if h.chunk.doc_id not in have][:SITUATION_SOURCES]
        have.update(h.chunk.doc_id for h in new)
        extra += [replace(h, fused=lead) for h in new]
    return hits[:1] + extra + hits[1:]
