"""The limits check: is the question one of the kinds the sources never answer?

Retrieval always finds something near, and a question about the future of a field, the best
school, a website's fault or one person's taxes finds an article on that field, that school
level, that service or that benefit, and would be answered from it confidently and wrongly. The
limits (knowledge_base/limits/*.yaml) are curated questions of those kinds. A question is at a
limit when both keys fit:

- meaning: one of the limit's questions is close to it (question to question; how close is
  the embedding model's `Calibration.limit`) and about as close as the nearest answer card or
  closer, so that a question the sources do answer keeps its card;
- words: the question itself carries the limit's cue (a year ahead, "best", "error", "tax", a
  named country...), so a question near a limit only in topic is never refused.

Then the reply says plainly what Suunta cannot say and who can.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.places import country_names, is_country, place_keys
from assistant.retrieval import Retrieval
from knowledge_base.chunking import Chunk
from knowledge_base.limits import LIMIT_KIND, NAME_CUE, Limit, limits_in, pattern

HOME = ("suom", "finl")
"""Finland in fi/sv/en: the learner's own country is never "another country"."""
_WORD = re.compile(r"[\wåäöÅÄÖ]+")


class Limits:
    """The limits an index holds, and the check of a question against them."""

    def __init__(
        self, chunks: Iterable[Chunk], names: Callable[[str], bool] = lambda _: False
    ) -> None:
        """`names`: does a question name a place, school or employer (a name cue's other way
        to be met)?"""
        self._names = names
        self._kinds = {f"{LIMIT_KIND}:{limit.id}": limit for limit in limits_in(chunks)}
        self._countries = (
            place_keys(country_names()) if any(k.countries for k in self._kinds.values()) else None
        )

    def match(
        self, question: str, found: Retrieval, near: tuple[float, float, float] | None
    ) -> Limit | None:
        """The limit the question is at, or None; `near` is the model's (cosine, margin,
        margin with a specific cue) (Calibration.limit; None: never)."""
        if near is None:
            return None
        floor, margin, specific_margin = near
        card = found.evidence.card_cosine or 0.0
        for hit in sorted(found.limits, key=lambda h: -h.score):
            if hit.score < floor:
                break
            kind = self._kinds.get(hit.chunk.doc_id)
            if kind is None:
                continue
            allowed = specific_margin if kind.specific else margin
            if hit.score >= card + allowed and self._cued(kind, question):
                return kind
        return None

    def _cued(self, kind: Limit, question: str) -> bool:
        if all(self._cue(cue, question) for cue in kind.cues):
            return True
        return kind.countries and self._names_country(question)

    def _cue(self, cue: str, question: str) -> bool:
        if re.search(pattern(cue), question, re.IGNORECASE):
            return True
        return cue.startswith(NAME_CUE) and self._names(question)

    def _names_country(self, question: str) -> bool:
        """Does the question name a country other than Finland (as a name, capitalised)?"""
        if self._countries is None:
            return False
        return any(
            len(word) >= 4
            and word[0].isupper()
            and not word.lower().startswith(HOME)
            and is_country(word.lower(), self._countries)
            for word in _WORD.findall(question)
        )


__all__ = ["Limits"]
