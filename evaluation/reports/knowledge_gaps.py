"""Knowledge gaps: questions that got no answer, low confidence or a poor rating, grouped into
themes by clustering their embeddings, with counts, languages and a few redacted examples.

Only the stored (already redacted) question texts are used, read by message id from the store
so a deleted conversation is gone here too. Identical questions are embedded once. Questions
are grouped one language at a time (measured on the demo gap questions with
multilingual-e5-small: adjusted Rand index 0.4-0.9 per language, against ~0.3 across languages),
by average-linkage agglomerative clustering on cosine distance, cut at the number of themes with
the best silhouette: no fixed similarity threshold, since the similarity scales of embedding
models differ. Themes smaller than the minimum group size are left out (only their number is
reported).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Engine, select
from sqlmodel import col

from evaluation.reports.facts.columns import Gaps
from evaluation.reports.facts.store_reader import (
    GAP_LOW_CONFIDENCE,
    GAP_NO_ANSWER,
    GAP_POOR_RATING,
    GAP_WRONG_ANSWER,
)
from evaluation.reports.gap_queue import GapMark, match
from evaluation.reports.schema import GapAnswer, GapStatus, GapTheme, ReportedAnswer
from evaluation.reports.schema import Gaps as GapsPublic
from evaluation.reports.suppression import count, suppress
from knowledge_base.embedding import Embedder
from telemetry.models import FeedbackRecord, MessageRecord

REASONS = {
    GAP_NO_ANSWER: "no_answer",
    GAP_LOW_CONFIDENCE: "low_confidence",
    GAP_POOR_RATING: "poor_rating",
    GAP_WRONG_ANSWER: "wrong_answer",
}
NEVER_GAPS = frozenset({"crisis", "handoff", "injection"})
"""Kinds and reasons of replies that are never knowledge gaps: a crisis message is not a
missing article, and a prompt injection is an attack, not a question."""
REPORTED_SHOWN = 20
MIN_THEME_QUESTIONS = 2
"""A theme of one question is not a theme, whatever the minimum group size."""
_SPACE = re.compile(r"\s+")


@dataclass
class _Text:
    """One distinct question (after normalising case and spaces) and how often it came."""

    text: str
    count: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    reply_reasons: Counter[str] = field(default_factory=Counter)
    answer: GapAnswer | None = None
    """The newest answer this question got."""
    last: dt.datetime | None = None
    times: list[dt.datetime] = field(default_factory=list)


class EmbeddingCache:
    """Remembers question vectors between reports (bounded), so a dashboard refresh is quick."""

    def __init__(self, embedder: Embedder, max_items: int = 20_000) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.dimension = embedder.dimension
        self._vectors: dict[str, np.ndarray] = {}
        self._max = max_items
        # Two dashboard requests at once must not clear the cache under each other.
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts`, computing only the ones not seen before."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if missing:
                if len(self._vectors) + len(missing) > self._max:
                    self._vectors.clear()
                vectors = self.embedder.embed_queries(missing)
                for text, vector in zip(missing, vectors, strict=True):
                    self._vectors[text] = vector
            return np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, 1))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passages are not cached."""
        return self.embedder.embed_passages(texts)


@dataclass(frozen=True)
class _Message:
    """What the store keeps of one candidate message."""

    question: str | None
    language: str
    kind: str
    reason: str | None
    sources: tuple[str, ...]
    at: dt.datetime


