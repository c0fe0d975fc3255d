"""`suunta kb validate`: schema, ids, topics, sources, translations and freshness of the corpus."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from knowledge_base.articles import (
    LANGUAGES,
    NEXT_STEPS_HEADINGS,
    Article,
    ArticleError,
    article_paths,
    parse_article,
)
from knowledge_base.cards import CardError, card_paths, cards_dir_for, check_cards, parse_cards
from knowledge_base.limits import LimitError, check_limit, limits_dir_for, parse_limit

# The subjects every deployment must cover, each in Finnish and English.
REQUIRED_SUBJECTS = (
    "education-system-adults",
    "joint-application",
    "upper-secondary-adults",
    "vocational-adults",
    "apprenticeship",
    "uas",
    "university",
    "open-studies",
    "specialisation-education",
    "liberal-adult-education",
    "jotpa-training",
    "recognition-prior-learning",
    "foreign-qualifications",
    "kela-student-aid",
    "study-unemployment-benefit",
    "adult-education-allowance-abolished",
    "training-while-employed",
    "employment-services-2025",
    "job-market-finland",
    "osaamispolku",
    "ohjaamo",
    "study-counselling",
    "career-change",
    "job-search-cv",
    "labour-force-barometer",
    "immigrant-language-integration",
    "vocational-rehabilitation",
    "career-planning",
    "exploring-occupations",
    "tuition-fees",
    "extended-compulsory-education",
    "lifelong-guidance-strategy",
    "crisis-wellbeing",
    "about-suunta",
)
# The most central subjects also need a Swedish translation.
SWEDISH_CORE = (*REQUIRED_SUBJECTS[:18], "ohjaamo", "crisis-wellbeing", "about-suunta")
STALE_AFTER = dt.timedelta(days=365)
# A source page in a language the reader cannot be assumed to read (`/bg/`, `lang=de`): the
# page exists in the article's language (or English) on every official site cited here.
_FOREIGN_PAGE = re.compile(
    r"(?:/|[?&](?:lang|locale|language)=)"
    r"(bg|cs|da|de|el|es|et|fr|ga|hr|hu|it|lt|lv|mt|nl|no|pl|pt|ro|ru|sk|sl|uk)(?:/|$|&|\.)",
    re.IGNORECASE,
)
_FOREIGN_HOST = re.compile(r"\.(bg|cz|de|ee|es|fr|hu|it|lt|lv|nl|pl|pt|ro|ru|sk)$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem found in the corpus; errors fail validation, warnings do not."""

    level: str  # "error" | "warning"
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.path}:{self.line}: {self.message}"


