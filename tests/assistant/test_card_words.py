"""A card's yes or no that holds for a narrower question than the learner's does not open the
reply."""

from __future__ import annotations

from assistant.card_words import CardWords, answers_yes_or_no
from knowledge_base.chunking import Chunk


def _card(n: int, question: str) -> Chunk:
    return Chunk(f"c{n}", "study-leave", "card", "en", "t", "h", question, "")


COMMON = ["Can I get study leave from my job?", "Can I take study leave from work?"] * 3
WORDS = CardWords(
    [_card(n, q) for n, q in enumerate([*COMMON, "Can I get study leave from a side job?"])]
)


def test_a_card_naming_a_rare_thing_the_learner_did_not_is_narrower() -> None:
    card = "Can I get study leave from a side job?"
    assert WORDS.more_specific(card, "Can I get study leave from my job?", "en")
    assert not WORDS.more_specific(card, "can i get study leave from my side job", "en")
    assert not WORDS.more_specific(
        "Can I take study leave from work?", "study leave from my job?", "en"
    )


def test_yes_or_no_answers_are_told_apart() -> None:
    assert answers_yes_or_no("No: study leave is taken from your main job.")
    assert answers_yes_or_no("Kyllä. Opintovapaata voi saada.")
    assert answers_yes_or_no("Nej, inte från en bisyssla.")
    assert not answers_yes_or_no("Online in the Asiointi section of Job Market Finland.")
    assert not answers_yes_or_no("Nejdå")  # (a word, not the answer no)
