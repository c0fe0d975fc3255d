"""Numpy helpers the report sections share: time buckets, groups, distinct counts, percentiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluation.reports.facts.columns import Coded, day_date, day_number
from evaluation.reports.schema import Unit

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
        codes = column.codes
        if missing is None or not len(codes) or codes.min() >= 0:
            return cls(names, codes.astype(np.intp))
        names.append(missing)
        # One lookup: code -1 (missing) takes the table's last entry, the missing group.
        return cls(names, np.arange(len(names), dtype=np.intp)[codes])

    @classmethod
    def by_time(cls, days: np.ndarray, starts: list[int], unit: Unit) -> Groups:
        """Rows grouped by their time bucket, named by ISO date."""
        names = [day_date(s).isoformat() for s in starts]
        if not len(days):
            return cls(names, np.empty(0, dtype=np.intp))
        # Each distinct day's bucket once, then looked up per row.
        lo = int(days.min())
        span = np.arange(lo, int(days.max()) + 1, dtype=np.int32)
        table = np.searchsorted(np.array(starts, dtype=np.int64), bucket_starts(span, unit))
        return cls(names, table.astype(np.intp)[days.astype(np.intp) - lo])

    def counts(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Rows in each group (optionally only where `mask`)."""
        index = self.index if mask is None else self.index[mask]
        if len(index) and index.min() < 0:
            index = index[index >= 0]
        return np.bincount(index, minlength=len(self.names))


_BYTE_BITS = (np.arange(256)[:, None] >> np.arange(8)) & 1
"""Row v: the bits of the byte value v, lowest first."""


class Users:
    """The users behind session rows, prepared once for many distinct counts.

    The rows are put in user order once (an index, `order`); then each distinct count is one
    pass: where a user's rows come in group order (always for time buckets, as a user's rows are
    in day order, and for any group a user keeps), a user is new to a group where the group
    changes; otherwise each user's groups are OR-ed into a bit mask and the bits counted."""

    def __init__(self, hashes: np.ndarray) -> None:
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        first = np.ones(len(ordered), dtype=bool)
        first[1:] = ordered[1:] != ordered[:-1]
        self.unique = ordered[first]
        """The distinct user hashes, sorted."""
        self.order = order
        """Row numbers in user order (a user's rows keep their order)."""
        self.first = first
        """In user order: the row is its user's first."""
        last = np.append(first[1:], True) if len(first) else first
        single = first & last
        self.single = np.flatnonzero(single)
        """In user order: the rows of users with only that one."""
        self.several = np.flatnonzero(~single)
        """In user order: the rows of users with several."""
        self.multi_starts = np.flatnonzero(first[self.several])
        """Where each user's rows start among `several`."""
        self.later = ~first[1:]
        """In user order: row i+1 has the user of row i."""

    def __len__(self) -> int:
        return len(self.unique)

    def returning(self, earlier: np.ndarray) -> int:
        """How many of these users are among the `earlier` user hashes."""
        if not len(earlier) or not len(self.unique):
            return 0
        seen = np.unique(earlier)  # sorted; fast on the sorted runs the cache keeps
        at = np.minimum(np.searchsorted(seen, self.unique), len(seen) - 1)
        return int((seen[at] == self.unique).sum())

    def per_group(self, groups: Groups) -> np.ndarray:
        """Distinct users in each group (rows with group index -1 are left out)."""
        return self.per_groups([groups])[0]

    def per_groups(self, many: Sequence[Groups]) -> list[np.ndarray]:
        """`per_group` of several groupings of the same rows: those a user's rows do not keep
        in order share one bit mask per user (up to 64 groups in all)."""
        out: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * len(many)
        masked: list[tuple[int, np.ndarray, int]] = []
        for i, groups in enumerate(many):
            n_groups = len(groups.names)
            index = groups.index[self.order]
            if not len(index):
                out[i] = np.zeros(n_groups, dtype=np.int64)
                continue
            back = index[1:] < index[:-1]
            back &= self.later
            if not back.any():
                # Within each user the groups never go back: a row is a new (user, group)
                # pair exactly where its user or its group changes.
                new = np.empty(len(index), dtype=bool)
                new[0] = True
                np.not_equal(index[1:], index[:-1], out=new[1:])
                new |= self.first
                new &= index >= 0
                out[i] = np.bincount(index[np.flatnonzero(new)], minlength=n_groups)
            elif n_groups > 64:
                dense = np.cumsum(self.first) - 1
                keep = index >= 0
                pairs = np.unique(dense[keep] * n_groups + index[keep])
                out[i] = np.bincount(pairs % n_groups, minlength=n_groups)
            else:
                masked.append((i, index, n_groups))
        while masked:
            batch, used = [], 0
            while masked and used + masked[0][2] <= 64:
                batch.append(masked.pop(0))
                used += batch[-1][2]
            for (i, _, _), counted in zip(batch, self._by_bits(batch), strict=True):
                out[i] = counted
        return out

    def _by_bits(self, batch: list[tuple[int, np.ndarray, int]]) -> list[np.ndarray]:
        """Distinct users per group for groupings of up to 64 groups in all: users with one
        row count in their group; the others' groups are OR-ed into one bit mask per user."""
        offsets = np.cumsum([0] + [n for _, _, n in batch])
        out = []
        for _, index, n_groups in batch:
            one = index[self.single]
            if len(one) and one.min() < 0:
                one = one[one >= 0]
            out.append(np.bincount(one, minlength=n_groups))
        if not len(self.multi_starts):
            return out
        bits = np.zeros(len(self.several), dtype=np.uint64)
        for (_, index, n_groups), offset in zip(batch, offsets.tolist(), strict=False):
            bit = np.left_shift(np.uint64(1), np.arange(offset, offset + n_groups, dtype=np.uint64))
            bits |= np.append(bit, np.uint64(0))[index[self.several]]  # -1 (none): no bit
        masks = np.bitwise_or.reduceat(bits, self.multi_starts).astype("<u8", copy=False)
        # Bits set, eight at a time: how many masks have each byte value, times its bits.
        by_byte = masks.view(np.uint8).reshape(-1, 8)
        counted = np.concatenate(
            [
                np.bincount(by_byte[:, k], minlength=256) @ _BYTE_BITS
                for k in range((int(offsets[-1]) + 7) // 8)
            ]
        )
        return [
            part + counted[offset : offset + len(part)]
            for part, offset in zip(out, offsets.tolist(), strict=False)
        ]


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
