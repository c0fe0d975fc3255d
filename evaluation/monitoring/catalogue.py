"""The indicator catalogue (`evaluation/indicators.yaml`): ids, names and definitions in fi, sv
and en, formula, unit, category, levels, dimensions and suppression rule of each indicator."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "indicators.yaml"
CATEGORIES = ("availability", "quality", "effectiveness", "results")
RULES = ("count", "share", "mean", "percentile", "distribution", "distinct", "per_population")
LEVELS = ("national", "region", "sector", "org")
LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Indicator:
    """One indicator of the common set."""

    id: str
    category: str
    unit: str
    base: str
    """The count every published value of it rests on (its suppression decides)."""
    suppression: str
    levels: tuple[str, ...]
    dimensions: tuple[str, ...]
    formula: str
    names: dict[str, str]
    definitions: dict[str, str]
    groups: tuple[str, ...] = ()
    """For a distribution: its groups, in order."""


@dataclass(frozen=True)
class Catalogue:
    """The versioned indicator set."""

    version: int
    published: str
    licence: str
    indicators: tuple[Indicator, ...]

    def get(self, indicator_id: str) -> Indicator:
        """One indicator by id (KeyError if there is none)."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)


def parse(data: dict[str, object]) -> Catalogue:
    """A catalogue from its YAML data; ValueError naming the first bad entry."""
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        raise ValueError("no indicators")
    out: list[Indicator] = []
    for item in items:
        ident = item.get("id", "?")
        try:
            indicator = Indicator(
                id=str(item["id"]),
                category=str(item["category"]),
                unit=str(item["unit"]),
                base=str(item["base"]),
                suppression=str(item["suppression"]),
                levels=tuple(item["levels"]),
                dimensions=tuple(item["dimensions"]),
                formula=str(item["formula"]),
                names={k: str(v) for k, v in item["names"].items()},
                definitions={k: str(v) for k, v in item["definitions"].items()},
                groups=tuple(item.get("groups", ())),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"indicator {ident}: missing or bad {exc}") from None
        if indicator.category not in CATEGORIES:
            raise ValueError(f"indicator {ident}: category must be one of {CATEGORIES}")
        if indicator.suppression not in RULES:
            raise ValueError(f"indicator {ident}: suppression must be one of {RULES}")
        if not set(indicator.levels) <= set(LEVELS):
            raise ValueError(f"indicator {ident}: levels must be among {LEVELS}")
        for field in (indicator.names, indicator.definitions):
            if set(field) != set(LANGUAGES) or not all(v.strip() for v in field.values()):
                raise ValueError(f"indicator {ident}: names and definitions in fi, sv and en")
        if (indicator.suppression == "distribution") != bool(indicator.groups):
            raise ValueError(f"indicator {ident}: groups are given for distributions only")
        out.append(indicator)
    ids = [i.id for i in out]
    if len(set(ids)) != len(ids):
        raise ValueError("indicator ids must be unique")
    return Catalogue(
        version=int(data["version"]),  # type: ignore[call-overload]
        published=str(data["published"]),
        licence=str(data["licence"]),
        indicators=tuple(out),
    )


@cache
def load_catalogue(path: Path = CATALOGUE) -> Catalogue:
    """The catalogue at `path` (the shipped one by default)."""
    with path.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))
