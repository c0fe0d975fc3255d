"""The assistant: language, triage, retrieval and a grounded, cited answer."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from assistant.confidence import Calibration, Evidence
from assistant.counsellor import build_plan
from assistant.generators import (
    Context,
    ExtractiveGenerator,
    GenerationFailed,
    Generator,
    Passage,
    cited_sources,
)
from assistant.language import SUPPORTED, LanguageDetector
from assistant.memory import ConversationMemory, Turn, condense, is_follow_up
from assistant.messages import CRISIS, HANDOFF, text
from assistant.triage import has_domain_terms, triage
from assistant.types import Reply, Source
from knowledge_base.articles import NEXT_STEPS_HEADINGS
from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse
from knowledge_base.retriever import Hit, Retriever

MAX_SOURCES = 3
COUNSELLOR_SOURCES = 5
SNIPPET_CHARS = 240
HITS = 20
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


def _readable(chunk: Chunk) -> bool:
    """Not the next-steps list (shown as such, from the best article only)."""
    return chunk.heading.casefold() != NEXT_STEPS_HEADINGS.get(chunk.language, "").casefold()


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
    ) -> None:
        self.retriever = retriever
        self.calibration = calibration
        self.generator = generator or ExtractiveGenerator()
        self.fallback = ExtractiveGenerator()
        self.detector = detector or LanguageDetector()
        self.memory = ConversationMemory(redact)
        self._by_doc: dict[tuple[str, str], list[Chunk]] = {}
        for chunk in retriever.chunks:
            if chunk.kind == "article":
                self._by_doc.setdefault((chunk.doc_id, chunk.language), []).append(chunk)
        # Stemmed words of each article (per language): how much of a question it covers.
        self._vocabulary = {
            key: frozenset(analyse(" ".join(c.embed_text for c in chunks), key[1]))
            for key, chunks in self._by_doc.items()
        }

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
        verdict = triage(message)
        fixed = {
            "crisis": ("crisis", CRISIS[lang]),
            "handoff": ("handoff", HANDOFF[lang]),
            "greeting": ("out_of_scope", text("greeting", lang)),
            "out_of_scope": ("out_of_scope", text("out_of_scope", lang)),
        }
        if verdict.kind == "injection" and not verdict.cleaned:
            fixed["injection"] = ("out_of_scope", text("injection", lang))
        if verdict.kind in fixed:
            kind, answer = fixed[verdict.kind]
            return Draft(replace(base, kind=kind, answer=answer), None)
        question = verdict.cleaned
        query, hits, evidence = self._retrieve(question, asked_in, history)
        confidence = self.calibration.confidence(evidence) if hits else 0.0
        if confidence < self.calibration.threshold:
            kind = "no_answer" if has_domain_terms(query) else "out_of_scope"
            return Draft(
                replace(base, kind=kind, confidence=round(confidence, 3), answer=text(kind, lang)),
                None,
            )
        counsellor = mode == "counsellor"
        context = self._context(query, hits, lang, counsellor=counsellor)
        sources = [
            Source(
                id=p.chunk.doc_id,
                title=p.chunk.title,
                url=p.chunk.url,
                snippet=_snippet(p.chunk),
                score=round(p.score, 4),
                language=p.chunk.language,
                kind=p.chunk.kind,
            )
            for p in context.passages
        ]
        topics = sorted(set(context.passages[0].chunk.topics))
        self.memory.remember(session_id, query, tuple(s.id for s in sources), language=asked_in)
        plan = build_plan(context, lang) if counsellor else None
        reply = replace(
            base,
            kind="answer",
            confidence=round(confidence, 3),
            sources=sources,
            topics=topics,
            plan=plan,
        )
        return Draft(reply, context)

    # -- internals -------------------------------------------------------------------------
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

    def _search(self, query: str, language: str) -> tuple[list[Hit], Evidence]:
        """Hits for a query asked in `language`, and the evidence that they answer it."""
        hits = self.retriever.search(query, language=language, k=HITS, kinds=("article",))
        if not hits:
            return [], Evidence(cosine=0.0, coverage=0.0)
        best = hits[0]
        top = [h for h in hits if h.chunk.doc_id == best.chunk.doc_id][:3]
        words = {t for t in analyse(query, language) if not t.startswith("~")}
        vocabulary = self._vocabulary.get((best.chunk.doc_id, language)) or self._vocabulary.get(
            (best.chunk.doc_id, best.chunk.language), frozenset()
        )
        return hits, Evidence(
            cosine=max(h.score for h in top),
            coverage=len(words & vocabulary) / len(words) if words else 0.0,
            lexical=max(h.lexical for h in hits),
        )

    def _retrieve(
        self, question: str, language: str, history: list[Turn]
    ) -> tuple[str, list[Hit], Evidence]:
        """The query used, its hits and the evidence; follow-ups lean on the previous turn."""
        query = condense(question, history) if is_follow_up(question) else question
        hits, evidence = self._search(query, language)
        # A question that cannot stand alone may still make sense after the previous one.
        confidence = self.calibration.confidence(evidence)
        if history and query == question and confidence < self.calibration.threshold:
            joined = condense(question, history, force=True)
            joined_hits, joined_evidence = self._search(joined, language)
            if self.calibration.confidence(joined_evidence) > confidence:
                return joined, joined_hits, joined_evidence
        return query, hits, evidence

    def _localise(self, chunk: Chunk, language: str) -> Chunk:
        """The same section in the reply language when a translation exists."""
        if chunk.language == language:
            return chunk
        translated = self._by_doc.get((chunk.doc_id, language))
        if not translated:
            return chunk
        # Sections are written in the same order in every translation.
        original = self._by_doc.get((chunk.doc_id, chunk.language), [])
        position = next((i for i, c in enumerate(original) if c.id == chunk.id), 0)
        return translated[min(position, len(translated) - 1)]

    def _passages(self, hits: list[Hit], language: str, limit: int) -> list[Passage]:
        by_doc: dict[str, list[Hit]] = {}
        for hit in hits:
            by_doc.setdefault(hit.chunk.doc_id, []).append(hit)
        passages: list[Passage] = []
        for doc_hits in list(by_doc.values())[:limit]:
            found = [self._localise(hit.chunk, language) for hit in doc_hits]
            chunks = [c for i, c in enumerate(found) if c not in found[:i] and _readable(c)]
            if not chunks:
                continue
            main = next((c for c in chunks if c.heading != "summary"), chunks[0])
            related = [c for c in chunks if c is not main and c.heading != "summary"]
            if not passages:
                # The best article is read whole: the answer may sit in a section not retrieved.
                whole = self._by_doc.get((main.doc_id, main.language), [])
                related += [
                    c
                    for c in whole
                    if c not in related
                    and c is not main
                    and c.heading != "summary"
                    and _readable(c)
                ]
            passages.append(
                Passage(
                    len(passages) + 1,
                    main,
                    doc_hits[0].score,
                    tuple(related),
                    tuple(c.id for c in chunks),
                )
            )
        return passages

    def _next_steps(self, chunk: Chunk) -> list[str]:
        heading = NEXT_STEPS_HEADINGS.get(chunk.language, "").casefold()
        for candidate in self._by_doc.get((chunk.doc_id, chunk.language), []):
            if candidate.heading.casefold() == heading:
                return [
                    line.lstrip("-* ").strip()
                    for line in candidate.text.splitlines()
                    if line.strip().startswith(("-", "*"))
                ]
        return []

    def _context(
        self, query: str, hits: list[Hit], language: str, *, counsellor: bool = False
    ) -> Context:
        """The passages the answer cites, numbered 1..n in the order they are cited."""
        limit = COUNSELLOR_SOURCES if counsellor else MAX_SOURCES
        passages = self._passages(hits, language, limit)
        context = Context(
            question=query,
            language=language,
            passages=passages,
            next_steps=self._next_steps(passages[0].chunk),
            next_steps_source=1,
        )
        if counsellor:
            return context  # the plan cites every passage
        # Only sources the text refers to are listed, renumbered without gaps.
        used = cited_sources(context, self.fallback)
        kept = [p for p in passages if p.number in used]
        renumbered = [replace(p, number=i) for i, p in enumerate(kept, start=1)]
        return replace(context, passages=renumbered)
