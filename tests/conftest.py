"""Shared fixtures: a small real corpus, the real MiniLM embedder, FAISS, SQLite in tmp_path."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from knowledge_base.chunking import Chunk
from knowledge_base.embedding import MINILM, Embedder, load_embedder
from knowledge_base.esco import load_occupations, occupations_csv
from suunta.index_setup import build
from suunta.settings import Settings
from suunta.wiring import Components, build_components

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture(scope="session")
def e5_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the default model's materialised forms (the sentence-transformers copy,
    its ONNX exports), shared by every test that loads it: each form is made once a session
    (about 30-70 s each) instead of once a test module."""
    return tmp_path_factory.mktemp("e5-models")


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    """The real English MiniLM model (fast enough for unit tests)."""
    return load_embedder(MINILM, models_dir=Path("unused"))


def small_settings(root: Path, **overrides: object) -> Settings:
    """Settings over the fixture corpus, with everything written under `root`."""
    values: dict[str, object] = {
        "content_dir": FIXTURE_CONTENT,
        "index_dir": root / "index",
        "database_url": f"sqlite:///{root / 'suunta.db'}",
        "report_cache_dir": root / "report-cache",
        "telemetry_spool_dir": root / "spool",
        "embedding_model": MINILM,
        "include_occupations": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]


@pytest.fixture
def settings(tmp_path: Path, minilm: Embedder) -> Settings:
    """Settings with a built index over the fixture corpus."""
    settings = small_settings(tmp_path)
    build(settings, minilm)
    return settings


@pytest.fixture
def components(settings: Settings) -> Iterator[Components]:
    """Real parts over the fixture corpus and a temporary SQLite store."""
    built = build_components(settings)
    yield built
    built.close()


@pytest.fixture
def client(settings: Settings, components: Components) -> Iterator[TestClient]:
    """The FastAPI app through its test client (lifespan included)."""
    from web.app import create_app

    with TestClient(create_app(settings, components)) as test_client:
        yield test_client


def sample_occupations(root: Path, first: int, starting: tuple[str, ...]) -> list[Chunk]:
    """ESCO occupation chunks for a small test index: the first `first` occupations of the
    bundled file plus every later one whose description starts with one of `starting`."""
    with occupations_csv().open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if "/occupation/" in r["id"]]
    chosen = rows[:first] + [r for r in rows[first:] if r["description"].startswith(starting)]
    path = root / "occupations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "description"])
        writer.writeheader()
        writer.writerows(chosen)
    return load_occupations(path)
