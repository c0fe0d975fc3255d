"""The assistant: language, triage, retrieval and a grounded, cited answer."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from assistant.confidence import Calibration
from assistant.generators import (
    Context,
    ExtractiveGenerator,
    GenerationFailed,
    Generator,
    Passage,
)
from assistant.language import SUPPORTED, LanguageDetector
from assistant.memory import ConversationMemory, condense
from assistant.messages import CRISIS, HANDOFF, text
from assistant.triage import triage
from assistant.types import Reply, Source
from knowledge_base.articles import NEXT_STEPS_HEADINGS
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit, Retriever

MAX_SOURCES = 3
SNIPPET_CHARS = 240
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
    flat = " ".join(chunk.text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


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
        lang = language if language in SUPPORTED else self.detector.detect(message)
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
        if verdict.kind == "crisis":
            return Draft(replace(base, kind="crisis", answer=CRISIS[lang]), None)
        if verdict.kind == "handoff":
            return Draft(replace(base, kind="handoff", answer=HANDOFF[lang]), None)
        question = verdict.cleaned if verdict.kind == "injection" else message
        if verdict.kind == "out_of_scope" or not question.strip():
            return Draft(
                replace(base, kind="out_of_scope", answer=text("out_of_scope", lang)), None
            )
        query = condense(question, self.memory.history(session_id))
        hits = self.retriever.search(query, language=lang, k=12, kinds=("article",))
        confidence = self.calibration.confidence(hits[0].score, hits[0].lexical) if hits else 0.0
        if confidence < self.calibration.threshold:
            return Draft(
                replace(
                    base,
                    kind="no_answer",
                    confidence=round(confidence, 3),
                    answer=text("no_answer", lang),
                ),
                None,
            )
        passages = self._passages(hits, lang)
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
            for p in passages
        ]
        steps = self._next_steps(passages[0].chunk)
        context = Context(
            question=question,
            language=lang,
            passages=passages,
            next_steps=steps,
            next_steps_source=1,
        )
        topics = sorted({t for p in passages[:1] for t in p.chunk.topics})
        self.memory.remember(session_id, question, tuple(s.id for s in sources))
        reply = replace(
            base, kind="answer", confidence=round(confidence, 3), sources=sources, topics=topics
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

    def _localise(self, hit: Hit, language: str) -> Chunk:
        """The same article in the reply language when a translation exists."""
        chunk = hit.chunk
        if chunk.language == language:
            return chunk
        translated = self._by_doc.get((chunk.doc_id, language))
        if not translated:
            return chunk
        # Sections are written in the same order in every translation.
        original = self._by_doc.get((chunk.doc_id, chunk.language), [])
        position = next((i for i, c in enumerate(original) if c.id == chunk.id), 0)
        return translated[min(position, len(translated) - 1)]

    def _passages(self, hits: list[Hit], language: str) -> list[Passage]:
        passages: list[Passage] = []
        seen: set[str] = set()
        for hit in hits:
            if hit.chunk.doc_id in seen:
                continue
            seen.add(hit.chunk.doc_id)
            passages.append(Passage(len(passages) + 1, self._localise(hit, language), hit.score))
            if len(passages) == MAX_SOURCES:
                break
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
