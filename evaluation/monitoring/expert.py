"""The counsellor ("expert") level: one member of staff's own co-pilot use and ratings, and
nobody else's.

A counsellor's co-pilot sessions carry a pseudonymous key as their `user_id` (an HMAC of the
account id with the session secret, `application.chat.ChatService.staff_key`); only a request
signed in as that account can make the key, so only they can read these figures. Their own
questions and ratings describe no one else, so they are shown whole, month by month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, select

from evaluation.monitoring.facts import FEEDBACK, MESSAGES, SESSIONS

MAX_DAYS = 3 * 366
"""The longest span asked at once (three years)."""


class ExpertFigures(BaseModel):
    """A counsellor's co-pilot use and ratings over some days."""

    questions: int
    """Situations and questions put to the co-pilot."""
    no_answer: int
    """Of them, those the knowledge base could not answer."""
    ratings: int
    """Plans the counsellor rated (1-5)."""
    mean_rating: float | None
    """The mean of those ratings (null without any)."""
    helpful_votes: int
    helpful: int
    """Of the helpful / not helpful marks, those that said helpful."""


class ExpertMonth(ExpertFigures):
    """One calendar month (UTC) of a counsellor's figures."""

    month: dt.date


class ExpertReport(BaseModel):
    """The counsellor level: the signed-in member of staff's own figures only."""

    level: str = "counsellor"
    start: dt.date
    end: dt.date
    total: ExpertFigures
    months: list[ExpertMonth]
    """Every month of the span, oldest first (zeros included)."""


def expert_span(
    start: dt.date | None, end: dt.date | None, *, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The days asked for (default: the last twelve months, this one included); ValueError
    for a reversed or too long span."""
    end = end or today
    if start is None:
        back = end.year * 12 + end.month - 1 - 11
        start = dt.date(back // 12, back % 12 + 1, 1)
    if start > end:
        raise ValueError("from must not be after to")
    if (end - start).days > MAX_DAYS:
        raise ValueError("at most three years at once")
    return start, end


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def _figures(row: dict[str, int]) -> dict[str, Any]:
    ratings = row["ratings"]
    return {
        "questions": row["questions"],
        "no_answer": row["no_answer"],
        "ratings": ratings,
        "mean_rating": round(row["rating_sum"] / ratings, 2) if ratings else None,
        "helpful_votes": row["helpful_votes"],
        "helpful": row["helpful"],
    }


def expert_report(engine: Engine, key: str, start: dt.date, end: dt.date) -> ExpertReport:
    """The co-pilot questions and ratings of the sessions kept under `key`, from `start` to
    `end` (UTC days, both included)."""
    lo = dt.datetime.combine(start, dt.time(), dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    s, m, f = SESSIONS.c, MESSAGES.c, FEEDBACK.c
    mine = MESSAGES.join(SESSIONS, m.session_id == s.id)
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with engine.connect() as conn:
        for at, kind in conn.execute(
            select(m.created_at, m.kind)
            .select_from(mine)
            .where(s.user_id == key, m.mode == "counsellor", m.created_at >= lo, m.created_at < hi)
        ):
            row = counts[_utc(at).date().replace(day=1)]
            row["questions"] += 1
            row["no_answer"] += kind == "no_answer"
        rated = FEEDBACK.join(MESSAGES, f.message_id == m.id).join(SESSIONS, m.session_id == s.id)
        for at, rating, helpful in conn.execute(
            select(f.created_at, f.rating, f.helpful)
            .select_from(rated)
            .where(s.user_id == key, m.mode == "counsellor", f.created_at >= lo, f.created_at < hi)
        ):
            row = counts[_utc(at).date().replace(day=1)]
            if rating is not None:
                row["ratings"] += 1
                row["rating_sum"] += rating
            if helpful is not None:
                row["helpful_votes"] += 1
                row["helpful"] += bool(helpful)
    total: dict[str, int] = defaultdict(int)
    months = []
    for month in _months(start, end):
        row = counts.get(month, defaultdict(int))
        for name, n in row.items():
            total[name] += n
        months.append(ExpertMonth(month=month, **_figures(row)))
    return ExpertReport(start=start, end=end, total=ExpertFigures(**_figures(total)), months=months)
