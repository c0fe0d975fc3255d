"""The monitoring year as it was read before the reading moved into SQL (commit 9dc4528): row
by row and grouped by text in the database. Kept only to check that the grouped reading
(`evaluation.monitoring.facts.read_year`) gives the same cells."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from sqlalchemy import Engine, Integer, and_, cast, func, or_, select
from sqlalchemy.sql import ColumnElement

from evaluation.monitoring.facts import (
    CHANNEL_GROUPS,
    CONTACT_ANSWERS,
    FEEDBACK,
    LANGUAGE_GROUPS,
    LATENCY_BIN_MS,
    LATENCY_BINS,
    MESSAGES,
    SESSIONS,
    STEP_ANSWERS,
    TOOK_STEP,
    YearFacts,
    _utc,
    _year_bounds,
    atom_of,
    is_office_hours,
)
from evaluation.reports.vocabulary import LOW_CONFIDENCE
from telemetry.profile import HANDOFF_TAKEN


def _day(engine: Engine, column: Any) -> ColumnElement[Any]:
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(column) - 2440587.5, Integer)
    return cast(func.floor(func.extract("epoch", column) / 86400), Integer)


def _month(day_number: int) -> int:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day_number))).month


def read_year_rows(engine: Engine, year: int, *, today: dt.date | None = None) -> YearFacts:
    """Every cell of `year` from the store (read only), up to the end of the last month that
    has ended by `today`: a month still running is left out, so its growth cannot change how
    the ended months are suppressed from one day to the next."""
    lo, hi = _year_bounds(year, today or dt.datetime.now(dt.UTC).date())
    facts = YearFacts(year)
    s, m, f = SESSIONS.c, MESSAGES.c, FEEDBACK.c
    with engine.connect() as conn:
        for row in conn.execute(
            select(
                s.org_id,
                s.region,
                s.language,
                s.channel,
                s.started_at,
                s.user_id,
                s.id,
                s.clarity_start,
                s.clarity_end,
                s.next_step_taken,
                s.service_contacted,
                s.handoff_taken,
            ).where(s.started_at >= lo, s.started_at < hi)
        ):
            org_id, region, language, channel, started, user, sid, c0, c1, step, contact = row[:11]
            at = _utc(started)
            cell = (atom_of(org_id, region), at.month)
            facts.add("sessions", cell, 1)
            lang = language if language in LANGUAGE_GROUPS else "unknown"
            facts.add(f"sessions_language_{lang}", cell, 1)
            chan = channel if channel in CHANNEL_GROUPS else "unknown"
            facts.add(f"sessions_channel_{chan}", cell, 1)
            facts.add("after_hours", cell, 0 if is_office_hours(at) else 1)
            facts.users[cell].add(user or sid)
            if c0:
                facts.add("clarity_start", cell, 1)
                facts.add("clarity_start_sum", cell, c0)
            if c1:
                facts.add("clarity_end", cell, 1)
                facts.add("clarity_end_sum", cell, c1)
            if c0 and c1:
                facts.add("clarity_pairs", cell, 1)
                facts.add("clarity_change_sum", cell, c1 - c0)
            if step in STEP_ANSWERS:
                facts.add("next_step_answers", cell, 1)
                facts.add("next_step_took", cell, 1 if step in TOOK_STEP else 0)
            if contact in CONTACT_ANSWERS:
                facts.add("contact_answers", cell, 1)
                facts.add("contacted", cell, 1 if contact == "yes" else 0)
            facts.add("handoffs_taken", cell, 1 if row[11] in HANDOFF_TAKEN else 0)

        joined = MESSAGES.join(SESSIONS, m.session_id == s.id)
        in_year = and_(m.created_at >= lo, m.created_at < hi)
        day = _day(engine, m.created_at)
        for org_id, region, mode, kind, d, n in conn.execute(
            select(s.org_id, s.region, m.mode, m.kind, day, func.count())
            .select_from(joined)
            .where(in_year)
            .group_by(s.org_id, s.region, m.mode, m.kind, day)
        ):
            cell = (atom_of(org_id, region), _month(d))
            if mode == "counsellor":
                facts.add("copilot", cell, n)
                continue
            facts.add("messages", cell, n)
            facts.add("no_answer", cell, n if kind == "no_answer" else 0)
            facts.add("handoffs", cell, n if kind == "handoff" else 0)

        poor = (
            select(f.message_id)
            .where(or_(f.rating <= 2, f.wrong_answer.is_(True)))
            .scalar_subquery()
        )
        gap = or_(
            m.kind == "no_answer",
            and_(m.kind == "answer", m.confidence < LOW_CONFIDENCE),
            m.id.in_(poor),
        )
        for org_id, region, d, n in conn.execute(
            select(s.org_id, s.region, day, func.count())
            .select_from(joined)
            .where(in_year, m.mode == "learner", gap)
            .group_by(s.org_id, s.region, day)
        ):
            facts.add("gaps", (atom_of(org_id, region), _month(d)), n)

        latency_bin = (
            func.min(cast(m.latency_ms / LATENCY_BIN_MS, Integer), LATENCY_BINS - 1)
            if engine.dialect.name == "sqlite"
            else func.least(
                cast(func.floor(m.latency_ms / LATENCY_BIN_MS), Integer), LATENCY_BINS - 1
            )
        )
        for org_id, region, d, b, n in conn.execute(
            select(s.org_id, s.region, day, latency_bin, func.count())
            .select_from(joined)
            .where(in_year, m.mode == "learner")
            .group_by(s.org_id, s.region, day, latency_bin)
        ):
            cell = (atom_of(org_id, region), _month(d))
            hist = facts.latency.setdefault(cell, np.zeros(LATENCY_BINS, dtype=np.int64))
            hist[max(0, int(b))] += n

        rated = FEEDBACK.join(MESSAGES, f.message_id == m.id).join(SESSIONS, m.session_id == s.id)
        fday = _day(engine, f.created_at)
        for org_id, region, mode, d, rating, helpful, n in conn.execute(
            select(s.org_id, s.region, m.mode, fday, f.rating, f.helpful, func.count())
            .select_from(rated)
            .where(f.created_at >= lo, f.created_at < hi)
            .group_by(s.org_id, s.region, m.mode, fday, f.rating, f.helpful)
        ):
            cell = (atom_of(org_id, region), _month(d))
            if mode == "counsellor":
                if rating is not None:
                    facts.add("plan_ratings", cell, n)
                    facts.add("plan_rating_sum", cell, n * rating)
                continue
            if rating is not None:
                facts.add("ratings", cell, n)
                facts.add("ratings_high", cell, n if rating >= 4 else 0)
            if helpful is not None:
                facts.add("votes", cell, n)
                facts.add("votes_helpful", cell, n if helpful else 0)
    return facts
