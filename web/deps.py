"""FastAPI dependencies: the parts built once in the lifespan, reached from a request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from suunta.wiring import Components


def get_components(request: Request) -> Components:
    """The app's components (built in the lifespan)."""
    components: Components = request.app.state.components
    return components


ComponentsDep = Annotated[Components, Depends(get_components)]
