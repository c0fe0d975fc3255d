"""The organisations' doors and their admin page: the embeddable chat `/embed/<id>` (framed only
by the sites in the organisation's record) and `/admin/orgs` (admin only) to add and remove
organisations and to upload their monthly guidance contacts (CSV, docs/organisations.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from application.organisations import OrganisationBase, OrgError
from organisations.sectors import SECTORS
from web.auth import csrf
from web.auth.deps import CurrentUserDep
from web.deps import OrgsDep
from web.i18n import CHOICES, strings
from web.rendering import render
from web.security import csp_with_frame_ancestors

router = APIRouter(include_in_schema=False)
ADMIN_ROLES = ("admin",)


@router.get("/embed/{org_id}", response_class=HTMLResponse)
def embed(request: Request, org_id: str, orgs: OrgsDep) -> Response:
    """The learner chat for a partner site's iframe; an unknown id gives the national service,
    which no site may frame."""
    org = orgs.door(org_id)
    response = render(
        request,
        "chat.html",
        title_key="chat_title",
        script="chat.js",
        choices=CHOICES,
        org=org,
        embed=True,
    )
    parents = org.allowed_parents.split() if org else []
    response.headers["content-security-policy"] = csp_with_frame_ancestors(parents)
    return response


def _admin_gate(request: Request, user: CurrentUserDep) -> Response | None:
    if user is None:
        return RedirectResponse("/login?next=/admin/orgs", status_code=303)
    if user.role not in ADMIN_ROLES:
        return render(request, "forbidden.html", title_key="forbidden", user=user, status_code=403)
    return None


@router.get("/admin/orgs", response_class=HTMLResponse)
def admin_orgs(request: Request, user: CurrentUserDep, orgs: OrgsDep) -> Response:
    """The organisation registry: the list, each one's embed snippet, a form to add one."""
    gate = _admin_gate(request, user)
    done = request.query_params.get("done")
    rows = request.query_params.get("rows", "")
    return gate or render(
        request,
        "admin_orgs.html",
        title_key="orgs_title",
        script="page.js",
        user=user,
        orgs=orgs.list(),
        choices=CHOICES,
        sectors=list(SECTORS),
        done=done if done in ("added", "removed", "contacts") else None,
        imported=rows if done == "contacts" and rows.isdigit() else "",
        origin=f"{request.url.scheme}://{request.url.netloc}",
    )


@router.post("/admin/orgs", response_class=HTMLResponse)
def admin_orgs_add(
    request: Request,
    user: CurrentUserDep,
    orgs: OrgsDep,
    org_id: Annotated[str, Form()],
    name_fi: Annotated[str, Form()],
    name_sv: Annotated[str, Form()],
    name_en: Annotated[str, Form()],
    sector: Annotated[str, Form()],
    region: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    municipality: Annotated[str, Form()] = "",
    launched_on: Annotated[str, Form()] = "",
    allowed_parents: Annotated[str, Form()] = "",
) -> Response:
    """Register an organisation; the page again with the reason when it cannot be."""
    gate = _admin_gate(request, user)
    if gate:
        return gate
    if not csrf.valid(request, csrf_token):
        return _error(request, user, orgs, "CSRF", 403)
    try:
        orgs.create(
            OrganisationBase(
                id=org_id.strip(),
                name_fi=name_fi,
                name_sv=name_sv,
                name_en=name_en,
                sector=sector,
                region=region,
                municipality=municipality.strip() or None,
                launched_on=dt.date.fromisoformat(launched_on) if launched_on else None,
                allowed_parents=" ".join(allowed_parents.split()),
            )
        )
    except OrgError as exc:
        return _error(request, user, orgs, str(exc), 400)
    except (ValidationError, ValueError) as exc:
        return _error(request, user, orgs, str(exc).splitlines()[0], 400)
    return RedirectResponse("/admin/orgs?done=added", status_code=303)


@router.post("/admin/orgs/contacts", response_class=HTMLResponse)
async def admin_orgs_contacts(
    request: Request,
    user: CurrentUserDep,
    orgs: OrgsDep,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Import a contacts CSV: every row or, naming the first bad line, none."""
    gate = _admin_gate(request, user)
    if gate:
        return gate
    if not csrf.valid(request, csrf_token):
        return _error(request, user, orgs, "CSRF", 403)
    data = await file.read()
    try:
        rows = orgs.import_contacts(data)
    except OrgError as exc:
        return _error(request, user, orgs, str(exc), 400)
    return RedirectResponse(f"/admin/orgs?done=contacts&rows={rows}", status_code=303)


@router.post("/admin/orgs/{org_id}/remove", response_class=HTMLResponse)
def admin_orgs_remove(
    request: Request,
    user: CurrentUserDep,
    orgs: OrgsDep,
    org_id: str,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Remove an organisation from the registry."""
    gate = _admin_gate(request, user)
    if gate:
        return gate
    if not csrf.valid(request, csrf_token):
        return _error(request, user, orgs, "CSRF", 403)
    try:
        orgs.remove(org_id)
    except OrgError as exc:
        return _error(request, user, orgs, str(exc), 404)
    return RedirectResponse("/admin/orgs?done=removed", status_code=303)


def _error(
    request: Request, user: CurrentUserDep, orgs: OrgsDep, detail: str, status: int
) -> Response:
    language = request.query_params.get("lang") or "fi"
    return render(
        request,
        "admin_orgs.html",
        title_key="orgs_title",
        script="page.js",
        user=user,
        orgs=orgs.list(),
        choices=CHOICES,
        sectors=list(SECTORS),
        error=strings(language)["org_error"].format(detail=detail),
        origin=f"{request.url.scheme}://{request.url.netloc}",
        status_code=status,
    )
