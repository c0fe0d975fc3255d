"""Knowledge-base articles: Markdown files with a YAML front matter, loaded and checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LANGUAGES = ("fi", "sv", "en")
NEXT_STEPS_HEADINGS = {"fi": "Seuraavat askeleet", "sv": "Nästa steg", "en": "Next steps"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_FIELDS = (
    "id",
    "language",
    "title",
    "summary",
    "topics",
    "audience",
    "sources",
    "reviewed",
)


class ArticleError(ValueError):
    """A malformed article file, with the place it was found."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Section:
    """One `## ` section of an article body."""

    heading: str
    text: str


@dataclass(frozen=True)
class Article:
    """One article in one language."""

    id: str
    language: str
    title: str
    summary: str
    topics: tuple[str, ...]
    audience: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: dt.date
    path: Path
    sections: tuple[Section, ...] = field(default=())
    valid_until: dt.date | None = None
    age_max: int | None = None
    """The oldest age the service is for (Ohjaamo: 29); never offered as the route to older."""
    occupation: dict[str, object] | None = None
    """An occupation guide's names, OPH title and qualification codes and licence."""

    @property
    def url(self) -> str:
        """The first source: where a reader can check the facts."""
        return self.sources[0] if self.sources else ""

    @property
    def next_steps(self) -> Section | None:
        """The closing 'Next steps' section, if the article has one."""
        wanted = NEXT_STEPS_HEADINGS.get(self.language, "").casefold()
        for section in self.sections:
            if section.heading.casefold() == wanted:
                return section
        return None


# libyaml's parser when PyYAML has it (its wheels ship it): the same documents several times
# faster: the corpus (~600 files, read by every build and start) 0.4 CPU-s instead of 1.7.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """`yaml.safe_load(text)`, through libyaml when it is there."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, object], str, int]:
    if not text.startswith("---"):
        raise ArticleError(path, 1, "missing YAML front matter (the file must start with '---')")
    end = text.find("\n---", 3)
    if end < 0:
        raise ArticleError(path, 1, "front matter is not closed with '---'")
    raw = text[3:end]
    try:
        meta = load_yaml(raw) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise ArticleError(path, line, f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise ArticleError(path, 2, "front matter must be a mapping")
    body_start_line = raw.count("\n") + 3
    return meta, text[end + 4 :], body_start_line


def _field_line(text: str, name: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{name}:"):
            return number
    return 1


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return (str(value),)


def _as_date(path: Path, text: str, name: str, value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ArticleError(
            path, _field_line(text, name), f"{name} must be a date (YYYY-MM-DD)"
        ) from exc


def parse_sections(body: str) -> tuple[Section, ...]:
    """Split a Markdown body into its `## ` sections (text before the first heading is dropped)."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("## "):
            if heading is not None:
                sections.append(Section(heading, "\n".join(lines).strip()))
            heading, lines = line[3:].strip(), []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        sections.append(Section(heading, "\n".join(lines).strip()))
    return tuple(s for s in sections if s.text)


def parse_article(path: Path) -> Article:
    """Read one article file; raise ArticleError with file and line when it is malformed."""
    text = path.read_text(encoding="utf-8")
    meta, body, _ = _split_front_matter(path, text)
    for name in REQUIRED_FIELDS:
        if name not in meta or meta[name] in (None, "", []):
            raise ArticleError(path, _field_line(text, name), f"missing required field '{name}'")
    article_id = str(meta["id"])
    if not ID_PATTERN.match(article_id):
        raise ArticleError(path, _field_line(text, "id"), f"id '{article_id}' must be kebab-case")
    language = str(meta["language"])
    if language not in LANGUAGES:
        raise ArticleError(path, _field_line(text, "language"), f"unknown language '{language}'")
    valid_until = meta.get("valid_until")
    age_max = meta.get("age_max")
    if age_max is not None and not isinstance(age_max, int):
        raise ArticleError(path, _field_line(text, "age_max"), "age_max must be a whole number")
    occupation = meta.get("occupation")
    if occupation is not None and not isinstance(occupation, dict):
        raise ArticleError(path, _field_line(text, "occupation"), "occupation must be a mapping")
    return Article(
        id=article_id,
        language=language,
        title=str(meta["title"]).strip(),
        summary=" ".join(str(meta["summary"]).split()),
        topics=_as_tuple(meta["topics"]),
        audience=_as_tuple(meta["audience"]),
        sources=_as_tuple(meta["sources"]),
        reviewed=_as_date(path, text, "reviewed", meta["reviewed"]),
        valid_until=_as_date(path, text, "valid_until", valid_until) if valid_until else None,
        path=path,
        sections=parse_sections(body),
        age_max=age_max,
        occupation=occupation,
    )


def article_paths(content_dir: Path) -> list[Path]:
    """Every article file under `content_dir`, in a stable order."""
    return sorted(p for lang in LANGUAGES for p in (content_dir / lang).glob("*.md"))


def load_articles(content_dir: Path) -> list[Article]:
    """Load every article; the first malformed file raises ArticleError."""
    return [parse_article(path) for path in article_paths(content_dir)]


def load_topics(topics_file: Path) -> dict[str, dict[str, str]]:
    """The fixed topic list: key -> labels by language."""
    data = yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}
    return {str(k): dict(v) for k, v in (data.get("topics") or {}).items()}
