"""Distinct users per group and time buckets, against counting with plain Python sets."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from evaluation.reports.facts.columns import day_number
from evaluation.reports.grouping import Groups, Users, all_buckets, bucket_starts


def _expected(users: np.ndarray, index: np.ndarray, n_groups: int) -> list[int]:
    seen: list[set[int]] = [set() for _ in range(n_groups)]
    for user, group in zip(users.tolist(), index.tolist(), strict=True):
        if group >= 0:
            seen[group].add(user)
    return [len(s) for s in seen]


@pytest.mark.parametrize("n_groups", [1, 3, 20, 64, 65, 400])
@pytest.mark.parametrize("in_order", [True, False])
def test_distinct_users_per_group(n_groups: int, in_order: bool) -> None:
    rng = np.random.default_rng(n_groups)
    users = rng.integers(-(2**63), 2**63 - 1, size=300)[rng.integers(0, 300, size=2000)]
    index = rng.integers(-1, n_groups, size=2000).astype(np.int32)
    if in_order:  # each user's rows in group order, as a user's sessions come in day order
        order = np.lexsort((index, users))
        users, index = users[order], index[order]
    counted = Users(users).per_group(Groups([str(g) for g in range(n_groups)], index))
    assert counted.tolist() == _expected(users, index, n_groups)


def test_no_rows_and_one_row() -> None:
    empty = Users(np.empty(0, dtype=np.int64))
    assert len(empty) == 0 and empty.per_group(Groups(["a"], np.empty(0, np.int32))).tolist() == [0]
    one = Users(np.array([7], dtype=np.int64))
    assert one.per_group(Groups(["a", "b"], np.array([1], np.int32))).tolist() == [0, 1]


def test_returning_users() -> None:
    users = Users(np.array([5, 3, 5, 9, -4], dtype=np.int64))
    assert users.returning(np.array([], dtype=np.int64)) == 0
    assert users.returning(np.array([9, 9, 100, 5, -5], dtype=np.int64)) == 2
    assert users.returning(np.array([1000], dtype=np.int64)) == 0


@pytest.mark.parametrize("unit", ["day", "week", "month"])
def test_time_buckets_as_searching_each_row(unit: str) -> None:
    first, last = dt.date(2025, 12, 20), dt.date(2026, 3, 3)
    starts = all_buckets(first, last, unit)  # type: ignore[arg-type]
    rng = np.random.default_rng(1)
    days = rng.integers(day_number(first), day_number(last) + 1, size=500).astype(np.int32)
    groups = Groups.by_time(days, starts, unit)  # type: ignore[arg-type]
    wanted = np.searchsorted(np.array(starts), bucket_starts(days, unit))  # type: ignore[arg-type]
    assert groups.index.tolist() == wanted.tolist()
    assert len(groups.names) == len(starts)


def test_several_groupings_at_once_as_one_by_one() -> None:
    """Groupings a user's rows do not keep in order share bit masks, up to 64 groups a mask."""
    rng = np.random.default_rng(7)
    users = rng.integers(-(2**63), 2**63 - 1, size=400)[rng.integers(0, 400, size=3000)]
    sizes = [3, 20, 30, 19, 9, 200, 1]  # 3+20+30 fit one mask, 19+9+1 the next
    many = [
        Groups([str(g) for g in range(n)], rng.integers(-1, n, size=3000).astype(np.intp))
        for n in sizes
    ]
    counted = Users(users).per_groups(many)
    for groups, got in zip(many, counted, strict=True):
        assert got.tolist() == _expected(users, groups.index, len(groups.names))
