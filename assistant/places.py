"""Names of places: Finland's municipalities and the world's countries in Finnish, Swedish and
English, from the address data of Faker (already installed for the anonymiser).

A place in a question is not a subject of its own ("I live in Espoo, how do I apply?" is
answered by the general guidance), but a place next to a local detail ("when does the course in
Pori start?") marks a question only that place's school or office can answer."""

from __future__ import annotations

from functools import lru_cache

from faker.providers.address import en as address_en
from faker.providers.address import fi_FI, sv_SE


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every municipality and country name, lower-cased."""
    names: list[str] = [*fi_FI.Provider.cities, *fi_FI.Provider.countries]
    names += [*sv_SE.Provider.countries, *address_en.Provider.countries]
    return frozenset(name.lower() for name in names)
