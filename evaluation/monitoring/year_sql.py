"""The SQL that reads a year's cells: grouped in the database, not row by row in Python.

Why: a year's questions are millions of rows joined to their sessions. Their groups by the
session's organisation and region, month and one integer code (mode, outcome, knowledge-gap
mark, latency bin) are kept by the database itself in `question_counts` (migration 0013,
triggers on `messages` and `sessions`), so a year of them is read as tens of thousands of rows.
The feedback's groups by organisation, region, month, mode, helpful vote and rating are kept
the same way in `rating_counts` (migration 0015, triggers on all three tables), and the questions
that are knowledge gaps only by a poor rating in `rated_gap_counts` (migration 0018).
The sessions' groups by month, organisation, region and dimensions, by hour (for office
hours), and each cell's distinct users are kept in `session_counts`, `session_hours` and
`session_users` (migration 0017, triggers on `sessions`): a year's three million sessions are
read as a few thousand groups and a few hundred texts of users.

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
"""Joins a cell's users into one text (the unit separator)."""
MODES = ("learner", "counsellor")
"""Mode codes 0 and 1; anything else is 2 (the roll-ups' triggers write them: migrations 0013
and 0015)."""
KINDS = ("no_answer", "handoff")
"""Outcome codes 1 and 2; any other kind is 0."""
LATENCY_CODES = 401
"""A question's 50 ms latency bin (0..400), as the old per-row reading clamped it."""


@dataclass(frozen=True)
class Dialect:
    """The few expressions SQLite and PostgreSQL write differently."""

    name: str

    @property
    def mark(self) -> str:
        """The driver's parameter placeholder."""
        return store_sql.mark(self.name)

    def prepare(self, conn: Connection) -> None:
        """PostgreSQL settings for this reading transaction (`facts.sql.prepare`)."""
        store_sql.prepare(conn)


def session_groups(
    conn: Connection,
    dialect: Dialect,
    lo: dt.datetime,
    hi: dt.datetime,
    sums: Sequence[tuple[str, str]],
) -> list[tuple[Any, ...]]:
    """Sessions started in the whole UTC months [lo, hi) by month (1..12), organisation and
    region, with one sum per `sums` entry: (name, SQL of a session group's share, over the
    columns of `session_counts` and its count `n`). Read from `session_counts` (migration
    0017), which triggers keep equal to grouping the sessions by their dimensions (missing
    texts as '', missing clarity as 0)."""
    columns = ", ".join(f"sum({expression})" for _, expression in sums)
    rows = fetch(
        conn,
        f"SELECT month, org_id, region, {columns} FROM session_counts "
        f"WHERE month >= {dialect.mark} AND month < {dialect.mark} AND n > 0 GROUP BY 1, 2, 3",
        [month_index(lo), month_index(hi)],
    )
    return [(m % 12 + 1, *rest) for m, *rest in rows]


def among(column: str, values: Sequence[str]) -> str:
    """SQL: `column` is one of `values` (constant codes, written out)."""
    if any("'" in v for v in values):
        raise ValueError(f"not a code: {values}")
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def session_hour_groups(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[Any, ...]]:
    """Sessions started in the whole UTC months [lo, hi) by UTC hour ('YYYY-MM-DD HH'),
    organisation and region, with their count (`session_hours`, migration 0017)."""
    return fetch(
        conn,
        "SELECT hour, org_id, region, n FROM session_hours "
        f"WHERE hour >= {dialect.mark} AND hour < {dialect.mark} AND n > 0",
        [
            lo.astimezone(dt.UTC).strftime("%Y-%m-%d %H"),
            hi.astimezone(dt.UTC).strftime("%Y-%m-%d %H"),
        ],
    )


def session_user_groups(
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[int, str, str, list[str]]]:
    """The distinct users (a session without a user id is its own) of the sessions started
    in the whole UTC months [lo, hi), by month (1..12), organisation and region. Read from
    `session_users` (migration 0017), each cell's users joined into one text in the database:
    a few hundred rows instead of millions (a cell whose users do not split back into as many
    as it has, an id holding the separator, is read row by row)."""
    join = "group_concat(user_key, ?)" if dialect.name == "sqlite" else "string_agg(user_key, %s)"
    months = [month_index(lo), month_index(hi)]
    in_range = f"month >= {dialect.mark} AND month < {dialect.mark} AND n > 0"
    rows = fetch(
        conn,
        f"SELECT month, org_id, region, count(*), {join} FROM session_users "
        f"WHERE {in_range} GROUP BY 1, 2, 3",
        [SEP, *months],
    )
    out = []
    for month, org, region, n, joined in rows:
        users = joined.split(SEP)
        if len(users) != n:
            users = [
                u
                for (u,) in fetch(
                    conn,
                    f"SELECT user_key FROM session_users WHERE {in_range} AND month = "
                    f"{dialect.mark} AND org_id = {dialect.mark} AND region = {dialect.mark}",
                    [*months, month, org, region],
                )
            ]
        out.append((month % 12 + 1, org, region, users))
    return out


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
    conn: Connection, dialect: Dialect, lo: dt.datetime, hi: dt.datetime
) -> list[tuple[Any, ...]]:
    """Learners' questions written in the whole UTC months [lo, hi) that are knowledge gaps
    only by a poor rating (1-2) or a wrong-answer report, by organisation, region and month
    (1..12). Read from `rated_gap_counts` (migration 0018), which triggers keep equal to
    counting the questions joined to their sessions whose id is among the poor feedback's;
    months as in `message_groups`."""
    sql = (
        "SELECT org_id, region, month + late, sum(n) FROM rated_gap_counts "
        f"WHERE month >= {dialect.mark} AND month < {dialect.mark} "
        "GROUP BY 1, 2, 3 HAVING sum(n) > 0"
    )
    rows = fetch(conn, sql, [month_index(lo), month_index(hi)])
    return [(org, region, m % 12 + 1, n) for org, region, m, n in rows]


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
