"""Demo organisations: twelve doors in five sectors and seven regions, and which of them a demo
session came through (about 60% through one, the rest straight to the national service)."""

from __future__ import annotations

import datetime as dt
import zlib

from organisations.models import OrganisationBase

_ORGS = (
    # id, fi name, sector, region, municipality, launched, weight
    ("ohjaamo-helsinki", "Ohjaamo Helsinki", "youth_services", "uusimaa", "Helsinki", 9, 14),
    ("ohjaamo-tampere", "Ohjaamo Tampere", "youth_services", "pirkanmaa", "Tampere", 10, 8),
    ("ohjaamo-oulu", "Ohjaamo Oulu", "youth_services", "pohjois-pohjanmaa", "Oulu", 10, 5),
    (
        "tyollisyys-helsinki",
        "Helsingin työllisyyspalvelut",
        "employment_services",
        "uusimaa",
        "Helsinki",
        8,
        12,
    ),
    (
        "tyollisyys-turku",
        "Turun työllisyyspalvelut",
        "employment_services",
        "varsinais-suomi",
        "Turku",
        9,
        6,
    ),
    (
        "tyollisyys-lappi",
        "Lapin työllisyyspalvelut",
        "employment_services",
        "lappi",
        "Rovaniemi",
        11,
        2,
    ),
    ("omnia", "Omnia", "education", "uusimaa", "Espoo", 8, 7),
    ("tredu", "Tredu", "education", "pirkanmaa", "Tampere", 9, 4),
    ("yrkesakademin", "Yrkesakademin i Österbotten", "education", "pohjanmaa", "Vaasa", 10, 3),
    (
        "kotoutuminen-vantaa",
        "Vantaan kotoutumispalvelut",
        "integration",
        "uusimaa",
        "Vantaa",
        10,
        4,
    ),
    ("setlementti-tampere", "Tampereen Setlementti", "third_sector", "pirkanmaa", "Tampere", 11, 2),
    ("sote-kainuu", "Kainuun hyvinvointialue", "social_health", "kainuu", "Kajaani", 11, 1),
)
NATIONAL_WEIGHT = 45
"""Sessions that come straight to the national service, against the organisations' weights."""


def demo_orgs(year: int | None = None) -> list[OrganisationBase]:
    """The demo organisations (launched in the autumn of `year`, by default this year)."""
    year = year or dt.datetime.now(dt.UTC).year
    return [
        OrganisationBase(
            id=ident,
            name_fi=name,
            name_sv=name,
            name_en=name,
            sector=sector,
            region=region,
            municipality=town,
            launched_on=dt.date(year, month, 1),
        )
        for ident, name, sector, region, town, month, _ in _ORGS
    ]


_CUMULATIVE = []
_total = 0
for _org in _ORGS:
    _total += _org[6]
    _CUMULATIVE.append((_total, _org[0]))


def org_of(session_id: str) -> str | None:
    """The door a demo session came through (fixed by its id), or None for the national one."""
    pick = zlib.crc32(session_id.encode()) % (_total + NATIONAL_WEIGHT)
    for upper, ident in _CUMULATIVE:
        if pick < upper:
            return ident
    return None
