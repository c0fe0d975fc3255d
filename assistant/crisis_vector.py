"""The second crisis check: a linear model over the question's own e5 vector.

The crisis patterns (assistant/crisis_patterns.py) catch what people say outright and the
warning signs they were written from, but measured on messages written later by someone who
never saw them they found 11 of 90: people tell of a crisis in too many ways ("won't be needing
those application dates after all", "my five year plan is more of a five day plan"). The
embedding that retrieval computes anyway places such a message near other crisis messages even
when its words are new, so a logistic regression over it (384 weights and a bias, fitted by
`suunta kb crisis-vector` on the crisis corpus against learner questions) is read for every
question that triage let through to retrieval. It costs one dot product a question.

The weights belong to one embedding model (`multilingual-e5-small`); another model has none,
and then only the patterns decide. Measured in docs/answering.md ("A second crisis check").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.crisis_patterns import CRISIS_IDIOMS

DATA = Path(__file__).parent / "data"
THRESHOLD = 0.95
"""The model's probability from which a question is a crisis: at 0.95 it missed 16 of 90 unseen
crisis messages and flagged 11 of 1,436 dev-set questions in five-fold cross-validation (none
that reach retrieval but one); see docs/answering.md."""
GATE = 0.7
"""A message of several sentences whose whole vector reaches this probability has its
statements read one by one."""
_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")
STRENGTH = 30.0
"""The regression's inverse regularisation (scikit-learn's C): 3-100 were measured."""


@dataclass(frozen=True)
class CrisisVector:
    """Weights over a query embedding and the threshold above which it is a crisis."""

    weights: np.ndarray
    bias: float
    threshold: float = THRESHOLD

    def probability(self, vector: np.ndarray) -> float:
        """The model's probability that the message is a crisis."""
        unit = vector / max(float(np.linalg.norm(vector)), 1e-12)
        z = float(np.dot(self.weights, unit.astype(np.float32))) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def says_crisis(self, vector: np.ndarray) -> bool:
        """Is the message, by its vector, a crisis?"""
        return self.probability(vector) >= self.threshold

    def says_crisis_told(
        self, message: str, vector: np.ndarray, embed: Callable[[list[str]], np.ndarray]
    ) -> bool:
        """Is the message a crisis, read sentence by sentence when it has several? The sign
        is told in a statement beside the question ("which course starts soonest? I already
        cancelled my lease since I won't be needing them"): one of the message's statements
        must be a crisis on its own. A career question whose whole vector only leans that
        way ("pitääks palomieheks opiskella kuopiossa? asun vantaalla eikä huvittais
        muuttaa") is not; one whose whole leans less but whose statement is one (p >= GATE
        for the whole) is. `embed` embeds the statements (only for messages that lean)."""
        whole = self.probability(vector)
        parts = sentences(message)
        if len(parts) <= 1:
            return whole >= self.threshold
        told = [part for part in parts if not part.endswith("?")]
        if whole < GATE or not told:
            return False
        return any(self.probability(v) >= self.threshold for v in embed(told))


def sentences(message: str) -> list[str]:
    """The message's sentences (split after . ? ! and at line breaks)."""
    return [part.strip() for part in _SENTENCE.split(message) if part.strip()]


_IDIOMS = re.compile("|".join(f"(?:{idiom.pattern})" for idiom in CRISIS_IDIOMS), re.IGNORECASE)


def speaks_in_idioms(message: str) -> bool:
    """Does the message use a career idiom of dying or killing ("jag dör av skratt", "this
    commute is killing me")? Its vector leans towards a crisis that the words deny, so the
    patterns alone decide (they read it without the idiom)."""
    return bool(_IDIOMS.search(message.lower()))


def path_for(model: str) -> Path:
    """Where the weights for an embedding model are kept."""
    return DATA / f"crisis-vector-{model.replace('/', '-')}.npz"


def load_crisis_vector(model: str) -> CrisisVector | None:
    """The weights for this embedding model, or None when there are none."""
    path = path_for(model)
    if not path.is_file():
        return None
    with np.load(path) as data:
        return CrisisVector(
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


def fit(
    crisis: Sequence[np.ndarray] | np.ndarray,
    ordinary: Sequence[np.ndarray] | np.ndarray,
    *,
    strength: float = STRENGTH,
    threshold: float = THRESHOLD,
) -> CrisisVector:
    """A logistic regression of crisis against ordinary message vectors (classes weighted to
    balance: there are far fewer crisis messages)."""
    from sklearn.linear_model import LogisticRegression

    positives = _units(np.asarray(crisis, dtype=np.float32))
    negatives = _units(np.asarray(ordinary, dtype=np.float32))
    x = np.vstack([positives, negatives])
    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    model = LogisticRegression(C=strength, max_iter=5000, class_weight="balanced").fit(x, y)
    return CrisisVector(
        weights=model.coef_[0].astype(np.float32),
        bias=float(model.intercept_[0]),
        threshold=threshold,
    )


def save(vector: CrisisVector, path: Path) -> None:
    """Write the weights (a small .npz) for `load_crisis_vector`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, weights=vector.weights, bias=vector.bias, threshold=vector.threshold)


def _units(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


__all__ = [
    "CrisisVector",
    "fit",
    "load_crisis_vector",
    "path_for",
    "save",
    "speaks_in_idioms",
]
