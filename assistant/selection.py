"""Which sentences an extractive answer is made of, within a word budget.

The best article's summary (written to answer directly) and its most relevant sentences first,
then at most `OTHER_SOURCES` other articles when they too say something the question asks about.
An answer about an ESCO occupation is its description, then the guides' opening sentences.
The candidate sentences come from `assistant.pool`, which reads each section once.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.generation import Context
from assistant.opening import aside, can_open
from assistant.pool import pool
from assistant.selection_plan import Plan
from assistant.sentences import (
    Candidate,
    Relevance,
    question_parts,
    signature,
    similar,
    split_sentences,
    terms,
)

SECTION_SENTENCES = 3
"""Sentences taken from the best article's sections (besides its summary): three taken, not
three tried, a sentence that restates a picked one making room for the next (dev pass 968 ->
970; four taken: 968)."""
OTHER_SOURCES = 2
OTHER_MATCHES = 2
"""Question words another article's sentence must contain to be cited."""
OTHER_SHARE = 0.6
"""...and its score as a share of the best sentence's."""
RUNNER_UP_MATCHES = 1
"""The runner-up article's opening summary sentence says what it is about: a lower bar."""
PART_SAID = 0.75
"""A part of a combined question is answered when a picked sentence scores this share of the
best one for it."""
PART_OVERLAP = 0.8
"""...and its answer may share more words with a picked sentence than others may (SAME): "you
must show enough money" does not say "about 800 euros a month"."""
SUMMARY_WEIGHT = 1.25
"""Summaries are written to answer directly: their sentences rank a little higher."""
RESTATED = 0.4
"""Share of words (below `selection_plan.SAME`) that makes another article's sentence restate
what the answer already says."""


def is_occupation(context: Context) -> bool:
    """Is the answer about an ESCO occupation (its description the first passage)?"""
    return bool(context.passages) and context.passages[0].chunk.kind == "occupation"


def select(context: Context, budget: int) -> list[Candidate]:
    """The sentences of the answer in reading order, their words (and one marker per cited
    source) within `budget`."""
    if is_occupation(context):
        return _occupation(context, budget)
    candidates = pool(context)
    if context.lead:
        # The card said it already: the passage adds details, not the same fact again.
        lead = signature(context.lead)
        candidates = [c for c in candidates if not similar(c.signature, lead, RESTATED)]
    if not candidates:
        return []
    relevance = Relevance(
        context.question, context.language, candidates, similarity=context.similarity
    )
    scored = {id(c): relevance.score(c) for c in candidates}

    def weighted(c: Candidate) -> float:
        # Summaries are written to answer directly: a relevant one ranks higher.
        return scored[id(c)] * (SUMMARY_WEIGHT if c.order[0] == 0 else 1.0)

    plan = Plan(budget, context.likeness)
    summary = [c for c in candidates if c.group == 0]
    ranked, opening = _best_article(plan, candidates, summary, scored, weighted, context)
    _stated(plan, candidates, scored, relevance, context)
    # Other articles when they too say something the question asks about.
    best_summary = max((scored[id(c)] for c in summary), default=0.0)
    best = max([scored[id(c)] for c in ranked[:1]] + [best_summary])
    _other_articles(plan, candidates, relevance, weighted, best)
    for candidate in summary[1:]:
        if scored[id(candidate)] > 0 or plan.words < plan.budget // 3:
            plan.take(candidate)
    first = {id(c): i for i, c in enumerate(opening)}

    def place(c: Candidate) -> tuple[int, float, int, tuple[int, int, int]]:
        at = plan.stands_for(c)  # a restatement with figures reads where the one it replaced did
        # A table row reaches the pool only when the question names it: it follows the opening.
        after = len(first) - 0.5 if at.row is not None else len(first)
        return (at.source, first.get(id(at), after), at.group, at.order)

    return sorted(plan.picked, key=place)


def _occupation(context: Context, budget: int) -> list[Candidate]:
    """The ESCO description as far as the budget allows (its opening sentence always, as
    it says what the occupation is), then the opening sentence of each guide to occupations
    (the first one's room kept free)."""
    openings = [
        Candidate(sentences[0], p.number, 2, (0, 0, 0), frozenset())
        for p in context.passages[1:]
        if (sentences := split_sentences(p.chunk.summary))
    ]
    reserved = len(openings[0].text.split()) + 1 if openings else 0
    picked: list[Candidate] = []
    words = 0
    description = context.passages[0]
    for i, sentence in enumerate(split_sentences(description.chunk.text)):
        size = len(sentence.split()) + (1 if i == 0 else 0)
        if picked and words + size > budget - reserved:
            break
        picked.append(Candidate(sentence, description.number, 0, (0, 0, i), frozenset()))
        words += size
    for opening in openings:
        size = len(opening.text.split()) + 1
        if words + size <= budget:
            picked.append(opening)
            words += size
    return picked


