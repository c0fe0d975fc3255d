"""`create_app(settings, services)`: the FastAPI application over services built once by the
composition root; its lifespan starts and stops them (flushing telemetry on shutdown)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from web import openapi_errors
from web.auth.deps import AUTH_RESPONSES, REPORT_ROLES, require_roles
from web.auth.throttle import LoginThrottle
from web.deps import Services, WebSettings
from web.routes import (
    auth,
    chat,
    indicators,
    legal,
    openai_compat,
    orgs,
    pages,
    reports,
    session,
    stream,
    suggestions,
    system,
)
from web.routes.system import STATIC
from web.security import BodySizeLimit, RateLimit, SecurityHeaders

log = logging.getLogger(__name__)


def create_app(settings: WebSettings, services: Services) -> FastAPI:
    """The app for `settings` over `services` (see `suunta.wiring.build_components`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services.start(app)
        try:
            yield
        finally:
            # A clean shutdown (SIGTERM, Ctrl-C) flushes every queued telemetry event.
            services.stop()

    app = FastAPI(
        title="Suunta",
        version=services.version,
        description="Career guidance for lifelong learners in Finland: grounded, cited answers "
        "in Finnish, Swedish and English.",
        lifespan=lifespan,
    )
    app.exception_handler(RequestValidationError)(_invalid_body)
    _include_routes(app)
    app.state.settings = settings
    app.state.services = services
    openapi_errors.install(app)
    budgets = services.limits()
    app.state.login_throttle = LoginThrottle(budgets)
    # Outermost last: headers go on every response, 413 and 429 included.
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute, budgets=budgets)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


async def _invalid_body(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with the errors, without the input they were about."""
    # The input is echoed back by default; it may hold personal data, so drop it.
    errors = [
        {k: v for k, v in e.items() if k not in ("input", "ctx", "url")} for e in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


def _include_routes(app: FastAPI) -> None:
    """Every router; the reports behind the owner and admin roles."""
    for router in (
        system,
        chat,
        suggestions,
        session,
        stream,
        openai_compat,
        pages,
        orgs,
        indicators,
        legal,
        auth,
    ):
        app.include_router(router.router)
    # The reports are for service owners: owner and admin accounts only.
    app.include_router(
        reports.router,
        dependencies=[Depends(require_roles(*REPORT_ROLES))],
        responses=AUTH_RESPONSES,
    )
