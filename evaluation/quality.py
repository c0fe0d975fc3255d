"""Quality: satisfaction, helpfulness, no-answer, out-of-scope and handoff rates, crisis count and
latency, by language, channel and topic and over time; learners and counsellors apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from evaluation.buckets import Groups, all_buckets, grouped_percentiles, trend_unit
from evaluation.facts import Coded, Escalations, Messages, Ratings, day_date
from evaluation.schema import Quality, QualityBlock, QualityFigures, QualityGroup, QualityPoint
from evaluation.suppression import share, suppress

COUNSELLOR = "counsellor"
_COUNTS = ("messages", "ratings", "votes", "crisis")


def equals(column: Coded, value: str) -> np.ndarray:
    """Rows whose value is `value`."""
    if value not in column.values:
        return np.zeros(len(column.codes), dtype=bool)
    return column.codes == column.values.index(value)


def _align(names: list[str], column: Coded) -> np.ndarray:
    """Each row's position in `names` (-1 when its value is missing or not among them)."""
    lookup = {name: i for i, name in enumerate(names)}
    table = np.array([lookup.get(v, -1) for v in column.values] + [-1], dtype=np.int32)
    return table[column.codes]


@dataclass
class _Stats:
    """Additive counts per group (arrays), and latency percentiles when they apply."""

    messages: np.ndarray
    no_answer: np.ndarray
    out_of_scope: np.ndarray
    handoff: np.ndarray | None
    crisis: np.ndarray | None
    ratings: np.ndarray
    rating_sum: np.ndarray
    high: np.ndarray
    votes: np.ndarray
    helpful: np.ndarray
    latency: list[list[float | None]] | None

    def fold(self, membership: np.ndarray) -> _Stats:
        """Stats of groups made of several of these groups (`membership[i, j]`: i is in j)."""

        def f(a: np.ndarray) -> np.ndarray:
            return a @ membership

        return _Stats(
            f(self.messages),
            f(self.no_answer),
            f(self.out_of_scope),
            None,
            None,
            f(self.ratings),
            f(self.rating_sum),
            f(self.high),
            f(self.votes),
            f(self.helpful),
            None,
        )


class _Block:
    """One kind of user (learner or counsellor): masks over the rows, no copies."""

    def __init__(self, m: Messages, r: Ratings, e: Escalations, mode: str) -> None:
        self.m, self.r, self.e = m, r, e
        counsellor = mode == COUNSELLOR
        self.in_m = equals(m.mode, COUNSELLOR) == counsellor
        self.in_r = equals(r.mode, COUNSELLOR) == counsellor
        self.in_e = equals(e.channel, COUNSELLOR) == counsellor
        # One small code per row, so one bincount gives every count of a group at once.
        self.m_code = np.select(
            [equals(m.kind, "no_answer"), equals(m.kind, "out_of_scope")], [1, 2], 0
        ).astype(np.int64)
        self.r_code = r.rating.astype(np.int64) * 3 + r.helpful.astype(np.int64) + 1
        self.e_code = np.select([equals(e.kind, "handoff"), equals(e.kind, "crisis")], [1, 2], 0)

    def stats(
        self, n: int, mi: np.ndarray, ri: np.ndarray, ei: np.ndarray | None, latency: bool = True
    ) -> _Stats:
        """Per-group stats, given each row's group index in the three tables (-1: none)."""
        mi = np.where(self.in_m, mi, -1)

        def table(index: np.ndarray, inside: np.ndarray, code: np.ndarray, width: int) -> Any:
            keep = inside & (index >= 0)
            cells = index[keep].astype(np.int64) * width + code[keep]
            return np.bincount(cells, minlength=n * width).reshape(n, width)

        kinds = table(mi, self.in_m, self.m_code, 3)
        votes = table(ri, self.in_r, self.r_code, 18).reshape(n, 6, 3)
        by_rating = votes.sum(axis=2)  # rating 0 (none) .. 5
        by_vote = votes.sum(axis=1)  # not given, no, yes
        escalated = table(ei, self.in_e, self.e_code, 3) if ei is not None else None
        return _Stats(
            messages=kinds.sum(axis=1),
            no_answer=kinds[:, 1],
            out_of_scope=kinds[:, 2],
            handoff=escalated[:, 1] if escalated is not None else None,
            crisis=escalated[:, 2] if escalated is not None else None,
            ratings=by_rating[:, 1:].sum(axis=1),
            rating_sum=by_rating @ np.arange(6),
            high=by_rating[:, 4:].sum(axis=1),
            votes=by_vote[:, 1:].sum(axis=1),
            helpful=by_vote[:, 2],
            latency=grouped_percentiles(self.m.latency, mi, n) if latency else None,
        )


