"""Names of places: Finland's municipalities and the world's countries in Finnish, Swedish and
English, from the address data of Faker (already installed for the anonymiser), the Swedish
names of Finland's bilingual and Swedish-speaking municipalities, which Faker lacks, and the
spoken names of the biggest towns.

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
    # Ostrobothnia, Åland and Uusimaa, where Faker's list has the Finnish name only or none
    "vörå",
    "oravais",
    "sjundeå",
    "mörskom",
    "pernå",
    "lappträsk",
    "pyttis",
    "eckerö",
    "jomala",
    "finström",
    "lemland",
    "hammarland",
    "saltvik",
    "vårdö",
    "brändö",
    "föglö",
    "kökar",
    "kumlinge",
    "sottunga",
    "geta",
    "lumparland",
)
# What people call the biggest towns in speech ("hesan yliopisto", "stadin ao", "Mansessa"),
# and the stems towns take in most cases where consonant gradation changes them ("Lahdessa",
# "Helsingissä", "Turussa", "Seinäjoella").
SPOKEN_NAMES = ("hesa", "stadi", "manse", "tampesteri", "jyväs", "turkku")
# Regions and the old provinces people still name ("metsää Savossa", "i Österbotten", "in
# Lapland"): where someone lives or works, a place like a town (a hyphenated region's parts
# are words of their own: "Pohjois-Savo" is "savo").
REGION_NAMES = (
    "savo",
    "savolax",
    "karjala",
    "karelen",
    "karelia",
    "häme",
    "tavastland",
    "tavastia",
    "pohjanmaa",
    "österbotten",
    "ostrobothnia",
    "uusimaa",
    "nyland",
    "satakunta",
    "pirkanmaa",
    "birkaland",
    "kymenlaakso",
    "kymmenedalen",
    "kainuu",
    "kajanaland",
    "lappi",
    "lappland",
    "lapland",
    "ahvenanmaa",
    "åland",
    "päijänne",
)
GRADED_STEMS = (
    "lahde",
    "helsingi",
    "lappeenranna",
    "turu",
    "seinäjoe",
    "hango",
    "riihimäe",
    "valkeakoske",
    "uudenkaupungi",
)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every municipality and country name, lower-cased."""
    names: list[str] = [*fi_FI.Provider.cities, *fi_FI.Provider.countries]
    names += [*sv_SE.Provider.countries, *address_en.Provider.countries, *SWEDISH_NAMES]
    names += [*SPOKEN_NAMES, *GRADED_STEMS, *REGION_NAMES, *SPOKEN_COUNTRIES]
    return frozenset(name.lower() for name in names)


# Country names people use that the address data lacks ("muutto Hollantiin", "jenkkilään").
SPOKEN_COUNTRIES = ("hollanti", "holland", "jenkkilä", "jenkit", "amerikka")


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country name but Finland's, lower-cased, in Finnish, Swedish and English."""
    names = [*fi_FI.Provider.countries, *sv_SE.Provider.countries, *address_en.Provider.countries]
    names += SPOKEN_COUNTRIES
    return frozenset(n.lower() for n in names if not n.lower().startswith(("suomi", "finland")))


def place_keys(names: frozenset[str] | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Whole names and, for longer ones, the beginning an inflected form keeps
    ("Vaasa" -> "Vaasassa", "Kerava" -> "Keravalla")."""
    names = place_names() if names is None else names
    return names, frozenset(n if len(n) <= 5 else n[:-1] for n in names if len(n) >= 4)


def is_country(word: str, keys: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A country's name or an inflected form of it: a few letters more, no longer word
    ("norjassa", "Sverige"; not "peruskoulu")."""
    names, stems = keys
    # (a stem of at least four letters that begins the word, at most five letters shorter:
    # looked up by the word's own beginnings, not by trying every stem)
    return word in names or any(
        word[:n] in stems for n in range(max(4, len(word) - 5), len(word) + 1)
    )


def is_place_word(word: str, keys: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A place's name or a word beginning as one of the longer names does (lower-case)."""
    names, stems = keys
    if word in names:
        return True
    return any(word[:n] in stems for n in range(4, min(len(word), 14)))
