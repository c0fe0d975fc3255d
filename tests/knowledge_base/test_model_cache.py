"""A first start says that it is preparing the model before the minute it takes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from e5convert.cache import materialise_directory


def _build(directory: Path) -> None:
    (directory / "model.bin").write_bytes(b"weights")


def test_a_build_is_announced_and_a_finished_one_is_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "multilingual-e5-small-onnx-int8"
    with caplog.at_level(logging.INFO, logger="e5convert"):
        materialise_directory(target, {"format": 1}, _build, ("model.bin",))
    said = [r.getMessage() for r in caplog.records]
    assert any("preparing the model multilingual-e5-small-onnx-int8" in m for m in said), said
    assert any(m.startswith("prepared multilingual-e5-small-onnx-int8 in") for m in said), said
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="e5convert"):
        materialise_directory(target, {"format": 1}, _build, ("model.bin",))
    assert caplog.records == []


def test_the_cli_shows_the_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    # `suunta` shows warnings only, but the model's preparation at INFO as well.
    from suunta.cli import main

    logging.getLogger("e5convert").setLevel(logging.NOTSET)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert logging.getLogger("e5convert").getEffectiveLevel() == logging.INFO
