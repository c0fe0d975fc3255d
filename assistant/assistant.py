"""The assistant: a message through named stages to a reply.

language -> triage -> retrieval -> ranking -> coverage -> composition -> citation

- language (`assistant.language`): the reply language;
- triage (`assistant.triage`): crisis, handoff, small talk, out of scope, prompt injection;
- retrieval (`assistant.retrieval`): articles, answer cards and ESCO occupations for the question;
- ranking (`assistant.ranking`): which articles an answer may cite, respecting the situation the
  learner stated (`assistant.situation`);
- coverage (`assistant.coverage`): does the evidence address the question's concepts? If not, an
  honest `no_answer` that names where to ask (`assistant.referrals`);
- composition (`assistant.generators`): an answer card's direct answer first, then the passages'
  details, then next steps; citation keeps only the sources the text refers to.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from assistant.confidence import Calibration
from assistant.counsellor import build_plan
from assistant.coverage import Coverage, CoverageCheck
from assistant.generators import (
    Context,
    ExtractiveGenerator,
    GenerationFailed,
    Generator,
    Passage,
    cited_sources,
)
from assistant.language import SUPPORTED, LanguageDetector
from assistant.memory import ConversationMemory, Memory
from assistant.messages import CRISIS, HANDOFF, text
from assistant.occupations import (
    OCCUPATIONS_TOPIC,
    GuideNames,
    asks_what_work,
    named_in,
    occupation_names,
    occupation_question,
)
from assistant.ranking import Library
from assistant.referrals import where_to_ask
from assistant.retrieval import HITS, Retrieval, Searcher
from assistant.sentences import split_sentences
from assistant.situation import Situation, closed_to, read_situation
from assistant.triage import triage
from assistant.types import Reply, Source
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit, Retriever

SNIPPET_CHARS = 240
OCCUPATION_GUIDES = 2
"""Curated articles on occupations offered with an ESCO description."""
CARD_MIN_COSINE = 0.92
"""An answer card opens the reply when one of its questions is at least this close to the
learner's (e5 cosine, question to question) and its article is among the cited ones."""
NEARBY_SENTENCES = 2
GUIDE_SHARE = 0.95
"""A guide the question names but retrieval missed joins the hits just below the best one."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """A reply before its text exists: the decision and the context to write it from."""

    reply: Reply
    context: Context | None


def new_id() -> str:
    """A random identifier (never derived from anything about the person)."""
    return uuid.uuid4().hex


def _snippet(chunk: Chunk) -> str:
    flat = " ".join(chunk.text.replace("**", "").split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _source(passage: Passage) -> Source:
    chunk = passage.chunk
    return Source(
        id=chunk.doc_id,
        title=chunk.title,
        url=chunk.url,
        snippet=_snippet(chunk),
        score=round(passage.score, 4),
        language=chunk.language,
        kind=chunk.kind,
    )


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
    ) -> None:
        self.retriever = retriever
        self.calibration = calibration
        self.generator = generator or ExtractiveGenerator()
        self.fallback = ExtractiveGenerator()
        self.detector = detector or LanguageDetector()
        self.memory: Memory = memory or ConversationMemory(redact)
        self.searcher = Searcher(retriever, calibration)
        self.library = Library.of(retriever.chunks)
        self.coverage = CoverageCheck(
            self.library.texts(), self.library.subjects(), occupation_names(retriever.chunks)
        )
        self.guides = GuideNames(retriever.chunks)

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
            answer, generator = self._generate(draft.context)
        return replace(
            draft.reply,
            answer=answer,
            generator=generator,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def stream(self, draft: Draft) -> Iterator[str]:
        """The text of a prepared reply, in pieces as it is produced."""
        if draft.context is None:
            yield draft.reply.answer
            return
        yield from self.generator.stream(draft.context)

    def prepare(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> Draft:
        """Decide the kind of reply and gather its sources; the text comes later."""
        session_id = session_id or new_id()
        history = self.memory.history(session_id)
        # A short, unclear message ("ok, and?") keeps the conversation's language.
        asked_in = self.detector.detect(message, prior=history[-1].language if history else None)
        lang = language if language in SUPPORTED else asked_in
        base = Reply(
            session_id=session_id,
            message_id=new_id(),
            answer="",
            language=lang,
            kind="answer",
            confidence=1.0,
            generator=self.generator.name,
        )
        fixed = self._triaged(message, lang, mode)
        if fixed is not None:
            kind, answer, reason = fixed
            return Draft(replace(base, kind=kind, answer=answer, reason=reason), None)
        question = triage(message).cleaned
        situation = read_situation(question)
        found = self.searcher.retrieve(question, asked_in, history)
        confidence = self.calibration.confidence(found.evidence) if found.hits else 0.0
        guide = self.guides.named(found.query, asked_in)
        # A question about what one occupation's work is: its ESCO description answers it
        # (English only: a Finnish or Swedish learner gets the curated guide or nothing).
        about_occupation = None if guide else self._occupation(found.query, asked_in, found)
        if about_occupation is not None:
            found, confidence = about_occupation
        card = self._card(found)
        if confidence < self.calibration.threshold and card is None and guide is None:
            kind = "no_answer" if found.evidence.in_domain else "out_of_scope"
            answer = text(kind, lang, mode=mode)
            reason = "low_confidence" if kind == "no_answer" else "out_of_scope"
            return Draft(
                replace(
                    base, kind=kind, confidence=round(confidence, 3), answer=answer, reason=reason
                ),
                None,
            )
        counsellor = mode == "counsellor"
        if about_occupation is not None:
            context = self._occupation_context(found, found.occupations[0], lang)
        else:
            hits = self._preferred(found.hits, card.chunk.doc_id if card else None, guide, lang)
            context = self._context(
                replace(found, hits=hits), lang, counsellor=counsellor, situation=situation
            )
        if not context.passages:
            return Draft(self._not_covered(base, found, lang, mode, situation, None), None)
        lead = card if card and card.chunk.doc_id == context.passages[0].chunk.doc_id else None
        if not counsellor and about_occupation is None:
            covered = self.coverage.check(
                question,
                asked_in,
                [p.chunk.doc_id for p in context.passages],
                extra=[lead.chunk.summary] if lead else [],
            )
            if not covered.covered:
                return Draft(
                    self._not_covered(base, found, lang, mode, situation, covered, context), None
                )
        if lead is not None:
            opening = lead.chunk.summary
            if situation.age is not None:
                closed = self.library.closed_names(situation.age)
                opening = " ".join(
                    s for s in split_sentences(opening) if not closed_to(s, situation.age, closed)
                )
            context = replace(context, lead=opening)
        sources = [_source(p) for p in context.passages]
        topics = sorted(set(context.passages[0].chunk.topics))
        self.memory.remember(
            session_id, found.query, tuple(s.id for s in sources), language=asked_in
        )
        plan = build_plan(context, lang, situation=situation) if counsellor else None
        reply = replace(
            base,
            kind="answer",
            confidence=round(max(confidence, lead.score if lead else 0.0), 3),
            sources=sources,
            topics=topics,
            plan=plan,
            reason="card" if lead else None,
        )
        return Draft(reply, context)

    # -- stages ----------------------------------------------------------------------------
    @staticmethod
    def _triaged(message: str, language: str, mode: str) -> tuple[str, str, str] | None:
        """(kind, answer, reason) when triage alone decides the reply."""
        verdict = triage(message)
        fixed = {
            "crisis": ("crisis", CRISIS[language], "crisis"),
            "handoff": ("handoff", HANDOFF[language], "handoff"),
            "greeting": ("out_of_scope", text("greeting", language), "small_talk"),
            "thanks": ("out_of_scope", text("thanks", language), "small_talk"),
            "out_of_scope": ("out_of_scope", text("out_of_scope", language, mode=mode), "topic"),
        }
        if verdict.kind == "injection" and not verdict.cleaned:
            return ("out_of_scope", text("injection", language), "injection")
        return fixed.get(verdict.kind)

    def _card(self, found: Retrieval) -> Hit | None:
        """The answer card asked, when one of its questions is close enough to this one."""
        best = found.cards[0] if found.cards else None
        return best if best is not None and best.score >= CARD_MIN_COSINE else None

    def _not_covered(
        self,
        base: Reply,
        found: Retrieval,
        language: str,
        mode: str,
        situation: Situation,
        coverage: Coverage | None,
        context: Context | None = None,
    ) -> Reply:
        """Says plainly that the sources do not cover it, what they say nearby (labelled as
        such), and where to ask."""
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
        if passages:
            nearby = split_sentences(passages[0].chunk.summary)[:NEARBY_SENTENCES]
            if nearby:
                parts.append(f"{text('nearby', language)} {' '.join(nearby)} [1]")
        topics = list(passages[0].chunk.topics) if passages else []
        if mode == "counsellor":
            parts.append(text("no_answer", language, mode=mode))
        else:
            heading = text("where_to_ask", language)
            where = where_to_ask(topics, language, situation, own_case=own_case)
            parts.append(f"**{heading}:** {where}")
        return replace(
            base,
            kind="no_answer",
            confidence=0.0,
            answer="\n\n".join(parts),
            sources=[_source(p) for p in passages],
            topics=sorted(set(topics)),
            reason="not_covered",
        )

    def _occupation(
        self, question: str, language: str, found: Retrieval
    ) -> tuple[Retrieval, float] | None:
        """The retrieval and confidence of an answer from an ESCO occupation, when an English
        question is about one and the occupation matches it well enough to answer."""
        if not self.has_occupations or language != "en":
            return None
        named = None
        if asks_what_work(question):
            named = named_in(question, found.occupations)
        article = found.evidence.cosine if found.hits else 0.0
        match = occupation_question(question, language, found.occupations, article, named=named)
        if match is None:
            return None
        evidence = replace(
            found.evidence, cosine=match.hit.score, in_domain=True, other_language=False
        )
        confidence = self.calibration.confidence(evidence)
        if confidence < self.calibration.threshold:
            return None
        return replace(found, evidence=evidence, occupations=[match.hit]), confidence

    def _occupation_context(self, found: Retrieval, occupation: Hit, language: str) -> Context:
        """The ESCO description [1], then the curated articles on occupations [2], [3]: the
        next steps (pay, prospects, skills, education leading to it) come from the one
        mainly about occupations."""
        hits = self.retriever.search_vector(
            found.vector,
            found.query,
            language=language,
            k=HITS,
            kinds=("article",),
            topics=(OCCUPATIONS_TOPIC,),
        )
        guides: dict[str, Hit] = {}
        for hit in hits:
            guides.setdefault(hit.chunk.doc_id, hit)
        ranked = sorted(guides.values(), key=lambda h: h.chunk.topics[:1] != (OCCUPATIONS_TOPIC,))[
            :OCCUPATION_GUIDES
        ]
        passages = [Passage(1, occupation.chunk, occupation.score)]
        for hit in ranked:
            guide = self.library.localise(hit.chunk, language)
            passages.append(Passage(len(passages) + 1, guide, hit.score, (), (guide.id,)))
        return Context(
            question=found.query,
            language=language,
            passages=passages,
            next_steps=self.library.next_steps(passages[1].chunk) if len(passages) > 1 else [],
            next_steps_source=2,
        )

    def _generate(self, context: Context) -> tuple[str, str]:
        """The answer and the name of the generator that wrote it."""
        try:
            return self.generator.generate(context), self.generator.name
        except GenerationFailed as exc:
            # A learner always gets an answer: the extractive one is grounded by construction.
            log.warning(
                "%s generator failed (%s); answering extractively", self.generator.name, exc
            )
            return self.fallback.generate(context), self.fallback.name

    def _preferred(
        self, hits: list[Hit], card: str | None, guide: str | None, language: str
    ) -> list[Hit]:
        """The hits with the article of a matching answer card first, and the occupation guide
        the question names among them (added from the library if retrieval missed it)."""
        if not hits:
            return hits
        top = hits[0]
        if guide and all(h.chunk.doc_id != guide for h in hits):
            chunks = self.library.by_doc.get((guide, language)) or []
            hits = hits + [Hit(c, top.score, top.fused * GUIDE_SHARE) for c in chunks[:1]]
        if card is None:
            return hits
        own = [replace(h, fused=top.fused * 2) for h in hits if h.chunk.doc_id == card]
        if not own:
            chunks = self.library.by_doc.get((card, language)) or []
            own = [Hit(c, top.score, top.fused * 2) for c in chunks[:1]]
        return own + [h for h in hits if h.chunk.doc_id != card]

    def _context(
        self,
        found: Retrieval,
        language: str,
        *,
        counsellor: bool = False,
        situation: Situation | None = None,
    ) -> Context:
        """The passages the answer cites, numbered 1..n in the order they are cited."""
        passages = self.library.passages(
            found.query, found.hits, language, counsellor=counsellor, situation=situation
        )
        if not passages:
            return Context(found.query, language, [], [], 1)
        age = situation.age if situation else None
        closed = self.library.closed_names(age)
        context = Context(
            question=found.query,
            language=language,
            passages=passages,
            next_steps=[
                step
                for step in self.library.next_steps(passages[0].chunk)
                if not closed_to(step, age, closed)
            ],
            next_steps_source=1,
            age=age,
            closed=closed,
        )
        if counsellor:
            return context  # the plan cites every passage
        # Only sources the text refers to are listed, renumbered without gaps.
        used = cited_sources(context, self.fallback)
        kept = [p for p in passages if p.number in used]
        renumbered = [replace(p, number=i) for i, p in enumerate(kept, start=1)]
        return replace(context, passages=renumbered)


def _surface(question: str, stems: tuple[str, ...]) -> list[str]:
    """The words of the question behind these stems, as the learner wrote them."""
    words = [w.strip("?!.,;:()\"'") for w in question.split()]
    found: list[str] = []
    for stem in stems:
        word = next((w for w in words if w.lower().startswith(stem[:4])), None)
        if word and word not in found:
            found.append(word)
    return found[:3]


__all__ = ["Assistant", "Draft", "new_id"]
