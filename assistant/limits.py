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
from collections.abc import Iterable

from assistant.coverage_patterns import ORIGIN
from assistant.names import Names
from assistant.retrieval import Retrieval
from knowledge_base.chunking import Chunk
from knowledge_base.limits import LIMIT_KIND, NAME_CUE, Limit, limits_in, pattern


def _origin_words(question: str) -> set[str]:
    """The words (lower case) of where the question says someone comes from: "from", the
    name and what follows it ("min kusin från Pakistan vill", "tuun Bangladeshista")."""
    words: set[str] = set()
    for match in ORIGIN.finditer(question):
        words.update(w.lower() for w in re.findall(r"\w+", question[match.start() :])[:4])
    return words


class Limits:
    """The limits an index holds, and the check of a question against them."""

    def __init__(self, chunks: Iterable[Chunk], names: Names | None = None) -> None:
        """`names`: what the articles name (`assistant.names`): a name cue is also met by a
        place, school or employer the question names, and a limit about other countries by a
        country named; without it neither is."""
        self._names = names
        self._kinds = {f"{LIMIT_KIND}:{limit.id}": limit for limit in limits_in(chunks)}
        self._compiled: dict[str, re.Pattern[str]] = {}

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
        # A country as a name ("Norja") or as where something happens ("norjassa"), not a
        # language ("norjaa"), nor where the learner comes from ("tuun Bangladeshista amk:hon",
        # "min kusin från Pakistan vill komma hit"): that is their background.
        if not kind.countries or self._names is None:
            return False
        origins = _origin_words(question)
        return any(c not in origins for c in self._names.countries_named(question))

    def _cue(self, cue: str, question: str) -> bool:
        compiled = self._compiled.get(cue)
        if compiled is None:  # compiled once: re's own cache overflows with every cue
            compiled = self._compiled[cue] = re.compile(pattern(cue), re.IGNORECASE)
        if compiled.search(question):
            return True
        names = self._names
        return (
            cue.startswith(NAME_CUE) and names is not None and names.names_a_place_or_name(question)
        )


__all__ = ["Limits"]
