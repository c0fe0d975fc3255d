"""The limits of the knowledge base: kinds of career question its sources never answer.

Answer cards say what Suunta knows; limits say what it does not. Each limit (one YAML file in
`knowledge_base/limits/`) is a kind of question that general guidance cannot answer however near
an article looks: the future of a field, a ranking of schools, another website's fault, one
person's taxes, another country's visas, one employment contract, one employer's own matters, one
person's own case, one programme's admission figures or outcomes, one school's practical
details, one programme's courses, entrance exam or fitness test, how long a decision takes now,
the exact amount one person would get, a private provider's price or a membership fee. A limit
has:

- `questions`: at least three ways a learner asks it, in fi, sv and en (matched question to
  question, like answer cards);
- `cue`: one pattern, or a list of patterns that must all match, that the question itself must
  contain (a year ahead, "best", "error", "tax"...), so that a question near a limit only in
  topic ("how do I prepare for a job interview") is never refused; a pattern that begins with
  `@name|` is also met when the question names a place, school or employer (a capitalised name,
  or a municipality); `countries: true` also accepts a question that
  names another country;
- `says` and `where`: what Suunta cannot say, and who can (fi, sv, en); without `where` the
  service is chosen from the nearest article's topics (`own_case: true` names only the one that
  handles the case);
- `specific: true` when the cue alone names the kind (a year ahead, an error message, "the
  best school"): such a limit may win a little less close than the nearest answer card;
- `youth_services: false` when the under-30 service is no help (another site's fault, taxes);
- `reviewed`: when someone last checked it.

One retrievable chunk per question (kind `limit`); the chunk carries the limit's texts so the
assistant needs nothing but the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from knowledge_base.chunking import Chunk

LANGUAGES = ("fi", "sv", "en")
MIN_QUESTIONS = 3
LIMIT_KIND = "limit"


class LimitError(ValueError):
    """A limit file that cannot be used, with its path."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True)
class Limit:
    """One kind of question the sources never answer."""

    id: str
    questions: dict[str, tuple[str, ...]]
    cues: tuple[str, ...]
    says: dict[str, str]
    where: dict[str, str]
    countries: bool
    own_case: bool
    youth_services: bool
    """Whether the reply also names the under-30 service (not for another site's fault or
    taxes, which no guidance service fixes)."""
    specific: bool
    """The cue alone names the kind (a year ahead, an error message, "the best school"), so a
    limit question may be a little less close than the nearest card (Calibration.limit)."""
    reviewed: date | None = None
    """When someone last checked it (None for a limit read back from an index)."""
    path: Path | None = None

    def matches_cue(self, question: str) -> bool:
        """Does the question itself say it is of this kind (every cue pattern found; a name
        cue by its pattern alone: names are the assistant's to judge)?"""
        return all(re.search(pattern(cue), question, re.IGNORECASE) for cue in self.cues)


NAME_CUE = "@name|"
"""A cue that a name in the question also meets."""


def pattern(cue: str) -> str:
    """The regular expression of a cue (without its `@name|` mark)."""
    return cue.removeprefix(NAME_CUE)


def _texts(path: Path, data: dict[str, object], field: str, *, required: bool) -> dict[str, str]:
    value = data.get(field)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        raise LimitError(path, f"'{field}' needs a text in each of {', '.join(LANGUAGES)}")
    return {language: " ".join(str(value[language]).split()) for language in LANGUAGES}


