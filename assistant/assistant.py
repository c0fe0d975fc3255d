"""The assistant: a message through named stages to a reply.

language -> triage -> retrieval -> ranking -> composition -> citation -> coverage, then the text

- language (`assistant.language`); triage (`assistant.triage`: crisis, handoff, small talk, out
  of scope, prompt injection), whose fixed replies are in `assistant.replies`;
- retrieval (`assistant.retrieval`): articles, answer cards and ESCO occupations; a question about
  what one occupation's work is goes to `assistant.occupation_answers`;
- ranking (`assistant.ranking`, `assistant.priority`): the articles an answer may cite, a matching
  answer card's article and a named occupation guide first;
- composition (`assistant.composition`): the context to write from, a card's answer as its lead;
- citation (`assistant.citation`): only the passages the answer refers to, renumbered;
- coverage (`assistant.coverage`): does the cited evidence address the question? If not, an
  honest `no_answer` that names where to ask (`assistant.replies`);
- the text: the generator (`assistant.extractive` by default), after `prepare`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Literal

from assistant.citation import Cited, cite, sources
from assistant.composition import context_for, with_lead
from assistant.confidence import Calibration
from assistant.counsellor import build_plan, situated
from assistant.coverage import Coverage, CoverageCheck, asks_own_case
from assistant.crisis_vector import CrisisVector, load_crisis_vector, speaks_in_idioms
from assistant.extractive import ExtractiveGenerator
from assistant.generation import Context, GenerationFailed, Generator
from assistant.language import SUPPORTED, LanguageDetector
from assistant.limits import Limits
from assistant.memory import ConversationMemory, Memory, Turn
from assistant.messages import CRISIS, text
from assistant.occupation_answers import occupation_answer, occupation_context
from assistant.occupations import GuideNames
from assistant.priority import lead_card, ranked_hits
from assistant.ranking import Library
from assistant.replies import at_limit, fixed_reply, not_covered, unsure
from assistant.retrieval import Searcher
from assistant.sentences import Candidate
from assistant.situation import read_situation
from assistant.stages import Draft, Found, Question
from assistant.triage import triage
from assistant.types import Reply
from knowledge_base.retriever import Hit, Retriever

CRISIS_VECTOR_WORDS = 7
"""The vector check reads messages of at least this many words: a greeting or a thanks ("hei
vaan :)", "awesome, that's all I needed") is too short to tell by its vector, and a short
crisis statement is the patterns' to find."""

log = logging.getLogger(__name__)


def new_id() -> str:
    """A random identifier (never derived from anything about the person)."""
    return uuid.uuid4().hex


