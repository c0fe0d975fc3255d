"""Questions to suggest after an answer: the canonical questions of its article's answer cards."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from knowledge_base.cards import CardError, card_paths, cards_dir_for, parse_cards

BUNDLED_CARDS = Path(__file__).resolve().parents[1] / "knowledge_base" / "cards"
MAX_QUESTIONS = 3


def follow_up_questions(content_dir: Path | None, language: str, article: str) -> list[str]:
    """Up to three follow-up questions for `article` in `language` (none when it has no cards)."""
    questions = _questions(_cards_dir(content_dir)).get((language, article), ())
    return list(questions[:MAX_QUESTIONS])


@lru_cache(maxsize=4)
def _questions(cards_dir: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(language, article id) -> the canonical question of each of its cards."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in card_paths(cards_dir):
        try:
            cards = parse_cards(path)
        except CardError:
            continue  # `suunta kb validate` reports it; suggestions just leave the file out
        for card in cards:
            found.setdefault((card.language, card.article_id), []).append(card.questions[0])
    return {key: tuple(values) for key, values in found.items()}


def _cards_dir(content_dir: Path | None) -> Path:
    beside = cards_dir_for(content_dir) if content_dir else None
    # A corpus without cards of its own (a test corpus) borrows the bundled ones.
    return beside if beside and beside.is_dir() else BUNDLED_CARDS
