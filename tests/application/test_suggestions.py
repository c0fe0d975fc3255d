"""Follow-up questions from the answer cards, through the service and through the route."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from application.suggestions import BUNDLED_CARDS, MAX_QUESTIONS, follow_up_questions


def test_the_canonical_question_of_each_card_of_the_article() -> None:
    cards = yaml.safe_load((BUNDLED_CARDS / "en" / "apprenticeship.yaml").read_text())
    expected = [card["questions"][0] for card in cards][:MAX_QUESTIONS]
    assert follow_up_questions(None, "en", "apprenticeship") == expected
    assert expected[0] == "What is apprenticeship training?"
    assert follow_up_questions(None, "en", "no-such-article") == []


def test_a_corpus_with_cards_of_its_own_uses_them(tmp_path: Path) -> None:
    content, cards = tmp_path / "content", tmp_path / "cards" / "sv"
    content.mkdir()
    cards.mkdir(parents=True)
    (cards / "own-article.yaml").write_text(
        "- id: own-1\n  section: Om\n  questions:\n    - Vad är det här?\n  answer: Ett svar.\n"
    )
    assert follow_up_questions(content, "sv", "own-article") == ["Vad är det här?"]
    assert follow_up_questions(content, "en", "apprenticeship") == []


def test_the_route_answers_from_the_service(client: TestClient) -> None:
    reply = client.get("/api/suggestions", params={"article": "apprenticeship", "language": "en"})
    assert reply.status_code == 200
    assert reply.json()["questions"] == follow_up_questions(None, "en", "apprenticeship")
    bad = client.get("/api/suggestions", params={"article": "../etc/passwd"})
    assert bad.status_code == 422 and "detail" in bad.json()
