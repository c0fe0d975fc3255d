"""Per-day counts of messages, ratings and escalations, grouped in the database.

Why: `Counts` are sums, so the rows need not come to Python one by one. The messages come back
grouped twice (by day, mode, language, channel, kind and latency bin; by day, mode, kind and
topics), the ratings once with their message's dimensions, and only the knowledge-gap
candidates (which keep their message ids) row by row: about 40,000 groups and 150,000
candidates for a month of a million messages instead of a million rows.

The latency bin is found in SQL by comparisons alone (a binary search over the bins' edges,
`daily_counts.latency_edges`, passed as parameters): the same bin as the per-row reading gives
each value, float32 rounding included, with no logarithm in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine

from evaluation.reports.facts import rollups, sql
from evaluation.reports.facts.columns import Gaps
from evaluation.reports.facts.daily_counts import (
    BINS,
    COUNSELLOR,
    ESCALATION_CODES,
    KIND_CODES,
    VOTES,
    Counts,
    latency_edges,
)
from evaluation.reports.vocabulary import LOW_CONFIDENCE

GAP_NO_ANSWER, GAP_LOW_CONFIDENCE, GAP_POOR_RATING, GAP_WRONG_ANSWER = 1, 2, 3, 4
POOR_RATING = 2
_ABOVE_LOW = float(np.nextafter(np.float32(LOW_CONFIDENCE), np.float32(1)))
"""Every confidence whose float32 is below LOW_CONFIDENCE's is below this (SQL's filter; the
exact float32 test, as the per-row reading made it, is applied in Python)."""


def latency_bin_sql(mark: str, column: str = "latency_ms") -> tuple[str, list[float]]:
    """SQL giving a latency's bin (0..BINS-1) by a binary search over the bins' edges, and
    its parameters in order."""
    edges = latency_edges()

    def ladder(low: int, high: int) -> tuple[str, list[float]]:
        if low == high:
            return str(low), []
        mid = (low + high + 1) // 2
        value, inclusive = edges[mid - 1]
        above, above_params = ladder(mid, high)
        below, below_params = ladder(low, mid - 1)
        test = f"{column} {'>=' if inclusive else '>'} {mark}"
        return f"CASE WHEN {test} THEN {above} ELSE {below} END", [
            value,
            *above_params,
            *below_params,
        ]

    return ladder(0, BINS - 1)


def read_counts(
    engine: Engine, lo: dt.datetime, hi: dt.datetime, first: int, days: int
) -> tuple[Counts, Gaps]:
    """Counts of the messages, ratings and escalations written in [lo, hi), as days
    first..first+days-1 (day numbers), and their knowledge-gap candidates: the messages' and
    the feedback's queries side by side, on two connections."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        feedback = pool.submit(_on_connection, engine, _feedback_rows, lo, hi)
        latency, topics, candidates, escalations = _on_connection(engine, _message_rows, lo, hi)
        ratings, rated = feedback.result()
    counts = _counts(latency, topics, ratings, escalations, first, days)
    return counts, _gaps(candidates, rated)


Rows = list[tuple[Any, ...]]


def _on_connection(engine: Engine, read: Callable[..., Any], *args: Any) -> Any:
    with engine.connect() as conn:
        sql.prepare(conn)
        return read(conn, *args)


def _message_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, ...]:
    """Messages grouped for the counts and the latency bins, by topics, the knowledge-gap
    candidates, and the escalations."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    in_range = f"created_at >= {m} AND created_at < {m}"
    day = sql.day(d, "created_at")
    days = rollups.whole_days(lo, hi)
    if days is not None:
        latency, topics = rollups.message_groups(conn, *days)
    else:
        latency, topics = _grouped_rows(conn, lo, hi)
    candidates = sql.fetch(
        conn,
        f"SELECT {day}, kind, confidence, id FROM messages WHERE {in_range} AND "
        f"(kind = 'no_answer' OR (kind = 'answer' AND confidence < {m})) ORDER BY created_at",
        [*stamps, _ABOVE_LOW],
    )
    escalations = sql.fetch(
        conn, f"SELECT {day}, kind, language, channel FROM escalations WHERE {in_range}", stamps
    )
    return latency, topics, candidates, escalations


def _grouped_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, Rows]:
    """The messages of [lo, hi) grouped from the rows, as `rollups.message_groups` reads them
    (for ranges that start or end inside a day)."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    in_range = f"created_at >= {m} AND created_at < {m}"
    bin_sql, bin_params = latency_bin_sql(m)
    day = sql.day(d, "created_at")
    latency = sql.fetch(
        conn,
        f"SELECT {day}, mode, language, channel, kind, {bin_sql}, count(*) "
        f"FROM messages WHERE {in_range} GROUP BY 1, 2, 3, 4, 5, 6",
        [*bin_params, *stamps],
    )
    topics = sql.fetch(
        conn,
        f"SELECT {day}, mode, kind, topics, count(*) FROM messages WHERE {in_range} "
        "GROUP BY 1, 2, 3, 4",
        stamps,
    )
    return latency, topics


def _feedback_rows(conn: Connection, lo: dt.datetime, hi: dt.datetime) -> tuple[Rows, Rows]:
    """Feedback grouped with its message's dimensions, and the poor ratings and wrong-answer
    reports one by one (knowledge-gap candidates)."""
    d = conn.dialect.name
    m = sql.mark(d)
    stamps = [sql.stamp(d, lo), sql.stamp(d, hi)]
    fday = sql.day(d, "f.created_at")
    f_range = f"f.created_at >= {m} AND f.created_at < {m}"
    joined = "feedback f LEFT JOIN messages m ON m.id = f.message_id"
    ratings = sql.fetch(
        conn,
        f"SELECT {fday}, f.rating, f.helpful, m.language, m.channel, m.mode, m.kind, m.topics, "
        f"count(*) FROM {joined} WHERE {f_range} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
        stamps,
    )
    wrong = "f.wrong_answer = 1" if d == "sqlite" else "f.wrong_answer IS TRUE"
    rated = sql.fetch(
        conn,
        f"SELECT {fday}, f.rating, {wrong}, m.kind, m.confidence, f.message_id FROM {joined} "
        f"WHERE {f_range} AND ((f.rating <= {POOR_RATING} AND f.rating <> 0) OR {wrong}) "
        "ORDER BY f.created_at",
        stamps,
    )
    return ratings, rated


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


def _membership(combos: list[str]) -> tuple[list[str], np.ndarray]:
    """The topics of the topic combinations, and which combination holds which topic (the
    extra last row: no combination)."""
    names = sorted({t for c in combos for t in c.split(",") if t})
    membership = np.zeros((len(combos) + 1, len(names)), dtype=np.int32)
    for i, combo in enumerate(combos):
        for t in combo.split(","):
            if t:
                membership[i, names.index(t)] = 1
    return names, membership


def _votes(ratings: _Groups) -> np.ndarray:
    """rating (0 none, 1-5) x helpful (not given, no, yes), through int8 as the rows were."""
    rating = np.array([r or 0 for r in ratings.at(1)], dtype=np.int8).astype(np.int64)
    helpful = np.array(
        [-1 if h is None else int(bool(h)) for h in ratings.at(2)], dtype=np.int8
    ).astype(np.int64)
    return rating * 3 + helpful + 1


def _counts(
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
    topic_names, membership = _membership(combos)
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


def _gaps(candidates: list[tuple[Any, ...]], rated: list[tuple[Any, ...]]) -> Gaps:
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
