"""Health (the pages are in `web.routes.pages`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from suunta import __version__
from web.deps import ComponentsDep
from web.schemas import HealthResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
router = APIRouter()


@router.get("/health", response_model=HealthResponse, tags=["system"])
def health(components: ComponentsDep) -> HealthResponse:
    """Liveness, the size of the loaded index and the version."""
    return HealthResponse(
        status="ok",
        version=__version__,
        index_documents=components.assistant.retriever.article_count,
    )