def _read_messages(engine: Engine, ids: list[str]) -> dict[str, _Message]:
    m = MessageRecord
    out: dict[str, _Message] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(
                    col(m.id),
                    col(m.question),
                    col(m.language),
                    col(m.kind),
                    col(m.reason),
                    col(m.source_ids),
                    col(m.created_at),
                ).where(col(m.id).in_(ids[start : start + 500]))
            ).all()
            for r in rows:
                text = r[1].strip() if r[1] and r[1].strip() else None
                sources = tuple(s for s in (r[5] or "").split(",") if s)
                out[r[0]] = _Message(text, r[2], r[3], r[4], sources, _utc(r[6]))
    return out


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _read_comments(engine: Engine, ids: list[str]) -> dict[str, list[str]]:
    """The (redacted) comments of wrong-answer reports, by message id, oldest first."""
    f = FeedbackRecord
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(col(f.message_id), col(f.comment))
                .where(col(f.message_id).in_(ids[start : start + 500]))
                .where(col(f.wrong_answer).is_(True), col(f.comment).is_not(None))
                .order_by(col(f.created_at))
            ).all()
            for message_id, comment in rows:
                if comment and comment.strip():
                    out.setdefault(message_id, []).append(comment.strip())
    return out


def _answer(message: _Message) -> GapAnswer:
    return GapAnswer(
        question=message.question,
        kind=message.kind,
        reason=message.reason,
        sources=list(message.sources),
    )


def _never_gap(message: _Message) -> bool:
    return message.kind in NEVER_GAPS or (message.reason or "") in NEVER_GAPS


def reported_answers(
    engine: Engine, gaps: Gaps, messages: dict[str, _Message] | None = None
) -> tuple[int, list[ReportedAnswer]]:
    """How many answers were reported wrong, and the most reported (with the answer and the
    comments)."""
    wrong = gaps.message_id[gaps.reason == GAP_WRONG_ANSWER]
    reports = Counter(i.decode() for i in wrong.tolist())
    ids = list(reports)
    found = messages if messages is not None else _read_messages(engine, ids)
    comments = _read_comments(engine, ids)
    shown = [i for i in ids if i in found and not _never_gap(found[i])]
    shown.sort(key=lambda i: (-reports[i], -found[i].at.timestamp()))
    out = [
        ReportedAnswer(
            **_answer(found[i]).model_dump(), reports=reports[i], comments=comments.get(i, [])
        )
        for i in shown[:REPORTED_SHOWN]
    ]
    return len(shown), out


def _cluster(vectors: np.ndarray, max_themes: int) -> np.ndarray:
    """Theme numbers: average-linkage clusters on cosine distance, cut where the silhouette is
    best (how much closer questions are to their own theme than to the next one), with at least
    sqrt(n) themes: fewer let one odd question split off alone and call the rest one theme."""
    n = len(vectors)
    if n < 3:
        return np.zeros(n, dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import silhouette_score

    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    best, best_score = np.zeros(n, dtype=int), -1.0
    for k in range(max(2, math.ceil(math.sqrt(n))), max(min(n - 1, max_themes), 2) + 1):
        labels = fcluster(tree, k, criterion="maxclust")
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(distances, labels, metric="precomputed"))
        if score > best_score:
            best, best_score = labels, score
    return best


