"""The optional reach questions a learner may answer, with their fixed answers in fi, sv and en.

Codes are what the store keeps (`sessions.age_band`, `.region`, `.life_situation`); they match
`evaluation.vocabulary`. Labels are what the chat page shows.
"""

from __future__ import annotations

Labels = dict[str, str]

QUESTIONS: dict[str, Labels] = {
    "age_band": {"fi": "Ikäsi", "sv": "Din ålder", "en": "Your age"},
    "region": {"fi": "Maakuntasi", "sv": "Ditt landskap", "en": "Your region"},
    "life_situation": {
        "fi": "Elämäntilanteesi",
        "sv": "Din livssituation",
        "en": "Your situation in life",
    },
    "clarity": {
        "fi": "Kuinka selvä seuraava askeleesi on? (1 = ei lainkaan, 5 = täysin selvä)",
        "sv": "Hur klart är ditt nästa steg? (1 = inte alls, 5 = helt klart)",
        "en": "How clear is your next step? (1 = not at all, 5 = completely clear)",
    },
    "optional": {
        "fi": "Vastaaminen on vapaaehtoista. Vastauksia käytetään vain tilastoihin.",
        "sv": "Det är frivilligt att svara. Svaren används bara för statistik.",
        "en": "Answering is optional. The answers are only used for statistics.",
    },
}

AGE_BANDS: dict[str, Labels] = {
    band: {
        "fi": f"{band.replace('-', '–')} vuotta",
        "sv": f"{band.replace('-', '–')} år",
        "en": f"{band.replace('-', '–')} years",
    }
    for band in ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
}

# The 19 regions (maakunnat) of Finland, Åland included, in Statistics Finland's order.
REGIONS: dict[str, Labels] = {
    "uusimaa": {"fi": "Uusimaa", "sv": "Nyland", "en": "Uusimaa"},
    "varsinais-suomi": {
        "fi": "Varsinais-Suomi",
        "sv": "Egentliga Finland",
        "en": "Southwest Finland",
    },
    "satakunta": {"fi": "Satakunta", "sv": "Satakunta", "en": "Satakunta"},
    "kanta-hame": {"fi": "Kanta-Häme", "sv": "Egentliga Tavastland", "en": "Kanta-Häme"},
    "pirkanmaa": {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"},
    "paijat-hame": {"fi": "Päijät-Häme", "sv": "Päijänne-Tavastland", "en": "Päijät-Häme"},
    "kymenlaakso": {"fi": "Kymenlaakso", "sv": "Kymmenedalen", "en": "Kymenlaakso"},
    "etela-karjala": {"fi": "Etelä-Karjala", "sv": "Södra Karelen", "en": "South Karelia"},
    "etela-savo": {"fi": "Etelä-Savo", "sv": "Södra Savolax", "en": "South Savo"},
    "pohjois-savo": {"fi": "Pohjois-Savo", "sv": "Norra Savolax", "en": "North Savo"},
    "pohjois-karjala": {"fi": "Pohjois-Karjala", "sv": "Norra Karelen", "en": "North Karelia"},
    "keski-suomi": {"fi": "Keski-Suomi", "sv": "Mellersta Finland", "en": "Central Finland"},
    "etela-pohjanmaa": {
        "fi": "Etelä-Pohjanmaa",
        "sv": "Södra Österbotten",
        "en": "South Ostrobothnia",
    },
    "pohjanmaa": {"fi": "Pohjanmaa", "sv": "Österbotten", "en": "Ostrobothnia"},
    "keski-pohjanmaa": {
        "fi": "Keski-Pohjanmaa",
        "sv": "Mellersta Österbotten",
        "en": "Central Ostrobothnia",
    },
    "pohjois-pohjanmaa": {
        "fi": "Pohjois-Pohjanmaa",
        "sv": "Norra Österbotten",
        "en": "North Ostrobothnia",
    },
    "kainuu": {"fi": "Kainuu", "sv": "Kajanaland", "en": "Kainuu"},
    "lappi": {"fi": "Lappi", "sv": "Lappland", "en": "Lapland"},
    "ahvenanmaa": {"fi": "Ahvenanmaa", "sv": "Åland", "en": "Åland"},
}

LIFE_SITUATIONS: dict[str, Labels] = {
    "student": {"fi": "Opiskelen", "sv": "Jag studerar", "en": "Studying"},
    "employed": {"fi": "Olen työssä", "sv": "Jag arbetar", "en": "Employed"},
    "unemployed": {"fi": "Olen työtön", "sv": "Jag är arbetslös", "en": "Unemployed"},
    "laid_off": {"fi": "Olen lomautettu", "sv": "Jag är permitterad", "en": "Laid off"},
    "entrepreneur": {"fi": "Olen yrittäjä", "sv": "Jag är företagare", "en": "Self-employed"},
    "family_leave": {
        "fi": "Olen perhevapaalla",
        "sv": "Jag är familjeledig",
        "en": "On family leave",
    },
    "rehabilitation": {
        "fi": "Olen kuntoutuksessa",
        "sv": "Jag är i rehabilitering",
        "en": "In rehabilitation",
    },
    "retired": {"fi": "Olen eläkkeellä", "sv": "Jag är pensionär", "en": "Retired"},
    "other": {"fi": "Muu tilanne", "sv": "Annat", "en": "Something else"},
}

CLARITY = (1, 2, 3, 4, 5)

# The two outcome questions, asked once with one click on a later visit (or later in the
# session, after a handoff); the store keeps the code (`sessions.next_step_taken`,
# `.service_contacted`) on the session in which the step was planned or the service suggested.
NEXT_STEP_TAKEN = ("yes", "partly", "not_yet", "not_relevant")
"""'Did you take the next step you planned?'"""
SERVICE_CONTACTED = ("yes", "not_yet", "not_relevant")
"""'Did you contact the service we suggested?'"""
HANDOFF_TAKEN = ("link", "phone")
"""How the learner opened one of the services a handoff reply offered: its web address or its
phone number (`sessions.handoff_taken`; which service it was is not kept)."""


def options(language: str) -> dict[str, object]:
    """Every question and its answers (code and label) in one language."""

    def pick(table: dict[str, Labels]) -> list[dict[str, str]]:
        return [{"code": code, "label": labels[language]} for code, labels in table.items()]

    return {
        "language": language,
        "questions": {key: labels[language] for key, labels in QUESTIONS.items()},
        "age_band": pick(AGE_BANDS),
        "region": pick(REGIONS),
        "life_situation": pick(LIFE_SITUATIONS),
        "clarity": list(CLARITY),
    }
