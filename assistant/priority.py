"""What the learner's own words put first: the article of an answer card asked almost word for
word, and the occupation guide a question names (joined when retrieval missed it, level with the
best hit when it found it lower)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.card_words import CardWords, answers_yes_or_no
from assistant.coverage_facets import unstated_facets
from assistant.ranking import Library
from assistant.retrieval import Retrieval
from knowledge_base.retriever import Hit

if TYPE_CHECKING:
    from assistant.stages import Question

CARD_MIN_COSINE = 0.92
"""An answer card opens the reply when one of its questions is at least this close to the
learner's (e5 cosine, question to question) and its article is among the cited ones."""
ACRONYM_LIFT = 1.5
"""An article named by its title's acronym stands this much above the best hit (its words may
not match: the stemmer cuts "JOTPA-rahoitteiset" and "jotpan" differently)."""
GUIDE_SHARE = 0.95
"""A guide the question names but retrieval missed joins the hits just below the best one."""


def answer_card(
    found: Retrieval,
    closed: Callable[[str], bool] = lambda doc: False,
    narrower: Callable[[Hit], bool] = lambda card: False,
) -> Hit | None:
    """The answer card asked, when one of its questions is close enough to this one and its
    article is open to the learner: "oon 44 ... kuka vois auttaa?" takes the card of study
    counselling for adults, not the one of outreach youth work (age 15-29)."""
    open_ = [c for c in found.cards if not closed(c.chunk.doc_id) and not narrower(c)]
    return open_[0] if open_ and open_[0].score >= CARD_MIN_COSINE else None


def preferred(
    library: Library,
    hits: list[Hit],
    card: str | None,
    guide: str | None,
    language: str,
    subjects: set[str] | frozenset[str] = frozenset(),
    acronyms: set[str] | frozenset[str] = frozenset(),
) -> list[Hit]:
    """The hits with the article of a matching answer card first, and the occupation guide
    the question names among them (added from the library if retrieval missed it, as strong
    as the best hit if retrieval found it lower: dev pass 975 -> 978, at 0.97 of it the
    same, at 1.1 977)."""
    if not hits:
        return hits
    top = hits[0]
    if guide and all(h.chunk.doc_id != guide for h in hits):
        chunks = library.by_doc.get((guide, language)) or []
        hits = hits + [Hit(c, top.score, top.fused * GUIDE_SHARE) for c in chunks[:1]]
    elif guide:
        # Found but ranked lower: the occupation the learner wants stands level with the best
        # hit, and the title and word matches decide ("haluun palkanlaskijaks ..., mulla on jo
        # ylioppilastutkinto" is about the guide, not the matriculation exam).
        # The name matches its words as strongly as any article's too: the stemmer leaves a
        # compound whole ("merkonomexamen" matched only the tradenom guide, which says it).
        strongest = max(h.lexical for h in hits)
        hits = [
            replace(h, fused=max(h.fused, top.fused), lexical=max(h.lexical, strongest))
            if h.chunk.doc_id == guide
            else h
            for h in hits
        ]
    if subjects:
        # An article whose subject the question names by its title's rare word stands level
        # with the best hit ("työvoimakoulutuksessa ... kulukorvausta" is about labour market
        # training, not about studying on unemployment benefit).
        hits = [
            replace(h, fused=max(h.fused, top.fused)) if h.chunk.doc_id in subjects else h
            for h in hits
        ]
    if acronyms:
        # The service a question names by its title's own acronym ("jotpan kursseille") comes
        # first: no other article's words outweigh a name that only it has.
        hits = [
            replace(h, fused=max(h.fused, top.fused * ACRONYM_LIFT))
            if h.chunk.doc_id in acronyms
            else h
            for h in hits
        ]
    if card is None:
        return hits
    own = [replace(h, fused=top.fused * 2) for h in hits if h.chunk.doc_id == card]
    if not own:
        chunks = library.by_doc.get((card, language)) or []
        own = [Hit(c, top.score, top.fused * 2) for c in chunks[:1]]
    return own + [h for h in hits if h.chunk.doc_id != card]


def ranked_hits(
    library: Library,
    query: str,
    hits: list[Hit],
    card: str | None,
    guide: str | None,
    language: str,
) -> list[Hit]:
    """`preferred` with the subjects and acronyms the question names (`Library`)."""
    subjects = library.named_subjects(query, language)
    acronyms = library.named_acronyms(query, language)
    return preferred(library, hits, card, guide, language, subjects, acronyms)


def lead_card(found: Retrieval, library: Library, words: CardWords, asked: Question) -> Hit | None:
    """The answer card that opens the reply: not one of a service the learner's stated age
    rules out (and does not name), nor one whose yes or no answers a narrower question than the
    learner's ("Can I get study leave from a side job?" -> "No: ..." for "Can I get study leave
    from my job?")."""
    language = asked.asked_in

    def closed(doc_id: str) -> bool:
        chunks = library.by_doc.get((doc_id, language)) or []
        return bool(
            chunks
            and asked.situation.excludes(chunks[0].age_max)
            and not library.names(doc_id, asked.text, language)
        )

    question = asked.text.lower()

    def narrower(card: Hit) -> bool:
        """Its yes or no answers a narrower question, or it states no price for a question
        about one."""
        summary = card.chunk.summary or ""
        if unstated_facets(question, summary.lower()):
            return True
        return answers_yes_or_no(summary) and words.more_specific(
            card.chunk.text, asked.text, language
        )

    return answer_card(found, closed, narrower)
