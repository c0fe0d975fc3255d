"""The `suunta` command through its entry point, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from suunta.cli import main
from suunta.settings import Settings
from tests.conftest import small_settings

COMMANDS = [
    [],
    ["serve"],
    ["kb"],
    ["kb", "build"],
    ["kb", "seed-content"],
    ["kb", "seed-esco"],
    ["kb", "validate"],
    ["kb", "search"],
    ["chat"],
    ["report"],
    ["eval"],
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: suunta" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["nonsense"],
        ["kb", "search"],
        ["report", "--from", "yesterday"],
        ["chat", "x", "--lang", "de"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err


def _env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("SUUNTA_CONTENT_DIR", str(settings.content_dir))
    monkeypatch.setenv("SUUNTA_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("SUUNTA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SUUNTA_EMBEDDING_MODEL", settings.embedding_model)
    monkeypatch.setenv("SUUNTA_INCLUDE_OCCUPATIONS", "false")


def test_kb_search_chat_and_report(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _env(monkeypatch, settings)
    assert main(["kb", "search", "student loan and study grant", "-k", "2"]) == 0
    assert "kela-student-aid/en" in capsys.readouterr().out.splitlines()[0]

    assert main(["chat", "How does apprenticeship training work?", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["kind"] == "answer" and reply["sources"][0]["id"] == "apprenticeship"

    monkeypatch.setenv("SUUNTA_MIN_GROUP_SIZE", "1")
    monkeypatch.setenv("SUUNTA_REPORT_CACHE_DIR", str(settings.report_cache_dir))
    assert main(["report", "--no-gaps"]) == 0
    report = json.loads(capsys.readouterr().out)
    learner = report["quality"]["learner"]["overall"]
    assert learner["messages"] == 1 and learner["no_answer_rate"] == 0.0


def test_kb_build_says_what_it_embedded_and_took_from_the_shipped_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _env(monkeypatch, small_settings(tmp_path))
    assert main(["kb", "build"]) == 0
    out = capsys.readouterr().out
    # MiniLM matches neither shipped seed (they are the default embedder's).
    assert " embedded, 0 reused), " in out and "; 0 from the shipped vectors; " in out
    assert main(["kb", "build", "--no-seed"]) == 0
    assert " (0 embedded, " in capsys.readouterr().out


def test_stale_index_is_refused_with_a_clear_message(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, settings)
    monkeypatch.setenv("SUUNTA_INDEX_DIR", str(tmp_path / "empty"))
    with pytest.raises(SystemExit) as exit_info:
        main(["kb", "search", "anything"])
    assert exit_info.value.code == 2
    assert "suunta kb build" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_kb_build_refuses_a_content_folder_without_articles(
    folder: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Before: an index of 0 chunks, exit 0, after preparing the model on a first start.
    content = tmp_path / folder
    if folder == "empty":
        (content / "en").mkdir(parents=True)
    monkeypatch.setenv("SUUNTA_CONTENT_DIR", str(content))
    monkeypatch.setenv("SUUNTA_INDEX_DIR", str(tmp_path / "index"))
    with pytest.raises(SystemExit) as exit_info:
        main(["kb", "build"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert str(content) in err and "SUUNTA_CONTENT_DIR" in err
    assert not (tmp_path / "index").exists()


def test_kb_validate_reports_errors_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "broken.md").write_text(
        "---\nid: broken\nlanguage: en\ntitle: Broken\nsummary: Short.\ntopics: [nonsense]\n"
        "audience: [adult]\nsources: [https://example.org]\nreviewed: 2020-01-01\n---\n"
        "## Body\nText.\n",
        encoding="utf-8",
    )
    (tmp_path / "topics.yaml").write_text("topics:\n  vocational: {en: Vocational}\n")
    monkeypatch.setenv("SUUNTA_CONTENT_DIR", str(content))
    assert main(["kb", "validate"]) == 2
    out = capsys.readouterr().out
    assert f"{content / 'en' / 'broken.md'}:6: unknown topic 'nonsense'" in out
    assert "must end with a '## Next steps' section" in out
    assert "more than 12 months ago" in out
