"""Answer cards: curated learner questions with a short, direct answer resting on one article
section (`knowledge_base/cards/<lang>/<article-id>.yaml`). See AUTHORING.md."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge_base.articles import ID_PATTERN, LANGUAGES, Article, load_yaml
from knowledge_base.chunking import Chunk

MIN_QUESTIONS = 3
MAX_WORDS = 60
"""An answer card is read in one glance; past about 60 words it is an article."""
WORD_LIMIT = 70
"""Over this many words a card is an error, between MAX_WORDS and this a warning."""
SUMMARY = "summary"
_DIGITS = re.compile(r"\d+")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:fi|se|eu|com|org|net|info))\b", re.IGNORECASE)


class CardError(ValueError):
    """A malformed card file, with the place it was found."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Card:
    """One curated question-and-answer in one language."""

    id: str
    """Shared by the card's translations."""
    language: str
    article_id: str
    section: str
    """The heading of the article section the answer rests on (or `summary`)."""
    questions: tuple[str, ...]
    answer: str
    path: Path
    line: int
    no_counterpart: str = ""

    @property
    def citation(self) -> str:
        """`article-id#Section heading`: where the answer's facts are."""
        return f"{self.article_id}#{self.section}"


def _line_of_ids(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("- id:")]


def parse_cards(path: Path) -> list[Card]:
    """Read one card file; raise CardError with file and line when it is malformed."""
    language = path.parent.name
    if language not in LANGUAGES:
        raise CardError(path, 1, f"cards must be under cards/<fi|sv|en>/, not '{language}/'")
    text = path.read_text(encoding="utf-8")
    try:
        data = load_yaml(text) or []
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise CardError(path, line, f"not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise CardError(path, 1, "a card file is a YAML list of cards")
    lines = _line_of_ids(text)
    cards: list[Card] = []
    for position, item in enumerate(data):
        line = lines[position] if position < len(lines) else 1
        if not isinstance(item, dict):
            raise CardError(
                path, line, "each card is a mapping with id, section, questions, answer"
            )
        missing = [k for k in ("id", "section", "questions", "answer") if not item.get(k)]
        if missing:
            raise CardError(path, line, f"card is missing {', '.join(missing)}")
        card_id = str(item["id"])
        if not ID_PATTERN.match(card_id):
            raise CardError(path, line, f"card id '{card_id}' must be kebab-case")
        questions = item["questions"]
        if not isinstance(questions, list):
            raise CardError(path, line, "questions must be a list")
        cards.append(
            Card(
                id=card_id,
                language=language,
                article_id=path.stem,
                section=str(item["section"]).strip(),
                questions=tuple(" ".join(str(q).split()) for q in questions if str(q).strip()),
                answer=" ".join(str(item["answer"]).split()),
                path=path,
                line=line,
                no_counterpart=str(item.get("no_counterpart") or ""),
            )
        )
    return cards


def card_paths(cards_dir: Path) -> list[Path]:
    """Every card file under `cards_dir`, in a stable order."""
    return sorted(p for lang in LANGUAGES for p in (cards_dir / lang).glob("*.yaml"))


def load_cards(cards_dir: Path) -> list[Card]:
    """Every card; the first malformed file raises CardError."""
    return [card for path in card_paths(cards_dir) for card in parse_cards(path)]


def cards_dir_for(content_dir: Path) -> Path:
    """Cards live beside the articles: `knowledge_base/cards/` next to `content/`."""
    return content_dir.parent / "cards"


def section_text(article: Article, heading: str) -> str | None:
    """The text of the article's section with this heading (or its summary), if it exists."""
    if heading == SUMMARY:
        return article.summary
    for section in article.sections:
        if section.heading == heading:
            return section.text
    return None


def unsupported(answer: str, section: str, sources: tuple[str, ...]) -> list[str]:
    """Numbers and web addresses in an answer that its section (or article sources) lacks."""
    digits = set(_DIGITS.findall(section))
    known_domains = {d.lower() for d in _DOMAIN.findall(section + " " + " ".join(sources))}
    missing = [n for n in _DIGITS.findall(answer) if n not in digits]
    missing += [d for d in _DOMAIN.findall(answer) if d.lower() not in known_domains]
    return sorted(set(missing))


def check_cards(cards: list[Card], articles: list[Article]) -> list[tuple[str, Card, str]]:
    """Problems of the cards: (level, card, message), level `error` or `warning`."""
    by_key = {(a.id, a.language): a for a in articles}
    found: list[tuple[str, Card, str]] = []
    seen: dict[tuple[str, str], Card] = {}
    languages: dict[str, set[str]] = defaultdict(set)
    for card in cards:
        key = (card.id, card.language)
        if key in seen:
            found.append(("error", card, f"duplicate card id '{card.id}' (also {seen[key].path})"))
        seen[key] = card
        languages[card.id].add(card.language)
        if len(card.questions) < MIN_QUESTIONS:
            found.append(("error", card, f"needs at least {MIN_QUESTIONS} questions"))
        words = len(card.answer.split())
        if words > WORD_LIMIT:
            found.append(("error", card, f"answer has {words} words (at most about {MAX_WORDS})"))
        elif words > MAX_WORDS:
            found.append(("warning", card, f"answer has {words} words (at most about {MAX_WORDS})"))
        article = by_key.get((card.article_id, card.language))
        if article is None:
            found.append(("error", card, f"no article '{card.article_id}' in '{card.language}'"))
            continue
        text = section_text(article, card.section)
        if text is None:
            found.append(("error", card, f"article has no section '{card.section}'"))
            continue
        missing = unsupported(card.answer, text, article.sources)
        if missing:
            found.append(
                ("error", card, f"not in the cited section: {', '.join(missing)} ({card.section})")
            )
    for card in cards:
        absent = sorted(set(LANGUAGES) - languages[card.id])
        if absent and not card.no_counterpart:
            found.append(
                (
                    "error",
                    card,
                    f"no counterpart in {', '.join(absent)} (or say why: no_counterpart)",
                )
            )
    return found


def card_chunks(cards: list[Card], articles: list[Article]) -> list[Chunk]:
    """One retrievable chunk per card question: the answer travels with it as its summary."""
    by_key = {(a.id, a.language): a for a in articles}
    chunks: list[Chunk] = []
    for card in cards:
        article = by_key.get((card.article_id, card.language))
        if article is None or section_text(article, card.section) is None:
            continue  # `kb validate` reports it; a broken card is never served
        for number, question in enumerate(card.questions):
            chunks.append(
                Chunk(
                    id=f"card:{card.id}/{card.language}/{number}",
                    doc_id=card.article_id,
                    kind="card",
                    language=card.language,
                    title=article.title,
                    heading=card.section,
                    text=question,
                    url=article.url,
                    topics=article.topics,
                    audience=article.audience,
                    summary=card.answer,
                    age_max=article.age_max,
                )
            )
    return chunks


def card_id(chunk: Chunk) -> str:
    """The card a `card` chunk belongs to."""
    return chunk.id.removeprefix("card:").split("/", 1)[0]
