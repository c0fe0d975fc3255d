"""Knowledge gaps: questions that got no answer, low confidence or a poor rating, grouped into
themes by clustering their embeddings, with counts, languages and a few redacted examples.

Only the stored (already redacted) question texts are used, read by message id from the store
(`gap_messages.py`) so a deleted conversation is gone here too; the clustering is in
`gap_themes.py`. Identical questions are embedded once. Questions are grouped one language at a
time (measured on the demo gap questions with multilingual-e5-small: adjusted Rand index 0.4-0.9
per language, against ~0.3 across languages), by average-linkage agglomerative clustering on cosine
distance, cut at the number of themes with the best silhouette: no fixed similarity threshold,
since the similarity scales of embedding models differ. Themes smaller than the minimum group size
are left out (only their number is reported).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Engine

from evaluation.reports.facts.columns import Gaps
from evaluation.reports.gap_messages import GapMessage, read_messages, reported_answers
from evaluation.reports.gap_queue import GapMark
from evaluation.reports.gap_themes import REASONS, Question, question_key, themes
from evaluation.reports.schema import Gaps as GapsPublic
from evaluation.reports.suppression import count, suppress
from knowledge_base.embedding import Embedder


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
    reasons = _newest_reasons(gaps, limit)
    messages = read_messages(engine, list(reasons))
    distinct, not_covered = _distinct_questions(messages, reasons)
    items = sorted(distinct.values(), key=lambda t: (-t.count, t.text))[:max_texts]
    shown, hidden = themes(items, embedder, minimum=minimum, max_themes=max_themes, marks=marks)
    wrong, reported = reported_answers(engine, gaps, messages)
    return GapsPublic(
        questions=count(total, minimum),
        analysed=sum(t.count for t in items),
        themes=shown,
        hidden_themes=hidden,
        not_covered=suppress(dict(sorted(not_covered.items())), minimum, total=False),
        # Not suppressed: the reported answers are listed one by one below it anyway.
        wrong_answers=wrong,
        reported=reported,
    )


def _newest_reasons(gaps: Gaps, limit: int) -> dict[str, set[int]]:
    """The gap reasons of the `limit` newest gap messages, by message id, newest first."""
    # The newest rows (a question can have a row for each reason), newest first.
    take = min(len(gaps.day), 3 * limit)
    newest = np.argpartition(-gaps.day, take - 1)[:take] if take else np.zeros(0, np.int64)
    newest = newest[np.argsort(-gaps.day[newest], kind="stable")]
    reasons: dict[str, set[int]] = {}
    for i in newest.tolist():
        message_id = gaps.message_id[i].decode()
        if message_id in reasons or len(reasons) < limit:
            reasons.setdefault(message_id, set()).add(int(gaps.reason[i]))
    return reasons


def _distinct_questions(
    messages: dict[str, GapMessage], reasons: dict[str, set[int]]
) -> tuple[dict[str, Question], Counter[str]]:
    """The distinct questions among the gap `messages`, and the unanswered ones by the
    assistant's reason (texts or not)."""
    not_covered: Counter[str] = Counter()
    distinct: dict[str, Question] = {}
    for message_id, message in messages.items():
        if message.never_gap():
            continue
        if message.kind == "no_answer":
            not_covered[message.reason or "unknown"] += 1
        if message.question is None:
            continue
        item = distinct.setdefault(question_key(message.question), Question(message.question))
        item.count += 1
        item.times.append(message.at)
        item.languages[message.language] += 1
        item.reasons.update(REASONS[r] for r in reasons[message_id])
        if message.kind == "no_answer":
            item.reply_reasons[message.reason or "unknown"] += 1
        if item.last is None or message.at >= item.last:
            item.last, item.answer = message.at, message.answer()
    return distinct, not_covered
