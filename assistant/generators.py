"""The extractive generator (the default) and the registry `SUUNTA_GENERATOR` selects from.

The seam itself (`Generator`, `Context`, `Passage`) is in assistant/generation.py; the LLM
generator in assistant/llm.py, loaded only when it is selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from assistant.generation import MAX_WORDS, Context, GenerationFailed, Generator, Passage
from assistant.messages import LANGUAGE_NAMES, text
from assistant.sentences import (
    Candidate,
    Relevance,
    candidates,
    signature,
    similar,
    split_sentences,
)
from knowledge_base.lexical import analyse

# The seam's names stay importable from here, where they lived before generation.py.
__all__ = [
    "MAX_WORDS",
    "Candidate",
    "Context",
    "GenerationFailed",
    "Generator",
    "Passage",
    "split_sentences",
]

MAX_STEPS = 3
SECTION_SENTENCES = 3
"""Sentences taken from the best article's sections (besides its summary)."""
OTHER_SOURCES = 2
OTHER_MATCHES = 2
"""Question words another article's sentence must contain to be cited."""
OTHER_SHARE = 0.6
"""...and its score as a share of the best sentence's."""
RUNNER_UP_MATCHES = 1
"""The runner-up article's opening summary sentence says what it is about: a lower bar."""
SUMMARY_WEIGHT = 1.25
"""Summaries are written to answer directly: their sentences rank a little higher."""
SAME = 0.6
"""Share of the shorter sentence's words that makes two sentences say the same thing..."""
RESTATED = 0.4
"""...and a lower share for another article restating what the answer already says."""


class ExtractiveGenerator:
    """Grounded by construction: every sentence is copied from a cited passage."""

    name = "extractive"

    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self.max_words = max_words

    def select(self, context: Context) -> list[Candidate]:
        """The sentences of the answer, in reading order (the plan `generate` writes out)."""
        if is_occupation(context):
            return self._occupation(context)
        pool = candidates(context)
        if context.lead:
            # The card said it already: the passage adds details, not the same fact again.
            lead = signature(context.lead)
            pool = [c for c in pool if not similar(c.signature, lead, RESTATED)]
        if not pool:
            return []
        relevance = Relevance(context.question, context.language, pool)
        scored = {id(c): relevance.score(c) for c in pool}

        def weighted(c: Candidate) -> float:
            # Summaries are written to answer directly: a relevant one ranks higher.
            return scored[id(c)] * (SUMMARY_WEIGHT if c.order[0] == 0 else 1.0)

        # Everything else in the answer counts towards the limit: the note on the source's
        # language, the steps with their heading and markers, and one marker per cited source.
        plan = _Plan(self._budget(context))
        summary = [c for c in pool if c.group == 0]
        ranked, opening = _best_article(plan, pool, summary, scored, weighted)
        # Other articles when they too say something the question asks about.
        best_summary = max((scored[id(c)] for c in summary), default=0.0)
        best = max([scored[id(c)] for c in ranked[:1]] + [best_summary])
        _other_articles(plan, pool, relevance, weighted, best)
        for candidate in summary[1:]:
            if scored[id(candidate)] > 0 or plan.words < plan.budget // 3:
                plan.take(candidate)
        return sorted(plan.picked, key=lambda c: (c.source, c is not opening, c.group, c.order))

    def _budget(self, context: Context) -> int:
        """Words left for sentences once the note, the lead, the attribution and the steps are
        counted."""
        budget = self.max_words - len(self._note(context).split()) - len(context.lead.split())
        budget -= len(self._attribution(context).split())
        steps = self._steps(context)
        if steps:
            budget -= len(text("next_steps", context.language).split())
            # Each step line also carries its bullet and its citation marker.
            budget -= sum(len(step.split()) + 2 for step in steps)
        return budget

    def _occupation(self, context: Context) -> list[Candidate]:
        """The ESCO description as far as the budget allows (its opening sentence always, as
        it says what the occupation is), then the opening sentence of each guide to occupations
        (the first one's room kept free)."""
        budget = self._budget(context)
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

    def _steps(self, context: Context) -> list[str]:
        steps = list(context.next_steps)
        if len(steps) <= MAX_STEPS:
            return steps
        query = set(analyse(context.question, context.language))
        best = sorted(
            range(len(steps)),
            key=lambda i: (-len(query & set(analyse(steps[i], context.language))), i),
        )[:MAX_STEPS]
        return [steps[i] for i in sorted(best)]

    @staticmethod
    def _note(context: Context) -> str:
        """Says so when the best source is in another language than the answer."""
        best = context.passages[0].chunk if context.passages else None
        if best is None or best.language == context.language:
            return ""
        name = LANGUAGE_NAMES[context.language].get(best.language, best.language)
        key = "occupation_language" if best.kind == "occupation" else "other_language"
        return text(key, context.language, lang_name=name)

    @staticmethod
    def _attribution(context: Context) -> str:
        """The credit ESCO asks for, after a description taken from it."""
        return text("esco_attribution", context.language) if is_occupation(context) else ""

    def _compose(self, context: Context) -> list[str]:
        if not context.passages:
            return []
        parts: list[str] = []
        note = self._note(context)
        if note:
            parts.append(note + "\n\n")
        if context.lead:
            parts.append(f"{context.lead} [1]\n\n")
        sentences = self.select(context)
        for i, sentence in enumerate(sentences):
            last_of_source = i + 1 == len(sentences) or sentences[i + 1].source != sentence.source
            if last_of_source:
                ending = "\n\n" if i + 1 < len(sentences) else ""
                credit = self._attribution(context) if sentence.source == 1 else ""
                if credit:
                    parts.append(f"{sentence.text} {credit} [{sentence.source}]{ending}")
                else:
                    parts.append(f"{sentence.text} [{sentence.source}]{ending}")
            else:
                parts.append(sentence.text + " ")
        steps = self._steps(context)
        if steps:
            parts.append(f"\n\n**{text('next_steps', context.language)}:**\n")
            parts.extend(f"- {step} [{context.next_steps_source}]\n" for step in steps)
        return parts

    def generate(self, context: Context) -> str:
        """The whole answer."""
        return "".join(self._compose(context)).strip()

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces, one sentence or bullet at a time."""
        yield from self._compose(context)


class _Plan:
    """The sentences picked so far and the words they take, within a budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.picked: list[Candidate] = []
        self.words = 0

    def take(self, candidate: Candidate, overlap: float = SAME) -> bool:
        """Add a sentence unless it does not fit or says what a picked one says."""
        size = len(candidate.text.split())
        if all(p.source != candidate.source for p in self.picked):
            size += 1  # its citation marker
        if candidate in self.picked or self.words + size > self.budget:
            return False
        if any(similar(candidate.signature, p.signature, overlap) for p in self.picked):
            return False
        self.picked.append(candidate)
        self.words += size
        return True


