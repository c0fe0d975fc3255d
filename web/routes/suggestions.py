"""Questions to suggest after an answer: the answer cards of the answer's article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from application.suggestions import follow_up_questions

router = APIRouter(prefix="/api", tags=["chat"])


class SuggestionsPublic(BaseModel):
    """Questions a learner may ask next, in the article's language."""

    questions: list[str]
    """Each card's first (canonical) question, at most three."""


@router.get("/suggestions", response_model=SuggestionsPublic)
def suggestions(
    request: Request,
    article: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")],
    language: Literal["fi", "sv", "en"] = "fi",
) -> SuggestionsPublic:
    """Follow-up questions from the answer cards of `article` in `language`."""
    content_dir = getattr(request.app.state.settings, "content_dir", None)
    questions = follow_up_questions(Path(content_dir) if content_dir else None, language, article)
    return SuggestionsPublic(questions=questions)
