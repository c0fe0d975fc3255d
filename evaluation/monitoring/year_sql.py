"""The SQL that reads a year's cells: grouped in the database, not row by row in Python.

Why: a year's questions are millions of rows joined to their sessions. Their groups by the
session's organisation and region, month and one integer code (mode, outcome, knowledge-gap
mark, latency bin) are kept by the database itself in `question_counts` (migration 0013,
triggers on `messages` and `sessions`), so a year of them is read as tens of thousands of rows.
The feedback's groups by organisation, region, month, mode, helpful vote and rating are kept
the same way in `rating_counts` (migration 0015, triggers on all three tables). Questions that
are knowledge gaps only by a poor rating are grouped in the database, from the feedback.
Sessions come back one row each (distinct users need them), as three texts: their UTC hour,
their dimensions joined, their user.

Measured on 10M messages (`bench/reports.py`, docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from evaluation.reports.facts import sql as store_sql
from evaluation.reports.facts.sql import fetch

SEP = "\x1f"
"""Joins a session's dimensions into one text (the unit separator: in no code or id)."""
MODES = ("learner", "counsellor")
"""Mode codes 0 and 1; anything else is 2 (the roll-ups' triggers write them: migrations 0013
and 0015)."""
KINDS = ("no_answer", "handoff")
"""Outcome codes 1 and 2; any other kind is 0."""
LATENCY_CODES = 401
"""A question's 50 ms latency bin (0..400), as the old per-row reading clamped it."""
_SESSION_PARTS = (
    "org_id",
    "region",
    "language",
    "channel",
    "clarity_start",
    "clarity_end",
    "next_step_taken",
    "service_contacted",
    "handoff_taken",
)
"""A session's dimensions, in the order they are joined (missing values as '' or 0)."""


@dataclass(frozen=True)
class Dialect:
    """The few expressions SQLite and PostgreSQL write differently."""

    name: str

    @property
    def mark(self) -> str:
        """The driver's parameter placeholder."""
        return store_sql.mark(self.name)

    def month(self, column: str) -> str:
        """The UTC month (1..12) of a stored time, of the day the per-day reading gave it
        (SQLite's julianday rounds to the millisecond: 23:59:59.9995 is the next day)."""
        if self.name == "sqlite":
            return f"CAST(strftime('%m', julianday({column})) AS INTEGER)"
        return f"CAST(extract(month FROM {column} AT TIME ZONE 'UTC') AS INTEGER)"

    def hour(self, column: str) -> str:
        """The UTC hour of a stored time as 'YYYY-MM-DD HH'."""
        if self.name == "sqlite":
            return f"strftime('%Y-%m-%d %H', {column})"
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')"

    def text(self, column: str, empty: str) -> str:
        """A column as text, missing as `empty`."""
        if self.name == "sqlite":
            return f"coalesce({column}, {empty})"
        return f"coalesce(CAST({column} AS TEXT), {empty})"

    def is_true(self, column: str) -> str:
        """A boolean column that is true."""
        return f"{column} = 1" if self.name == "sqlite" else f"{column} IS TRUE"

    def prepare(self, conn: Connection) -> None:
        """PostgreSQL settings for this reading transaction (`facts.sql.prepare`)."""
        store_sql.prepare(conn)


def session_rows(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[str, str, str]]:
    """Every session started in [lo, hi): its UTC hour, its dimensions joined by `SEP`, and
    its user (the session itself when it has no user id)."""
    d = dialect
    parts = f" || '{SEP}' || ".join(
        d.text(c, "'0'" if c.startswith("clarity") else "''") for c in _SESSION_PARTS
    )
    user = "CASE WHEN user_id IS NULL OR user_id = '' THEN id ELSE user_id END"
    sql = (
        f"SELECT {d.hour('started_at')}, {parts}, {user} FROM sessions "
        f"WHERE started_at >= {d.mark} AND started_at < {d.mark}"
    )
    return fetch(conn, sql, (store_sql.stamp(d.name, lo), store_sql.stamp(d.name, hi)))  # type: ignore[return-value]


def split_session(key: str) -> tuple[str, str, str, str, int, int, str, str, str]:
    """The dimensions `session_rows` joined."""
    org, region, language, channel, c0, c1, step, contact, taken = key.split(SEP)
    return org, region, language, channel, int(c0), int(c1), step, contact, taken


_GAP = (
    "CASE WHEN m.kind = 'no_answer' THEN 1 "
    "WHEN m.kind = 'answer' AND m.confidence < {mark} THEN 1 ELSE 0 END"
)
"""A question that got no answer or one of low confidence (a knowledge-gap question by its
reply; a poor rating or a wrong-answer report makes one too: `rated_gap_groups`)."""
_ATOM = "s.org_id, s.region"


