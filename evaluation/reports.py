"""The summary report: counts read from the telemetry store, small groups suppressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import col

from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] in UTC days."""

    start: dt.date
    end: dt.date

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Datetime bounds [start 00:00, end+1 00:00)."""
        lo = dt.datetime.combine(self.start, dt.time(), tzinfo=dt.UTC)
        hi = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        return lo, hi


def suppress(counts: dict[str, int], minimum: int) -> dict[str, int | None]:
    """Counts below `minimum` become None; if exactly one cell is hidden, hide the next smallest
    too, so it cannot be recovered as total minus the rest."""
    shown: dict[str, int | None] = {k: (v if v >= minimum else None) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v is None]
    if len(hidden) == 1:
        visible = sorted((v, k) for k, v in counts.items() if shown[k] is not None)
        if visible:
            shown[visible[0][1]] = None
    return shown


def summary(engine: Engine, period: Period, *, min_group_size: int) -> dict[str, Any]:
    """Sessions, messages by kind and language, and feedback in the period."""
    lo, hi = period.bounds()
    with engine.connect() as conn:
        sessions = conn.execute(
            select(func.count())
            .select_from(SessionRecord)
            .where(col(SessionRecord.started_at) >= lo, col(SessionRecord.started_at) < hi)
        ).scalar_one()
        in_period = (col(MessageRecord.created_at) >= lo, col(MessageRecord.created_at) < hi)
        messages = conn.execute(
            select(func.count()).select_from(MessageRecord).where(*in_period)
        ).scalar_one()
        by_kind: dict[str, int] = dict(
            conn.execute(
                select(col(MessageRecord.kind), func.count())
                .where(*in_period)
                .group_by(col(MessageRecord.kind))
            ).all()
        )
        by_language: dict[str, int] = dict(
            conn.execute(
                select(col(MessageRecord.language), func.count())
                .where(*in_period)
                .group_by(col(MessageRecord.language))
            ).all()
        )
        ratings = conn.execute(
            select(func.count(col(FeedbackRecord.rating)), func.avg(col(FeedbackRecord.rating))).where(
                col(FeedbackRecord.created_at) >= lo, col(FeedbackRecord.created_at) < hi
            )
        ).one()
    rated, mean_rating = int(ratings[0] or 0), ratings[1]
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "min_group_size": min_group_size,
        "sessions": sessions if sessions >= min_group_size else None,
        "messages": messages if messages >= min_group_size else None,
        "messages_by_kind": suppress({str(k): int(v) for k, v in by_kind.items()}, min_group_size),
        "messages_by_language": suppress(
            {str(k): int(v) for k, v in by_language.items()}, min_group_size
        ),
        "ratings": rated if rated >= min_group_size else None,
        "mean_rating": round(float(mean_rating), 2)
        if mean_rating is not None and rated >= min_group_size
        else None,
    }
