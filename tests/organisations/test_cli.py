"""`suunta orgs add|list|remove` and `suunta users add --role org_owner --org` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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


ADD = [
    *[
        "orgs",
        "add",
        "ohjaamo-tampere",
        "--name-fi",
        "Ohjaamo",
        "--name-sv",
        "Ohjaamo",
        "--name-en",
        "Ohjaamo",
    ],
    *["--sector", "youth_services", "--region", "pirkanmaa", "--municipality", "Tampere"],
    *["--launched", "2026-09-01", "--allow", "https://ohjaamo.example.fi"],
    *["--allow", "https://tampere.example.fi"],
]


def test_add_list_remove_and_an_org_owner(tmp_path: Path) -> None:
    added = run(tmp_path, *ADD)
    assert added.returncode == 0, added.stderr
    assert "added ohjaamo-tampere (youth_services, pirkanmaa)" in added.stdout
    listed = run(tmp_path, "orgs", "list").stdout.strip().split("\t")
    assert listed[:4] == ["ohjaamo-tampere", "youth_services", "pirkanmaa", "2026-09-01"]
    assert listed[-1] == "https://ohjaamo.example.fi https://tampere.example.fi"
    owner = run(
        tmp_path,
        *[
            "users",
            "add",
            "--role",
            "org_owner",
            "--org",
            "ohjaamo-tampere",
            "--password-stdin",
            "anna",
        ],
        stdin="a long enough password\n",
    )
    assert owner.returncode == 0, owner.stderr
    assert "anna\torg_owner\tohjaamo-tampere" in run(tmp_path, "users", "list").stdout
    assert run(tmp_path, "orgs", "remove", "ohjaamo-tampere").returncode == 0
    assert run(tmp_path, "orgs", "list").stdout == ""


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path, *ADD).returncode == 0
    for args, words in (
        (ADD, "exists already"),
        ([*ADD[:2], "x-y", *ADD[3:]], None),
        ([a if a != "pirkanmaa" else "mars" for a in ADD], "region 'mars'"),
        ([a if a != "youth_services" else "army" for a in ADD], "sector 'army'"),
        ([*ADD, "--allow", "javascript:alert(1)"], "allowed parent"),
        ([*ADD[:2], "Bad_ID", *ADD[3:]], "id 'Bad_ID'"),
        (["orgs", "remove", "nobody"], "no organisation 'nobody'"),
        ([*ADD[:-2], "--launched", "2026-13-01"], "not a date"),
    ):
        result = run(tmp_path, *args)
        if words is None:  # a second, distinct id is fine
            assert result.returncode == 0, result.stderr
            continue
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    for line, words in (
        ("users add --role org_owner --password-stdin bob", "needs --org"),
        ("users add --role org_owner --org nobody --password-stdin bob", "no organisation"),
        ("users add --role owner --org x-y --password-stdin bob", "only an org_owner"),
    ):
        result = run(tmp_path, *line.split(), stdin="a long enough password\n")
        assert result.returncode == 2 and words in result.stderr, result.stderr
