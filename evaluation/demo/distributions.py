"""How synthetic traffic is spread: regions roughly by population (approximate figures, for
synthetic traffic only — never a report baseline), languages about fi 85% / sv 6% / en 9%,
channels, age bands and life situations, fewer visits at weekends and at night, the kinds of
reply and how each kind is rated; and the random draws of a batch's messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from evaluation.reports.vocabulary import AGE_BANDS, LIFE_SITUATIONS, REGIONS

# Rough population in thousands (order of magnitude only; synthetic weights, not statistics).
REGION_WEIGHT = dict(
    zip(
        REGIONS,
        (
            1750,
            490,
            215,
            170,
            535,
            205,
            160,
            125,
            130,
            250,
            165,
            275,
            190,
            175,
            68,
            420,
            70,
            178,
            30,
        ),
        strict=True,
    )
)
# Swedish speakers live mostly on the coast and in Åland.
SV_REGION_WEIGHT = {"uusimaa": 40, "pohjanmaa": 25, "varsinais-suomi": 12, "ahvenanmaa": 10}
LANGUAGE = {"fi": 0.85, "sv": 0.06, "en": 0.09}
CHANNEL = {"web": 0.82, "counsellor": 0.12, "api": 0.06}
AGE = dict(zip(AGE_BANDS, (0.20, 0.27, 0.23, 0.17, 0.11, 0.02), strict=True))
LIFE = dict(zip(LIFE_SITUATIONS, (0.2, 0.3, 0.2, 0.05, 0.04, 0.06, 0.04, 0.02, 0.09), strict=True))
KIND = {"answer": 0.80, "no_answer": 0.10, "out_of_scope": 0.05, "handoff": 0.04, "crisis": 0.01}
HOUR = np.array(
    [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 15, 14, 12, 13, 14, 14, 12, 10, 10, 11, 11, 9, 6, 3]
)
RATING = {  # P(rating = 1..5) by kind of reply
    "answer": (0.04, 0.06, 0.15, 0.40, 0.35),
    "low": (0.15, 0.20, 0.30, 0.25, 0.10),
    "no_answer": (0.30, 0.30, 0.25, 0.10, 0.05),
    "other": (0.10, 0.10, 0.30, 0.30, 0.20),
}


def pick(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    """`n` keys of `weights`, drawn in proportion to their weights."""
    keys = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def day_weights(days: int) -> np.ndarray:
    """The share of the sessions on each of `days` days."""
    # Weekends are quieter; use grows a little over the period.
    weekday = np.array([1.0, 1.0, 1.0, 0.95, 0.85, 0.45, 0.5])
    w = weekday[np.arange(days) % 7] * np.linspace(0.8, 1.2, days)
    return w / w.sum()


@dataclass(frozen=True)
class MessageDraws:
    """The random parts of a batch's messages, one array element a message."""

    owner: np.ndarray
    """The session (its index in the batch) the message belongs to."""
    created: list[dt.datetime]
    language: np.ndarray
    channel: np.ndarray
    counsellor: np.ndarray
    kind: np.ndarray
    confidence: np.ndarray
    latency: np.ndarray
    question_u: np.ndarray
    """Uniform draws that pick the question from the pool of its language and kind."""
    gets_feedback: np.ndarray
    rating_u: np.ndarray
    """Uniform draws that pick the rating from the distribution of the reply's kind."""
    lag: np.ndarray
    """Microseconds from the reply to its feedback."""


def draw_messages(
    rng: np.random.Generator,
    started: np.ndarray,
    counts: np.ndarray,
    channel: np.ndarray,
    language: np.ndarray,
) -> MessageDraws:
    """Everything random about the messages of sessions that started at `started`, with
    `counts` messages each (the order of the draws fixes the data a seed gives)."""
    m = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    step = rng.integers(20_000_000, 180_000_000, size=m)
    # The n-th message of a session comes a minute or two after the one before it.
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    offset = np.cumsum(step) - np.repeat(np.cumsum(step)[first] - step[first], counts)
    created = started[owner] + offset.astype("timedelta64[us]")
    kind = pick(rng, KIND, m)
    counsellor = channel[owner] == "counsellor"
    confidence = np.where(
        kind == "answer",
        rng.beta(6, 2, size=m),
        np.where(kind == "no_answer", rng.uniform(0.05, 0.35, size=m), 1.0),
    )
    confidence = np.where(kind == "out_of_scope", 0.0, confidence)
    latency = rng.lognormal(np.log(420), 0.45, size=m) * np.where(counsellor, 1.6, 1.0)
    latency = np.where(np.isin(kind, ("crisis", "out_of_scope")), latency / 10, latency)
    question_u = rng.random(m)
    gets_feedback = rng.random(m) < np.where(kind == "answer", 0.2, 0.12)
    rating_u = rng.random(m)
    lag = rng.integers(10_000_000, 300_000_000, size=m)
    return MessageDraws(
        owner=owner,
        created=created.astype(dt.datetime).tolist(),
        language=language[owner],
        channel=channel[owner],
        counsellor=counsellor,
        kind=kind,
        confidence=confidence,
        latency=latency,
        question_u=question_u,
        gets_feedback=gets_feedback,
        rating_u=rating_u,
        lag=lag,
    )
