"""Indicator reports at national, region, sector and organisation level, and an
organisation's benchmark (its sector, the national figures, its own previous period)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy import Engine

from evaluation.monitoring.catalogue import Catalogue, load_catalogue
from evaluation.monitoring.computations import COMPUTATIONS, Population
from evaluation.monitoring.facts import read_year, year_fingerprint
from evaluation.monitoring.levels import Levels, OrgInfo, Period, Unit
from evaluation.monitoring.protect import YearTable


class IndicatorValue(BaseModel):
    """One indicator's figure for a unit and period (null where hidden or not applicable)."""

    id: str
    category: str
    unit: str
    value: int | float | None
    base: int | None
    """The count the value rests on; null when hidden to protect small groups."""
    groups: dict[str, int | None] | None = None
    """For a distribution: each group's count."""


class UnitReport(BaseModel):
    """Every indicator of one unit in one period."""

    level: str
    id: str
    period: str
    """2026-11, 2026-Q4 or 2026."""
    start: dt.date
    end: dt.date
    catalogue_version: int
    min_group_size: int
    indicators: list[IndicatorValue]


class Change(BaseModel):
    """An indicator's change from the previous period (signed; null if either is hidden)."""

    id: str
    change: float | None


class ContactMonth(BaseModel):
    """One month of an organisation's guidance contacts outside Suunta, beside its Suunta
    sessions (suppressed like every figure; null where hidden or not reported)."""

    month: dt.date
    after_launch: bool | None
    """Whether Suunta had started in the organisation (null: no launch date registered)."""
    face_to_face: int | None
    phone: int | None
    chat: int | None
    suunta_sessions: int | None


class Benchmark(BaseModel):
    """An organisation next to its sector, the national figures and its previous period."""

    org: UnitReport
    sector: UnitReport
    region: UnitReport
    national: UnitReport
    previous: UnitReport
    change: list[Change]
    contacts: list[ContactMonth] = []
    """Every month of the year up to the period's end with contacts reported or sessions."""


class Monitoring:
    """Reports from one store, with the registered organisations and a population baseline."""

    def __init__(
        self,
        engine: Engine,
        orgs: Sequence[OrgInfo],
        *,
        minimum: int,
        population: Population | None = None,
        catalogue: Catalogue | None = None,
        cache: dict[int, tuple[tuple[object, ...], YearTable, float]] | None = None,
        recheck_seconds: float = 0.0,
    ) -> None:
        self.engine = engine
        self.levels = Levels(orgs)
        self.minimum = minimum
        self.population = population or {}
        self.catalogue = catalogue or load_catalogue()
        self._tables: dict[int, YearTable] = {}
        self._cache = cache if cache is not None else {}
        self.recheck_seconds = recheck_seconds

    def table(self, year: int) -> YearTable:
        """The suppressed table of a year: kept for this object's life, and in the shared
        cache while the store's year (and the registry and minimum) stay the same. The store
        is checked (`year_fingerprint`, ~1.4 s over 10M messages) at most once every
        `recheck_seconds`; in between a change to an ended month is not yet seen."""
        if year not in self._tables:
            setup = (
                tuple(sorted((o.id, o.sector, o.region) for o in self.levels.orgs.values())),
                self.minimum,
            )
            cached = self._cache.get(year)
            now = time.monotonic()
            if (
                cached is not None
                and cached[0][1:] == setup
                and now - cached[2] < self.recheck_seconds
            ):
                self._tables[year] = cached[1]
                return cached[1]
            key = (year_fingerprint(self.engine, year), *setup)
            if cached is not None and cached[0] == key:
                table = cached[1]
            else:
                table = YearTable(read_year(self.engine, year), self.levels, self.minimum)
            self._cache[year] = (key, table, now)
            self._tables[year] = table
        return self._tables[year]

    def report(self, unit: Unit, period: Period) -> UnitReport:
        """Every indicator of `unit` in `period`."""
        table = self.table(period.year)
        values = []
        for indicator in self.catalogue.indicators:
            applies = unit[0] in indicator.levels
            result = COMPUTATIONS[indicator.id](table, unit, period.key, self.population)
            values.append(
                IndicatorValue(
                    id=indicator.id,
                    category=indicator.category,
                    unit=indicator.unit,
                    value=result.value if applies else None,
                    base=result.base,
                    groups=result.groups,
                )
            )
        return UnitReport(
            level=unit[0],
            id=unit[1],
            period=period.label,
            start=period.start,
            end=period.end,
            catalogue_version=self.catalogue.version,
            min_group_size=self.minimum,
            indicators=values,
        )

    def benchmark(
        self,
        org_id: str,
        period: Period,
        *,
        contacts: dict[dt.date, dict[str, int]] | None = None,
        launched_on: dt.date | None = None,
    ) -> Benchmark:
        """An organisation's report next to its sector's, region's, the national one and its
        own previous period, with the signed change of each indicator, and its contacts
        outside Suunta month by month beside its Suunta sessions."""
        info = self.levels.orgs[org_id]
        mine = self.report(("org", org_id), period)
        before = self.report(("org", org_id), period.previous())
        change = []
        for now, then in zip(mine.indicators, before.indicators, strict=True):
            delta = (
                round(now.value - then.value, 4)
                if now.value is not None and then.value is not None
                else None
            )
            change.append(Change(id=now.id, change=delta))
        return Benchmark(
            org=mine,
            sector=self.report(("sector", info.sector), period),
            region=self.report(("region", info.region), period),
            national=self.report(("national", ""), period),
            previous=before,
            change=change,
            contacts=self._contacts(org_id, period, contacts or {}, launched_on),
        )

    def _contacts(
        self,
        org_id: str,
        period: Period,
        contacts: dict[dt.date, dict[str, int]],
        launched_on: dt.date | None,
    ) -> list[ContactMonth]:
        table = self.table(period.year)
        out = []
        for month in range(1, period.months[-1] + 1):
            first = dt.date(period.year, month, 1)
            reported = contacts.get(first, {})
            sessions = table.value("sessions", ("org", org_id), ("m", month))
            if not reported and not sessions:
                continue
            out.append(
                ContactMonth(
                    month=first,
                    after_launch=None if launched_on is None else first >= launched_on,
                    face_to_face=reported.get("face_to_face"),
                    phone=reported.get("phone"),
                    chat=reported.get("chat"),
                    suunta_sessions=sessions,
                )
            )
        return out