def _line_of(path: Path, name: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{name}:"):
            return number
    return 1


def _check_article(article: Article, topics: set[str], today: dt.date) -> list[Finding]:
    found: list[Finding] = []
    path = article.path

    def add(level: str, field: str, message: str) -> None:
        found.append(Finding(level, str(path), _line_of(path, field) if field else 1, message))

    if path.parent.name != article.language:
        add(
            "error",
            "language",
            f"language '{article.language}' but file is in '{path.parent.name}/'",
        )
    for topic in article.topics:
        if topic not in topics:
            add("error", "topics", f"unknown topic '{topic}' (see knowledge_base/topics.yaml)")
    for source in article.sources:
        if not source.startswith(("https://", "http://")):
            add("error", "sources", f"source '{source}' is not a URL")
        elif _FOREIGN_PAGE.search(source.split("//", 1)[-1].split("/", 1)[-1]) or (
            _FOREIGN_HOST.search(source.split("//", 1)[-1].split("/", 1)[0])
        ):
            add("error", "sources", f"source '{source}' is a page in another language")
    summary_sentences = [s for s in article.summary.replace("!", ".").split(". ") if s.strip()]
    if len(summary_sentences) > 4:
        add("warning", "summary", "summary should be 2-3 sentences")
    if not article.sections:
        add("error", "", "body has no '## ' sections")
    elif article.next_steps is None:
        heading = NEXT_STEPS_HEADINGS[article.language]
        add("error", "", f"body must end with a '## {heading}' section")
    if today - article.reviewed > STALE_AFTER:
        add("warning", "reviewed", f"reviewed {article.reviewed}, more than 12 months ago")
    if article.reviewed > today:
        add("error", "reviewed", f"reviewed {article.reviewed} is in the future")
    if article.valid_until and article.valid_until < today:
        add("warning", "valid_until", f"valid_until {article.valid_until} has passed")
    return found


def _check_cards(content_dir: Path, articles: list[Article]) -> list[Finding]:
    """Answer cards: well-formed, resting on a real section, facts from it, translated."""
    findings: list[Finding] = []
    cards = []
    for path in card_paths(cards_dir_for(content_dir)):
        try:
            cards.extend(parse_cards(path))
        except CardError as exc:
            findings.append(Finding("error", str(exc.path), exc.line, exc.message))
    for level, card, message in check_cards(cards, articles):
        findings.append(Finding(level, str(card.path), card.line, f"card '{card.id}': {message}"))
    return findings


def _check_limits(content_dir: Path, today: dt.date) -> list[Finding]:
    """Limits: well-formed, texts in every language, each question let through by its cue."""
    findings: list[Finding] = []
    folder = limits_dir_for(content_dir)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            limit = parse_limit(path)
        except LimitError as exc:
            findings.append(Finding("error", str(exc.path), 1, str(exc).split(": ", 1)[-1]))
            continue
        findings.extend(Finding("error", str(path), 1, m) for m in check_limit(limit))
        if limit.reviewed is not None and today - limit.reviewed > STALE_AFTER:
            findings.append(
                Finding("warning", str(path), 1, f"reviewed {limit.reviewed}, over 12 months ago")
            )
        if limit.reviewed is not None and limit.reviewed > today:
            findings.append(
                Finding("error", str(path), 1, f"reviewed {limit.reviewed} is in the future")
            )
    return findings


def validate_corpus(content_dir: Path, topics: set[str], today: dt.date) -> list[Finding]:
    """Check every article and the corpus as a whole; return the findings, errors first."""
    findings: list[Finding] = []
    seen: dict[tuple[str, str], Path] = {}
    languages_by_id: dict[str, set[str]] = defaultdict(set)
    articles: dict[tuple[str, str], Article] = {}
    paths = article_paths(content_dir)
    if not paths:
        findings.append(Finding("error", str(content_dir), 1, "no articles found"))
    for path in paths:
        try:
            article = parse_article(path)
        except ArticleError as exc:
            findings.append(Finding("error", str(exc.path), exc.line, exc.message))
            continue
        key = (article.id, article.language)
        if key in seen:
            findings.append(
                Finding(
                    "error",
                    str(path),
                    _line_of(path, "id"),
                    f"duplicate id '{article.id}' in '{article.language}' (also {seen[key]})",
                )
            )
        seen[key] = path
        articles[key] = article
        languages_by_id[article.id].add(article.language)
        findings.extend(_check_article(article, topics, today))
    if paths:
        for subject in REQUIRED_SUBJECTS:
            wanted = {"fi", "en", "sv"} if subject in SWEDISH_CORE else {"fi", "en"}
            missing = sorted(wanted - languages_by_id.get(subject, set()))
            if missing:
                findings.append(
                    Finding(
                        "error",
                        str(content_dir),
                        1,
                        f"core subject '{subject}' has no article in: {', '.join(missing)}",
                    )
                )
    findings.extend(_check_cards(content_dir, list(articles.values())))
    findings.extend(_check_limits(content_dir, today))
    order = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: (order[f.level], f.path, f.line))


__all__ = ["LANGUAGES", "REQUIRED_SUBJECTS", "SWEDISH_CORE", "Finding", "validate_corpus"]