def _figures(stats: _Stats, minimum: int, partition: bool) -> list[dict[str, Any]]:
    """Published figures for each group; counts that partition a total are suppressed together."""
    n = len(stats.messages)
    shown: dict[str, dict[int, int | None]] = {}
    for name in _COUNTS:
        values = stats.crisis if name == "crisis" else getattr(stats, name)
        if values is None:
            shown[name] = dict.fromkeys(range(n))
            continue
        shown[name] = suppress(dict(enumerate(values.tolist())), minimum, total=partition)
    rows = []
    for g in range(n):
        messages, ratings, votes = shown["messages"][g], shown["ratings"][g], shown["votes"][g]
        safe_m = messages if messages and messages >= minimum else None
        safe_r = ratings if ratings and ratings >= minimum else None
        safe_v = votes if votes and votes >= minimum else None
        p50, p95 = stats.latency[g] if stats.latency and safe_m else (None, None)
        rows.append(
            {
                "messages": messages,
                "ratings": ratings,
                "satisfaction": share(int(stats.high[g]), safe_r),
                "mean_rating": round(int(stats.rating_sum[g]) / safe_r, 2) if safe_r else None,
                "helpful_votes": votes,
                "helpful_rate": share(int(stats.helpful[g]), safe_v),
                "no_answer_rate": share(int(stats.no_answer[g]), safe_m),
                "out_of_scope_rate": share(int(stats.out_of_scope[g]), safe_m),
                "handoff_rate": share(int(stats.handoff[g]), safe_m)
                if stats.handoff is not None
                else None,
                "crisis": shown["crisis"][g],
                "latency_p50_ms": p50,
                "latency_p95_ms": p95,
            }
        )
    return rows


def _names(*columns: Coded) -> list[str]:
    return sorted({v for c in columns for v in c.values})


def _block(block: _Block, first: dt.date, last: dt.date, minimum: int) -> QualityBlock:
    m, r, e = block.m, block.r, block.e
    zeros = (
        np.zeros(len(m), np.int32),
        np.zeros(len(r), np.int32),
        np.zeros(len(e), np.int32),
    )
    overall = _figures(block.stats(1, *zeros), minimum, partition=False)[0]
    grouped: dict[str, list[QualityGroup]] = {}
    for name in ("language", "channel"):
        names = _names(getattr(m, name), getattr(r, name), getattr(e, name))
        mi, ri, ei = (_align(names, getattr(t, name)) for t in (m, r, e))
        rows = _figures(block.stats(len(names), mi, ri, ei), minimum, partition=True)
        grouped[name] = [
            QualityGroup(group=g, **row)
            for g, row in zip(names, rows, strict=True)
            if any(row[k] != 0 for k in ("messages", "ratings", "helpful_votes", "crisis"))
        ]
    grouped["topic"] = _topics(block, minimum)
    unit = trend_unit(first, last)
    starts = all_buckets(first, last, unit)
    mi, ri, ei = (
        Groups.by_time(t.day, starts, unit).index if len(t) else np.zeros(0, np.int32)
        for t in (m, r, e)
    )
    rows = _figures(block.stats(len(starts), mi, ri, ei), minimum, partition=True)
    trend = [
        QualityPoint(start=max(first, day_date(s)), **row)
        for s, row in zip(starts, rows, strict=True)
    ]
    return QualityBlock(
        overall=QualityFigures(**overall),
        by_language=grouped["language"],
        by_channel=grouped["channel"],
        by_topic=grouped["topic"],
        trend=trend,
        trend_unit=unit,
    )


def _topics(block: _Block, minimum: int) -> list[QualityGroup]:
    # Messages carry comma-separated topics; count per distinct combination, then add up.
    combos = _names(block.m.topics, block.r.topics)
    topics = sorted({t for c in combos for t in c.split(",") if t})
    if not topics:
        return []
    membership = np.zeros((len(combos), len(topics)), dtype=np.int64)
    for i, combo in enumerate(combos):
        for t in combo.split(","):
            if t:
                membership[i, topics.index(t)] = 1
    mi, ri = _align(combos, block.m.topics), _align(combos, block.r.topics)
    stats = block.stats(len(combos), mi, ri, None, latency=False).fold(membership)
    # A message counts in each of its topics, so the topics do not add up to a total.
    rows = _figures(stats, minimum, partition=False)
    out = [
        QualityGroup(group=t, **row)
        for t, row in zip(topics, rows, strict=True)
        if row["messages"] != 0 or row["ratings"] != 0
    ]
    return sorted(out, key=lambda g: (-(g.messages or 0), g.group))


def quality(
    messages: Messages,
    ratings: Ratings,
    escalations: Escalations,
    first: dt.date,
    last: dt.date,
    *,
    minimum: int,
) -> Quality:
    """The quality section for the days first..last."""
    return Quality(
        learner=_block(_Block(messages, ratings, escalations, "learner"), first, last, minimum),
        counsellor=_block(_Block(messages, ratings, escalations, COUNSELLOR), first, last, minimum),
    )
