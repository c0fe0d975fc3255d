"""A population baseline (by region and by age band, with its source) to compare reach against.

The CSV has a header and one row per group:

    dimension,group,population,source
    region,uusimaa,1234567,"Statistics Finland, table 11ra, 31 Dec 2024"
    age_band,25-34,123456,"Statistics Finland, table 11rd, 31 Dec 2024"

`dimension` is `region` or `age_band`; `group` uses the stored values (see
`evaluation.reports.vocabulary`); `population` is a whole number of people; every row names its
source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DIMENSIONS = ("region", "age_band")


@dataclass(frozen=True)
class Baseline:
    """Population by group for each dimension, and where the figures come from."""

    source: str
    population: dict[str, dict[str, int]]


def load_baseline(path: Path) -> Baseline:
    """Read a baseline CSV; raise ValueError naming the bad line."""
    population: dict[str, dict[str, int]] = {d: {} for d in DIMENSIONS}
    sources: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"dimension", "group", "population", "source"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"missing column(s): {', '.join(sorted(missing))}")
        for row in reader:
            line = reader.line_num
            dimension, group = (row["dimension"] or "").strip(), (row["group"] or "").strip()
            if dimension not in DIMENSIONS:
                raise ValueError(f"line {line}: dimension must be region or age_band")
            if not group:
                raise ValueError(f"line {line}: empty group")
            try:
                people = int((row["population"] or "").replace(" ", ""))
            except ValueError:
                raise ValueError(f"line {line}: population is not a whole number") from None
            if people <= 0:
                raise ValueError(f"line {line}: population must be positive")
            source = (row["source"] or "").strip()
            if not source:
                raise ValueError(f"line {line}: every row needs its source")
            if group in population[dimension]:
                raise ValueError(f"line {line}: {dimension} '{group}' given twice")
            population[dimension][group] = people
            if source not in sources:
                sources.append(source)
    if not any(population.values()):
        raise ValueError("no rows")
    return Baseline("; ".join(sources), population)
