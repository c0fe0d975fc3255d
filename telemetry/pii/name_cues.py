"""The words that announce a name ("nimeni on", "jag heter", "I'm", "Mr", "opinto-ohjaaja"),
and where a sentence starts.

After a cue an unknown capitalised word is taken as a name too, and after the lower-case cues
even a lower-case word the lists know ("nimeni on matti").
"""

from __future__ import annotations

from telemetry.pii.lexicon import words

PUNCTUATION = ".,!?:;()\"'“”"
_SENTENCE_END = frozenset(".!?:;\n•*-–—\"'“”«»(")

# Cues, as the lower-case word or the two words right before a name. "nimeni on" and "my name
# is" are strong enough to trust even a lower-case name the lists know (see LOWER_CUES).
_CUES = frozenset(
    words(
        """
        nimeni nimeltä nimeltään heter kallas name's called minua olen oon täällä terveisin
        terv. t. hälsningar mvh hälsning i'm i’m regards cheers thanks best sincerely yours hei
        moi moikka terve hej hejsan hi hello dear hyvä kiitos tack
        """
    )
)
_CUES2 = frozenset(
    ("nimeni on", "nimi on", "namn är", "name is", "call me", "jag är", "det är", "här är",
     "i am", "this is", "it's", "thank you")
)  # fmt: skip
_TITLES = frozenset(
    words(
        """
        mr mrs ms miss mx dr prof herra rouva neiti tohtori hra rva herr fru fröken
        """
    )
)
_ROLE_STEMS = tuple(
    words(
        """
        opinto-ohjaaja ohjaaja uraohjaaja uravalmentaja työvalmentaja valmentaja opettaja esimie
        esihenkilö kollega työkaveri virkailija asiantuntija rekrytoija mentori handledare
        studievägledare lärare chef rekryterare adviser advisor counsellor counselor coach teacher
        manager colleague tutor mentor boss supervisor recruiter caseworker
        """
    )
)
# Chat is often all lower case ("moi, olen jenni", "hi im tom"). After these cues a lower-case
# word is taken as a name only if it is a given name of the lists that is not also a common word
# (see AMBIGUOUS_* in the lexicon); a lower-case surname may follow it.
LOWER_CUES = (
    "nimeni on ", "nimeni ", "nimi on ", "nimeltä ", "nimeltään ", "olen ", "oon ",
    "jag heter ", "mitt namn är ", "jag är ", "my name is ", "my name's ", "call me ",
    "i'm ", "i’m ", "im ", "i am ", "this is ", "terveisin ", "hälsningar ", "regards ",
)  # fmt: skip


def is_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (or the text)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def cue_before(text: str, start: int) -> bool:
    """Whether cue words come right before `start` (with only spacing, "," or ":")."""
    if start == 0 or not text[start - 1].isspace():
        return False
    before = text[max(0, start - 40) : start].rstrip().rstrip(",:").lower()
    tail = before.rsplit(None, 2)
    if not tail:
        return False
    last = tail[-1]
    # "...study counsellor. If you..." - a cue word ending a sentence cues nothing;
    # abbreviations ("Mr.", "t.", "terv.") end in a full stop too.
    if last[-1] in ".!?" and not (last in _CUES or last.rstrip(".") in _TITLES):
        return False
    pair = " ".join(tail[-2:])
    return (
        last in _CUES
        or pair in _CUES2
        or last.rstrip(".") in _TITLES
        or last.startswith(_ROLE_STEMS)
    )
