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
from evaluation.reports.facts.store_reader import GAP_LOW_CONFIDENCE, GAP_NO_ANSWER, GAP_POOR_RATING
from evaluation.reports.schema import Gaps as GapsPublic
from evaluation.reports.schema import GapTheme
from evaluation.reports.suppression import count, suppress
from knowledge_base.embedding import Embedder
from telemetry.models import MessageRecord

REASONS = {
    GAP_NO_ANSWER: "no_answer",
    GAP_LOW_CONFIDENCE: "low_confidence",
    GAP_POOR_RATING: "poor_rating",
}
_SPACE = re.compile(r"\s+")


@dataclass
class _Text:
    """One distinct question (after normalising case and spaces) and how often it came."""

    text: str
    count: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)


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


def _read_texts(engine: Engine, ids: list[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(
                    col(MessageRecord.id), col(MessageRecord.question), col(MessageRecord.language)
                )
                .where(col(MessageRecord.id).in_(ids[start : start + 500]))
                .where(col(MessageRecord.question).is_not(None))
            ).all()
            out.update({r[0]: (r[1], r[2]) for r in rows if r[1] and r[1].strip()})
    return out


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
    recent = list(reasons)
    texts = _read_texts(engine, recent)
    distinct: dict[str, _Text] = {}
    for message_id, (text, language) in texts.items():
        key = _SPACE.sub(" ", text.strip().lower())
        item = distinct.setdefault(key, _Text(text.strip()))
        item.count += 1
        item.languages[language] += 1
        item.reasons.update(REASONS[r] for r in reasons[message_id])
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
            theme = _theme([group[i] for i in members], vectors[members], minimum)
            if theme is None:
                hidden += 1
            else:
                themes.append(theme)
    themes.sort(key=lambda t: (-t.questions, t.label))
    return GapsPublic(
        questions=count(total, minimum),
        analysed=sum(t.count for t in items),
        themes=themes,
        hidden_themes=hidden,
    )


def _theme(items: list[_Text], vectors: np.ndarray, minimum: int) -> GapTheme | None:
    size = sum(t.count for t in items)
    if size < minimum:
        return None
    counts = np.array([t.count for t in items], dtype=np.float32)
    # The medoid, weighted by how often each question came: the theme's most typical question.
    centrality = (vectors @ vectors.T) @ counts
    order = np.argsort(-centrality, kind="stable")
    languages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for t in items:
        languages.update(t.languages)
        reasons.update(t.reasons)
    return GapTheme(
        label=items[int(order[0])].text,
        questions=size,
        languages=suppress(dict(sorted(languages.items())), minimum),
        reasons=suppress({r: reasons.get(r, 0) for r in REASONS.values()}, minimum, total=False),
        examples=[items[int(i)].text for i in order[:3]],
    )
