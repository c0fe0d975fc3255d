"""The groups `store_counts` reads, turned into the arrays `Counts` and `Gaps` hold.

Each group carries its count, so the arrays are weighted bincounts over small integer axes:
the same arrays `Counts.count` makes from the rows one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from evaluation.reports.facts.columns import Gaps
from evaluation.reports.facts.daily_counts import (
    BINS,
    COUNSELLOR,
    ESCALATION_CODES,
    KIND_CODES,
    VOTES,
    Counts,
    topic_membership,
)
from evaluation.reports.vocabulary import LOW_CONFIDENCE

GAP_NO_ANSWER, GAP_LOW_CONFIDENCE, GAP_POOR_RATING, GAP_WRONG_ANSWER = 1, 2, 3, 4
POOR_RATING = 2


def _names(*columns: Sequence[Any]) -> list[str]:
    return sorted({v for column in columns for v in column if v is not None})


def _positions(values: Sequence[Any], names: list[str]) -> np.ndarray:
    """Each value's position in `names`; missing or unknown: len(names)."""
    lookup = {name: i for i, name in enumerate(names)}
    return np.fromiter(
        (lookup.get(v, len(names)) for v in values), dtype=np.int64, count=len(values)
    )


def _coded(values: Sequence[str | None], codes: tuple[str, ...]) -> np.ndarray:
    """1 + the position in `codes`, 0 for anything else."""
    return np.fromiter(
        (codes.index(v) + 1 if v in codes else 0 for v in values), dtype=np.int64, count=len(values)
    )


def _cube(index: list[tuple[np.ndarray, int]], weights: np.ndarray) -> np.ndarray:
    key = np.zeros(len(weights), dtype=np.int64)
    shape = []
    for values, size in index:
        key = key * size + values
        shape.append(size)
    counted = np.bincount(key, weights=weights, minlength=int(np.prod(shape)))
    return counted.astype(np.int64).reshape(shape).astype(np.int32)


def _column(rows: Sequence[tuple[Any, ...]], i: int) -> list[Any]:
    return [r[i] for r in rows]


class _Groups:
    """Grouped rows as the columns `Counts` needs: day (clipped into the range, as the
    per-row counting does), counsellor or not, count."""

    def __init__(
        self, rows: list[tuple[Any, ...]], first: int, days: int, mode: int, grouped: bool = True
    ) -> None:
        self.rows = rows
        self.day = np.clip(np.array(_column(rows, 0), dtype=np.int64) - first, 0, days - 1)
        self.mode = np.array([r[mode] == COUNSELLOR for r in rows], dtype=np.int64)
        self.n = np.array(_column(rows, -1), dtype=np.float64) if grouped else np.ones(len(rows))

    def at(self, i: int) -> list[Any]:
        """Column i."""
        return _column(self.rows, i)


def _votes(ratings: _Groups) -> np.ndarray:
    """rating (0 none, 1-5) x helpful (not given, no, yes), through int8 as the rows were."""
    rating = np.array([r or 0 for r in ratings.at(1)], dtype=np.int8).astype(np.int64)
    helpful = np.array(
        [-1 if h is None else int(bool(h)) for h in ratings.at(2)], dtype=np.int8
    ).astype(np.int64)
    return rating * 3 + helpful + 1


