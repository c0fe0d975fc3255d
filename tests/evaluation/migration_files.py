"""One Alembic migration file loaded as a module, for tests that check its frozen copies of the
product's constants (a migration may not import the code it was written against)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).resolve().parents[2] / "telemetry" / "migrations" / "versions"


def load_migration(filename: str) -> ModuleType:
    """The migration `telemetry/migrations/versions/<filename>` as a module."""
    spec = importlib.util.spec_from_file_location(filename.removesuffix(".py"), VERSIONS / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