def _best_article(
    plan: _Plan,
    pool: list[Candidate],
    summary: list[Candidate],
    scored: dict[int, float],
    weighted: Callable[[Candidate], float],
) -> tuple[list[Candidate], Candidate | None]:
    """The best article's summary (written to answer directly) and its most relevant
    sentences; returns them ranked, and the sentence that will open the answer."""
    for candidate in summary[:1]:
        plan.take(candidate)
    ranked = sorted(
        (c for c in pool if c.group in (0, 1) and scored[id(c)] > 0 and c not in plan.picked),
        key=lambda c: (-weighted(c), c.order),
    )
    opening = summary[0] if summary else None
    if ranked and (opening is None or weighted(ranked[0]) > weighted(opening)):
        opening = ranked[0] if ranked[0].previous is None else opening
    for candidate in [c for c in ranked if c not in plan.picked][:SECTION_SENTENCES]:
        if candidate.previous:
            before = next((c for c in pool if c.text == candidate.previous), None)
            if before is None or not plan.take(before):
                continue
        plan.take(candidate)
    return ranked, opening


def _other_articles(
    plan: _Plan,
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
        matched = relevance.matched(candidate.terms)
        runner_up = candidate.source == 2 and candidate.order == (0, 0, 0)
        needed = RUNNER_UP_MATCHES if runner_up else OTHER_MATCHES
        if len(matched) < needed or weighted(candidate) < OTHER_SHARE * best:
            continue
        # Another article often restates what the best one said: say it once.
        if plan.take(candidate, overlap=RESTATED):
            used_sources.add(candidate.source)


def is_occupation(context: Context) -> bool:
    """Is the answer about an ESCO occupation (its description the first passage)?"""
    return bool(context.passages) and context.passages[0].chunk.kind == "occupation"


def cited_sources(context: Context, generator: ExtractiveGenerator | None = None) -> list[int]:
    """Citation numbers the extractive answer uses (the next steps' source included)."""
    plan = (generator or ExtractiveGenerator()).select(context)
    used = {c.source for c in plan}
    if context.next_steps:
        used.add(context.next_steps_source)
    return sorted(used) or [p.number for p in context.passages[:1]]


def _openai(**options: object) -> Generator:
    # Imported here so that LangChain loads only when an LLM is configured.
    from assistant.llm import openai_generator

    return openai_generator(**options)  # type: ignore[arg-type]


GeneratorFactory = Callable[..., Generator]
_REGISTRY: dict[str, GeneratorFactory] = {"extractive": ExtractiveGenerator, "openai": _openai}


def register_generator(name: str, factory: GeneratorFactory) -> None:
    """Make a generator selectable by name (`SUUNTA_GENERATOR`)."""
    _REGISTRY[name] = factory


def create_generator(name: str, **options: object) -> Generator:
    """A registered generator by name."""
    if name not in _REGISTRY:
        raise ValueError(f"unknown generator '{name}'; known: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](**options)