def _best_article(
    plan: Plan,
    pool: list[Candidate],
    summary: list[Candidate],
    scored: dict[int, float],
    weighted: Callable[[Candidate], float],
    context: Context,
) -> tuple[list[Candidate], list[Candidate]]:
    """The best article's summary (written to answer directly), the sentences that will open
    the answer (`_opening`), the answer to each part of a combined question (`_each_part`) and
    the most relevant sentences; returns these ranked, and the opening."""
    language = context.passages[0].chunk.language
    for candidate in summary[:1]:
        plan.take(candidate)
    ranked = sorted(
        (c for c in pool if c.group in (0, 1) and scored[id(c)] > 0 and c not in plan.picked),
        key=lambda c: (-weighted(c), c.order),
    )
    opening = _opening(plan, pool, summary, ranked, weighted, language)
    _each_part(plan, pool, context)
    taken = 0
    for candidate in ranked:
        if taken == SECTION_SENTENCES:
            break
        if candidate in plan.picked:
            taken += 1  # the opening
            continue
        if candidate.previous:
            # It follows the sentence it leans on, unless that one was left out (its age
            # limit rules it out for the learner): then the opening stands before it.
            before = _before(pool, candidate)
            if before is not None and not plan.take(before):
                continue
        count = len(plan.picked)
        plan.take(candidate)
        taken += len(plan.picked) > count  # one standing in for a picked one adds none
    return ranked, opening


def _before(pool: list[Candidate], candidate: Candidate) -> Candidate | None:
    return next((c for c in pool if c.text == candidate.previous), None)


def _opening(
    plan: Plan,
    pool: list[Candidate],
    summary: list[Candidate],
    ranked: list[Candidate],
    weighted: Callable[[Candidate], float],
    language: str,
) -> list[Candidate]:
    """What the answer starts with: the summary's first sentence, or the most relevant
    sentence when it is more relevant and can stand first (`opening.can_open`: it does not
    point back, add to another or send the reader elsewhere). A sentence that leans on the
    one before it opens with that one before it."""
    default = summary[:1]
    standing = bool(default) and can_open(default[0].text, language)
    for candidate in ranked:
        if standing and weighted(candidate) <= weighted(default[0]):
            break
        if candidate.previous is None:
            if can_open(candidate.text, language):
                return [candidate] if plan.take(candidate) else default
            continue
        before = _before(pool, candidate)
        if before is None or aside(candidate.text, language) or not can_open(before.text, language):
            continue
        if before in plan.picked or plan.take(before):
            return [before, candidate] if plan.take(candidate) else default
    return default


def _each_part(plan: Plan, pool: list[Candidate], context: Context) -> None:
    """Each part of a combined question gets the best article's sentence that answers it best
    (by its words), when the answer has none yet that says it."""
    own = [c for c in pool if c.group in (0, 1)]
    lead = [Candidate(context.lead, 1, 0, (0, 0, 0), terms(context.lead, context.language))]
    for part in question_parts(context.question, context.language):
        relevance = Relevance(part, context.language, pool)
        answering = [c for c in own if relevance.states_quantity(c)] or own
        best = max(answering, key=lambda c: (relevance.score(c), -c.order[0]), default=None)
        if best is None or best in plan.picked or not relevance.matched(best.terms):
            continue
        said = plan.picked + (lead if context.lead else [])
        if answering is not own:
            said = [c for c in said if relevance.states_quantity(c)]  # "how much": a number
        bar = PART_SAID * relevance.score(best)
        if any(relevance.score(c) >= bar for c in said):
            continue  # the answer already says it
        if best.previous:
            before = _before(pool, best)
            if before is not None and not plan.take(before):
                continue
        plan.take(best, overlap=PART_OVERLAP)


def _stated(
    plan: Plan,
    pool: list[Candidate],
    scored: dict[int, float],
    relevance: Relevance,
    context: Context,
) -> None:
    """A question asking a price, an age limit, a duration, a date or demand gets the best
    article's most relevant sentence that states it, when no picked one does ("vad kostar
    YKI-testet" was answered with how to register, not what it costs)."""
    if not relevance.facets or any(relevance.states_asked(c.text) for c in plan.picked):
        return
    if context.lead and relevance.states_asked(context.lead):
        return
    stating = [
        c
        for c in pool
        if c.group in (0, 1) and scored[id(c)] > 0 and relevance.states_asked(c.text)
    ]
    best = max(stating, key=lambda c: scored[id(c)], default=None)
    if best is None:
        return
    before = _before(pool, best) if best.previous else None
    if before is None or before in plan.picked or plan.take(before):
        plan.take(best)


def _other_articles(
    plan: Plan,
    pool: list[Candidate],
    relevance: Relevance,
    weighted: Callable[[Candidate], float],
    best: float,
) -> None:
    """At most `OTHER_SOURCES` other articles, each with a sentence close enough to the best."""
    others = sorted(
        (c for c in pool if c.group == 2 and c.previous is None),
        key=lambda c: (-weighted(c), c.order),
    )
    used_sources: set[int] = set()
    for candidate in others:
        if candidate.source in used_sources or len(used_sources) == OTHER_SOURCES:
            continue
        if weighted(candidate) < OTHER_SHARE * best:
            continue  # the cheaper test first: matching words is most of a selection's cost
        runner_up = candidate.source == 2 and candidate.order == (0, 0, 0)
        needed = RUNNER_UP_MATCHES if runner_up else OTHER_MATCHES
        if len(relevance.matched(candidate.terms)) < needed:
            continue
        # Another article often restates what the best one said: say it once.
        if plan.take(candidate, overlap=RESTATED):
            used_sources.add(candidate.source)
