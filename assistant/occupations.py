"""Questions about what one occupation is: answered from its ESCO description.

The knowledge base holds the ESCO occupations (English descriptions, cited by their URI) apart
from the curated articles. A question is about an occupation when it asks what the work is
("what does a welder do?", "mitä kirjanpitäjä tekee?", "vad gör en sjuksköterska?") and the
occupation found matches well enough (see `occupation_question`). A question about where to
find information on occupations, or about anything else an article answers, stays with the
articles.

ESCO's descriptions are in English, so they answer English questions only. A Finnish or
Swedish question about an occupation is answered from the curated occupation guides (articles
whose front matter names the occupation in that language; `GuideNames` finds the guide a
question names, in any inflection), or honestly not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.coverage import occupation_targets
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse
from knowledge_base.retriever import Hit

MIN_NAME = 4
"""Shorter names ("kok") would match inside ordinary words."""


# What the work of an occupation is, in the three languages (informal spellings too).
_ASKS_WHAT_WORK = re.compile(
    r"\bwhat (?:does|do) (?:an? |the )?[\w-]+(?: [\w-]+){0,2} (?:do|does)\b|"
    r"\bwhat (?:is|are) the (?:job|work|duties|tasks|role) of\b|"
    r"\b(?:duties|tasks|job description|day-to-day work) of an? \b|"
    r"\bwhat is it like to (?:be|work as) an?\b|"
    r"\bwhat (?:does|do) (?:an? )?[\w-]+(?:'s|s') (?:job|work) (?:involve|include)\b|"
    r"\bmit(?:ä|ä?s) [\w-]+(?: [\w-]+)? (?:tekee|tekevät|tekee työkseen)\b|"
    r"\bmit(?:ä|äs) [\w-]+(?:n|jen) (?:työhön|työnkuvaan) kuuluu\b|"
    r"\btyönkuva|"
    r"\bmillai(?:sta|nen) on [\w-]+(?:n|jen) työ\b|"
    r"\bvad gör (?:en |ett |man som )?[\w-]+|"
    r"\bvad jobbar (?:en |ett )?[\w-]+ med\b|"
    r"\bvad (?:är|innebär) (?:en |ett )?[\w-]+s (?:jobb|arbete|yrke)\b|"
    r"\barbetsuppgift",
    re.IGNORECASE,
)
# Where to find information (about occupations or anything): the curated articles answer that.
_ASKS_WHERE = re.compile(
    r"\b(?:where|which (?:site|service|website)|official site|mistä|missä|mist|var (?:hittar|kan)|"
    r"vilken (?:sida|tjänst|webbplats))\b",
    re.IGNORECASE,
)

OCCUPATIONS_TOPIC = "occupations"
"""The topic (knowledge_base/topics.yaml) of the articles on exploring occupations."""
CUE_MARGIN = 0.03
"""With a cue, an occupation found for an English question may match up to this much worse
than the best article (cosine): English questions find their occupation (0.08-0.11 better
than the best article on "what does a welder do?" and the like)."""
CROSS_MARGIN = 0.025
"""A Finnish or Swedish question whose occupation the glossary does not know must match its
English record this much better than the best article: closer ones were wrong occupations."""
MARGIN = 0.03
"""Without a cue, an occupation must match this much better than the best article."""


@dataclass(frozen=True)
class OccupationMatch:
    """The occupation a question is about, and how sure retrieval is of it."""

    hit: Hit
    cued: bool
    named: bool = False
    """Found through the occupation's name."""


def asks_what_work(question: str) -> bool:
    """Does the question ask what an occupation's work is (and not where to read about it)?"""
    return bool(_ASKS_WHAT_WORK.search(question)) and not _ASKS_WHERE.search(question)


def named_in(question: str, hits: list[Hit]) -> Hit | None:
    """The first occupation whose English title shares a word with an English text."""
    words = set(analyse(question, "en"))
    return next((h for h in hits if words & set(analyse(h.chunk.title, "en"))), None)


