"""Server-rendered pages: Jinja2 with autoescaping, the UI strings and the page's own script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from accounts.users import User
from web.auth import csrf
from web.i18n import LANGUAGE_NAMES, LANGUAGES, all_strings, pick_language, strings

TEMPLATES = Path(__file__).resolve().parent / "templates"
_templates = Jinja2Templates(directory=TEMPLATES)


def render(
    request: Request,
    template: str,
    *,
    title_key: str,
    script: str | None = None,
    user: User | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render `template` in the request's language, with a CSRF token where a form needs one."""
    language = pick_language(
        request.query_params.get("lang"), request.headers.get("accept-language")
    )
    # Only forms that change state need the CSRF cookie: the learner's pages set no cookie.
    needs_token = user is not None or template == "login.html"
    token = csrf.token_for(request) if needs_token else ""
    response = _templates.TemplateResponse(
        request,
        template,
        {
            "lang": language,
            "t": strings(language),
            "all_strings": all_strings(),
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "title_key": title_key,
            "script": script,
            "user": user,
            "csrf_token": token,
            **context,
        },
        status_code=status_code,
    )
    if needs_token:
        csrf.set_token(request, response, token)
    # Pages may show a signed-in user's name or a fresh CSRF token: never cache them.
    response.headers["cache-control"] = "no-store"
    return response
