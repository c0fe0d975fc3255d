"""`create_app(settings)`: the FastAPI application; its lifespan builds and closes the parts."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from suunta import __version__
from suunta.settings import Settings
from suunta.wiring import Components, build_components, make_otel, make_purge
from telemetry.schema import schema_lock
from web import openapi_errors
from web.auth.deps import AUTH_RESPONSES, REPORT_ROLES, require_roles
from web.auth.models import ensure_auth_tables
from web.auth.throttle import LoginThrottle
from web.routes import auth, chat, openai_compat, pages, reports, session, stream, system
from web.routes.system import STATIC
from web.security import BodySizeLimit, RateLimit, SecurityHeaders

log = logging.getLogger(__name__)


def create_app(settings: Settings, components: Components | None = None) -> FastAPI:
    """The app for `settings`; pass `components` to reuse parts already built (tests)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = components or build_components(settings)
        # Several processes start at once: their create_all must not race each other.
        with schema_lock(built.engine):
            ensure_auth_tables(built.engine)
        built.writer.start()
        # Tests may hand in components with OpenTelemetry already set up (in-memory exporters).
        own_otel = not built.otel.enabled
        if own_otel:
            built.otel = make_otel(settings)
        built.otel.watch(built.writer)
        built.otel.instrument(app)
        purge = make_purge(settings, built.engine)
        if purge:
            purge.start()
        app.state.components = built
        try:
            yield
        finally:
            # A clean shutdown (SIGTERM, Ctrl-C) flushes every queued telemetry event.
            if purge:
                purge.stop()
            built.writer.stop()
            if own_otel:
                built.otel.shutdown()
            if components is None:
                built.engine.dispose()

    app = FastAPI(
        title="Suunta",
        version=__version__,
        description="Career guidance for lifelong learners in Finland: grounded, cited answers "
        "in Finnish, Swedish and English.",
        lifespan=lifespan,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid_body(_: Request, exc: RequestValidationError) -> JSONResponse:
        # The input is echoed back by default; it may hold personal data, so drop it.
        errors = [
            {k: v for k, v in e.items() if k not in ("input", "ctx", "url")} for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": errors})

    app.include_router(system.router)
    app.include_router(chat.router)
    app.include_router(session.router)
    app.include_router(stream.router)
    app.include_router(openai_compat.router)
    app.include_router(pages.router)
    app.include_router(auth.router)
    # The reports are for service owners: owner and admin accounts only.
    app.include_router(
        reports.router,
        dependencies=[Depends(require_roles(*REPORT_ROLES))],
        responses=AUTH_RESPONSES,
    )
    app.state.settings = settings
    openapi_errors.install(app)
    app.state.login_throttle = LoginThrottle()
    # Outermost last: headers go on every response, 413 and 429 included.
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
