"""The HTML pages: learner chat, counsellor co-pilot and dashboard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accounts.users import User
from web.auth.deps import REPORT_ROLES, STAFF_ROLES, CurrentUserDep
from web.deps import OrgsDep, ReportsDep
from web.i18n import CHOICES
from web.rendering import render

router = APIRouter(include_in_schema=False)
CHANNELS = ("web", "counsellor", "api")
DASHBOARD_DAYS = 30


def _gate(request: Request, user: User | None, roles: tuple[str, ...]) -> Response | None:
    """A redirect to sign in, a 403 page, or None when `user` may see the page."""
    if user is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if user.role not in roles:
        return render(request, "forbidden.html", title_key="forbidden", user=user, status_code=403)
    return None


@router.get("/", response_class=HTMLResponse)
def learner_chat(request: Request, orgs: OrgsDep) -> Response:
    """The learner chat; `?org=<id>` counts the session under that registered organisation
    (any other value, or none: the national service)."""
    org = orgs.door(request.query_params.get("org"))
    return render(
        request, "chat.html", title_key="chat_title", script="chat.js", choices=CHOICES, org=org
    )


@router.get("/counsellor", response_class=HTMLResponse)
def counsellor(request: Request, user: CurrentUserDep) -> Response:
    """The counsellor co-pilot (any staff role)."""
    gate = _gate(request, user, STAFF_ROLES)
    return gate or render(
        request, "counsellor.html", title_key="counsellor_title", script="counsellor.js", user=user
    )


@router.get("/counsellor/figures", response_class=HTMLResponse)
def counsellor_figures(request: Request, user: CurrentUserDep) -> Response:
    """The counsellor level: the signed-in member of staff's own co-pilot use and ratings."""
    gate = _gate(request, user, STAFF_ROLES)
    return gate or render(
        request,
        "counsellor_figures.html",
        title_key="my_figures_title",
        script="expert.js",
        user=user,
    )


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, user: CurrentUserDep, reports: ReportsDep) -> Response:
    """The dashboard: the whole service and every level (owner and admin); an org_owner's
    own organisation only."""
    gate = _gate(request, user, (*REPORT_ROLES, "org_owner"))
    if gate:
        return gate
    topics = reports.topics() or {}  # without names, topic keys are shown as they are
    today = dt.date.today()
    return render(
        request,
        "dashboard.html",
        title_key="dashboard_title",
        script="dashboard.js",
        user=user,
        channels=CHANNELS,
        topics=topics,
        date_from=(today - dt.timedelta(days=DASHBOARD_DAYS - 1)).isoformat(),
        date_to=today.isoformat(),
    )
