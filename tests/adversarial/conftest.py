"""Adversarial fixtures: the web fixtures (module-scoped app over the fixture corpus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import add_user, make_client, web_components, web_settings

__all__ = ["add_user", "make_client", "web_components", "web_settings"]


@pytest.fixture
def loose_client(make_client: Callable[..., TestClient]) -> TestClient:
    """A client whose rate limit never interferes (the fuzz sends many requests)."""
    return make_client(rate_limit_per_minute=1_000_000)
