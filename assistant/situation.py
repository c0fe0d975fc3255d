"""What a learner (or a counsellor's description of a client) says about their situation: age,
work, education, interests. Used to respect it: an under-30 service is not the route offered to
someone who says they are 45, and a counsellor is not asked what they already wrote."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MIN_AGE = 13
MAX_AGE = 99
_AGE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:olen|oon|oon nyt|täytin|täytän|täyttänyt|jag är|jag fyller|i'?m|i am|aged?)\s+"
        r"(\d{2})\b(?!\s*(?:€|e\b|euro|%|h\b|tuntia|vuotta töissä|years? (?:of|in)))",
        r"\b(\d{2})\s*(?:-\s*)?(?:v\b|v\.|vee\b|vuotia\w*|vuoden ikäi\w*|år\b|åring\w*|"
        r"years? old|yrs? old|y/?o\b)",
        r"\b(?:asiakas|client|klient\w*|kund)\w*,?\s+(\d{2})\b",
        r"\bage[ds]?\s*(\d{2})\b",
    )
]
_UNEMPLOYED = re.compile(
    r"(työtön|työttömä|irtisano|lomautet|lomautu|työt loppu|ei töitä|vailla työtä|"
    r"arbetslös|uppsagd|permitter|utan jobb|unemploy|laid off|made redundant|lost my job|"
    r"out of work|jobless|fired)",
    re.IGNORECASE,
)
_EMPLOYED = re.compile(
    r"(olen töissä|oon töissä|työskentelen|teen töitä|kokoaikatyö|vakituinen|"
    r"jag jobbar|jag arbetar|heltidsjobb|i work |working full|full-time job|employed)",
    re.IGNORECASE,
)
_EDUCATION = re.compile(
    r"(tutkinto|tutkintoa|peruskoulu|ylioppila|lukio|amk|yliopisto|koulutus\w* on|"
    r"examen|grundskola|studentexamen|gymnasi|högskola|universitet|"
    r"degree|diploma|qualification|high school|comprehensive school|upper secondary)",
    re.IGNORECASE,
)
_INTEREST = re.compile(
    r"(kiinnostu\w*|haluaisi\w* alalle|haaveil\w*|intresse\w*|intresserad|"
    r"interested in|would like to work|wants? to work as|dreams? of)",
    re.IGNORECASE,
)


# An upper age limit stated in a sentence: "alle 30-vuotiaille", "unga under 30", "under-30s".
_AGE_LIMIT = re.compile(
    # "enintään 24 kuukaudeksi", "up to 24 months" is a length, not an age limit.
    r"\b(?:alle|under|enintään|högst|up to|upp till)[\s-]*(\d{2})\b(?!\s*(?:%|€|e\b|"
    r"kuuka\w*|kk\b|månad\w*|months?|viik\w*|veck\w*|weeks?|päiv\w*|dag\w*|days?|euro\w*|"
    r"tunti\w*|tunni\w*|timm\w*|hours?|osp|op\b|sp\b|credits?))|\bunder-(\d{2})s\b|"
    r"\b(\d{2})\s*(?:år|years?) (?:eller yngre|or (?:younger|under))|"
    r"\b\d{2}\s*[–-]\s*(\d{2})\s*(?:-\s*)?(?:vuotia\w*|åring\w*|år\b|years?[- ]olds?)|"
    r"\baged \d{2}\s*[–-]\s*(\d{2})\b|"
    # "If you are 16–29, ...", "Jos olet 16–29, ...", "Om du är 16–29 ..."
    r"\b(?:you are|olet|du är)\s+\d{2}\s*[–-]\s*(\d{2})\b",
    re.IGNORECASE,
)


# A lower age limit stated in a sentence: "vähintään 25-vuotias", "minst 25 år", "at least 25
# years old", "fyllt 55 år", "55 vuotta täyttänyt", "aged 25 or over".
_AGE_FLOOR = re.compile(
    r"\b(?:vähintään|minst|at least)\s+(\d{2})[- ]?(?:vuotia\w*|år\b|years? old)|"
    r"\b(\d{2})\s+vuotta\s+täyttän\w*|\bfyllt\s+(\d{2})\b|\b(?:aged|are|is)\s+(\d{2})\s+or\s+"
    r"(?:over|older)\b|\b(\d{2})\s+år\s+eller\s+äldre\b|\byli\s+(\d{2})-vuotia\w*",
    re.IGNORECASE,
)


def below_floor(sentence: str, age: int | None) -> bool:
    """Is the person younger than a lower age limit the sentence states ("fyllt 55 år" for a
    client of 24)?"""
    if age is None:
        return False
    return any(
        age < next(int(g) for g in match.groups() if g) for match in _AGE_FLOOR.finditer(sentence)
    )


def closed_to(sentence: str, age: int | None, names: Sequence[str] = ()) -> bool:
    """Does the sentence offer something this person is too old for: a service limited to
    younger people (one of `names`, lower-case) or an age limit below their age?"""
    if age is None:
        return False
    for match in _AGE_LIMIT.finditer(sentence):
        limit = next(int(g) for g in match.groups() if g)
        if age >= limit:
            return True
    text = sentence.lower()
    return any(name in text for name in names)


@dataclass(frozen=True)
class Situation:
    """What the text says about the person; None or False where it says nothing."""

    age: int | None = None
    unemployed: bool = False
    employed: bool = False
    education_stated: bool = False
    interest_stated: bool = False

    def known(self) -> set[str]:
        """The plan questions this situation already answers (keys of PLAN_QUESTIONS)."""
        keys: set[str] = set()
        if self.age is not None:
            keys.add("youth")
        if self.education_stated:
            keys.add("higher_education")
        if self.interest_stated:
            keys.add("career_planning")
        if self.unemployed or self.employed:
            keys.add("employed")
        return keys

    def excludes(self, age_max: int | None) -> bool:
        """Is a service limited to people aged at most `age_max` closed to this person?"""
        return age_max is not None and self.age is not None and self.age > age_max


def without_age(text: str) -> str:
    """The text without the age the learner says they are ("oon 45" -> "oon "): their
    situation, not a word to look for ("45 päivää ennen"). An age group asked about stays
    ("palkkatuki 60-vuotiaalle": the rules for over-60s). So is a client's ("Klient 24 år")."""
    for pattern in (_AGE[0], _AGE[2]):
        match = pattern.search(text)
        if match and MIN_AGE <= int(match.group(1)) <= MAX_AGE:
            return text[: match.start(1)] + text[match.end(1) :]
    return text


def read_situation(text: str) -> Situation:
    """The situation a message states (nothing is stored: it lives for one reply)."""
    age = None
    for pattern in _AGE:
        match = pattern.search(text)
        if match and MIN_AGE <= int(match.group(1)) <= MAX_AGE:
            age = int(match.group(1))
            break
    return Situation(
        age=age,
        unemployed=bool(_UNEMPLOYED.search(text)),
        employed=bool(_EMPLOYED.search(text)),
        education_stated=bool(_EDUCATION.search(text)),
        interest_stated=bool(_INTEREST.search(text)),
    )
