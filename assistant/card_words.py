"""Whether an answer card's question is more specific than the learner's: it names something
the learner did not ask about ("Can I get study leave from a side job?" for "Can I get study
leave from my job?"). Such a card does not open the reply when its answer is a yes or no ("No:
study leave is taken from work that is your main source of livelihood" answers another
question); it still votes for its article (`priority.lead_card`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from knowledge_base.chunking import Chunk
from knowledge_base.lexical import analyse

RARE_QUESTIONS = 2
"""A word at most this many card questions of a language use is specific ("side"); "job",
"work" and "study" are not. (Measured on the dev set: docs/answering.md.)"""
PREFIX = 5
"""A learner's word names a card word when they share this beginning (inflection)."""


class CardWords:
    """How many card questions of each language use each stem."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._used: dict[str, dict[str, int]] = {}
        for chunk in chunks:
            if chunk.kind != "card":
                continue
            used = self._used.setdefault(chunk.language, {})
            for stem in _stems(chunk.text, chunk.language):
                used[stem] = used.get(stem, 0) + 1

    def more_specific(self, card_question: str, question: str, language: str) -> bool:
        """Does the card's question use a rare word the learner's question does not?"""
        used = self._used.get(language, {})
        asked = _stems(question, language)
        heads = {s[:PREFIX] for s in asked if len(s) >= PREFIX}
        return any(
            used.get(stem, 0) <= RARE_QUESTIONS
            and stem not in asked
            and not (len(stem) >= PREFIX and stem[:PREFIX] in heads)
            for stem in _stems(card_question, language)
        )


_YES_NO = re.compile(r"^(yes|no|kyllä|ei|ja|nej)\b", re.IGNORECASE)


def answers_yes_or_no(answer: str) -> bool:
    """Does the card's answer open with yes or no (which holds only for its own question)?"""
    return bool(_YES_NO.match(answer.strip()))


@lru_cache(maxsize=16384)
def _stems(text: str, language: str) -> frozenset[str]:
    return frozenset(t for t in analyse(text, language) if not t.startswith("~") and len(t) >= 3)


__all__ = ["CardWords", "answers_yes_or_no"]
