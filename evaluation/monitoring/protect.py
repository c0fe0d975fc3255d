"""One year's table of every unit and period, suppressed as a whole.

Each base count (sessions, users, questions, ratings, ...) is laid out as cells (unit or atom,
period) tied by the sums a reader can take: a region, a sector and the national total are sums
of atoms (organisations and the national service's regions), the national total is also the
sum of the regions (and of the sectors) with what belongs to none, a quarter is the sum of its
months and the year the sum of its quarters. `suppress_linked` then hides every count under the
minimum and, in every such sum whose total is shown, enough partners that no difference of
shown figures (an organisation from its sector, region or the national total; a month from its
quarter or year) gives a hidden count away. Every report of the year (any level, any period)
reads from this one table, so two requests can never be played against each other.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property
from typing import Any

import numpy as np

from evaluation.monitoring.facts import (
    CHANNEL_GROUPS,
    LANGUAGE_GROUPS,
    LATENCY_BINS,
    Atom,
    YearFacts,
)
from evaluation.monitoring.levels import NATIONAL, NONSECTOR, UNREGIONED, Levels, PeriodKey, Unit
from evaluation.reports.suppression import Sum, suppress_linked

PERIODS: tuple[PeriodKey, ...] = (
    *(("m", m) for m in range(1, 13)),
    *(("q", q) for q in range(1, 5)),
    ("y", 0),
)
BASES = (
    "messages",
    "handoffs",
    "handoffs_taken",
    "gaps",
    "copilot",
    "ratings",
    "votes",
    "plan_ratings",
    "clarity_start",
    "clarity_end",
    "clarity_pairs",
    "next_step_answers",
    "contact_answers",
)
"""Base counts suppressed on their own (sessions and users have their own tables)."""
SESSION_PARTS = {
    "language": tuple(f"sessions_language_{g}" for g in (*LANGUAGE_GROUPS, "unknown")),
    "channel": tuple(f"sessions_channel_{g}" for g in (*CHANNEL_GROUPS, "unknown")),
}
Key = tuple[Any, ...]
"""(component, unit or atom, period)."""


def months_of(period: PeriodKey) -> tuple[int, ...]:
    """The months of a period key."""
    kind, n = period
    if kind == "m":
        return (n,)
    if kind == "q":
        return tuple(range(3 * n - 2, 3 * n + 1))
    return tuple(range(1, 13))


class YearTable:
    """Raw and shown figures of one year for every unit and period."""

    def __init__(self, facts: YearFacts, levels: Levels, minimum: int) -> None:
        self.facts = facts
        self.levels = levels
        self.minimum = minimum
        self.atoms = sorted(facts.atoms())
        units = [*levels.published_units(), UNREGIONED, NONSECTOR]
        self.members: dict[Hashable, list[Atom]] = {
            u: levels.members(u, self.atoms) for u in units if u[0] != "org"
        }
        for atom in self.atoms:
            self.members[atom] = [atom]  # an organisation is its own atom
        for unit in units:
            self.members.setdefault(unit, [])
        self.shown: dict[str, dict[Key, int | None]] = {}
        for base in BASES:
            self.shown.update(self._suppress([base]))
        self.shown.update(
            self._suppress(["sessions", *sum(SESSION_PARTS.values(), ())], split=True)
        )
        self.shown["users"] = self._suppress_users()

    # -- raw figures ---------------------------------------------------------------------
    def raw(self, component: str, unit: Hashable, period: PeriodKey) -> int:
        """The true additive figure of a unit (or atom) in a period."""
        table = self.facts.counts.get(component, {})
        months = months_of(period)
        return sum(table.get((a, m), 0) for a in self.members.get(unit, []) for m in months)

    def raw_users(self, unit: Hashable, period: PeriodKey) -> int:
        """The true distinct users of a unit (or atom) in a period."""
        seen: set[str] = set()
        for atom in self.members.get(unit, []):
            for month in months_of(period):
                seen |= self.facts.users.get((atom, month), set())
        return len(seen)

    def latency(self, unit: Hashable, period: PeriodKey) -> np.ndarray:
        """The latency histogram of a unit's learner questions in a period."""
        out = np.zeros(LATENCY_BINS, dtype=np.int64)
        for atom in self.members.get(unit, []):
            for month in months_of(period):
                hist = self.facts.latency.get((atom, month))
                if hist is not None:
                    out += hist
        return out

    # -- suppression ---------------------------------------------------------------------
    @cached_property
    def _keys(self) -> list[Hashable]:
        return list(self.members)

    def _links(self, component: str) -> list[Sum[Key]]:
        """Every sum a reader can take, for one component."""
        links: list[Sum[Key]] = []
        regions = [u for u in self._keys if isinstance(u, tuple) and u[0] == "region"]
        sectors = [u for u in self._keys if isinstance(u, tuple) and u[0] == "sector"]
        atoms = set(self.atoms)
        for period in PERIODS:
            for unit in self._keys:
                if unit in atoms:
                    continue
                parts: tuple[Key, ...] = tuple((component, a, period) for a in self.members[unit])
                links.append(Sum((component, unit, period), parts))
            groups: list[list[Hashable]] = [[*regions, UNREGIONED], [*sectors, NONSECTOR]]
            for group in groups:
                parts = tuple((component, u, period) for u in group)
                links.append(Sum((component, NATIONAL, period), parts))
        for unit in self._keys:
            for q in range(1, 5):
                months: tuple[Key, ...] = tuple(
                    (component, unit, ("m", m)) for m in months_of(("q", q))
                )
                links.append(Sum((component, unit, ("q", q)), months))
            year: tuple[Key, ...] = tuple((component, unit, ("q", q)) for q in range(1, 5))
            links.append(Sum((component, unit, ("y", 0)), year))
        return links

    def _suppress(
        self, components: list[str], *, split: bool = False
    ) -> dict[str, dict[Key, int | None]]:
        cells: dict[Key, int] = {}
        links: list[Sum[Key]] = []
        for component in components:
            for unit in self._keys:
                for period in PERIODS:
                    cells[(component, unit, period)] = self.raw(component, unit, period)
            links += self._links(component)
        if split:  # sessions are the sum of their languages, and of their channels
            for parts in SESSION_PARTS.values():
                for unit in self._keys:
                    for period in PERIODS:
                        links.append(
                            Sum(("sessions", unit, period), tuple((p, unit, period) for p in parts))
                        )
        shown = suppress_linked(cells, links, self.minimum)
        out: dict[str, dict[Key, int | None]] = {c: {} for c in components}
        for (component, unit, period), value in shown.items():
            out[component][(unit, period)] = value
        return out

    def _suppress_users(self) -> dict[Key, int | None]:
        # Distinct users do not add up (one user may come through two doors), but a difference
        # of two shown user counts bounds the users of what is left: the same linked
        # suppression, with each part's own distinct count, keeps those bounds at the minimum.
        cells = {
            ("users", unit, period): self.raw_users(unit, period)
            for unit in self._keys
            for period in PERIODS
        }
        shown = suppress_linked(cells, self._links("users"), self.minimum)
        return {(unit, period): value for (_, unit, period), value in shown.items()}

    def value(self, component: str, unit: Unit, period: PeriodKey) -> int | None:
        """The shown (suppressed) figure of a base count."""
        return self.shown[component].get((unit, period))
