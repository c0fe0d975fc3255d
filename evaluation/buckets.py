"""Numpy helpers the report sections share: time buckets, groups, distinct counts, percentiles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from evaluation.schema import Unit
from evaluation.tables import Coded, day_date, day_number

NOT_ANSWERED = "not_answered"


def week_start(days: np.ndarray) -> np.ndarray:
    """The Monday on or before each day (day numbers; 1970-01-01 was a Thursday)."""
    return days - (days + 3) % 7


def month_start(days: np.ndarray) -> np.ndarray:
    """The first day of each day's month (day numbers)."""
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64).astype(np.int32)


def bucket_starts(days: np.ndarray, unit: Unit) -> np.ndarray:
    """Each day's bucket, as the bucket's first day."""
    if unit == "week":
        return week_start(days)
    if unit == "month":
        return month_start(days)
    return days


def all_buckets(first: dt.date, last: dt.date, unit: Unit) -> list[int]:
    """Every bucket start from first to last, including empty ones."""
    days = np.arange(day_number(first), day_number(last) + 1, dtype=np.int32)
    return sorted(set(bucket_starts(days, unit).tolist()))


def trend_unit(first: dt.date, last: dt.date) -> Unit:
    """Days for a month or less, weeks up to half a year, months beyond."""
    span = (last - first).days + 1
    return "day" if span <= 31 else "week" if span <= 183 else "month"


@dataclass(frozen=True)
class Groups:
    """Rows assigned to named groups: `index[i]` is row i's group in `names`."""

    names: list[str]
    index: np.ndarray

    @classmethod
    def of(cls, column: Coded, missing: str | None = NOT_ANSWERED) -> Groups:
        """One group per value; missing values form `missing` (or are dropped, index -1)."""
        names = list(column.values)
        index = column.codes.astype(np.int32)
        if missing is not None and (index < 0).any():
            names.append(missing)
            index = np.where(index < 0, len(names) - 1, index)
        return cls(names, index)

    @classmethod
    def by_time(cls, days: np.ndarray, starts: list[int], unit: Unit) -> Groups:
        """Rows grouped by their time bucket, named by ISO date."""
        position = np.searchsorted(np.array(starts, dtype=np.int64), bucket_starts(days, unit))
        return cls([day_date(s).isoformat() for s in starts], position.astype(np.int32))

    def counts(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Rows in each group (optionally only where `mask`)."""
        index = self.index if mask is None else self.index[mask]
        return np.bincount(index[index >= 0], minlength=len(self.names))


def distinct_per_group(groups: Groups, users: np.ndarray, n_users: int) -> np.ndarray:
    """Distinct users in each group; `users` are dense ids 0..n_users-1, one per row."""
    keep = groups.index >= 0
    index, users = groups.index[keep].astype(np.int64), users[keep]
    n_groups = len(groups.names)
    # Most users have one session: each such row is a distinct user of its group. Only the
    # rows of users with several sessions need sorting out.
    single = np.bincount(users, minlength=n_users)[users] == 1
    out = np.bincount(index[single], minlength=n_groups)
    pairs = np.sort(index[~single] * n_users + users[~single])
    if len(pairs):
        first = np.ones(len(pairs), dtype=bool)
        first[1:] = pairs[1:] != pairs[:-1]
        out = out + np.bincount(pairs[first] // n_users, minlength=n_groups)
    return out


def percentiles(values: np.ndarray, *qs: float) -> list[float | None]:
    """The q-th percentiles (linear interpolation), rounded; None for no values."""
    if len(values) == 0:
        return [None] * len(qs)
    return [round(float(v), 1) for v in np.percentile(values, qs)]


def grouped_percentiles(values: np.ndarray, index: np.ndarray, n: int) -> list[list[float | None]]:
    """p50 and p95 of `values` in each of n groups (`index[i]` is row i's group, -1 none)."""
    if n <= 8:
        return [percentiles(values[index == g], 50, 95) for g in range(n)]
    keep = index >= 0
    if not keep.all():
        index, values = index[keep], values[keep]
    # Many groups (days, weeks): rows come in day order, so each group is one slice.
    if len(index) > 1 and bool((index[1:] < index[:-1]).any()):
        order = np.argsort(index, kind="stable")
        index, values = index[order], values[order]
    edges = np.searchsorted(index, np.arange(n + 1))
    return [percentiles(values[edges[g] : edges[g + 1]], 50, 95) for g in range(n)]
