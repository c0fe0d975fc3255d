"""Per-day counts of messages, ratings, escalations and reply latency: the quality section's input.

Quality figures are all sums (and latency histograms), so a day of messages is counted once, into
small arrays, when it is read from the store: day x user kind (learner, counsellor) x language x
channel x outcome, and per topic. The cache keeps these arrays instead of the rows, and a report
over ten million messages adds up a few megabytes of counts instead of reading the rows again.
Latency is kept as a histogram of 5%-wide log-spaced bins (1 ms to ~40 minutes).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from evaluation.reports.facts.columns import Coded, Escalations, Messages, Ratings

COUNSELLOR = "counsellor"
BIN = float(np.log(1.05))
BINS = 300
KIND_CODES = ("no_answer", "out_of_scope")
"""Message outcome 1 and 2 (0 is any other kind)."""
ESCALATION_CODES = ("handoff", "crisis")
VOTES = 18
"""rating (0 none, 1-5) x helpful (not given, no, yes)."""


def topic_membership(combos: list[str]) -> tuple[list[str], np.ndarray]:
    """The topics of the topic combinations, and which combination holds which topic (the
    extra last row: no combination)."""
    names = sorted({t for c in combos for t in c.split(",") if t})
    membership = np.zeros((len(combos) + 1, len(names)), dtype=np.int32)
    for i, combo in enumerate(combos):
        for t in combo.split(","):
            if t:
                membership[i, names.index(t)] = 1
    return names, membership


def equals(column: Coded, value: str) -> np.ndarray:
    """Rows whose value is `value`."""
    if value not in column.values:
        return np.zeros(len(column.codes), dtype=bool)
    return column.codes == column.values.index(value)


def align(names: list[str], column: Coded) -> np.ndarray:
    """Each row's position in `names`; a missing or unknown value gets len(names)."""
    lookup = {name: i for i, name in enumerate(names)}
    table = np.array([lookup.get(v, len(names)) for v in column.values] + [len(names)])
    return table.astype(np.int64)[column.codes]


def code(column: Coded, values: tuple[str, ...]) -> np.ndarray:
    """1 + the position of each row's value in `values`, 0 for anything else."""
    table = np.array([values.index(v) + 1 if v in values else 0 for v in column.values] + [0])
    return table.astype(np.int64)[column.codes]


