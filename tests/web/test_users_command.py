"""`suunta users add|list|remove` in a real subprocess, against a temporary SQLite store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select

from accounts.models import UserRecord
from telemetry.store import make_engine


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`suunta ARGS` with its store in tmp_path."""
    env = {**os.environ, "SUUNTA_DATABASE_URL": f"sqlite:///{tmp_path / 'suunta.db'}"}
    return subprocess.run(
        [sys.executable, "-m", "suunta.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def test_add_list_remove(tmp_path: Path) -> None:
    added = run(
        tmp_path,
        "users",
        "add",
        "--role",
        "owner",
        "--password-stdin",
        "olga",
        stdin="a good long password\n",
    )
    assert added.returncode == 0, added.stderr
    assert "added olga (owner)" in added.stdout
    listed = run(tmp_path, "users", "list")
    assert listed.stdout.split() == ["olga", "owner"]
    engine = make_engine(f"sqlite:///{tmp_path / 'suunta.db'}")
    with Session(engine) as db:
        record = db.exec(select(UserRecord)).one()
    engine.dispose()
    assert record.password_hash.startswith("$argon2id$")
    assert "a good long password" not in record.password_hash
    assert run(tmp_path, "users", "remove", "olga").returncode == 0
    assert run(tmp_path, "users", "list").stdout == ""


def test_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args, stdin in (
        (("users", "add", "--role", "owner", "--password-stdin", "olga"), "short\n"),
        (("users", "add", "--role", "boss", "--password-stdin", "olga"), "a good long password\n"),
        (
            ("users", "add", "--role", "owner", "Bad Name", "--password-stdin"),
            "a good long password\n",
        ),
        # No terminal to ask on, and no --password-stdin.
        (("users", "add", "--role", "owner", "olga"), ""),
        (("users", "remove", "nobody"), ""),
    ):
        result = run(tmp_path, *args, stdin=stdin)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
