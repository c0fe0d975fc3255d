"""Themes among gap questions: each distinct question embedded once, grouped one language at a
time by average-linkage clustering on cosine distance, cut at the best silhouette; a theme is
named by its most typical question and carries its counts, reasons, examples and mark."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from evaluation.reports.facts.store_reader import (
    GAP_LOW_CONFIDENCE,
    GAP_NO_ANSWER,
    GAP_POOR_RATING,
    GAP_WRONG_ANSWER,
)
from evaluation.reports.gap_queue import GapMark, match
from evaluation.reports.schema import GapAnswer, GapStatus, GapTheme
from evaluation.reports.suppression import suppress
from knowledge_base.embedding import Embedder

REASONS = {
    GAP_NO_ANSWER: "no_answer",
    GAP_LOW_CONFIDENCE: "low_confidence",
    GAP_POOR_RATING: "poor_rating",
    GAP_WRONG_ANSWER: "wrong_answer",
}
MIN_THEME_QUESTIONS = 2
"""A theme of one question is not a theme, whatever the minimum group size."""
_SPACE = re.compile(r"\s+")


@dataclass
class Question:
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


def question_key(text: str) -> str:
    """What makes two questions the same question: case and runs of spaces aside."""
    return _SPACE.sub(" ", text.lower())


def theme_key(text: str) -> str:
    """A theme's stable id: a short hash of its typical question, normalised."""
    normal = question_key(text.strip())
    return hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def themes(
    items: list[Question],
    embedder: Embedder,
    *,
    minimum: int,
    max_themes: int,
    marks: Sequence[GapMark],
) -> tuple[list[GapTheme], int]:
    """The themes of `items` shown (largest first) and how many were too small to show."""
    shown: list[GapTheme] = []
    hidden = 0
    # One language at a time: the content is written per language, and small multilingual
    # models cluster across languages poorly.
    by_language: dict[str, list[Question]] = {}
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
                shown.append(theme)
    shown.sort(key=lambda t: (-t.questions, t.label))
    return shown, hidden


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


def _theme(items: list[Question], vectors: np.ndarray, minimum: int) -> GapTheme | None:
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


def _status(theme: GapTheme, items: list[Question], marks: Sequence[GapMark]) -> GapStatus | None:
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