QUESTION_CODES = 3 * 3 * 2 * LATENCY_CODES
"""The codes of one month: `question_counts.code` is a question's code without its month."""


def message_groups(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[Any, ...]]:
    """Questions written in the whole UTC months [lo, hi) by their session's organisation and
    region and one code: (((month x mode) x outcome) x gap mark by the reply) x latency bin.
    Read from `question_counts` (migration 0013), which triggers keep equal to grouping the
    questions joined to their sessions; the month is the one SQLite's `julianday` gives (a
    question in a month's last half millisecond counts in the next, as the per-row reading
    counted it)."""
    sql = (
        "SELECT org_id, region, month + late, code, sum(n) FROM question_counts "
        f"WHERE month >= {dialect.mark} AND month < {dialect.mark} "
        "GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0"
    )
    rows = fetch(conn, sql, [month_index(lo), month_index(hi)])
    return [
        (org, region, (m % 12 + 1) * QUESTION_CODES + code, n) for org, region, m, code, n in rows
    ]


def month_index(at: dt.datetime) -> int:
    """The start of a UTC month as `question_counts.month` numbers it (year * 12 + month - 1)."""
    at = at.astimezone(dt.UTC)
    if at != at.replace(day=1, hour=0, minute=0, second=0, microsecond=0):
        raise ValueError(f"not the start of a month: {at}")
    return at.year * 12 + at.month - 1


def rated_gap_groups(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime, low_confidence: float
) -> list[tuple[Any, ...]]:
    """Learners' questions written in [lo, hi) that are knowledge gaps only by a poor rating
    (1-2) or a wrong-answer report, by organisation, region and month: found from the
    feedback, which is far smaller than the questions."""
    d = dialect
    poor = f"SELECT message_id FROM feedback WHERE rating <= 2 OR {d.is_true('wrong_answer')}"
    where = f" AND m.mode = 'learner' AND ({_GAP}) = 0 AND m.id IN ({poor})"
    where = where.replace("{mark}", d.mark)
    return _grouped(conn, d, d.month("m.created_at"), [], lo, hi, where, [low_confidence])


def _grouped(
    conn: Connection,
    d: Dialect,
    code: str,
    code_params: list[Any],
    lo: dt.datetime,
    hi: dt.datetime,
    where: str = "",
    where_params: Sequence[Any] = (),
) -> list[tuple[Any, ...]]:
    """Questions in [lo, hi) joined to their sessions, counted by atom and `code`."""
    sql = (
        f"SELECT {_ATOM}, {code}, count(*) FROM messages m JOIN sessions s ON s.id = "
        f"m.session_id WHERE m.created_at >= {d.mark} AND m.created_at < {d.mark}{where} "
        "GROUP BY 1, 2, 3"
    )
    stamps = [store_sql.stamp(d.name, lo), store_sql.stamp(d.name, hi)]
    return fetch(conn, sql, [*code_params, *stamps, *where_params])


def split_message(code: int) -> tuple[int, int, int, int, int]:
    """(month, mode, outcome, gap mark, latency bin) of a `message_groups` code."""
    code, latency = divmod(code, LATENCY_CODES)
    code, gap = divmod(code, 2)
    month_mode, kind = divmod(code, 3)
    month, mode = divmod(month_mode, 3)
    return month, mode, kind, gap, latency


def split_rating(code: int) -> tuple[int, int, int]:
    """(month, mode, helpful: 0 not given, 1 no, 2 yes) of a `rating_groups` code."""
    month_mode, helpful = divmod(code, 3)
    month, mode = divmod(month_mode, 3)
    return month, mode, helpful


def rating_groups(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[Any, ...]]:
    """Feedback given in the whole UTC months [lo, hi) by its session's organisation and
    region, one code ((month x mode) x helpful) and the rating. Read from `rating_counts`
    (migration 0015), which triggers keep equal to grouping the feedback joined to its
    questions and their sessions; months as in `message_groups`."""
    sql = (
        "SELECT org_id, region, month + late, code, CASE WHEN rated = 1 THEN rating END, "
        f"sum(n) FROM rating_counts WHERE month >= {dialect.mark} AND month < {dialect.mark} "
        "GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) > 0"
    )
    rows = fetch(conn, sql, [month_index(lo), month_index(hi)])
    return [
        (org, region, (m % 12 + 1) * 9 + code, rating, n)
        for org, region, m, code, rating, n in rows
    ]
