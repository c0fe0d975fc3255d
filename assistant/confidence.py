"""Maps retrieval similarity to a calibrated confidence in 0..1, per embedding model."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Calibration:
    """A logistic curve over the best hit's cosine similarity; `threshold` gates answers."""

    midpoint: float
    scale: float
    threshold: float = 0.5

    def confidence(self, cosine: float, lexical: float = 0.0) -> float:
        """Probability-like confidence that the best passage answers the question."""
        boost = 0.01 * min(lexical, 10.0)  # a strong keyword match is extra evidence
        return 1.0 / (1.0 + math.exp(-(cosine + boost - self.midpoint) / self.scale))


# Fitted on evaluation/datasets/dev.jsonl (see `suunta eval --calibrate`); e5 squeezes cosines
# into a narrow band, MiniLM spreads them wide.
CALIBRATIONS = {
    "multilingual-e5-small": Calibration(midpoint=0.80, scale=0.02),
    "all-minilm-l6-v2": Calibration(midpoint=0.35, scale=0.06),
}
DEFAULT = Calibration(midpoint=0.5, scale=0.08)


def calibration_for(model: str) -> Calibration:
    """The calibration of an embedding model (a neutral curve for unknown models)."""
    return CALIBRATIONS.get(model, DEFAULT)
