"""The embedding model and the index it searches, from Settings: made, checked against the
corpus, rebuilt when asked, and opened for retrieval. The CLI's `kb` commands, the wiring and
the tests build and open the index through these."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from knowledge_base.articles import article_paths
from knowledge_base.build_embedding import fingerprint_of
from knowledge_base.embedding import Embedder, backend_of, effective_backend, load_embedder
from knowledge_base.index import REBUILD, BuildReport, build_index, check_index, collect_chunks
from knowledge_base.retriever import Retriever
from knowledge_base.seed_vectors import SHIPPED_SEEDS
from suunta.settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (done, total) while chunks or sentences are embedded."""


class SetupError(RuntimeError):
    """Suunta cannot start as configured; the message says what to do."""


def models_dir(settings: Settings) -> Path:
    """Where materialised embedding models are cached (inside the index folder)."""
    return settings.index_dir / "models"


def make_embedder(settings: Settings, *, threads: int | None = None) -> Embedder:
    """The configured embedding model."""
    return load_embedder(
        settings.embedding_model,
        models_dir=models_dir(settings),
        threads=threads or settings.torch_threads,
        backend=settings.embedding_backend,
        cache_size=settings.query_cache_size,
    )


def corpus_problem(settings: Settings) -> str | None:
    """None when the configured content folder holds articles; else what is wrong (an index
    built from nothing would answer nothing)."""
    folder = settings.content_dir
    if not folder.is_dir():
        return f"the content folder {folder} does not exist (SUUNTA_CONTENT_DIR)"
    if not article_paths(folder):
        return (
            f"the content folder {folder} holds no articles (<language>/<id>.md; "
            "SUUNTA_CONTENT_DIR, unset for the bundled knowledge base)"
        )
    return None


def build(
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
    sentence_progress: Progress | None = None,
    *,
    seed: bool = True,
) -> BuildReport:
    """Build or update the index for the configured corpus and model; with `seed`, texts of
    the ESCO occupations and of the bundled content come from the shipped vectors when those
    were made by this very embedder. Raises SetupError when the content folder holds no
    articles."""
    problem = corpus_problem(settings)
    if problem:
        raise SetupError(problem)
    chunks = collect_chunks(settings.content_dir, include_occupations=settings.include_occupations)
    return build_index(
        settings.index_dir,
        chunks,
        embedder,
        progress=progress,
        sentence_progress=sentence_progress,
        seeds=SHIPPED_SEEDS if seed else {},
    )


def build_summary(report: BuildReport) -> str:
    """What a build did, in one line (`kb build` prints it, `serve --rebuild-index` logs it)."""
    return (
        f"{report.chunks} chunks ({report.embedded} embedded, {report.reused} reused), "
        f"{report.sentences} sentences ({report.sentences_embedded} embedded); "
        f"{report.seed_note()}; {report.seconds:.1f} s"
    )


def index_problem(
    settings: Settings,
    model_name: str,
    backend: str | None = None,
    fingerprint: str | None = None,
) -> str | None:
    """None when the index on disk matches the corpus, model and runtime (and the embedder's
    fingerprint, when given); else what is wrong (`REBUILD` says what to do)."""
    chunks = collect_chunks(settings.content_dir, include_occupations=settings.include_occupations)
    backend = backend or effective_backend(model_name, settings.embedding_backend)
    return check_index(settings.index_dir, chunks, model_name, backend, fingerprint)


def open_retriever(
    settings: Settings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    sentence_progress: Progress | None = None,
) -> Retriever:
    """The retriever over an up-to-date index; refuses a stale one unless asked to rebuild."""
    problem = index_problem(settings, embedder.name, backend_of(embedder), fingerprint_of(embedder))
    if problem and rebuild:
        log.info("rebuilding the index: %s", problem)
        report = build(settings, embedder, progress, sentence_progress)
        log.info("index built: %s", build_summary(report))
    elif problem:
        raise SetupError(f"{problem}; {REBUILD} (or start with --rebuild-index)")
    return Retriever.from_index_dir(settings.index_dir, embedder)
