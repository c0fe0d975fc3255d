"""The retrieval stage: one embedding of the question searches the articles, the answer cards
and the ESCO occupations; follow-ups lean on the previous turn."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.card_words import CardWords
from assistant.confidence import Calibration, Evidence
from assistant.memory import Turn, condense, is_follow_up
from assistant.names import Names
from assistant.ranking import CRISIS_ARTICLE
from assistant.targets import occupation_targets
from assistant.triage import has_domain_terms
from knowledge_base.limits import LIMIT_KIND
from knowledge_base.retriever import Hit, Retriever
from knowledge_base.sentence_vectors import SentenceVectors

HITS = 20
OCCUPATION_HITS = 5
CARD_HITS = 5
LIMIT_HITS = 8
# Work and study words inside compounds and forms the triage vocabulary does not list
# ("varastotöitä", "sysselsättningstjänster", "rekrytoiko", "HMS-kortin"): a question that has
# one is a guidance question even when no article is near, so it gets "I don't know, ask
# here", not "I can't help with that".
_CAREER_PART = re.compile(
    r"(töit|töih|töis|työ|rekry|palkk|kortti|kortin|lupa|luvan|koulu|kurssi|opisk|ohjelm|"
    r"hakemu|ammat|tutkin|harjoittel|jobb|arbet|tjänst|syssels|rekryt|lön|kurs|skol|utbild|"
    r"program|asyl|ansök|öppettid|tillstånd|legitim|licens|hiring|recruit|salar|wage|course|"
    r"school|licen|permit|asylum|career|employ|vacanc|campus|kampus|toimipist|toimisto|kontor|"
    r"office)",
    re.IGNORECASE,
)


def _voted(hits: list[Hit], cards: list[Hit]) -> list[Hit]:
    """The hits with the article of a clearly closer answer card first: a curated question
    close to the learner's says which article answers it better than passages that share its
    words ("I've worked as a cook ... do I have to study everything again?" is about
    recognising what you know, not about cooks)."""
    if not cards or not hits:
        return hits
    card = cards[0]
    doc = card.chunk.doc_id
    if card.score < CARD_VOTE or doc == hits[0].chunk.doc_id:
        return hits
    if card.score < max(h.score for h in hits[:3]):
        return hits
    lead = hits[0].fused * CARD_VOTE_WEIGHT
    own = [replace(h, fused=max(h.fused, lead)) for h in hits if h.chunk.doc_id == doc]
    return own + [h for h in hits if h.chunk.doc_id != doc] if own else hits


def is_guidance(query: str, language: str) -> bool:
    """Does the question use a work, study or career word (in a compound, too), or ask how to
    become something ("miten musta tulee kiinteistönvälittäjä")?"""
    return (
        has_domain_terms(query)
        or bool(_CAREER_PART.search(query))
        or bool(occupation_targets(query, language))
    )


CARD_VOTE = 0.89
"""An answer card this close to the question (cosine, e5), and at least as close as the best
passages, puts its article first (below CARD_MIN_COSINE its answer is not used as the lead)."""
CARD_VOTE_WEIGHT = 1.5
"""...with this multiple of the best hit's fused score (dev set: 1.2-1.5 help, 2 hurts)."""
# Questions about mental-health support: the only ordinary questions the crisis article answers.
_WELLBEING = re.compile(
    r"(mielenterv|jaksa|uupu|masennu|masentu|ahdist|stressi|kriisi|psyk|terapi|sekasin|"
    r"mieli ry|mieli\.fi|yksinäi|psykisk|ångest|depression|deprimer|utbränd|orkar inte|"
    r"mental health|mental-health|anxiety|depress|burn-?out|burned out|burnt out|stress|"
    r"wellbeing|well-being|lonel|counselling for|someone to talk|\bkris(telefon|jour|stöd|"
    r"hjälp|tjänst|cent)|crisis|helpline|hjälptelefon|stödlinje)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Retrieval:
    """What one search found."""

    query: str
    hits: list[Hit]
    evidence: Evidence
    vector: np.ndarray = field(compare=False, repr=False)
    """The query's embedding."""
    occupations: list[Hit] = field(default_factory=list)
    """The best ESCO occupations, when the index holds them."""
    cards: list[Hit] = field(default_factory=list)
    """The answer-card questions most like the question."""
    sentences: SentenceVectors | None = field(default=None, compare=False, repr=False)
    """The index's sentence vectors, when it has them."""
    limits: list[Hit] = field(default_factory=list)
    """The questions of the knowledge base's limits most like the question."""

    def sentence_likeness(self) -> Callable[[str, str], float | None] | None:
        """Cosine of two article sentences (None for one not stored), or None when the index
        has no sentence vectors."""
        return self.sentences.likeness if self.sentences is not None else None

    def sentence_similarity(self) -> Callable[[str], float | None] | None:
        """Cosine of the query and an article sentence (None for one not stored), or None
        when the index has no sentence vectors."""
        store = self.sentences
        if store is None:
            return None
        unit = self.vector / max(float(np.linalg.norm(self.vector)), 1e-12)
        return lambda text: store.cosine(unit, text)


def asks_wellbeing(text: str) -> bool:
    """Does the question ask about mental-health or wellbeing support?"""
    return bool(_WELLBEING.search(text))


class Searcher:
    """Searches for one question; knows which names the corpus uses."""

    def __init__(
        self, retriever: Retriever, calibration: Calibration, names: Names | None = None
    ) -> None:
        """`names`: what the articles name (the coverage check's; made from the retriever's
        articles when not given)."""
        self.retriever = retriever
        self.calibration = calibration
        kinds = retriever.kinds
        self.has_occupations = "occupation" in kinds
        self.has_cards = "card" in kinds
        self.card_words = CardWords(retriever.chunks)
        # Without a calibrated limit (`Calibration.limit` None) no limit ever refuses: the
        # search for the nearest limit questions would be thrown away (~0.13 ms a reply).
        self.has_limits = LIMIT_KIND in kinds and calibration.limit is not None
        self.names = names or Names(
            chunk.embed_text for chunk in retriever.chunks if chunk.kind == "article"
        )

    def search(self, query: str, language: str) -> Retrieval:
        """Hits for a query asked in `language`, the evidence that they answer it, the best
        occupations and answer cards (one embedding serves every search)."""
        vector = self.retriever.embedder.embed_queries([query])[0]
        hits = self.retriever.search_vector(
            vector, query, language=language, k=HITS, kinds=("article",)
        )
        if not asks_wellbeing(query):
            hits = [h for h in hits if h.chunk.doc_id != CRISIS_ARTICLE]
        occupations: list[Hit] = []
        if self.has_occupations:
            occupations = self.retriever.search_vector(
                vector, query, language=language, k=OCCUPATION_HITS, kinds=("occupation",)
            )
        cards: list[Hit] = []
        if self.has_cards:
            cards = self.retriever.search_vector(
                vector, query, languages=(language,), k=CARD_HITS, kinds=("card",)
            )
        limits: list[Hit] = []
        if self.has_limits:
            limits = self.retriever.search_vector(
                vector, query, languages=(language,), k=LIMIT_HITS, kinds=(LIMIT_KIND,)
            )
        sentences = self.retriever.sentences
        if not hits:
            evidence = Evidence(cosine=0.0, in_domain=is_guidance(query, language))
            return Retrieval(query, [], evidence, vector, occupations, cards, sentences, limits)
        hits = _voted(hits, cards)
        best = hits[0]
        top = [h for h in hits if h.chunk.doc_id == best.chunk.doc_id][:3]
        local = self.names.asks_local_detail(query)
        evidence = Evidence(
            cosine=max(h.score for h in top),
            # A school's details are guidance.
            in_domain=local or is_guidance(query, language) or self.names.uses_acronym(query),
            unknown_names=len(self.names.unknown(query)),
            local_detail=local,
            other_language=best.chunk.language != language,
            card_cosine=max((c.score for c in cards), default=0.0) if self.has_cards else None,
        )
        return Retrieval(query, hits, evidence, vector, occupations, cards, sentences, limits)

    def retrieve(self, question: str, language: str, history: list[Turn]) -> Retrieval:
        """The query used, its hits and the evidence; follow-ups lean on the previous turn."""
        query = condense(question, history) if is_follow_up(question) else question
        found = self.search(query, language)
        # A question that cannot stand alone may still make sense after the previous one.
        confidence = self.calibration.confidence(found.evidence)
        if history and query == question and confidence < self.calibration.threshold:
            joined = condense(question, history, force=True)
            other = self.search(joined, language)
            if self.calibration.confidence(other.evidence) > confidence:
                return other
        return found