def cube(index: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Counts of rows over several small integer axes: one pass, one bincount."""
    key = np.zeros(len(index[0][0]), dtype=np.int64)
    shape = []
    for values, size in index:
        key = key * size + values
        shape.append(size)
    counted = np.bincount(key, minlength=int(np.prod(shape))).reshape(shape)
    return counted.astype(np.int32)


def latency_bins(latency: np.ndarray) -> np.ndarray:
    """Each latency's histogram bin (bin i holds 1.05**i .. 1.05**(i+1) ms)."""
    logs = np.log(np.maximum(latency.astype(np.float64), 1.0)) / BIN
    return np.minimum(logs.astype(np.int64), BINS - 1)


@functools.cache
def latency_edges() -> tuple[tuple[float, bool], ...]:
    """Where each bin 1..BINS-1 starts, for a stored (float64) latency: `latency_bins` gives
    bin k or above exactly when the latency is above edge k, or equal to it when inclusive.

    `latency_bins` bins the float32 of a value; the edge is the midpoint between the first
    float32 of bin k and the float32 before it (ties round to the even one), so SQL can bin a
    stored latency with comparisons alone, exactly as Python bins it."""
    out = []
    for k in range(1, BINS):
        lo, hi = _bits(1.0), _bits(3.0e38)
        while lo < hi:  # the first float32 (>= 1) in bin k or above: bins only grow
            mid = (lo + hi) // 2
            if int(latency_bins(_float(mid))[0]) >= k:
                hi = mid
            else:
                lo = mid + 1
        first, before = float(_float(lo)[0]), float(_float(lo - 1)[0])
        out.append(((first + before) / 2, lo % 2 == 0))  # an even mantissa takes the tie
    return tuple(out)


def _bits(value: float) -> int:
    return int(np.array([value], dtype=np.float32).view(np.int32)[0])


def _float(bits: int) -> np.ndarray:
    return np.array([bits], dtype=np.int32).view(np.float32)


def hist_percentiles(hist: np.ndarray, *qs: float) -> list[float | None]:
    """Percentiles from a latency histogram, as `numpy.percentile` (linear) computes them from
    the values, each value placed inside its bin by its rank there (within ~2.5%)."""
    n = int(hist.sum())
    if n == 0:
        return [None] * len(qs)
    cumulative = np.cumsum(hist)

    def value(k: int) -> float:
        i = int(np.searchsorted(cumulative, k, side="right"))
        before = int(cumulative[i] - hist[i])
        return float(np.exp((i + (k - before + 0.5) / hist[i]) * BIN))

    out: list[float | None] = []
    for q in qs:
        position = q / 100 * (n - 1)
        low = int(position)
        high = min(low + 1, n - 1)
        fraction = position - low
        out.append(round(value(low) * (1 - fraction) + value(high) * fraction, 1))
    return out


def _names(*columns: Coded) -> list[str]:
    return sorted({v for c in columns for v in c.values})


_CUBES = (
    "messages",
    "ratings",
    "escalations",
    "latency_language",
    "latency_channel",
    "topic_messages",
    "topic_ratings",
)


@dataclass
class Counts:
    """Counts for the days first, first+1, ... (axis 0 of every array)."""

    first: int
    """Day number of the first day."""
    languages: list[str]
    channels: list[str]
    topics: list[str]
    messages: np.ndarray
    """(day, mode, language+1, channel+1, outcome 3); the extra language/channel is 'unknown'."""
    ratings: np.ndarray
    """(day, mode, language+1, channel+1, VOTES)."""
    escalations: np.ndarray
    """(day, mode, language+1, channel+1, 3): other, handoff, crisis."""
    latency_language: np.ndarray
    """(day, mode, language+1, BINS)."""
    latency_channel: np.ndarray
    """(day, mode, channel+1, BINS)."""
    topic_messages: np.ndarray
    """(day, mode, topic, outcome 3): a message counts once in each of its topics."""
    topic_ratings: np.ndarray
    """(day, mode, topic, VOTES)."""

    @property
    def days(self) -> int:
        """How many days the arrays cover."""
        return int(self.messages.shape[0])

    @classmethod
    def empty(cls, first: int, days: int) -> Counts:
        """All zero, with no languages, channels or topics (as counting no rows gives)."""
        votes, outcomes = (days, 2, 1, 1, VOTES), (days, 2, 1, 1, 3)
        return cls(
            first=first,
            languages=[],
            channels=[],
            topics=[],
            messages=np.zeros(outcomes, dtype=np.int32),
            ratings=np.zeros(votes, dtype=np.int32),
            escalations=np.zeros(outcomes, dtype=np.int32),
            latency_language=np.zeros((days, 2, 1, BINS), dtype=np.int32),
            latency_channel=np.zeros((days, 2, 1, BINS), dtype=np.int32),
            topic_messages=np.zeros((days, 2, 0, 3), dtype=np.int32),
            topic_ratings=np.zeros((days, 2, 0, VOTES), dtype=np.int32),
        )

    @classmethod
    def count(cls, m: Messages, r: Ratings, e: Escalations, first: int, days: int) -> Counts:
        """Count the rows of the days first .. first+days-1."""
        langs = _names(m.language, r.language, e.language)
        chans = _names(m.channel, r.channel, e.channel)
        n_l, n_c, n_d = len(langs) + 1, len(chans) + 1, days
        m_day = np.clip(m.day.astype(np.int64) - first, 0, n_d - 1)
        r_day = np.clip(r.day.astype(np.int64) - first, 0, n_d - 1)
        e_day = np.clip(e.day.astype(np.int64) - first, 0, n_d - 1)
        m_mode = equals(m.mode, COUNSELLOR).astype(np.int64)
        r_mode = equals(r.mode, COUNSELLOR).astype(np.int64)
        m_kind = code(m.kind, KIND_CODES)
        m_lang = align(langs, m.language)
        vote = r.rating.astype(np.int64) * 3 + r.helpful.astype(np.int64) + 1
        bins = latency_bins(m.latency)
        combos = _names(m.topics, r.topics)
        topics, membership = topic_membership(combos)
        m_combo, r_combo = align(combos, m.topics), align(combos, r.topics)
        n_k = len(combos) + 1
        m_chan = align(chans, m.channel)
        r_lang, r_chan = align(langs, r.language), align(chans, r.channel)
        e_mode = equals(e.channel, COUNSELLOR).astype(np.int64)
        e_lang, e_chan = align(langs, e.language), align(chans, e.channel)
        e_kind = code(e.kind, ESCALATION_CODES)
        by_combo_m = cube([(m_day, n_d), (m_mode, 2), (m_combo, n_k), (m_kind, 3)])
        by_combo_r = cube([(r_day, n_d), (r_mode, 2), (r_combo, n_k), (vote, VOTES)])
        return cls(
            first=first,
            languages=langs,
            channels=chans,
            topics=topics,
            messages=cube([(m_day, n_d), (m_mode, 2), (m_lang, n_l), (m_chan, n_c), (m_kind, 3)]),
            ratings=cube([(r_day, n_d), (r_mode, 2), (r_lang, n_l), (r_chan, n_c), (vote, VOTES)]),
            escalations=cube(
                [(e_day, n_d), (e_mode, 2), (e_lang, n_l), (e_chan, n_c), (e_kind, 3)]
            ),
            latency_language=cube([(m_day, n_d), (m_mode, 2), (m_lang, n_l), (bins, BINS)]),
            latency_channel=cube([(m_day, n_d), (m_mode, 2), (m_chan, n_c), (bins, BINS)]),
            topic_messages=np.einsum("dmkx,kt->dmtx", by_combo_m, membership).astype(np.int32),
            topic_ratings=np.einsum("dmkx,kt->dmtx", by_combo_r, membership).astype(np.int32),
        )

    def per_day(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Messages, ratings (feedback rows) and escalations on each day."""
        return (
            self.messages.sum(axis=(1, 2, 3, 4)),
            self.ratings.sum(axis=(1, 2, 3, 4)),
            self.escalations.sum(axis=(1, 2, 3, 4)),
        )

    def between(self, first: int, last: int) -> Counts:
        """Only the days first..last that these counts cover."""
        lo = max(first - self.first, 0)
        hi = max(min(last - self.first + 1, self.days), lo)
        if lo == 0 and hi == self.days:
            return self
        sliced: dict[str, Any] = {name: getattr(self, name)[lo:hi] for name in _CUBES}
        return dataclasses.replace(self, first=self.first + lo, **sliced)

    def aligned(self, languages: list[str], channels: list[str], topics: list[str]) -> Counts:
        """The same counts with `languages`, `channels` and `topics` (supersets) as axes."""
        if (languages, channels, topics) == (self.languages, self.channels, self.topics):
            return self
        # Where each own value goes on the wanted axis; the trailing 'unknown' stays last.
        lang = np.array([languages.index(v) for v in self.languages] + [len(languages)])
        chan = np.array([channels.index(v) for v in self.channels] + [len(channels)])
        topic = np.array([topics.index(t) for t in self.topics], dtype=np.int64)
        n_l, n_c, n_t = len(languages) + 1, len(channels) + 1, len(topics)
        return dataclasses.replace(
            self,
            languages=languages,
            channels=channels,
            topics=topics,
            messages=_move(self.messages, {2: (lang, n_l), 3: (chan, n_c)}),
            ratings=_move(self.ratings, {2: (lang, n_l), 3: (chan, n_c)}),
            escalations=_move(self.escalations, {2: (lang, n_l), 3: (chan, n_c)}),
            latency_language=_move(self.latency_language, {2: (lang, n_l)}),
            latency_channel=_move(self.latency_channel, {2: (chan, n_c)}),
            topic_messages=_move(self.topic_messages, {2: (topic, n_t)}),
            topic_ratings=_move(self.topic_ratings, {2: (topic, n_t)}),
        )

    @classmethod
    def concat(cls, parts: Sequence[Counts]) -> Counts:
        """Counts of consecutive day ranges (in order) as one; parts without days are skipped
        (placeholders where counts were not read)."""
        parts = [p for p in parts if p.days]
        if not parts:
            return cls.empty(0, 0)
        languages = sorted({v for p in parts for v in p.languages})
        channels = sorted({v for p in parts for v in p.channels})
        topics = sorted({v for p in parts for v in p.topics})
        same = [p.aligned(languages, channels, topics) for p in parts]
        if len(same) == 1:
            return same[0]
        joined: dict[str, Any] = {
            name: np.concatenate([getattr(p, name) for p in same]) for name in _CUBES
        }
        return dataclasses.replace(same[0], **joined)

    @classmethod
    def add_up(cls, parts: Sequence[Counts], first: int, days: int) -> Counts:
        """Counts of the days first..first+days-1, adding up parts that may share days (the
        hours of one day) or leave days out (nothing happened)."""
        parts = [p.between(first, first + days - 1) for p in parts]
        parts = [p for p in parts if p.days]
        languages = sorted({v for p in parts for v in p.languages})
        channels = sorted({v for p in parts for v in p.channels})
        topics = sorted({v for p in parts for v in p.topics})
        out = cls.empty(first, days).aligned(languages, channels, topics)
        for part in parts:
            same = part.aligned(languages, channels, topics)
            lo = same.first - first
            for name in _CUBES:
                getattr(out, name)[lo : lo + same.days] += getattr(same, name)
        return out


def _move(array: np.ndarray, axes: dict[int, tuple[np.ndarray, int]]) -> np.ndarray:
    """`array` placed into a larger one: along each axis in `axes`, index i goes to where[i]."""
    shape = list(array.shape)
    positions = [np.arange(n) for n in array.shape]
    for axis, (where, size) in axes.items():
        shape[axis] = size
        positions[axis] = where
    out = np.zeros(shape, dtype=array.dtype)
    out[np.ix_(*positions)] = array
    return out
