"""Triage before retrieval: crisis, asking for a human, prompt injection, out of scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern list is matched against the lower-cased message. Crisis patterns are broad on
# purpose (recall must be 100%); the idioms list keeps career talk ("kill the interview",
# "dying to get in") from raising false alarms.
CRISIS_PATTERNS = [
    # en
    r"\b(kill|hurt|harm|cut) (myself|my self)\b",
    r"\bsuicid",
    r"\bend (my|it all|my life)\b",
    r"\bwant(ed)? to die\b",
    r"\bdon'?t want to (live|be alive|exist|wake up)\b",
    r"\bno reason to live\b",
    r"\bbetter off dead\b",
    r"\bself[- ]?harm",
    r"\btake my (own )?life\b",
    r"\bcan'?t go on\b",
    r"\boverdose\b",
    r"\bjump off\b",
    # fi
    r"itsemurh",
    r"tappaa itse",
    r"tapan itse",
    r"\bhaluan kuolla",
    r"en halua (enää )?elää",
    r"elämä(ni)? ei ole elämisen arvoi",
    r"\bvahingoittaa itse",
    r"\bviillän\b",
    r"viiltel",
    r"päättää elämäni",
    r"lopettaa (kaiken|elämäni)",
    r"en jaksa (enää )?elää",
    r"ei jaksa elää",
    r"haluun kuolla",
    r"haluisin kuolla",
    r"en haluu elää",
    # sv
    r"självmord",
    r"ta livet av mig",
    r"vill (inte )?(leva|dö)\b",
    r"skada mig själv",
    r"orkar inte leva",
    r"vill inte finnas",
    r"avsluta mitt liv",
    r"skära mig",
]
CRISIS_IDIOMS = [
    r"dying to",
    r"kill (the|my|this|that|it)\b(?! ?self)",
    r"killing it",
    r"to die for",
    r"kuolla (ikävään|nauruun|tylsyyteen)",
]
HANDOFF_PATTERNS = [
    r"\b(talk|speak|chat) (to|with) (a |an )?(real |actual )?"
    r"(person|human|counsellor|counselor|adviser|advisor|someone)",
    r"\bhuman (agent|counsellor|help)\b",
    r"\breal person\b",
    r"(puhua|jutella|keskustella) (oikean )?(ihmisen|ohjaajan|henkilön|neuvojan)",
    r"oikea(n|lle)? ihmi",
    r"ihmisohjaaj",
    r"haluan (puhua|soittaa) ",
    r"(prata|tala) med (en )?(riktig )?(människa|person|handledare|studiehandledare)",
    r"riktig människa",
]
INJECTION_PATTERNS = [
    r"ignore (all |the |your )?(previous|prior|above) (instructions|prompts?)",
    r"disregard (all |the |your )?(previous|prior|above)",
    r"system prompt",
    r"you are now\b",
    r"pretend (to be|you are)",
    r"act as (a |an )?(?!career|student|study)",
    r"role[- ]?play",
    r"jailbreak",
    r"\bdan mode\b",
    r"developer mode",
    r"unohda (kaikki )?(aiemmat|edelliset) (ohjeet|ohjeesi)",
    r"ohita (aiemmat|edelliset) ohjeet",
    r"glöm (alla )?(tidigare|föregående) instruktioner",
    r"ignorera (alla )?tidigare",
]
OUT_OF_SCOPE_PATTERNS = [
    r"\brecipe\b",
    r"\bweather\b",
    r"\bpython (code|script)\b",
    r"\bjavascript\b",
    r"\bsql query\b",
    r"\bwrite (me )?(a )?(poem|song|joke|story)\b",
    r"\bjoke\b",
    r"\bfootball\b",
    r"\bhoroscope\b",
    r"resepti",
    r"\bsää\b",
    r"säätila",
    r"vitsi",
    r"runo\b",
    r"jalkapallo",
    r"recept",
    r"\bvädret\b",
    r"väder",
    r"\bskämt\b",
    r"\bdikt\b",
]


@dataclass(frozen=True)
class Triage:
    """What kind of message this is before any retrieval."""

    kind: str  # "crisis" | "handoff" | "injection" | "out_of_scope" | "guidance"
    cleaned: str
    """The message with any injected instructions removed (what retrieval may see)."""


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def _strip_injection(text: str) -> str:
    # Keep only sentences without an instruction to the model: the legitimate part, if any.
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    kept = [s for s in sentences if not _any(INJECTION_PATTERNS, s.lower())]
    return " ".join(kept).strip()


def triage(message: str) -> Triage:
    """Classify a message; crisis always wins."""
    lowered = " ".join(message.lower().split())
    without_idioms = lowered
    for idiom in CRISIS_IDIOMS:
        without_idioms = re.sub(idiom, " ", without_idioms)
    if _any(CRISIS_PATTERNS, without_idioms):
        return Triage("crisis", "")
    if _any(INJECTION_PATTERNS, lowered):
        cleaned = _strip_injection(message)
        return Triage("injection", cleaned)
    if _any(HANDOFF_PATTERNS, lowered):
        return Triage("handoff", message)
    if _any(OUT_OF_SCOPE_PATTERNS, lowered):
        return Triage("out_of_scope", "")
    return Triage("guidance", message)
