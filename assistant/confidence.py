"""Maps retrieval evidence to a calibrated confidence in 0..1, one calibration per embedding model.

The evidence is the best article's cosine similarity to the question (its scale depends on the
embedding model: e5 squeezes cosines into a narrow band, MiniLM spreads them wide), the share of
the question's content words that the article contains, and the best BM25 score. A logistic
curve turns them into a confidence; `threshold` is where an answer turns into "I don't know".

The numbers are fitted on evaluation/datasets/dev.jsonl so that replies of kind `answer` are
right at least 95% of the time there (see tests/assistant/test_dev_set.py, which checks it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """What retrieval found for one question."""

    cosine: float
    """Cosine similarity of the question and the best article passage."""
    coverage: float = 1.0
    """Share (0..1) of the question's content words that occur in the best article."""
    lexical: float = 0.0
    """Best BM25 score among the hits (0 when no word matched)."""


@dataclass(frozen=True)
class Calibration:
    """A logistic curve over the evidence; `threshold` gates answers."""

    midpoint: float
    """Cosine at which, with full coverage, the confidence is one half."""
    scale: float
    """Cosine spread of the curve: smaller is steeper."""
    coverage_weight: float = 0.0
    """Logit added per unit of coverage above `coverage_midpoint`."""
    coverage_midpoint: float = 0.5
    threshold: float = 0.5

    def confidence(self, evidence: Evidence | float, lexical: float = 0.0) -> float:
        """Probability-like confidence that the best article answers the question."""
        if not isinstance(evidence, Evidence):
            evidence = Evidence(cosine=float(evidence), lexical=lexical)
        logit = (evidence.cosine - self.midpoint) / self.scale
        logit += self.coverage_weight * (evidence.coverage - self.coverage_midpoint)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


CALIBRATIONS = {
    "multilingual-e5-small": Calibration(midpoint=0.80, scale=0.02),
    "all-minilm-l6-v2": Calibration(midpoint=0.35, scale=0.06),
}
DEFAULT = Calibration(midpoint=0.5, scale=0.08)


def calibration_for(model: str) -> Calibration:
    """The calibration of an embedding model (a neutral curve for unknown models)."""
    return CALIBRATIONS.get(model, DEFAULT)
