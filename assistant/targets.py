"""The occupation a question asks about, as the learner wrote it ("hur blir man sotare",
"haluun optikoks"): read by retrieval (a work word keeps a question in the domain), the
coverage check and the occupation guides' names."""

from __future__ import annotations

import re

from knowledge_base.lexical import analyse

# The occupation a question is about, as the learner wrote it.
TARGETS = {
    "fi": [
        # "ajo-opettaja – mikä tutkinto pitää olla?"
        r"^(\w[\w-]{4,}(?:ja|jä|ri|ti|äri|aaja|ääjä))\s*[-–:]\s*"
        r"(?=.*\b(?:tutkin|koulutu|opiskel|pätevyy)\w*)",
        r"\b(?:tulla|tulee|tulis|tulisi|ryhtyä|ryhdyn|kouluttautua|päästä|pääsee|pääsen|"
        r"pääsis|pääsisin|opiskella|"
        r"opiskelemaan|valmistua|töihin)\s+(\w{4,}?)ksi\b",
        r"\b(?:musta|minusta|susta|sinusta) (?:tulee|tulis|tulisi|vois tulla) (\w{4,})",
        r"\bmitä (\w{4,}) (?:tekee|tekevät)\b",
        r"\b(?:paljonko|kuinka paljon|mitä) (\w{4,}) (?:tienaa|ansaitsee|saa palkkaa)\b",
        r"\b(\w{5,}?)(?:n|in|en) (?:koulutus|koulutukseen|ammattiin|palkka|työnkuva)\b",
        r"\btyöskennellä (\w{4,}?)(?:na|nä)\b",
    ],
    "sv": [
        # "tandtekniker – vilken utbildning behövs?"
        r"^(\w{5,}(?:are|ör|ist|log|när|tör|ker|ier|eut))\s*[-–:]\s*"
        r"(?=.*\b(?:utbildning|examen|studera|plugga|bli)\w*)",
        r"\bhur blir (?:man|jag|du) (?:en |ett )?(\w{4,})",
        r"\bbli (?:en |ett )?(\w{4,}(?:are|ör|ist|log|när|tör|man|ska|ent|ant|ter|eut|ker|ier))\b",
        r"\bvad gör (?:en |ett )?(\w{4,})",
        # ("jag vill jobba med vindkraft som servicetekniker")
        r"\b(?:jobba|arbeta) (?:med \w+ )?som (?:en |ett )?(\w{4,})",
        r"\btjänar (?:en |ett )?(?:nyanställd |ny )?(\w{4,})",
        r"\butbildning(?:en)? till (\w{4,})",
        r"\butbildning(?:ar|en)? (?:kvar )?för (\w{4,}(?:are|ör|ist|log|när|tör|ier|eut|ker))s?\b",
    ],
    "en": [
        r"\bbecom(?:e|ing) an? ((?:[\w-]+ )?\w[\w-]{3,})",
        r"\bwhat does an? (\w{4,}) do\b",
        r"\bwork(?:ing)? as an? ((?:[\w-]+ )?\w[\w-]{3,})",
        r"\b(?:does|do) (?:an? )?(\w{4,}?)s? (?:earn|make)\b",
        r"\btrain(?:ing)? (?:to be|as) an? ((?:[\w-]+ )?\w[\w-]{3,})",
        r"\b(?:want|wanna|would like|'d like|hope|plan|planning) to be an? (\w{4,})\b",
        # "landscape gardener (viherrakentaja) - which qualification gets me there?"
        r"^((?:\w+ ){0,2}\w{3,}(?:er|or|ist|ian))\s*(?:\([^)]*\))?\s*[-–:]\s*"
        r"(?=.*\b(?:qualification|study|studies|training|degree|course|become)\b)",
        r"\b(?:qualification|training|course|studies|degree|education) for (?:an? )?"
        r"((?:\w+ )?\w{3,}(?:er|or|ist|ian))s?\b",
    ],
}
TARGET_PATTERNS = {
    language: [re.compile(p, re.IGNORECASE) for p in patterns]
    for language, patterns in TARGETS.items()
}


# Spoken Finnish drops the translative's -i ("haluun optikoks", "miten pääsee lentoemännäks"):
# the occupation the learner wants to become. Only a word the articles never use counts
# (assistant.coverage), as a spoken ending also shortens words the articles do name.
SPOKEN_TARGET = re.compile(
    r"\b(?:haluu?n|haluisin|haluaisin|haluis|tahdon|tulla|tulis|pääsee|pääsen|pääsis|pääsisin|"
    r"päästä|ryhtyä|kouluttautua|opiskella|valmistua|valmistun|hakee|hakea|alan|rupeen|ruveta)"
    r"\s+(?:\w+\s+)?(\w{4,}?)(?:ks|kse)\b|"
    r"\bmitä (\w{4,}?)(?:ks|kse) (?:opiskel\w*|pitää|tarvi\w*|luetaan)|"
    r"\b(?:onks|onko|onkse|onks sit) (\w{4,}?)(?:ks|kse) (?:mitään |jotain |mitää |joku )?"
    r"(?:koulutu\w*|opiskel\w*|tutkin\w*|kurss\w*)",
    re.IGNORECASE,
)


def spoken_targets(question: str) -> list[str]:
    """Occupations named with the spoken translative ("optikoks"), as written."""
    return [m.group(1) or m.group(2) or m.group(3) for m in SPOKEN_TARGET.finditer(question)]


def occupation_targets(question: str, language: str) -> list[str]:
    """Words naming the occupation the question asks about (may be empty)."""
    found: list[str] = []
    for pattern in TARGET_PATTERNS.get(language, []):
        for match in pattern.finditer(question):
            found.extend(match.group(1).split())
    return found


# A card, pass or licence named as a compound ("järjestyksenvalvojakortti", "hygieniapassi",
# "truckkort"): a named thing the evidence must name too, not just a word of its beginning.
LICENCES = {
    "fi": re.compile(
        r"\b(\w{4,}(?:kortti|kortin|korttia|korttiin|kortista|passi|passin|passia|passiin|"
        r"lupakirja\w*))\b",
        re.IGNORECASE,
    ),
    "sv": re.compile(r"\b(\w{4,}(?:kort|kortet|korten|certifikat|certifikatet))\b", re.IGNORECASE),
}


def licence_targets(question: str, language: str) -> list[tuple[str, str]]:
    """Cards, passes and licences the question names as a compound, as (what it is for, what
    it is): ("järjestyksenvalvoja", "kortti"), ("lento", "lupakirjat")."""
    pattern = LICENCES.get(language)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(question):
        word = match.group(1)
        kind = LICENCE_KIND.search(word)
        if kind is not None and kind.start() >= 4:
            found.append((word[: kind.start()], word[kind.start() :]))
    return found


LICENCE_KIND = re.compile(r"(kort|pass|lupakirja|certifikat)\w*$", re.IGNORECASE)


# The learner's own job, as written ("working as a nurse", "oon lähihoitaja", "jobbar som
# barnskötare"): their situation, not what they ask about.
OWN_JOB = re.compile(
    r"\b(?:working as|work as|worked as|i'?m an?|i am an?|olen|oon|työskentelen|olin|"
    r"jobbar som|arbetar som|jobbat som|arbetat som|jag är)\s+(?:an?\s+|en\s+|ett\s+)?(\w{4,})",
    re.IGNORECASE,
)


def own_jobs(question: str, language: str) -> set[str]:
    """Stems of the occupations the question names as the learner's own job."""
    words = " ".join(m.group(1) for m in OWN_JOB.finditer(question))
    return {t for t in analyse(words, language) if not t.startswith("~")} if words else set()
