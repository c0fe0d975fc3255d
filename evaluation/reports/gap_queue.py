"""The knowledge-gap list as a work queue: an owner marks a theme `in_progress`, `fixed` (by a
card or article) or `not_ours`, and the mark holds until new questions of the theme arrive.

Themes are found anew by every report, so a mark is kept with the keys of the questions the
theme held when it was marked (hashes of their redacted, normalised texts) and found again by
its own key or by the questions it shares with a theme of today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy import DateTime, Engine, Text, delete, select
from sqlmodel import Field, SQLModel, col

from telemetry.store import init_schema

State = Literal["in_progress", "fixed", "not_ours"]
STATES: tuple[State, ...] = ("in_progress", "fixed", "not_ours")
MAX_QUESTIONS = 5_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class GapMarkRecord(SQLModel, table=True):
    """An owner's mark on a knowledge-gap theme."""

    __tablename__ = "gap_marks"
    key: str = Field(primary_key=True, max_length=16)
    state: str = Field(max_length=16)
    fixed_by: str | None = Field(default=None, max_length=200)
    marked_at: dt.datetime = Field(default_factory=_now, sa_type=DateTime(timezone=True))
    questions: str = Field(default="", sa_type=Text)
    """Space-separated keys of the theme's questions when it was marked."""


@dataclass(frozen=True)
class GapMark:
    """A mark as the report uses it."""

    key: str
    state: State
    fixed_by: str | None
    marked_at: dt.datetime
    questions: frozenset[str]


TABLE = GapMarkRecord.__table__  # type: ignore[attr-defined]


def mark(
    engine: Engine,
    key: str,
    state: State,
    *,
    questions: Iterable[str] = (),
    fixed_by: str | None = None,
    now: dt.datetime | None = None,
) -> GapMark:
    """Set (or replace) the mark of theme `key`."""
    if state not in STATES:
        raise ValueError(f"state must be one of {', '.join(STATES)}")
    if state == "fixed" and not (fixed_by and fixed_by.strip()):
        raise ValueError("a fixed theme names the card or article that fixed it")
    keys = frozenset(list(dict.fromkeys([key, *questions]))[:MAX_QUESTIONS])
    row = {
        "key": key,
        "state": state,
        "fixed_by": fixed_by.strip() if state == "fixed" and fixed_by else None,
        "marked_at": now or _now(),
        "questions": " ".join(sorted(keys)),
    }
    init_schema(engine)
    with engine.begin() as conn:
        conn.execute(delete(TABLE).where(TABLE.c.key == key))
        conn.execute(TABLE.insert().values(**row))
    return GapMark(key, state, row["fixed_by"], row["marked_at"], keys)  # type: ignore[arg-type]


def clear(engine: Engine, key: str) -> bool:
    """Remove the mark of theme `key` (it is open again); False when it had none."""
    init_schema(engine)
    with engine.begin() as conn:
        return bool(conn.execute(delete(TABLE).where(TABLE.c.key == key)).rowcount)


def marks(engine: Engine) -> list[GapMark]:
    """Every mark, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                col(GapMarkRecord.key),
                col(GapMarkRecord.state),
                col(GapMarkRecord.fixed_by),
                col(GapMarkRecord.marked_at),
                col(GapMarkRecord.questions),
            ).order_by(col(GapMarkRecord.marked_at))
        ).all()
    return [
        GapMark(
            r[0],
            cast(State, r[1]),
            r[2],
            r[3] if r[3].tzinfo else r[3].replace(tzinfo=dt.UTC),
            frozenset(r[4].split()),
        )
        for r in rows
    ]


def match(key: str, questions: frozenset[str], found: Sequence[GapMark]) -> GapMark | None:
    """The mark of a theme: the one with its key, else the newest that shares the most of its
    questions."""
    best: GapMark | None = None
    shared = 0
    for m in found:
        if m.key == key:
            return m
        overlap = len(m.questions & questions)
        if overlap and (overlap > shared or (overlap == shared and best is not None)):
            best, shared = m, overlap
    return best
