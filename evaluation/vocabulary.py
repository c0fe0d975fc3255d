"""The reach vocabularies (regions, age bands, life situations) and the groups reports use."""

from __future__ import annotations

LANGUAGES = ("fi", "sv", "en")
CHANNELS = ("web", "counsellor", "api")
KINDS = ("answer", "no_answer", "out_of_scope", "crisis", "handoff")

# Finland's 19 regions (maakunnat), keyed by a stable ASCII slug stored in `sessions.region`.
REGIONS = (
    "uusimaa",
    "varsinais-suomi",
    "satakunta",
    "kanta-hame",
    "pirkanmaa",
    "paijat-hame",
    "kymenlaakso",
    "etela-karjala",
    "etela-savo",
    "pohjois-savo",
    "pohjois-karjala",
    "keski-suomi",
    "etela-pohjanmaa",
    "pohjanmaa",
    "keski-pohjanmaa",
    "pohjois-pohjanmaa",
    "kainuu",
    "lappi",
    "ahvenanmaa",
)
AGE_BANDS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
LIFE_SITUATIONS = (
    "student",
    "employed",
    "unemployed",
    "laid_off",
    "entrepreneur",
    "family_leave",
    "rehabilitation",
    "retired",
    "other",
)
RATINGS = (1, 2, 3, 4, 5)
CLARITY = (1, 2, 3, 4, 5)

# A reply below this confidence counts as a knowledge gap even when it answered.
LOW_CONFIDENCE = 0.45