def occupation_question(
    question: str,
    language: str,
    occupations: list[Hit],
    article_cosine: float,
    *,
    named: Hit | None = None,
) -> OccupationMatch | None:
    """The occupation when the question is about one (see the module docstring), else None.

    `occupations` were found for the question as asked; `named` through the glossary. An
    English question must also name the occupation it gets ("welder" for "Welder"): dense
    retrieval alone gave "Metallurgical technician" for "What does a welder do?" with MiniLM.
    """
    if _ASKS_WHERE.search(question):
        return None  # where to read about it: the articles on exploring occupations say
    cued = asks_what_work(question)
    if cued and named is not None:
        return OccupationMatch(named, cued, named=True)
    best = named_in(question, occupations) if language == "en" else None
    if language != "en" and occupations:
        best = occupations[0]
    if best is None:
        return None
    margins = {"en": -CUE_MARGIN, "fi": CROSS_MARGIN, "sv": CROSS_MARGIN}
    margin = margins.get(language, CROSS_MARGIN) if cued else MARGIN
    if best.score < article_cosine + margin:
        return None
    return OccupationMatch(best, cued)


class GuideNames:
    """The names of the curated occupation guides in each language, longest first."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        names: dict[str, dict[str, str]] = {}
        for chunk in chunks:
            if chunk.kind != "article" or not chunk.keywords:
                continue
            if OCCUPATIONS_TOPIC not in chunk.topics:
                continue
            for name in chunk.keywords.split(","):
                name = " ".join(name.lower().split())
                if len(name) >= MIN_NAME:
                    names.setdefault(chunk.language, {}).setdefault(name, chunk.doc_id)
        # Longest first, each with the one stem that names it in any inflection (None for a
        # phrase, or a name of several stems): worked out once, not for every reply.
        self._names = {
            lang: [
                (name, doc_id, None if " " in name else _single_stem(name, lang))
                for name, doc_id in sorted(found.items(), key=lambda kv: -len(kv[0]))
            ]
            for lang, found in names.items()
        }

    def named(self, question: str, language: str) -> str | None:
        """The id of the guide whose occupation the question names, in any inflection
        ("lähihoitajaksi", "närvårdarens", "electricians")."""
        text = " ".join(re.findall(r"[\w-]+", question.lower()))
        words = text.split()
        stems = set(analyse(question, language))
        targets: str | None = None  # the question's occupation targets, read when needed
        for name, doc_id, stem in self._names.get(language, []):
            # A name that is no part of the text starts no word of it (one C search instead
            # of a loop over the words, for each of ~100 names a reply).
            present = name in text
            if " " in name:
                found = re.search(rf"\b{re.escape(name)}", text) if present else None
                if found:
                    targets = _targets(question, language) if targets is None else targets
                    if not _own_job(text[: found.start()], name, targets):
                        return doc_id
                continue
            at = (
                next((i for i, w in enumerate(words) if w.startswith(name)), None)
                if present
                else None
            )
            if at is not None:
                targets = _targets(question, language) if targets is None else targets
                if _own_job(" ".join(words[:at]) + " ", name, targets):
                    continue  # the learner's own job is their situation, not the subject
                return doc_id
            if stem is not None and stem in stems:
                return doc_id
        return None


def _targets(question: str, language: str) -> str:
    return " ".join(occupation_targets(question, language)).lower()


def _single_stem(name: str, language: str) -> str | None:
    """The stem of a one-stem name at least `MIN_NAME` long, else None."""
    named_stems = [t for t in analyse(name, language) if not t.startswith("~")]
    if len(named_stems) == 1 and len(named_stems[0]) >= MIN_NAME:
        return named_stems[0]
    return None


# Words just before an occupation that make it the learner's own job ("oon sairaanhoitaja",
# "42-vuotias lähihoitaja", "I've worked as a cook", "jobbat som barnskötare").
_OWN_JOB = re.compile(
    r"\b(olen|oon|olin|ollu|ollut|työskentelen|työskennellyt|i'?m|am|was|been|worked as|"
    r"working as|jag är|jobbat som|jobbar som|arbetat som|arbetar som|vuotias|åring|year old)"
    r"( (a|an|en|ett|as|som|nyt|nykyään|jo|vielä|now|still|\d+))* $|"
    r"\b(jobbat|jobbar|arbetat|arbetar|worked|working)( \S+){0,4} (som|as)( (a|an|en|ett))? $"
)


def _own_job(before: str, name: str, targets: str) -> bool:
    """Is the occupation named after `before` the learner's own job, not one they ask
    about becoming?"""
    if name in targets or any(t.startswith(name[:5]) for t in targets.split()):
        return False
    return bool(_OWN_JOB.search(before))
