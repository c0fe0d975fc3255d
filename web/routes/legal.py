"""Public pages every learner may read: how Suunta works, the privacy notice and the
accessibility statement."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from web.auth.deps import CurrentUserDep
from web.deps import SettingsDep
from web.rendering import render

router = APIRouter(include_in_schema=False)

STATEMENT_DATE = dt.date(2026, 12, 6)
"""When the accessibility statement was last reviewed against the browser tests."""


@router.get("/how-it-works", response_class=HTMLResponse)
def how_it_works(request: Request) -> Response:
    """What Suunta is, how an answer is made, and its limits."""
    return render(request, "how_it_works.html", title_key="how_it_works", script="page.js")


@router.get("/privacy", response_class=HTMLResponse)
def privacy(request: Request, user: CurrentUserDep, settings: SettingsDep) -> Response:
    """The privacy notice: who is responsible, on what basis, what is stored, for how long,
    and the learner's rights."""
    return render(
        request,
        "privacy.html",
        title_key="privacy_title",
        script="page.js",
        user=user,
        min_group=settings.min_group_size,
        retention_days=settings.retention_days,
        controller_name=settings.controller_name,
        controller_contact=settings.controller_contact,
    )


@router.get("/accessibility", response_class=HTMLResponse)
def accessibility(request: Request, settings: SettingsDep) -> Response:
    """The accessibility statement (saavutettavuusseloste)."""
    return render(
        request,
        "accessibility.html",
        title_key="accessibility",
        script="page.js",
        contact=settings.accessibility_contact or settings.controller_contact,
        dated=STATEMENT_DATE,
    )