class Assistant:
    """Answers one message at a time; safe to share between threads."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        calibration: Calibration,
        generator: Generator | None = None,
        detector: LanguageDetector | None = None,
        redact: Callable[[str], str] = lambda s: s,
        memory: Memory | None = None,
        crisis_vector: CrisisVector | Literal["default"] | None = "default",
    ) -> None:
        """`crisis_vector`: the second crisis check over the question's vector (by default
        the weights shipped for the retriever's embedding model, if any; None: patterns only)."""
        self.retriever = retriever
        self.crisis_vector = (
            load_crisis_vector(retriever.embedder.name)
            if crisis_vector == "default"
            else crisis_vector
        )
        self.calibration = calibration
        self.generator = generator or ExtractiveGenerator()
        self.fallback = ExtractiveGenerator()
        self.detector = detector or LanguageDetector()
        self.memory: Memory = memory or ConversationMemory(redact)
        self.library = Library.of(retriever.chunks)
        self.coverage = CoverageCheck(self.library.texts(), self.library.subjects())
        names = self.coverage.names
        self.searcher = Searcher(retriever, calibration, names)
        self.guides = GuideNames(retriever.chunks)
        self.limits = Limits(retriever.chunks, names)

    @property
    def has_occupations(self) -> bool:
        """Does the index hold the ESCO occupations?"""
        return self.searcher.has_occupations

    # -- public ----------------------------------------------------------------------------
    def reply(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> Reply:
        """The whole reply to one message."""
        started = time.perf_counter()
        draft = self.prepare(message, session_id=session_id, language=language, mode=mode)
        answer, generator = draft.reply.answer, draft.reply.generator
        if draft.context is not None:
            answer, generator = self._generate(draft)
        return replace(
            draft.reply,
            answer=answer,
            generator=generator,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def stream(self, draft: Draft, *, fallback: bool = False) -> Iterator[str]:
        """The text of a prepared reply, in pieces as it is produced (by the extractive
        generator with `fallback`)."""
        if draft.context is None:
            yield draft.reply.answer
            return
        generator = self.fallback if fallback else self.generator
        if isinstance(generator, ExtractiveGenerator):
            yield from generator.parts(draft.context, self._selection(generator, draft))
        else:
            yield from generator.stream(draft.context)

    def prepare(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> Draft:
        """Decide the kind of reply and gather its sources; the text comes later."""
        # A new conversation has no history to read.
        history = self.memory.history(session_id) if session_id else []
        base, asked_in = self._language(message, history, language, session_id)
        verdict = triage(message)
        fixed = fixed_reply(verdict, base, mode)
        if fixed is not None:
            return Draft(fixed, None)
        asked = Question(verdict.cleaned, asked_in, mode, read_situation(verdict.cleaned))
        draft = self._answer(base, asked, history)
        if verdict.kind == "injection":
            # Only the question was answered; marked, the turn never counts as a knowledge gap.
            return replace(draft, reply=replace(draft.reply, reason="injection"))
        return draft

    # -- stages ----------------------------------------------------------------------------
    def _language(
        self, message: str, history: list[Turn], language: str | None, session_id: str | None
    ) -> tuple[Reply, str]:
        """The reply so far (in the language asked for, else the message's) and the language
        the message is in."""
        # A short, unclear message ("ok, and?") keeps the conversation's language.
        asked_in = self.detector.detect(message, prior=history[-1].language if history else None)
        base = Reply(
            session_id=session_id or new_id(),
            message_id=new_id(),
            answer="",
            language=language if language in SUPPORTED else asked_in,
            kind="answer",
            confidence=1.0,
            generator=self.generator.name,
        )
        return base, asked_in

    def _answer(self, base: Reply, asked: Question, history: list[Turn]) -> Draft:
        """Retrieval, ranking, composition, citation and the coverage check of a question."""
        found = self._retrieve(asked, history)
        vector = self.crisis_vector
        if (
            vector is not None
            and len(asked.text.split()) >= CRISIS_VECTOR_WORDS
            and not speaks_in_idioms(asked.text)
            and vector.says_crisis_told(
                asked.text, found.retrieval.vector, self.retriever.embedder.embed_queries
            )
        ):
            # Told in words the patterns do not know: a crisis all the same (not remembered).
            return Draft(
                replace(base, kind="crisis", answer=CRISIS[base.language], reason="crisis"), None
            )
        limit = self.limits.match(found.retrieval.query, found.retrieval, self.calibration.limit)
        if limit is not None:
            reply = at_limit(base, found.retrieval, limit, asked.mode, asked.situation)
            return Draft(reply, None)
        unsure_of_it = found.confidence < self.calibration.threshold
        if unsure_of_it and found.card is None and found.guide is None:
            reply = unsure(base, found.retrieval, found.confidence, asked.mode, asked.situation)
            return Draft(reply, None)
        cited = self._compose(found, base.language, asked)
        context = cited.context
        if not context.passages:
            reply = not_covered(base, found.retrieval, asked.mode, asked.situation, None)
            return Draft(reply, None)
        card = found.card
        lead = card if card and card.chunk.doc_id == context.passages[0].chunk.doc_id else None
        if unsure_of_it and lead is None and not found.occupation:
            # Let through below the threshold for a card or a named guide, but the answer
            # would not open with that card: nothing near enough vouches for it. In scope
            # (a card or guide was near), so it is the sources that do not cover it.
            reply = not_covered(base, found.retrieval, asked.mode, asked.situation, None)
            return Draft(reply, None)
        general = ""
        if not asked.counsellor and not found.occupation:
            covered, general = self._covered(asked, context, lead, base.language)
            if not covered.covered:
                reply = not_covered(
                    base, found.retrieval, asked.mode, asked.situation, covered, context
                )
                return Draft(reply, None)
        if lead is not None:
            cited = Cited(with_lead(context, lead, asked.situation, self.library, general))
        return self._answered(base, asked, found, cited, lead)

    def _covered(
        self, asked: Question, context: Context, lead: Hit | None, language: str
    ) -> tuple[Coverage, str]:
        """The coverage check, and the words opening a card's general rule for a question on
        the learner's own case (refused unless a card answers it as a general question)."""
        own_case = asks_own_case(asked.text)
        if not own_case or lead is not None:  # without a card, one's own case is refused unread
            docs = [p.chunk.doc_id for p in context.passages]
            extra = [lead.chunk.summary] if lead else []
            covered = self.coverage.check(asked.text, asked.asked_in, docs, extra=extra)
            if not own_case or covered.covered:
                return covered, f"{text('own_case_general', language)} " if own_case else ""
        local = self.coverage.names.asks_local_detail(asked.text)
        return Coverage((), (), ("own_case", "local") if local else ("own_case",)), ""

    def _retrieve(self, asked: Question, history: list[Turn]) -> Found:
        """The retrieval stage: the hits, the confidence, a matching card or named guide, and
        the ESCO route for a question about what one occupation's work is."""
        found = self.searcher.retrieve(asked.text, asked.asked_in, history)
        confidence = self.calibration.confidence(found.evidence) if found.hits else 0.0
        guide = self.guides.named(found.query, asked.asked_in)
        occupation = None
        if not guide and self.has_occupations:
            occupation = occupation_answer(found.query, asked.asked_in, found, self.calibration)
        if occupation is not None:
            found, confidence = occupation
        card = lead_card(found, self.library, self.searcher.card_words, asked)
        return Found(found, confidence, card, guide, occupation is not None)

    def _compose(self, found: Found, language: str, asked: Question) -> Cited:
        """Ranking, composition and citation: the context the answer is written from."""
        if found.occupation:
            context = occupation_context(self.retriever, self.library, found.retrieval, language)
            return Cited(context)
        card = found.card.chunk.doc_id if found.card else None
        hits = found.retrieval.hits
        if asked.counsellor:
            hits = situated(hits, self.searcher.search, asked.situation, language)
        hits = ranked_hits(self.library, found.retrieval.query, hits, card, found.guide, language)
        context = context_for(
            self.library,
            replace(found.retrieval, hits=hits),
            language,
            counsellor=asked.counsellor,
            situation=asked.situation,
        )
        if asked.counsellor or not context.passages:
            return Cited(context)  # the plan cites every passage
        return cite(context, self.fallback)

    def _answered(
        self, base: Reply, asked: Question, found: Found, cited: Cited, lead: Hit | None
    ) -> Draft:
        """The answer's reply (its text to come), remembered for follow-ups."""
        context = cited.context
        listed = sources(context.passages)
        self.memory.remember(
            base.session_id,
            found.retrieval.query,
            tuple(s.id for s in listed),
            language=asked.asked_in,
        )
        plan = None
        if asked.counsellor:
            plan = build_plan(context, base.language, situation=asked.situation)
        reply = replace(
            base,
            kind="answer",
            confidence=round(max(found.confidence, lead.score if lead else 0.0), 3),
            sources=listed,
            topics=sorted(set(context.passages[0].chunk.topics)),
            plan=plan,
            reason="card" if lead else None,
        )
        return Draft(reply, context, cited.selection)

    # -- generation ------------------------------------------------------------------------
    def _selection(
        self, generator: ExtractiveGenerator, draft: Draft
    ) -> tuple[Candidate, ...] | None:
        """The sentences already chosen for the draft, if this generator would choose them."""
        return draft.selection if generator.max_words == self.fallback.max_words else None

    def _write(self, generator: Generator, draft: Draft) -> str:
        assert draft.context is not None
        if isinstance(generator, ExtractiveGenerator):
            return generator.write(draft.context, self._selection(generator, draft))
        return generator.generate(draft.context)

    def _generate(self, draft: Draft) -> tuple[str, str]:
        """The answer and the name of the generator that wrote it."""
        try:
            return self._write(self.generator, draft), self.generator.name
        except GenerationFailed as exc:
            # A learner always gets an answer: the extractive one is grounded by construction.
            log.warning(
                "%s generator failed (%s); answering extractively", self.generator.name, exc
            )
            return self._write(self.fallback, draft), self.fallback.name


__all__ = ["Assistant", "Draft", "new_id"]
