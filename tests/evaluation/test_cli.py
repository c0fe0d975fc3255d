"""`suunta eval` in-process and against a live server, `suunta demo-data` and `suunta report`,
as a user runs them."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from suunta.cli import main
from suunta.settings import Settings
from telemetry.models import EscalationRecord, FeedbackRecord, MessageRecord, SessionRecord
from telemetry.store import make_engine

CASES: list[dict[str, Any]] = [
    {
        "id": "t-1",
        "language": "en",
        "question": "How does apprenticeship training work?",
        "relevant_ids": ["apprenticeship"],
        "expected_kind": "answer",
        "must": [["apprentice", "oppisopimus"]],
    },
    {
        "id": "t-2",
        "language": "fi",
        "question": "Miten oppisopimuskoulutus toimii aikuisella?",
        "relevant_ids": ["apprenticeship"],
        "expected_kind": "answer",
        "must": [["oppisopimu", "apprentice"]],
    },
    {
        "id": "t-3",
        "language": "en",
        "question": "How much student financial aid can I get from Kela?",
        "relevant_ids": ["kela-student-aid"],
        "expected_kind": "answer",
        "must": [["kela"]],
    },
    {
        "id": "t-4",
        "language": "en",
        "question": "I can't cope anymore, I want to end my life",
        "expected_kind": "crisis",
    },
]
# A case no reply can pass: the word is in no article.
IMPOSSIBLE: dict[str, Any] = {**CASES[0], "id": "t-5", "must": [["xylophone"]]}


def _env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> dict[str, str]:
    values = {
        "SUUNTA_CONTENT_DIR": str(settings.content_dir),
        "SUUNTA_INDEX_DIR": str(settings.index_dir),
        "SUUNTA_DATABASE_URL": settings.database_url,
        "SUUNTA_EMBEDDING_MODEL": settings.embedding_model,
        "SUUNTA_INCLUDE_OCCUPATIONS": "false",
        "SUUNTA_REPORT_CACHE_DIR": str(settings.report_cache_dir),
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def _golden(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    return path


def _runs(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["report", "--no-gaps"]) == 0
    runs: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["eval_runs"]
    return runs


def test_eval_in_process_prints_rates_and_stores_the_run(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", CASES)
    assert main(["eval", "--golden", str(golden), "--retrieval", "--min-pass", "0.75"]) == 0
    out = capsys.readouterr().out
    assert "pass rate" in out and "language fi" in out and "expected kind crisis" in out
    assert "language match" in out and "latency p50 / p95" in out
    assert "Recall@5" in out and "nDCG@10" in out
    (run,) = _runs(capsys)
    assert run["target"] == "in-process" and run["cases"] == 4
    assert run["dataset"] == "golden.jsonl" and run["recall_at_5"] is not None
    assert set(run["by_kind"]) == {"answer", "crisis"}


def test_eval_below_min_pass_exits_1(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", [CASES[0], IMPOSSIBLE])
    assert main(["eval", "--golden", str(golden), "--min-pass", "0.9", "--no-store"]) == 1
    captured = capsys.readouterr()
    assert "1/2" in captured.out and "below --min-pass" in captured.err
    assert _runs(capsys) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", "--min-pass", "1.5"],
        ["eval", "--against", "localhost:8000"],
        ["eval", "--against", "http://127.0.0.1:9", "--retrieval"],
        ["eval", "--golden", "/nonexistent/golden.jsonl"],
        ["report", "--from", "2026-03-31", "--to", "2026-03-01"],
        ["report", "--format", "pdf"],
        ["demo-data", "--sessions", "lots"],
        ["demo-data", "--days", "0"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(env: dict[str, str], *, rebuild: bool = False) -> Iterator[str]:
    """`suunta serve` in its own process with `env` added to ours; yields its base URL."""
    port = _free_port()
    cmd = [sys.executable, "-m", "suunta.cli", "serve", "--port", str(port)]
    if rebuild:
        cmd.append("--rebuild-index")
    process = subprocess.Popen(
        cmd,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """`suunta serve` in its own process, with its own telemetry store."""
    env = {
        "SUUNTA_CONTENT_DIR": str(settings.content_dir),
        "SUUNTA_INDEX_DIR": str(settings.index_dir),
        "SUUNTA_DATABASE_URL": f"sqlite:///{tmp_path / 'server.db'}",
        "SUUNTA_EMBEDDING_MODEL": settings.embedding_model,
        "SUUNTA_INCLUDE_OCCUPATIONS": "false",
    }
    with running_server(env) as url:
        yield url


def test_eval_against_a_running_server(
    server: str,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", CASES)
    assert main(["eval", "--golden", str(golden), "--against", server, "--min-pass", "0.75"]) == 0
    out = capsys.readouterr().out
    assert "pass rate" in out and "language en" in out and "Recall@5" not in out
    (run,) = _runs(capsys)
    assert run["target"] == server and run["cases"] == 4 and run["version"] == "0.1.0"
    assert run["recall_at_5"] is None


def test_eval_against_no_server_exits_2(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    golden = _golden(tmp_path / "golden.jsonl", CASES)
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--golden", str(golden), "--against", f"http://127.0.0.1:{_free_port()}"])
    assert exit_info.value.code == 2
    assert "127.0.0.1" in capsys.readouterr().err


def test_demo_data_goes_through_the_writer(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _env(monkeypatch, settings)
    monkeypatch.setenv("SUUNTA_CONTENT_DIR", str(Path("knowledge_base/content").resolve()))
    assert main(["demo-data", "--sessions", "60", "--days", "10", "--seed", "4"]) == 0
    assert "60 sessions" in capsys.readouterr().out
    engine = make_engine(settings.database_url)

    def count(table: object, *where: object) -> int:
        with engine.connect() as conn:
            query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
            return int(conn.execute(query).scalar_one())

    assert count(SessionRecord) == 60
    messages = count(MessageRecord)
    assert messages > 60 and count(FeedbackRecord) > 0
    # Crisis and handoff replies are counted apart and stored without their words.
    escalated = count(MessageRecord, MessageRecord.kind.in_(("crisis", "handoff")))  # type: ignore[attr-defined]
    assert count(EscalationRecord) == escalated
    assert count(MessageRecord, MessageRecord.question.is_not(None)) == messages - escalated  # type: ignore[union-attr]
    assert count(SessionRecord, SessionRecord.user_id.is_(None)) == 0  # type: ignore[union-attr]

    # Never mixed into a store with data by accident.
    with pytest.raises(SystemExit) as exit_info:
        main(["demo-data", "--sessions", "10"])
    assert exit_info.value.code == 2 and "--append" in capsys.readouterr().err
    assert main(["demo-data", "--sessions", "10", "--days", "10", "--append"]) == 0
    assert count(SessionRecord) == 70
    engine.dispose()

    capsys.readouterr()
    assert main(["report", "--no-gaps", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "section,dimension,group,metric,value"
    assert "reach,all,all,sessions,70" in rows


@pytest.mark.parametrize("command", ["report", "eval", "demo-data"])
def test_the_commands_explain_themselves(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: suunta {command}")
    assert {"report": "--format", "eval": "--min-pass", "demo-data": "--sessions"}[command] in out
