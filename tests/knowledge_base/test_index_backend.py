"""The manifest records the embedding runtime; another runtime's index is refused and rebuilt,
and a build reports its progress."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge_base.embedding import Embedder, effective_backend
from knowledge_base.index import MANIFEST, build_index, check_index, collect_chunks
from knowledge_base.progress import ProgressLine
from tests.conftest import FIXTURE_CONTENT


class OtherRuntime:
    """The same model's vectors, labelled as coming from another runtime."""

    def __init__(self, inner: Embedder, backend: str) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.backend = backend

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def test_manifest_records_the_runtime_and_a_mismatch_is_refused(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest["backend"] == "torch"
    assert check_index(tmp_path, chunks, minilm.name, "torch") is None
    problem = check_index(tmp_path, chunks, minilm.name, "onnx-int8")
    assert problem and "'torch' runtime" in problem  # (the callers say: `kb build`)


def test_an_index_from_before_runtimes_were_recorded_counts_as_torch(
    tmp_path: Path, minilm: Embedder
) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    del manifest["backend"]
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert check_index(tmp_path, chunks, minilm.name) is None
    assert check_index(tmp_path, chunks, minilm.name, "onnx") is not None


def test_vectors_of_another_runtime_are_not_reused(tmp_path: Path, minilm: Embedder) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    again = build_index(tmp_path, chunks, minilm)
    assert again.embedded == 0
    switched = build_index(tmp_path, chunks, OtherRuntime(minilm, "onnx"))
    assert switched.embedded == len(chunks)
    assert check_index(tmp_path, chunks, minilm.name, "onnx") is None


def test_only_the_bundled_e5_has_onnx_runtimes() -> None:
    assert effective_backend("multilingual-e5-small", "onnx-int8") == "onnx-int8"
    assert effective_backend("all-minilm-l6-v2", "onnx-int8") == "torch"


def test_build_reports_progress_from_zero_to_all(tmp_path: Path, minilm: Embedder) -> None:
    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    calls: list[tuple[int, int]] = []
    build_index(tmp_path, chunks, minilm, progress=lambda d, t: calls.append((d, t)), batch=4)
    assert calls[0] == (0, len(chunks)) and calls[-1] == (len(chunks), len(chunks))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_progress_line_says_done_total_rate_and_time_left() -> None:
    line = ProgressLine(io.StringIO())
    assert line.describe(0, 3723, 0.0) == "embedding 0/3,723 chunks (0%)"
    text = line.describe(1000, 3723, 20.0)
    assert text == "embedding 1,000/3,723 chunks (27%), 50.0 chunks/s, 54 s left"
    assert line.describe(3723, 3723, 60.0).endswith(", done")


def test_progress_without_a_terminal_writes_whole_lines() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream)
    for done in (0, 10, 20):
        line(done, 20)
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[0].startswith("embedding 0/20") and lines[-1].startswith("embedding 20/20")


def test_an_index_made_by_another_conversion_or_passes_is_refused(
    tmp_path: Path, minilm: Embedder
) -> None:
    from knowledge_base.build_embedding import fingerprint_of

    chunks = collect_chunks(FIXTURE_CONTENT, include_occupations=False)
    build_index(tmp_path, chunks, minilm)
    own = fingerprint_of(minilm)
    assert own is not None
    assert check_index(tmp_path, chunks, minilm.name, "torch", own) is None
    problem = check_index(tmp_path, chunks, minilm.name, "torch", own + "|one-text-a-pass")
    assert problem and "another version" in problem
    # An index from before fingerprints were recorded was made by shared passes: rebuilt.
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    del manifest["fingerprint"]
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert check_index(tmp_path, chunks, minilm.name, "torch", own) is not None
    assert check_index(tmp_path, chunks, minilm.name, "torch") is None
