"""Numpy helpers the report sections share: time buckets, groups, distinct counts, percentiles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from evaluation.schema import Unit
from evaluation.tables import Coded, day_date, day_number

NOT_ANSWERED = "not_answered"
# Above this many group x user cells a distinct count sorts instead of marking a bitmap.
_BITMAP_CELLS = 64_000_000


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


class Users:
    """The users behind session rows, prepared once for many distinct counts.

    Most users have one session in a period: each of their rows is a distinct user in its group,
    no matter how rows are grouped. Only the rows of users with several sessions need
    de-duplicating, with a bitmap (group x user) when it is small and a sort otherwise."""

    def __init__(self, hashes: np.ndarray) -> None:
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        starts = np.ones(len(ordered), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        self.unique = ordered[starts]
        """The distinct user hashes, sorted."""
        dense = np.empty(len(hashes), dtype=np.int64)
        dense[order] = np.cumsum(starts) - 1
        sessions = np.bincount(dense, minlength=len(self.unique))
        self.single = sessions[dense] == 1
        """Rows of users with only this session."""
        self.several = ~self.single
        rank = np.cumsum(sessions > 1) - 1
        self.multi = rank[dense[self.several]]
        """Dense ids (among users with several sessions) of the other rows."""
        self.n_multi = int((sessions > 1).sum())

    def __len__(self) -> int:
        return len(self.unique)

    def per_group(self, groups: Groups) -> np.ndarray:
        """Distinct users in each group (rows with group index -1 are left out)."""
        n_groups = len(groups.names)
        index = groups.index.astype(np.int64)
        single = index[self.single]
        out = np.bincount(single[single >= 0], minlength=n_groups)
        multi = index[self.several]
        keep = multi >= 0
        multi, users = multi[keep], self.multi[keep]
        if not len(multi):
            return out
        if n_groups * self.n_multi <= _BITMAP_CELLS:
            seen = np.zeros((n_groups, self.n_multi), dtype=bool)
            seen[multi, users] = True
            return out + seen.sum(axis=1)
        pairs = np.sort(multi * self.n_multi + users)
        first = np.ones(len(pairs), dtype=bool)
        first[1:] = pairs[1:] != pairs[:-1]
        return out + np.bincount(pairs[first] // self.n_multi, minlength=n_groups)


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
