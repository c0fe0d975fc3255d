"""Answer cards: parsing, the checks `kb validate` runs on them, and their retrieval chunks."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from knowledge_base.articles import load_articles
from knowledge_base.cards import card_chunks, card_id, check_cards, load_cards
from knowledge_base.validation import validate_corpus

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


def _card(card_id: str, answer: str, section: str, questions: int = 3) -> str:
    asked = "\n".join(f"    - question {n} about {card_id}?" for n in range(questions))
    return f"- id: {card_id}\n  section: {section}\n  questions:\n{asked}\n  answer: {answer}\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    return content


def _first_article(content: Path, language: str):
    return next(a for a in load_articles(content) if a.language == language)


def _write(content: Path, language: str, article_id: str, text: str) -> None:
    folder = content.parent / "cards" / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article_id}.yaml").write_text(text, encoding="utf-8")


def test_a_card_in_every_language_resting_on_its_section_is_clean(corpus: Path) -> None:
    articles = load_articles(corpus)
    ids = {a.id for a in articles if a.language == "fi"}
    shared = next(
        i
        for i in sorted(ids)
        if all((i, lang) in {(a.id, a.language) for a in articles} for lang in ("fi", "sv", "en"))
    )
    for article in (a for a in articles if a.id == shared):
        section = article.sections[0]
        _write(
            corpus,
            article.language,
            shared,
            _card("shared-card", "A short answer.", section.heading),
        )
    cards = load_cards(corpus.parent / "cards")
    assert len(cards) == 3
    assert check_cards(cards, articles) == []
    chunks = card_chunks(cards, articles)
    assert len(chunks) == 9 and {c.kind for c in chunks} == {"card"}
    assert {card_id(c) for c in chunks} == {"shared-card"}
    assert chunks[0].embed_text == chunks[0].text  # matched question to question


def test_validate_reports_missing_section_numbers_not_in_it_and_missing_translations(
    corpus: Path,
) -> None:
    article = _first_article(corpus, "fi")
    section = article.sections[0]
    text = (
        _card("no-such-section", "Vastaus.", "Ei tällaista otsikkoa")
        + _card("made-up-amount", "Tuki on 987654 euroa kuussa.", section.heading)
        + _card("too-few", "Vastaus.", section.heading, questions=2)
    )
    _write(corpus, "fi", article.id, text)
    findings = [str(f) for f in validate_corpus(corpus, _topics(), dt.date(2026, 12, 6))]
    joined = "\n".join(findings)
    assert "no section 'Ei tällaista otsikkoa'" in joined
    assert "not in the cited section: 987654" in joined
    assert "needs at least 3 questions" in joined
    assert "no counterpart in en, sv" in joined


def _topics() -> set[str]:
    import yaml

    data = yaml.safe_load(
        (Path(__file__).parents[2] / "knowledge_base" / "topics.yaml").read_text()
    )
    return set(data["topics"])


def test_a_source_page_in_a_fourth_language_is_an_error(corpus: Path) -> None:
    article = _first_article(corpus, "en")
    text = article.path.read_text(encoding="utf-8")
    text = text.replace(
        "sources:\n", "sources:\n  - https://eures.example.org/index.php?lang=bg\n", 1
    )
    article.path.write_text(text, encoding="utf-8")
    findings = [str(f) for f in validate_corpus(corpus, _topics(), dt.date(2026, 12, 6))]
    assert any("is a page in another language" in f for f in findings)
