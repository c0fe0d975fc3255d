"""The organisations' doors and their admin page: the embeddable chat `/embed/<id>` (framed only
by the sites in the organisation's record) and `/admin/orgs` (admin only) to add and remove
organisations and to upload their monthly guidance contacts (CSV, docs/organisations.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accounts.users import User
from application.organisations import OrganisationForm, OrgError
from organisations.sectors import SECTORS
from web.auth import csrf
from web.auth.deps import CurrentUserDep
from web.deps import OrgsDep, OrgsPort
from web.i18n import CHOICES, strings
from web.rendering import render
from web.security import csp_with_frame_ancestors

router = APIRouter(include_in_schema=False)
ADMIN_ROLES = ("admin",)
DONE = ("added", "removed", "contacts")
"""What a change that succeeded tells the page it redirects to (`?done=`)."""
CsrfField = Annotated[str, Form()]


class AddForm(OrganisationForm):
    """The add form as posted, with its CSRF token."""

    csrf_token: str = ""


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


@router.get("/admin/orgs", response_class=HTMLResponse)
def admin_orgs(request: Request, user: CurrentUserDep, orgs: OrgsDep) -> Response:
    """The organisation registry: the list, each one's embed snippet, a form to add one."""
    done = request.query_params.get("done")
    rows = request.query_params.get("rows", "")
    return _refusal(request, user) or _page(
        request,
        user,
        orgs,
        done=done if done in DONE else None,
        imported=rows if done == "contacts" and rows.isdigit() else "",
    )


@router.post("/admin/orgs", response_class=HTMLResponse)
def admin_orgs_add(
    request: Request, user: CurrentUserDep, orgs: OrgsDep, form: Annotated[AddForm, Form()]
) -> Response:
    """Register an organisation; the page again with the reason when it cannot be."""

    def add() -> str:
        orgs.create(form.organisation())
        return "added"

    return _change(request, user, orgs, form.csrf_token, add, failed=400)


@router.post("/admin/orgs/contacts", response_class=HTMLResponse)
async def admin_orgs_contacts(
    request: Request,
    user: CurrentUserDep,
    orgs: OrgsDep,
    file: Annotated[UploadFile, File()],
    csrf_token: CsrfField = "",
) -> Response:
    """Import a contacts CSV: every row or, naming the first bad line, none."""
    data = await file.read()
    return _change(
        request,
        user,
        orgs,
        csrf_token,
        lambda: f"contacts&rows={orgs.import_contacts(data)}",
        failed=400,
    )


@router.post("/admin/orgs/{org_id}/remove", response_class=HTMLResponse)
def admin_orgs_remove(
    request: Request, user: CurrentUserDep, orgs: OrgsDep, org_id: str, csrf_token: CsrfField = ""
) -> Response:
    """Remove an organisation from the registry."""

    def remove() -> str:
        orgs.remove(org_id)
        return "removed"

    return _change(request, user, orgs, csrf_token, remove, failed=404)


def _refusal(request: Request, user: User | None) -> Response | None:
    """The sign-in page for nobody, 403 for a role that is not admin; None for an admin."""
    if user is None:
        return RedirectResponse("/login?next=/admin/orgs", status_code=303)
    if user.role not in ADMIN_ROLES:
        return render(request, "forbidden.html", title_key="forbidden", user=user, status_code=403)
    return None


def _change(
    request: Request,
    user: User | None,
    orgs: OrgsPort,
    token: str,
    action: Callable[[], str],
    *,
    failed: int,
) -> Response:
    """One change of the registry by an admin from this site: back to the page with what
    `action` did, or the page again with the reason (status `failed`)."""
    refusal = _refusal(request, user)
    if refusal:
        return refusal
    if not csrf.valid(request, token):
        return _error(request, user, orgs, "CSRF", 403)
    try:
        done = action()
    except OrgError as exc:
        return _error(request, user, orgs, str(exc), failed)
    return RedirectResponse(f"/admin/orgs?done={done}", status_code=303)


def _error(
    request: Request, user: User | None, orgs: OrgsPort, detail: str, status: int
) -> Response:
    language = request.query_params.get("lang") or "fi"
    error = strings(language)["org_error"].format(detail=detail)
    return _page(request, user, orgs, error=error, status_code=status)


def _page(
    request: Request,
    user: User | None,
    orgs: OrgsPort,
    *,
    status_code: int = 200,
    **context: object,
) -> Response:
    """The admin page over the registry as it is now."""
    return render(
        request,
        "admin_orgs.html",
        title_key="orgs_title",
        script="page.js",
        user=user,
        orgs=orgs.list(),
        choices=CHOICES,
        sectors=list(SECTORS),
        origin=f"{request.url.scheme}://{request.url.netloc}",
        status_code=status_code,
        **context,
    )
