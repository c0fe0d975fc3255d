"""The messages' per-day groups read from the roll-ups the database keeps (migration 0010).

`message_counts` and `topic_counts` hold, per UTC day, the messages grouped as a report counts
them; triggers on `messages` keep them equal to the rows through every insert and deletion. A
range of whole days is read from them (a few thousand rows a month instead of a grouping of a
million messages); a range that starts or ends inside a day (the open days' hours) is grouped
from the rows.

`late` marks a SQLite time in a day's last half millisecond, which `julianday` (the day every
report reads) rounds into the next day: such a message belongs to its date's range but is
counted on the next day, clipped into the range as the per-row reading clips it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

from evaluation.reports.facts import sql

EPOCH = dt.date(1970, 1, 1)


def whole_days(lo: dt.datetime, hi: dt.datetime) -> tuple[int, int] | None:
    """The day numbers [first, end) of a range of whole UTC days, or None."""
    lo, hi = lo.astimezone(dt.UTC), hi.astimezone(dt.UTC)
    if lo.time() != dt.time() or hi.time() != dt.time():
        return None
    return (lo.date() - EPOCH).days, (hi.date() - EPOCH).days


def message_groups(
    conn: Connection, first: int, end: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The messages of days [first, end) grouped by (day, mode, language, channel, kind, latency
    bin) and by (day, mode, kind, topics), each group with its count, as `store_counts` groups
    the rows."""
    m = sql.mark(conn.dialect.name)
    days = f"day >= {m} AND day < {m}"
    latency = sql.fetch(
        conn,
        "SELECT day + late, mode, language, channel, kind, latency_bin, sum(n) "
        f"FROM message_counts WHERE {days} GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) > 0",
        [first, end],
    )
    topics = sql.fetch(
        conn,
        "SELECT day + late, mode, kind, topics, sum(n) "
        f"FROM topic_counts WHERE {days} GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0",
        [first, end],
    )
    return latency, topics


def feedback_groups(conn: Connection, first: int, end: int) -> list[tuple[Any, ...]]:
    """The feedback of days [first, end) grouped by (day, rating, helpful vote, and its
    question's language, channel, mode, kind and topics; None for a question not stored), each
    group with its count, as `store_counts` groups the left join of the rows (migration 0016)."""
    m = sql.mark(conn.dialect.name)
    no, yes = ("0", "1") if conn.dialect.name == "sqlite" else ("false", "true")
    dimensions = ", ".join(
        f"CASE WHEN linked = 1 THEN {c} END"
        for c in ("language", "channel", "mode", "kind", "topics")
    )
    return sql.fetch(
        conn,
        "SELECT day + late, CASE WHEN rated = 1 THEN rating END, "
        f"CASE helpful WHEN 1 THEN {no} WHEN 2 THEN {yes} END, {dimensions}, sum(n) "
        f"FROM feedback_counts WHERE day >= {m} AND day < {m} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) > 0",
        [first, end],
    )
