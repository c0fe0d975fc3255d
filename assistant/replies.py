"""Replies that are not an answer composed from the sources: those triage decides alone, the
unsure reply, and the honest "not covered" that says where to ask."""

from __future__ import annotations

from dataclasses import replace

from assistant.citation import sources
from assistant.coverage import OCCUPATION_GUIDE, Coverage, asks_own_case
from assistant.generation import Context
from assistant.messages import CRISIS, HANDOFF, text
from assistant.referrals import FACET_TOPICS, for_the_young, where_to_ask
from assistant.retrieval import Retrieval
from assistant.sentences import split_sentences
from assistant.situation import Situation
from assistant.targets import occupation_targets, spoken_targets
from assistant.triage import Triage
from assistant.types import Reply, Source
from knowledge_base.chunking import Chunk
from knowledge_base.limits import Limit

GUIDE_NAME = 6
"""Letters of an asked occupation a guide's names must share to be its guide."""

NEARBY_SENTENCES = 2


def fixed_reply(verdict: Triage, base: Reply, mode: str) -> Reply | None:
    """The reply when triage alone decides it (crisis, handoff, small talk, out of scope, an
    injection with no question left), else None."""
    language = base.language
    fixed = {
        "crisis": ("crisis", CRISIS[language], "crisis"),
        "handoff": ("handoff", HANDOFF[language], "handoff"),
        "greeting": ("out_of_scope", text("greeting", language), "small_talk"),
        "thanks": ("out_of_scope", text("thanks", language), "small_talk"),
        "out_of_scope": ("out_of_scope", text("out_of_scope", language, mode=mode), "topic"),
    }
    if verdict.kind == "injection" and not verdict.cleaned:
        fixed["injection"] = ("out_of_scope", text("injection", language), "injection")
    decided = fixed.get(verdict.kind)
    if decided is None:
        return None
    kind, answer, reason = decided
    return replace(base, kind=kind, answer=answer, reason=reason)


def unsure(
    base: Reply,
    found: Retrieval,
    confidence: float,
    mode: str,
    situation: Situation | None = None,
) -> Reply:
    """Too unsure to answer: "I don't know" for a guidance question, out of scope otherwise.
    A question about one place's own details or one person's own case says so, and names who
    knows (the school or office itself, the service handling the case)."""
    kind = "no_answer" if found.evidence.in_domain else "out_of_scope"
    answer = text(kind, base.language, mode=mode)
    own_case = asks_own_case(found.query)
    if kind == "no_answer" and mode != "counsellor" and (own_case or found.evidence.local_detail):
        opening = "own_case" if own_case else "local"
        topics = list(found.hits[0].chunk.topics) if found.hits else []
        where = where_to_ask(topics, base.language, situation, own_case=own_case)
        heading = text("where_to_ask", base.language)
        answer = f"{text(opening, base.language)}\n\n**{heading}:** {where}"
    return replace(
        base,
        kind=kind,
        confidence=round(confidence, 3),
        answer=answer,
        reason="low_confidence" if kind == "no_answer" else "out_of_scope",
    )


def not_covered(
    base: Reply,
    found: Retrieval,
    mode: str,
    situation: Situation,
    coverage: Coverage | None,
    context: Context | None = None,
) -> Reply:
    """Says plainly that the sources do not cover it, what they say nearby (labelled as
    such), and where to ask."""
    language = base.language
    subject = ""
    if coverage and coverage.missing:
        words = _surface(found.query, coverage.missing)
        if words:
            subject = text("not_covered_subject", language, words=", ".join(words))
    unanswered = coverage.unanswered if coverage else ()
    own_case = "own_case" in unanswered
    opening = "own_case" if own_case else "local" if "local" in unanswered else "not_covered"
    parts = [text(opening, language, subject=subject)]
    passages = list(context.passages[:1]) if context else []
    topics = list(passages[0].chunk.topics) if passages else []
    if passages and _other_occupation(passages[0].chunk, found.query, language):
        # How to become a welder is no help to someone asking how to become a glassblower.
        passages = []
    if passages:
        nearby = split_sentences(passages[0].chunk.summary)[:NEARBY_SENTENCES]
        if nearby:
            parts.append(f"{text('nearby', language)} {' '.join(nearby)} [1]")
    if mode == "counsellor":
        parts.append(text("no_answer", language, mode=mode))
    else:
        heading = text("where_to_ask", language)
        # A pay question the sources give no figure for: where pay is found comes first (and
        # so for demand: where it is shown by region).
        asked = [FACET_TOPICS[f] for f in unanswered if f in FACET_TOPICS]
        where = where_to_ask(asked + topics, language, situation, own_case=own_case)
        parts.append(f"**{heading}:** {where}")
    return _not_covered(base, parts, sources(passages), topics)


def _other_occupation(chunk: Chunk, question: str, language: str) -> bool:
    """Is the nearest article a guide to another occupation than the one asked about ("how do
    I become a glassblower" -> the welder's guide)?"""
    if not chunk.doc_id.startswith(OCCUPATION_GUIDE):
        return False
    asked = occupation_targets(question, language) or (
        spoken_targets(question) if language == "fi" else []
    )
    names = f"{chunk.title} {chunk.keywords}".lower()
    return bool(asked) and not any(w.lower()[:GUIDE_NAME] in names for w in asked)


def at_limit(base: Reply, found: Retrieval, limit: Limit, mode: str, situation: Situation) -> Reply:
    """A question of a kind the sources never answer (knowledge_base/limits): what Suunta
    cannot say, and who can."""
    language = base.language
    topics = list(found.hits[0].chunk.topics) if found.hits else []
    parts = [limit.says[language]]
    if mode == "counsellor":
        parts.append(text("no_answer", language, mode=mode))
    else:
        where = where_to_ask(topics, language, situation, own_case=limit.own_case)
        if limit.where:
            young = for_the_young(language, situation) if limit.youth_services else []
            where = " ".join([limit.where[language], *young])
        parts.append(f"**{text('where_to_ask', language)}:** {where}")
    return _not_covered(base, parts, [], topics)


def _not_covered(base: Reply, parts: list[str], cited: list[Source], topics: list[str]) -> Reply:
    """The reply that the sources do not cover it, made of its paragraphs."""
    return replace(
        base,
        kind="no_answer",
        confidence=0.0,
        answer="\n\n".join(parts),
        sources=cited,
        topics=sorted(set(topics)),
        reason="not_covered",
    )


def _surface(question: str, stems: tuple[str, ...]) -> list[str]:
    """The words of the question behind these stems, as the learner wrote them."""
    words = [w.strip("?!.,;:()\"'") for w in question.split()]
    found: list[str] = []
    for stem in stems:
        word = next((w for w in words if w.lower().startswith(stem[:4])), None)
        if word and word not in found:
            found.append(word)
    return found[:3]