def knowledge_gaps(
    engine: Engine,
    gaps: Gaps,
    embedder: Embedder,
    *,
    minimum: int,
    limit: int = 5_000,
    max_texts: int = 2_000,
    max_themes: int = 60,
    marks: Sequence[GapMark] = (),
) -> GapsPublic:
    """Themes among the gap questions of `gaps` (the `limit` most recent are analysed)."""
    total = int(gaps.new.sum())
    # The newest rows (a question can have a row for each reason), newest first.
    take = min(len(gaps.day), 3 * limit)
    newest = np.argpartition(-gaps.day, take - 1)[:take] if take else np.zeros(0, np.int64)
    newest = newest[np.argsort(-gaps.day[newest], kind="stable")]
    reasons: dict[str, set[int]] = {}
    for i in newest.tolist():
        message_id = gaps.message_id[i].decode()
        if message_id in reasons or len(reasons) < limit:
            reasons.setdefault(message_id, set()).add(int(gaps.reason[i]))
    messages = _read_messages(engine, list(reasons))
    not_covered: Counter[str] = Counter()
    distinct: dict[str, _Text] = {}
    for message_id, message in messages.items():
        if _never_gap(message):
            continue
        if message.kind == "no_answer":
            not_covered[message.reason or "unknown"] += 1
        if message.question is None:
            continue
        key = _SPACE.sub(" ", message.question.lower())
        item = distinct.setdefault(key, _Text(message.question))
        item.count += 1
        item.times.append(message.at)
        item.languages[message.language] += 1
        item.reasons.update(REASONS[r] for r in reasons[message_id])
        if message.kind == "no_answer":
            item.reply_reasons[message.reason or "unknown"] += 1
        if item.last is None or message.at >= item.last:
            item.last, item.answer = message.at, _answer(message)
    items = sorted(distinct.values(), key=lambda t: (-t.count, t.text))[:max_texts]
    themes: list[GapTheme] = []
    hidden = 0
    # One language at a time: the content is written per language, and small multilingual
    # models cluster across languages poorly.
    by_language: dict[str, list[_Text]] = {}
    for item in items:
        by_language.setdefault(item.languages.most_common(1)[0][0], []).append(item)
    for group in by_language.values():
        vectors = np.asarray(embedder.embed_queries([t.text for t in group]), dtype=np.float32)
        labels = _cluster(vectors, max_themes)
        for label in sorted(set(labels.tolist())):
            members = np.flatnonzero(labels == label).tolist()
            chosen = [group[i] for i in members]
            theme = _theme(chosen, vectors[members], minimum)
            if theme is None:
                hidden += 1
            else:
                theme.status = _status(theme, chosen, marks)
                themes.append(theme)
    themes.sort(key=lambda t: (-t.questions, t.label))
    wrong, reported = reported_answers(engine, gaps, messages)
    return GapsPublic(
        questions=count(total, minimum),
        analysed=sum(t.count for t in items),
        themes=themes,
        hidden_themes=hidden,
        not_covered=suppress(dict(sorted(not_covered.items())), minimum, total=False),
        # Not suppressed: the reported answers are listed one by one below it anyway.
        wrong_answers=wrong,
        reported=reported,
    )


def theme_key(text: str) -> str:
    """A theme's stable id: a short hash of its typical question, normalised."""
    normal = _SPACE.sub(" ", text.strip().lower())
    return hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _theme(items: list[_Text], vectors: np.ndarray, minimum: int) -> GapTheme | None:
    size = sum(t.count for t in items)
    if size < max(minimum, MIN_THEME_QUESTIONS):
        return None
    counts = np.array([t.count for t in items], dtype=np.float32)
    # The medoid, weighted by how often each question came: the theme's most typical question.
    centrality = (vectors @ vectors.T) @ counts
    order = np.argsort(-centrality, kind="stable")
    languages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    reply_reasons: Counter[str] = Counter()
    for t in items:
        languages.update(t.languages)
        reasons.update(t.reasons)
        reply_reasons.update(t.reply_reasons)
    examples = [items[int(i)] for i in order[:3]]
    label = examples[0].text
    return GapTheme(
        key=theme_key(label),
        label=label,
        questions=size,
        languages=suppress(dict(sorted(languages.items())), minimum),
        reasons=suppress({r: reasons.get(r, 0) for r in REASONS.values()}, minimum, total=False),
        reply_reasons=suppress(dict(sorted(reply_reasons.items())), minimum, total=False),
        examples=[t.text for t in examples],
        answers=[t.answer for t in examples if t.answer is not None],
        question_keys=sorted({theme_key(t.text) for t in items}),
    )


def _status(theme: GapTheme, items: list[_Text], marks: Sequence[GapMark]) -> GapStatus | None:
    """The theme's mark, with the questions that came after it."""
    found = match(theme.key, frozenset(theme.question_keys), marks)
    if found is None:
        return None
    after = sum(1 for t in items for at in t.times if at > found.marked_at)
    return GapStatus(
        state=found.state,
        fixed_by=found.fixed_by,
        marked_on=found.marked_at.date(),
        new_since=after,
    )
