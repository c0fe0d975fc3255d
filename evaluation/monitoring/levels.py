"""Levels (national, region, sector, organisation) as sums of atoms, and the period grid
(whole calendar months, quarters and years that have ended)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evaluation.monitoring.facts import Atom
from organisations.sectors import SECTORS
from telemetry.profile import REGIONS

Unit = tuple[str, str]
"""(level, id): ("national", ""), ("region", "uusimaa"), ("sector", "education"),
("org", "ohjaamo-tampere"). An organisation is also its own atom."""
PeriodKey = tuple[str, int]
"""("m", 1..12), ("q", 1..4) or ("y", 0) within one year."""
NATIONAL: Unit = ("national", "")
UNREGIONED: Unit = ("unregioned", "")
"""Not published, but the difference of the national total and the regions: the national
service's sessions with no region, and organisations no longer registered."""
NONSECTOR: Unit = ("nonsector", "")
"""Not published, but the difference of the national total and the sectors."""


class PeriodError(ValueError):
    """The period asked for is not a whole, ended month, quarter or year."""


@dataclass(frozen=True)
class Period:
    """A whole calendar month, quarter or year."""

    year: int
    key: PeriodKey

    @property
    def start(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        """Its last day."""
        last = self.months[-1]
        nxt = dt.date(self.year + 1, 1, 1) if last == 12 else dt.date(self.year, last + 1, 1)
        return nxt - dt.timedelta(days=1)

    @property
    def months(self) -> tuple[int, ...]:
        """Its months, 1..12."""
        kind, n = self.key
        if kind == "m":
            return (n,)
        if kind == "q":
            return tuple(range(3 * n - 2, 3 * n + 1))
        return tuple(range(1, 13))

    @property
    def label(self) -> str:
        """2026-11, 2026-Q4 or 2026."""
        kind, n = self.key
        return (
            f"{self.year}-{n:02d}"
            if kind == "m"
            else f"{self.year}-Q{n}"
            if kind == "q"
            else str(self.year)
        )

    def previous(self) -> Period:
        """The period of the same length just before."""
        kind, n = self.key
        if kind == "y":
            return Period(self.year - 1, ("y", 0))
        size = 12 if kind == "m" else 4
        return Period(self.year, (kind, n - 1)) if n > 1 else Period(self.year - 1, (kind, size))


def period_of(start: dt.date, end: dt.date, *, today: dt.date) -> Period:
    """The month, quarter or year from `start` to `end`; PeriodError if it is none of them or
    has not ended (a figure that grows day by day could be differenced day by day)."""
    for key in [("y", 0), *(("q", q) for q in range(1, 5)), *(("m", m) for m in range(1, 13))]:
        period = Period(start.year, key)  # type: ignore[arg-type]
        if period.start == start and period.end == end:
            if end >= today:
                raise PeriodError(f"{period.label} has not ended yet: only ended periods")
            return period
    raise PeriodError(
        "from/to must span one whole calendar month, quarter or year (e.g. 2026-10-01..2026-10-31)"
    )


def default_period(today: dt.date) -> Period:
    """The last month that has ended."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return Period(first.year, ("m", first.month))


@dataclass(frozen=True)
class OrgInfo:
    """What the levels need of a registered organisation."""

    id: str
    sector: str
    region: str


class Levels:
    """Which atoms make each unit, for the registered organisations."""

    def __init__(self, orgs: Sequence[OrgInfo]) -> None:
        self.orgs = {o.id: o for o in orgs}

    def published_units(self) -> list[Unit]:
        """Every unit that can be reported."""
        return [
            NATIONAL,
            *(("region", r) for r in REGIONS),
            *(("sector", s) for s in SECTORS),
            *(("org", o) for o in sorted(self.orgs)),
        ]

    def members(self, unit: Unit, atoms: Iterable[Atom]) -> list[Atom]:
        """The atoms (of those given) that make `unit`."""
        level, ident = unit
        out = []
        for atom in atoms:
            kind, code = atom
            org = self.orgs.get(code) if kind == "org" else None
            if level == "national":
                keep = True
            elif level == "region":
                keep = (org.region == ident) if org else (kind == "nat" and code == ident)
            elif level == "sector":
                keep = org is not None and org.sector == ident
            elif level == "org":
                keep = kind == "org" and code == ident
            elif level == "unregioned":
                keep = org is None and not (kind == "nat" and code)
            else:  # nonsector
                keep = org is None
            if keep:
                out.append(atom)
        return out

    def describes(self, unit: Unit) -> bool:
        """Whether `unit` is a known region, sector, registered organisation or national."""
        return unit in self.published_units()
