"""Questions to suggest after an answer: the answer cards of the answer's article."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from knowledge_base.cards import CardError, card_paths, cards_dir_for, parse_cards

router = APIRouter(prefix="/api", tags=["chat"])
BUNDLED_CARDS = Path(__file__).resolve().parents[2] / "knowledge_base" / "cards"
MAX_QUESTIONS = 3


class SuggestionsPublic(BaseModel):
    """Questions a learner may ask next, in the article's language."""

    questions: list[str]
    """Each card's first (canonical) question, at most three."""


@lru_cache(maxsize=4)
def _questions(cards_dir: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(language, article id) -> the canonical question of each of its cards."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in card_paths(cards_dir):
        try:
            cards = parse_cards(path)
        except CardError:
            continue  # `suunta validate` reports it; suggestions just leave the file out
        for card in cards:
            found.setdefault((card.language, card.article_id), []).append(card.questions[0])
    return {key: tuple(values) for key, values in found.items()}


def _cards_dir(request: Request) -> Path:
    content_dir = getattr(request.app.state.settings, "content_dir", None)
    beside = cards_dir_for(Path(content_dir)) if content_dir else None
    # A corpus without cards of its own (a test corpus) borrows the bundled ones.
    return beside if beside and beside.is_dir() else BUNDLED_CARDS


@router.get("/suggestions", response_model=SuggestionsPublic)
def suggestions(
    request: Request,
    article: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")],
    language: Literal["fi", "sv", "en"] = "fi",
) -> SuggestionsPublic:
    """Follow-up questions from the answer cards of `article` in `language`."""
    questions = _questions(_cards_dir(request)).get((language, article), ())
    return SuggestionsPublic(questions=list(questions[:MAX_QUESTIONS]))