def parse_limit(path: Path) -> Limit:
    """One limit file, checked: texts in every language, enough questions, cues that compile."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LimitError(path, f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise LimitError(path, "a limit needs an 'id'")
    questions = data.get("questions")
    if not isinstance(questions, dict) or set(questions) != set(LANGUAGES):
        raise LimitError(path, f"'questions' needs a list in each of {', '.join(LANGUAGES)}")
    asked = {language: tuple(str(q) for q in questions[language]) for language in LANGUAGES}
    for language, listed in asked.items():
        if len(listed) < MIN_QUESTIONS:
            raise LimitError(path, f"at least {MIN_QUESTIONS} questions in '{language}'")
    cue = data.get("cue")
    cues = tuple(cue) if isinstance(cue, list) else (cue,)
    if not cues or not all(isinstance(c, str) and c for c in cues):
        raise LimitError(path, "'cue' must be a pattern or a list of patterns")
    for cue in cues:
        try:
            re.compile(pattern(cue))
        except re.error as exc:
            raise LimitError(path, f"cue does not compile ({exc})") from exc
    reviewed = data.get("reviewed")
    if not isinstance(reviewed, date):
        raise LimitError(path, "'reviewed' must be a date (YYYY-MM-DD)")
    return Limit(
        id=data["id"],
        questions=asked,
        cues=cues,
        says=_texts(path, data, "says", required=True),
        where=_texts(path, data, "where", required=False),
        countries=bool(data.get("countries", False)),
        own_case=bool(data.get("own_case", False)),
        specific=bool(data.get("specific", False)),
        youth_services=bool(data.get("youth_services", True)),
        reviewed=reviewed,
        path=path,
    )


def limits_dir_for(content_dir: Path) -> Path:
    """The limits sit beside the articles: `knowledge_base/limits` for `knowledge_base/content`."""
    return content_dir.parent / "limits"


def load_limits(limits_dir: Path) -> list[Limit]:
    """Every limit in the folder, in file-name order (none when there is no folder)."""
    if not limits_dir.is_dir():
        return []
    return [parse_limit(path) for path in sorted(limits_dir.glob("*.yaml"))]


def check_limit(limit: Limit) -> list[str]:
    """Problems `kb validate` reports: a question that its own cue would not let through."""
    return [
        f"question '{question}' ({language}) does not match the limit's cue"
        for language, listed in limit.questions.items()
        for question in listed
        if not limit.matches_cue(question) and not limit.countries
    ]


def _flags(limit: Limit) -> str:
    """The limit's flags as its chunks carry them (in `heading`, space-separated)."""
    flags = {
        "own_case": limit.own_case,
        "countries": limit.countries,
        "specific": limit.specific,
        "no_youth_services": not limit.youth_services,
    }
    return " ".join(name for name, on in flags.items() if on)


def limit_chunks(limits: list[Limit]) -> list[Chunk]:
    """One retrievable chunk per limit question; the chunk carries the limit's texts: `title`
    what Suunta cannot say, `summary` where to ask, `keywords` the cue patterns (JSON),
    `heading` its flags (own_case, countries, specific, no_youth_services)."""
    return [
        Chunk(
            id=f"{LIMIT_KIND}:{limit.id}/{language}/{number}",
            doc_id=f"{LIMIT_KIND}:{limit.id}",
            kind=LIMIT_KIND,
            language=language,
            title=limit.says[language],
            heading=_flags(limit),
            text=question,
            url="",
            summary=limit.where.get(language, ""),
            keywords=json.dumps(list(limit.cues), ensure_ascii=False),
        )
        for limit in limits
        for language in LANGUAGES
        for number, question in enumerate(limit.questions[language])
    ]


def limits_in(chunks: Iterable[Chunk]) -> list[Limit]:
    """The limits an index holds, read back from their chunks (`limit_chunks` in reverse)."""
    found: dict[str, Limit] = {}
    for chunk in chunks:
        if chunk.kind != LIMIT_KIND:
            continue
        limit = found.get(chunk.doc_id)
        if limit is None:
            flags = set(chunk.heading.split())
            limit = Limit(
                id=chunk.doc_id.removeprefix(f"{LIMIT_KIND}:"),
                questions={},
                cues=tuple(json.loads(chunk.keywords or "[]")),
                says={},
                where={},
                countries="countries" in flags,
                own_case="own_case" in flags,
                youth_services="no_youth_services" not in flags,
                specific="specific" in flags,
            )
            found[chunk.doc_id] = limit
        limit.questions[chunk.language] = (*limit.questions.get(chunk.language, ()), chunk.text)
        limit.says[chunk.language] = chunk.title
        if chunk.summary:
            limit.where[chunk.language] = chunk.summary
    return list(found.values())


__all__ = [
    "LIMIT_KIND",
    "NAME_CUE",
    "Limit",
    "LimitError",
    "check_limit",
    "limit_chunks",
    "limits_dir_for",
    "limits_in",
    "load_limits",
    "parse_limit",
    "pattern",
]
