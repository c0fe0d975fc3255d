"""Quality: satisfaction, helpfulness, no-answer, out-of-scope and handoff rates, crisis count and
latency, by language, channel and topic and over time; learners and counsellors apart.

Computed from per-day counts (`evaluation.reports.facts.daily_counts`): the days are added up into
the trend's buckets and every breakdown is a sum over those small arrays. Latency percentiles come
from a histogram with 5%-wide bins: within ~2.5% of the exact value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from evaluation.reports.facts.columns import day_date, day_number
from evaluation.reports.facts.daily_counts import Counts, hist_percentiles
from evaluation.reports.grouping import Groups, all_buckets, trend_unit
from evaluation.reports.schema import (
    Quality,
    QualityBlock,
    QualityFigures,
    QualityGroup,
    QualityPoint,
    Unit,
)
from evaluation.reports.suppression import share, suppress

_COUNTS = ("messages", "ratings", "votes", "crisis")


@dataclass
class _Stats:
    """Additive counts per group (arrays), and latency histograms when they apply."""

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
    latency: np.ndarray | None
    """Histogram per group, shape (groups, bins)."""


def _stats(kinds: Any, votes: Any, escalated: Any, latency: Any) -> _Stats:
    """Stats from cube slices whose first axis is the group: kinds (g, 3), votes (g, 6, 3),
    escalated (g, 3) or None, latency (g, bins) or None."""
    by_rating = votes.sum(axis=2)  # rating 0 (none) .. 5
    by_vote = votes.sum(axis=1)  # not given, no, yes
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
        latency=latency,
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
        hist = stats.latency[g] if stats.latency is not None and safe_m else None
        p50, p95 = hist_percentiles(hist, 50, 95) if hist is not None else (None, None)
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


@dataclass
class _Cubes:
    """The period's counts with the days added up into trend buckets."""

    languages: list[str]
    channels: list[str]
    topics: list[str]
    unit: Unit
    starts: list[int]
    messages: np.ndarray  # (mode, lang, channel, bucket, outcome)
    ratings: np.ndarray  # (mode, lang, channel, bucket, rating 6, vote 3)
    escalations: np.ndarray  # (mode, lang, channel, bucket, kind)
    latency_language: np.ndarray  # (mode, lang, bins)
    latency_channel: np.ndarray  # (mode, channel, bins)
    latency_trend: np.ndarray  # (mode, bucket, bins)
    topic_messages: np.ndarray  # (mode, topic, outcome)
    topic_ratings: np.ndarray  # (mode, topic, rating 6, vote 3)


def _bucketed(counts: Counts, first: dt.date, last: dt.date) -> _Cubes:
    unit = trend_unit(first, last)
    starts = all_buckets(first, last, unit)
    c = counts.between(day_number(first), day_number(last))
    days = np.arange(c.first, c.first + c.days, dtype=np.int32)
    bucket = Groups.by_time(days, starts, unit).index
    # One row per day, a one in its bucket's column: days @ onehot adds days up into buckets.
    onehot = np.zeros((c.days, len(starts)), dtype=np.int64)
    onehot[np.arange(c.days), bucket] = 1

    def by_bucket(array: np.ndarray, axis: int) -> np.ndarray:
        moved = np.moveaxis(array.astype(np.int64), 0, -1) @ onehot  # days axis last, summed
        return np.moveaxis(moved, -1, axis - 1)

    return _Cubes(
        languages=c.languages,
        channels=c.channels,
        topics=c.topics,
        unit=unit,
        starts=starts,
        messages=by_bucket(c.messages, 4),
        ratings=by_bucket(c.ratings, 4).reshape(
            2, len(c.languages) + 1, len(c.channels) + 1, len(starts), 6, 3
        ),
        escalations=by_bucket(c.escalations, 4),
        latency_language=c.latency_language.sum(axis=0, dtype=np.int64),
        latency_channel=c.latency_channel.sum(axis=0, dtype=np.int64),
        latency_trend=by_bucket(c.latency_language.sum(axis=2), 2),
        topic_messages=c.topic_messages.sum(axis=0, dtype=np.int64),
        topic_ratings=c.topic_ratings.sum(axis=0, dtype=np.int64).reshape(2, len(c.topics), 6, 3),
    )


def _block(c: _Cubes, mode: int, first: dt.date, minimum: int) -> QualityBlock:
    """The figures of learners (`mode` 0) or counsellors (1): overall, by group, over time."""
    msg, rat, esc = c.messages[mode], c.ratings[mode], c.escalations[mode]
    overall = _stats(
        msg.sum(axis=(0, 1, 2))[None],
        rat.sum(axis=(0, 1, 2))[None],
        esc.sum(axis=(0, 1, 2))[None],
        c.latency_language[mode].sum(axis=0)[None],
    )
    trend_rows = _figures(
        _stats(
            msg.sum(axis=(0, 1)),
            rat.sum(axis=(0, 1)),
            esc.sum(axis=(0, 1)),
            c.latency_trend[mode],
        ),
        minimum,
        partition=True,
    )
    return QualityBlock(
        overall=QualityFigures(**_figures(overall, minimum, partition=False)[0]),
        by_language=_by_group(c, mode, "language", minimum),
        by_channel=_by_group(c, mode, "channel", minimum),
        by_topic=_by_topic(c, mode, minimum),
        trend=[
            QualityPoint(start=max(first, day_date(s)), **row)
            for s, row in zip(c.starts, trend_rows, strict=True)
        ],
        trend_unit=c.unit,
    )


def _by_group(
    c: _Cubes, mode: int, name: Literal["language", "channel"], minimum: int
) -> list[QualityGroup]:
    """The figures of each language or channel that has any (the unknown one left out)."""
    msg, rat, esc = c.messages[mode], c.ratings[mode], c.escalations[mode]
    if name == "language":
        names, axis, latency = c.languages, 0, c.latency_language[mode]
    else:
        names, axis, latency = c.channels, 1, c.latency_channel[mode]
    other = 1 - axis
    stats = _stats(
        msg.sum(axis=(other, 2))[: len(names)],
        rat.sum(axis=(other, 2))[: len(names)],
        esc.sum(axis=(other, 2))[: len(names)],
        latency[: len(names)],
    )
    rows = _figures(stats, minimum, partition=True)
    return [
        QualityGroup(group=g, **row)
        for g, row in zip(names, rows, strict=True)
        if any(row[k] != 0 for k in ("messages", "ratings", "helpful_votes", "crisis"))
    ]


def _by_topic(c: _Cubes, mode: int, minimum: int) -> list[QualityGroup]:
    """The figures of each topic asked about, most asked first."""
    # A message counts in each of its topics, so the topics do not add up to a total.
    topic_rows = _figures(
        _stats(c.topic_messages[mode], c.topic_ratings[mode], None, None),
        minimum,
        partition=False,
    )
    return sorted(
        (
            QualityGroup(group=t, **row)
            for t, row in zip(c.topics, topic_rows, strict=True)
            if row["messages"] != 0 or row["ratings"] != 0
        ),
        key=lambda g: (-(g.messages or 0), g.group),
    )


def quality(counts: Counts, first: dt.date, last: dt.date, *, minimum: int) -> Quality:
    """The quality section for the days first..last."""
    cubes = _bucketed(counts, first, last)
    return Quality(
        learner=_block(cubes, 0, first, minimum), counsellor=_block(cubes, 1, first, minimum)
    )
