"""Names of places: Finland's municipalities and the world's countries in Finnish, Swedish and
English, from the address data of Faker (already installed for the anonymiser), and the Swedish
names of Finland's bilingual and Swedish-speaking municipalities, which Faker lacks.

A place in a question is not a subject of its own ("I live in Espoo, how do I apply?" is
answered by the general guidance), but a place next to a local detail ("when does the course in
Pori start?") marks a question only that place's school or office can answer."""

from __future__ import annotations

from functools import lru_cache

from faker.providers.address import en as address_en
from faker.providers.address import fi_FI, sv_SE

# The Swedish names of Finnish municipalities and towns where they differ from the Finnish
# ones (Faker knows the Finnish names only).
SWEDISH_NAMES = (
    "helsingfors",
    "esbo",
    "vanda",
    "grankulla",
    "kyrkslätt",
    "sibbo",
    "borgå",
    "lovisa",
    "ingå",
    "raseborg",
    "ekenäs",
    "karis",
    "hangö",
    "lojo",
    "kimitoön",
    "pargas",
    "nådendal",
    "åbo",
    "nystad",
    "raumo",
    "björneborg",
    "tammerfors",
    "tavastehus",
    "lahtis",
    "kervo",
    "träskända",
    "hyvinge",
    "fredrikshamn",
    "villmanstrand",
    "nyslott",
    "vasa",
    "korsholm",
    "malax",
    "korsnäs",
    "närpes",
    "kristinestad",
    "kaskö",
    "jakobstad",
    "pedersöre",
    "nykarleby",
    "larsmo",
    "karleby",
    "kronoby",
    "uleåborg",
    "torneå",
    "kajana",
    "mariehamn",
)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every municipality and country name, lower-cased."""
    names: list[str] = [*fi_FI.Provider.cities, *fi_FI.Provider.countries]
    names += [*sv_SE.Provider.countries, *address_en.Provider.countries, *SWEDISH_NAMES]
    return frozenset(name.lower() for name in names)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country name but Finland's, lower-cased, in Finnish, Swedish and English."""
    names = [*fi_FI.Provider.countries, *sv_SE.Provider.countries, *address_en.Provider.countries]
    return frozenset(n.lower() for n in names if not n.lower().startswith(("suomi", "finland")))
