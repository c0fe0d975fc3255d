"""Small-cell suppression: hide counts below the minimum group size, and enough others that a
hidden count cannot be recovered from a total or from the difference of published figures.

A breakdown is published as a set of cells and the sums that tie them together: each day, week
and month count, and the total, where a week's count is the sum of its days. Primary suppression
hides every positive count below `minimum`. Secondary (complementary) suppression then visits
every sum whose value is published: if it has exactly one hidden part, that part equals the sum
minus the others, so the smallest visible part is hidden too; if it has several hidden parts that
together come to less than `minimum`, their sum would still describe fewer than `minimum` people,
so more parts are hidden. Hiding a part of one sum can expose another sum, so the passes repeat
until nothing changes. Zeros are published: they describe nobody.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Sum(Generic[K]):
    """`total` is published as the sum of `parts` (all keys of the same cell table)."""

    total: K
    parts: tuple[K, ...]


def suppress_linked(
    counts: Mapping[K, int], sums: Iterable[Sum[K]], minimum: int
) -> dict[K, int | None]:
    """Counts with every unsafe cell replaced by None (see the module docstring)."""
    hidden = {k for k, v in counts.items() if 0 < v < minimum}
    links = list(sums)
    changed = True
    while changed:
        changed = False
        for link in links:
            if link.total in hidden:
                continue
            while True:
                parts_hidden = [p for p in link.parts if p in hidden]
                if not parts_hidden:
                    break
                if len(parts_hidden) > 1 and sum(counts[p] for p in parts_hidden) >= minimum:
                    break
                visible = sorted(
                    (counts[p], str(p), p) for p in link.parts if p not in hidden and counts[p] > 0
                )
                if not visible:
                    # Every other part is zero: the hidden parts add up to the total itself,
                    # so the total must go too (and is protected by its own sums next pass).
                    hidden.add(link.total)
                    changed = True
                    break
                hidden.add(visible[0][2])
                changed = True
    return {k: (None if k in hidden else v) for k, v in counts.items()}


def suppress(counts: Mapping[K, int], minimum: int, *, total: bool = True) -> dict[K, int | None]:
    """One breakdown of a published total (or, with `total=False`, cells with no published sum)."""
    if not total:
        return {k: (v if v == 0 or v >= minimum else None) for k, v in counts.items()}
    key: Hashable = _TOTAL
    cells: dict[Hashable, int] = dict(counts.items())
    cells[key] = sum(counts.values())
    shown = suppress_linked(cells, [Sum(key, tuple(counts))], minimum)
    return {k: shown[k] for k in counts}


class _Total:
    def __repr__(self) -> str:
        return "<total>"


_TOTAL = _Total()


def count(n: int, minimum: int) -> int | None:
    """A single published count: zero, or at least `minimum`, else hidden."""
    return n if n == 0 or n >= minimum else None


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole rounded to 4 places; None when either is hidden or whole is 0."""
    if part is None or not whole:
        return None
    return round(part / whole, 4)


def shown_if(value: float | None, n: int | None, minimum: int) -> float | None:
    """A figure computed from `n` people, published only when `n` is published and large enough."""
    if value is None or n is None or n < minimum:
        return None
    return value


def group_sums(keys: Sequence[K], parents: Mapping[K, Hashable]) -> dict[Hashable, list[K]]:
    """Keys grouped by their parent (e.g. days by week)."""
    out: dict[Hashable, list[K]] = {}
    for key in keys:
        out.setdefault(parents[key], []).append(key)
    return out
