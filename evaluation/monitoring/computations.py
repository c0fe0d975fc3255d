"""One computation per indicator of the catalogue: how its value comes from the year table.

Each takes the table, the unit, the period and the population baseline and returns the value
(or None where suppressed or not applicable), the base count it rests on, and for a
distribution its groups' counts. A test checks that this registry and `indicators.yaml` name
the same indicators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from evaluation.monitoring.facts import CHANNEL_GROUPS, LANGUAGE_GROUPS, LATENCY_BIN_MS
from evaluation.monitoring.levels import PeriodKey, Unit
from evaluation.monitoring.protect import YearTable


@dataclass(frozen=True)
class Result:
    """An indicator's published value for one unit and period."""

    value: float | int | None
    base: int | None
    """The count the value rests on (null where suppressed)."""
    groups: dict[str, int | None] | None = None


Population = dict[str, int]
"""Residents by region (the baseline)."""
Computation = Callable[[YearTable, Unit, PeriodKey, Population], Result]
COMPUTATIONS: dict[str, Computation] = {}


def computation(indicator_id: str) -> Callable[[Computation], Computation]:
    """Register the computation of an indicator."""

    def register(fn: Computation) -> Computation:
        COMPUTATIONS[indicator_id] = fn
        return fn

    return register


def _enough(table: YearTable, base: int | None) -> bool:
    return base is not None and base >= table.minimum


def _count(base: str) -> Computation:
    def compute(table: YearTable, unit: Unit, period: PeriodKey, _: Population) -> Result:
        shown = table.value(base, unit, period)
        return Result(shown, shown)

    return compute


def _share(numerator: str, base: str) -> Computation:
    def compute(table: YearTable, unit: Unit, period: PeriodKey, _: Population) -> Result:
        shown = table.value(base, unit, period)
        if not _enough(table, shown):
            return Result(None, shown)
        assert shown is not None
        return Result(round(table.raw(numerator, unit, period) / shown, 4), shown)

    return compute


def _mean(total: str, base: str) -> Computation:
    def compute(table: YearTable, unit: Unit, period: PeriodKey, _: Population) -> Result:
        shown = table.value(base, unit, period)
        if not _enough(table, shown):
            return Result(None, shown)
        assert shown is not None
        return Result(round(table.raw(total, unit, period) / shown, 2), shown)

    return compute


def _distribution(prefix: str, groups: tuple[str, ...]) -> Computation:
    def compute(table: YearTable, unit: Unit, period: PeriodKey, _: Population) -> Result:
        return Result(
            None,
            table.value("sessions", unit, period),
            {g: table.value(f"{prefix}_{g}", unit, period) for g in groups},
        )

    return compute


COMPUTATIONS.update(
    {
        "sessions": _count("sessions"),
        "users": _count("users"),
        "after_hours_share": _share("after_hours", "sessions"),
        "sessions_by_language": _distribution("sessions_language", (*LANGUAGE_GROUPS, "unknown")),
        "sessions_by_channel": _distribution("sessions_channel", (*CHANNEL_GROUPS, "unknown")),
        "handoffs_offered": _count("handoffs"),
        "handoffs_taken": _count("handoffs_taken"),
        "satisfaction": _share("ratings_high", "ratings"),
        "helpful_rate": _share("votes_helpful", "votes"),
        "no_answer_rate": _share("no_answer", "messages"),
        "knowledge_gap_questions": _count("gaps"),
        "copilot_questions": _count("copilot"),
        "counsellor_plan_rating": _mean("plan_rating_sum", "plan_ratings"),
        "clarity_start": _mean("clarity_start_sum", "clarity_start"),
        "clarity_end": _mean("clarity_end_sum", "clarity_end"),
        "clarity_change": _mean("clarity_change_sum", "clarity_pairs"),
        "next_step_taken": _share("next_step_took", "next_step_answers"),
        "service_contacted": _share("contacted", "contact_answers"),
    }
)


@computation("users_per_1000")
def users_per_1000(
    table: YearTable, unit: Unit, period: PeriodKey, population: Population
) -> Result:
    """Distinct users per 1,000 residents: national or one region only."""
    users = table.value("users", unit, period)
    level, ident = unit
    residents = (
        sum(population.values())
        if level == "national"
        else population.get(ident, 0)
        if level == "region"
        else 0
    )
    if not residents or not _enough(table, users):
        return Result(None, users)
    assert users is not None
    return Result(round(users / residents * 1000, 3), users)


@computation("latency_p95_ms")
def latency_p95(table: YearTable, unit: Unit, period: PeriodKey, _: Population) -> Result:
    """The 95th percentile from the 50 ms histogram (the upper edge of its bin)."""
    shown = table.value("messages", unit, period)
    if not _enough(table, shown):
        return Result(None, shown)
    hist = table.latency(unit, period)
    total = int(hist.sum())
    if not total:
        return Result(None, shown)
    at = int(np.searchsorted(np.cumsum(hist), 0.95 * total))
    return Result((at + 1) * LATENCY_BIN_MS, shown)
