"""Public pages every learner may read: how Suunta works and the accessibility statement."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/how-it-works", response_class=HTMLResponse)
def how_it_works(request: Request) -> Response:
    """What Suunta is, how an answer is made, and its limits."""
    return render(request, "how_it_works.html", title_key="how_it_works", script="page.js")