def counts(
    latency: list[tuple[Any, ...]],
    topics: list[tuple[Any, ...]],
    ratings: list[tuple[Any, ...]],
    escalations: list[tuple[Any, ...]],
    first: int,
    days: int,
) -> Counts:
    """The same arrays `Counts.count` makes from the rows, from their groups."""
    m, t = _Groups(latency, first, days, 1), _Groups(topics, first, days, 1)
    r, e = _Groups(ratings, first, days, 5), _Groups(escalations, first, days, 3, grouped=False)
    langs = _names(m.at(2), r.at(3), e.at(2))
    chans = _names(m.at(3), r.at(4), e.at(3))
    n_l, n_c, n_d = len(langs) + 1, len(chans) + 1, days
    combos = _names(t.at(3), r.at(7))
    topic_names, membership = topic_membership(combos)
    m_lang, m_chan = (_positions(m.at(2), langs), n_l), (_positions(m.at(3), chans), n_c)
    m_head, bins = [(m.day, n_d), (m.mode, 2)], (np.array(m.at(5), dtype=np.int64), BINS)
    r_head, vote = [(r.day, n_d), (r.mode, 2)], (_votes(r), VOTES)
    e_head = [(e.day, n_d), (e.mode, 2)]
    e_lang, e_chan = (_positions(e.at(2), langs), n_l), (_positions(e.at(3), chans), n_c)
    t_combo = (_positions(t.at(3), combos), len(combos) + 1)
    by_combo_m = _cube([(t.day, n_d), (t.mode, 2), t_combo, (_coded(t.at(2), KIND_CODES), 3)], t.n)
    by_combo_r = _cube([*r_head, (_positions(r.at(7), combos), len(combos) + 1), vote], r.n)
    return Counts(
        first=first,
        languages=langs,
        channels=chans,
        topics=topic_names,
        messages=_cube([*m_head, m_lang, m_chan, (_coded(m.at(4), KIND_CODES), 3)], m.n),
        ratings=_cube(
            [*r_head, (_positions(r.at(3), langs), n_l), (_positions(r.at(4), chans), n_c), vote],
            r.n,
        ),
        escalations=_cube([*e_head, e_lang, e_chan, (_coded(e.at(1), ESCALATION_CODES), 3)], e.n),
        latency_language=_cube([*m_head, m_lang, bins], m.n),
        latency_channel=_cube([*m_head, m_chan, bins], m.n),
        topic_messages=np.einsum("dmkx,kt->dmtx", by_combo_m, membership).astype(np.int32),
        topic_ratings=np.einsum("dmkx,kt->dmtx", by_combo_r, membership).astype(np.int32),
    )


def gaps(candidates: list[tuple[Any, ...]], rated: list[tuple[Any, ...]]) -> Gaps:
    """Knowledge-gap candidates: unanswered or low-confidence questions (confidence compared
    in float32, as the per-row reading did), poor ratings, wrong-answer reports."""
    confidence = np.array(_column(candidates, 2), dtype=np.float32)
    kinds = np.array(_column(candidates, 1), dtype=object)
    no_answer = kinds == "no_answer"
    gap = no_answer | ((kinds == "answer") & (confidence < LOW_CONFIDENCE))
    ids = [candidates[i][3] for i in np.flatnonzero(gap).tolist()]
    questions = Gaps(
        day=np.array(_column(candidates, 0), dtype=np.int32)[gap],
        reason=np.where(no_answer, GAP_NO_ANSWER, GAP_LOW_CONFIDENCE)[gap].astype(np.int8),
        new=np.ones(len(ids), dtype=np.int8),
        message_id=_ids(ids),
    )
    poor = [r for r in rated if r[1] and r[1] <= POOR_RATING]
    rated_gaps = Gaps(
        day=np.array(_column(poor, 0), dtype=np.int32),
        reason=np.full(len(poor), GAP_POOR_RATING, dtype=np.int8),
        new=np.array([not _is_gap(r[3], r[4]) for r in poor], dtype=np.int8),
        message_id=_ids(_column(poor, 5)),
    )
    wrong = [r for r in rated if r[2]]
    wrong_gaps = Gaps(
        day=np.array(_column(wrong, 0), dtype=np.int32),
        reason=np.full(len(wrong), GAP_WRONG_ANSWER, dtype=np.int8),
        new=np.zeros(len(wrong), dtype=np.int8),
        message_id=_ids(_column(wrong, 5)),
    )
    return Gaps.concat([questions, rated_gaps, wrong_gaps])


def _is_gap(kind: str | None, confidence: float | None) -> bool:
    return kind == "no_answer" or (
        kind == "answer" and confidence is not None and confidence < LOW_CONFIDENCE
    )


def _ids(ids: list[str]) -> np.ndarray:
    return np.array([i.encode() for i in ids], dtype=np.bytes_)
