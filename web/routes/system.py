"""Health (the pages are in `web.routes.pages`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request

from web.deps import ChatDep
from web.schemas import HealthResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
router = APIRouter()


@router.get("/health", response_model=HealthResponse, tags=["system"])
def health(request: Request, chat: ChatDep) -> HealthResponse:
    """Liveness, the size of the loaded index and the version."""
    version: str = request.app.version
    return HealthResponse(status="ok", version=version, index_documents=chat.index_documents)
