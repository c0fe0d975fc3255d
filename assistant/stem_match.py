"""Whether a stem is in a set of stems: as a form a few letters longer or shorter, by its
beginning or as a compound's tail (the coverage check's evidence), or nearly whole (an
occupation the question asks about)."""

from __future__ import annotations

from assistant.names import PREFIX

INFLECTION = 3
"""Letters an inflected form may add to or drop from a stem the analyser left unmatched."""
COMPOUND_TAIL = 5
"""A stem at least this long may be a compound's tail ("kohte" in "hakukohteeseen")."""
WHOLE = 2
"""An occupation is named when the evidence has its stem less at most this many letters."""


def names_form(stem: str, asked: set[str]) -> bool:
    """Does the question use this stem, or a form of it a few letters longer or shorter?"""
    if stem in asked:
        return True
    return len(stem) >= PREFIX and any(
        len(a) >= PREFIX
        and abs(len(a) - len(stem)) <= INFLECTION
        and (a.startswith(stem) or stem.startswith(a))
        for a in asked
    )


def names_whole(target: str, stems: set[str]) -> bool:
    """Does the evidence name this occupation, not just a word of the same beginning or a
    compound's tail? "kirjastonhoitaja" is not in "kirjastot" (studying abroad) nor in
    "lähihoitaja"; "luokanope" is in "luokanopettaja"."""
    if target in stems:
        return True
    need = max(PREFIX, len(target) - WHOLE)
    head = target[:need]
    return len(target) >= need and any(s.startswith(head) for s in stems if len(s) >= need)


def found_in(concept: str, stems: set[str], prefixes: set[str]) -> bool:
    """Is the concept in the evidence: itself, by its beginning or as a compound's tail?"""
    if concept in stems:
        return True
    if len(concept) >= PREFIX and concept[:PREFIX] in prefixes:
        return True
    # A compound's tail: "hakukohteeseen" holds "kohte", "sjuksköterskeutbildning" "utbildning".
    return len(concept) >= COMPOUND_TAIL and any(
        len(s) >= COMPOUND_TAIL and (concept.endswith(s) or s.endswith(concept)) for s in stems
    )


def begun(head: str, stems: set[str]) -> bool:
    """Does the evidence use nearly all of this beginning of a compound ("lento" in "lentäjän
    lupakirjat"; not "järjest" for "järjestyksenvalvojakortti")?"""
    need = max(4, len(head) - 3)
    return any(s.startswith(head.lower()[:need]) for s in stems)


__all__ = ["COMPOUND_TAIL", "INFLECTION", "WHOLE", "begun", "found_in", "names_form", "names_whole"]
