"""`suunta eval --against` and a server's rate limit: it waits what Retry-After asks, and gives
up with a one-line message when the wait is longer than allowed. A real `suunta serve` with a
budget of two questions a minute."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from evaluation.golden.run import HttpReplier, retry_after_seconds
from suunta.cli import main
from suunta.settings import Settings
from tests.evaluation.test_cli import CASES, _env, _golden, running_server

LIMIT = 2


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`suunta serve` that takes LIMIT chat requests a minute from one client."""
    from tests.conftest import small_settings

    root = tmp_path_factory.mktemp("busy")
    settings = small_settings(root)
    env = {
        "SUUNTA_CONTENT_DIR": str(settings.content_dir),
        "SUUNTA_INDEX_DIR": str(root / "index"),
        "SUUNTA_DATABASE_URL": f"sqlite:///{root / 'server.db'}",
        "SUUNTA_EMBEDDING_MODEL": settings.embedding_model,
        "SUUNTA_INCLUDE_OCCUPATIONS": "false",
        "SUUNTA_RATE_LIMIT_PER_MINUTE": str(LIMIT),
    }
    with running_server(env, rebuild=True) as url:
        yield url


def test_a_wait_longer_than_allowed_ends_the_run_with_one_line(
    busy_server: str,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", CASES[:3])
    argv = ["eval", "--golden", str(golden), "--against", busy_server, "--max-wait", "2"]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--no-store"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "HTTP 429" in err and "gave up" in err
    assert "--max-wait" in err


def test_the_run_waits_out_the_rate_limit_and_finishes(
    busy_server: str,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The budget is spent by the test before: the question waits (up to a minute) for it.
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", CASES[:1])
    started = time.monotonic()
    argv = ["eval", "--golden", str(golden), "--against", busy_server, "--no-store"]
    assert main([*argv, "--max-wait", "90"]) == 0
    captured = capsys.readouterr()
    assert time.monotonic() - started > 5  # it did wait
    assert "pass rate" in captured.out
    assert "HTTP 429" in captured.err and "Retry-After" in captured.err
    # The reply time leaves the waiting out (one fixture question: far below a minute).
    p50, p95 = (
        float(x)
        for x in next(
            line for line in captured.out.splitlines() if line.startswith("latency")
        ).split()[-4:-1:2]
    )
    assert p95 < 30_000 and p50 <= p95


def test_retries_are_bounded(busy_server: str) -> None:
    waits: list[float] = []
    with httpx.Client(base_url=busy_server, timeout=30) as client:
        replier = HttpReplier(client, retries=2, max_wait=3600, sleep=waits.append)
        with pytest.raises(Exception, match="after 2 retries"):
            for _ in range(LIMIT + 1):
                replier.reply("How does apprenticeship training work?")
    assert len(waits) == 2 and all(0 < w <= 60 for w in waits)


def test_retry_after_in_both_forms() -> None:
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("17") == 17.0
    assert retry_after_seconds("Sun, 01 Mar 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Sun, 01 Mar 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
