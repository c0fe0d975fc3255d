"""OPH's code list of qualification titles (tutkintonimikkeet) in fi/sv/en: the names of the
occupations Finnish vocational qualifications lead to (`data/oph/`, see its README)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "oph"
# Official suffixes that mark the qualification's level: (PT) (AT) (EAT), (GE) (YE) (SYE), (VQ)...
_SUFFIX = re.compile(r"\s*\((PT|AT|EAT|GE|YE|SYE|VQ|FQ|SQ|FVQ)\)\s*$")


@dataclass(frozen=True)
class Title:
    """One qualification title with its names (empty where OPH gives none)."""

    code: str
    fi: str
    sv: str
    en: str
    qualifications: tuple[str, ...]

    def name(self, language: str) -> str:
        """The title's name in a language, without its level suffix."""
        return _SUFFIX.sub("", getattr(self, language, "") or "")


@cache
def load_titles(path: Path = DATA / "qualification_titles.tsv") -> tuple[Title, ...]:
    """Every title with at least one name (the placeholder 00000 has none)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return tuple(
        Title(
            row["code"],
            row["fi"],
            row["sv"],
            row["en"] if row["en"] != row["fi"] else "",  # 38 English fields hold the Finnish
            tuple(c for c in (row.get("qualification_codes") or "").split(",") if c),
        )
        for row in rows
        if row["fi"] or row["sv"] or row["en"]
    )
