"""The monitoring service: the common indicators at national, region, sector and organisation
level for `suunta report --level`, `GET /api/indicators` and the open-data export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from application.organisations import OrganisationService
from evaluation.monitoring.expert import ExpertReport, expert_report, expert_span
from evaluation.monitoring.levels import (
    Levels,
    OrgInfo,
    Period,
    PeriodError,
    Unit,
    default_period,
    period_of,
)
from evaluation.monitoring.open_data import build_package, package_zip
from evaluation.monitoring.report import Benchmark, Monitoring, UnitReport
from evaluation.reports.baseline import load_baseline
from organisations.contacts import contacts_by_month

__all__ = [
    "Benchmark",
    "ExpertReport",
    "MonitoringError",
    "MonitoringService",
    "Period",
    "UnitReport",
    "UnknownUnit",
]

LEVELS = ("national", "region", "sector", "org")
RECHECK_SECONDS = 60.0
"""How long a year table is served without asking the store whether its ended months changed
(the question costs ~1.4 s over 10M messages, docs/performance.md): a deletion or a late
answer reaches the indicator reports within this time."""


class MonitoringError(ValueError):
    """The report cannot be made as asked; the message says why."""


class UnknownUnit(MonitoringError):
    """No such region, sector or registered organisation."""


class MonitoringService:
    """Indicator reports from one store, for the registered organisations."""

    def __init__(
        self,
        engine: Engine,
        orgs: OrganisationService,
        *,
        min_group_size: int,
        baseline_path: Path | None,
    ) -> None:
        self.engine = engine
        self.orgs = orgs
        self.min_group_size = min_group_size
        self.baseline_path = baseline_path
        self._tables: dict[int, Any] = {}
        """Year tables kept between requests while the store's year is unchanged."""

    @staticmethod
    def period(
        start: dt.date | None, end: dt.date | None, *, today: dt.date | None = None
    ) -> Period:
        """The whole month, quarter or year asked for (default: the last ended month)."""
        today = today or dt.datetime.now(dt.UTC).date()
        if start is None and end is None:
            return default_period(today)
        if start is None or end is None:
            raise MonitoringError("give both from and to, or neither (the last ended month)")
        try:
            return period_of(start, end, today=today)
        except PeriodError as exc:
            raise MonitoringError(str(exc)) from None

    def monitoring(self) -> Monitoring:
        """A fresh view of the store with today's registry and the baseline."""
        infos = [OrgInfo(o.id, o.sector, o.region) for o in self.orgs.list()]
        population: dict[str, int] = {}
        if self.baseline_path is not None:
            try:
                population = load_baseline(self.baseline_path).population.get("region", {})
            except (OSError, ValueError) as exc:
                raise MonitoringError(f"population baseline {self.baseline_path}: {exc}") from None
        return Monitoring(
            self.engine,
            infos,
            minimum=self.min_group_size,
            population=population,
            cache=self._tables,
            recheck_seconds=RECHECK_SECONDS,
        )

    @staticmethod
    def unit(level: str, ident: str | None, monitoring: Monitoring) -> Unit:
        """The unit asked for; UnknownUnit if it does not exist."""
        if level not in LEVELS:
            raise MonitoringError(f"level must be one of {', '.join(LEVELS)}")
        unit: Unit = (level, "" if level == "national" else (ident or ""))
        if level != "national" and not ident:
            raise MonitoringError(f"level {level} needs an id")
        if not Levels.describes(monitoring.levels, unit):
            raise UnknownUnit(f"no {level} '{ident}'")
        return unit

    def report(self, level: str, ident: str | None, period: Period) -> UnitReport | Benchmark:
        """A unit's indicators; for an organisation, its benchmark."""
        monitoring = self.monitoring()
        unit = self.unit(level, ident, monitoring)
        if level == "org":
            org = self.orgs.get(unit[1])
            return monitoring.benchmark(
                unit[1],
                period,
                contacts=contacts_by_month(engine=self.engine, org_id=unit[1]),
                launched_on=org.launched_on if org else None,
            )
        return monitoring.report(unit, period)

    def indicators(self) -> list[dict[str, Any]]:
        """The catalogue's indicators: id, category, unit, levels, names and definitions."""
        return [
            {
                "id": i.id,
                "category": i.category,
                "unit": i.unit,
                "levels": list(i.levels),
                "names": i.names,
                "definitions": i.definitions,
            }
            for i in self.monitoring().catalogue.indicators
        ]

    def open_data(self, period: Period) -> tuple[str, bytes]:
        """The open-data package of `period` as a ZIP archive, and its file name."""
        name = f"suunta-indicators-{period.label.lower()}"
        return f"{name}.zip", package_zip(build_package(self.monitoring(), period), name)

    def expert(
        self,
        key: str,
        start: dt.date | None,
        end: dt.date | None,
        *,
        today: dt.date | None = None,
    ) -> ExpertReport:
        """The counsellor level: the co-pilot use and ratings kept under one member of
        staff's own key (`ChatService.staff_key`), default the last twelve months."""
        try:
            first, last = expert_span(start, end, today=today or dt.datetime.now(dt.UTC).date())
        except ValueError as exc:
            raise MonitoringError(str(exc)) from None
        return expert_report(self.engine, key, first, last)
