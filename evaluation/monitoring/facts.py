"""A calendar year of telemetry as additive cells: counts per atom and month.

An atom is the smallest group every level is made of: one organisation (`("org", id)`, the
sessions that came through it) or the national service's sessions of one self-reported region
(`("nat", region)`, `("nat", "")` when not given). A month is 1..12 (UTC). Every level's figure
is a sum of atoms, every quarter and the year a sum of months, so the suppression can see every
difference that can be taken (`evaluation.monitoring.protect`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Engine, func, select

from evaluation.monitoring import year_sql
from telemetry.models import FeedbackRecord, MessageRecord, SessionRecord
from telemetry.profile import HANDOFF_TAKEN, NEXT_STEP_TAKEN, SERVICE_CONTACTED

Atom = tuple[str, str]
Cell = tuple[Atom, int]
"""(atom, month 1..12)."""

SESSIONS: Any = SessionRecord.__table__  # type: ignore[attr-defined]
MESSAGES: Any = MessageRecord.__table__  # type: ignore[attr-defined]
FEEDBACK: Any = FeedbackRecord.__table__  # type: ignore[attr-defined]
HELSINKI = ZoneInfo("Europe/Helsinki")
OFFICE_HOURS = (8, 16)
"""Weekdays from 08:00 to 16:00 Finnish time are office hours; every other hour is not."""
LATENCY_BIN_MS = 50
LATENCY_BINS = 401
"""50 ms bins up to 20 s; the last bin holds everything slower."""
LANGUAGE_GROUPS = ("fi", "sv", "en")
CHANNEL_GROUPS = ("web", "counsellor", "api")
TOOK_STEP = ("yes", "partly")
"""'Did you take the next step you planned?': the answers that count as taken."""
STEP_ANSWERS = tuple(a for a in NEXT_STEP_TAKEN if a != "not_relevant")
CONTACT_ANSWERS = tuple(a for a in SERVICE_CONTACTED if a != "not_relevant")
"""An answer 'no longer relevant' is left out of both outcome shares' bases."""


@dataclass
class YearFacts:
    """Additive counts (and sums) per component and cell, distinct users, latency histograms."""

    year: int
    counts: dict[str, dict[Cell, int]] = field(default_factory=lambda: defaultdict(dict))
    users: dict[Cell, set[str]] = field(default_factory=lambda: defaultdict(set))
    latency: dict[Cell, np.ndarray] = field(default_factory=dict)

    def add(self, component: str, cell: Cell, n: int) -> None:
        """Add n to a component's cell."""
        table = self.counts[component]
        table[cell] = table.get(cell, 0) + int(n)

    def atoms(self) -> set[Atom]:
        """Every atom that has any session or message this year."""
        found = {cell[0] for table in self.counts.values() for cell in table}
        return found | {cell[0] for cell in self.users}


def atom_of(org_id: str | None, region: str | None) -> Atom:
    """The atom of a session: its organisation, else the national service in its region."""
    return ("org", org_id) if org_id else ("nat", region or "")


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def is_office_hours(at: dt.datetime) -> bool:
    """Whether a UTC time falls on a weekday between 08 and 16 in Finland."""
    local = _utc(at).astimezone(HELSINKI)
    return local.weekday() < 5 and OFFICE_HOURS[0] <= local.hour < OFFICE_HOURS[1]


def _year_bounds(year: int, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    lo = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    hi = min(
        dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(today.year, today.month, 1, tzinfo=dt.UTC),
    )
    return lo, hi


def year_fingerprint(engine: Engine, year: int, *, today: dt.date | None = None) -> tuple[Any, ...]:
    """What changes when any cell of the year's table would: sessions (and their region,
    clarity and outcome answers, which a learner may give later), questions and ratings of the
    ended months. Cheap next to reading the year."""
    lo, hi = _year_bounds(year, today or dt.datetime.now(dt.UTC).date())
    s, m, f = SESSIONS.c, MESSAGES.c, FEEDBACK.c
    with engine.connect() as conn:
        sessions = conn.execute(
            select(
                func.count(),
                func.count(s.region),
                func.count(s.org_id),
                func.coalesce(func.sum(s.clarity_start), 0),
                func.coalesce(func.sum(s.clarity_end), 0),
                func.count(s.next_step_taken),
                func.count(s.service_contacted),
                func.count(s.handoff_taken),
            ).where(s.started_at >= lo, s.started_at < hi)
        ).one()
        messages = conn.execute(
            select(func.count()).where(m.created_at >= lo, m.created_at < hi)
        ).scalar_one()
        feedback = conn.execute(
            select(func.count()).where(f.created_at >= lo, f.created_at < hi)
        ).scalar_one()
    return (year, hi, *sessions, messages, feedback)


def read_year(engine: Engine, year: int, *, today: dt.date | None = None) -> YearFacts:
    """Every cell of `year` from the store (read only), up to the end of the last month that
    has ended by `today`: a month still running is left out, so its growth cannot change how
    the ended months are suppressed from one day to the next. Grouped in the database
    (`evaluation.monitoring.year_sql`; sessions, users, questions, ratings and rated gaps from
    the roll-ups the database keeps): the same cells as reading the rows one by one. The
    users (the largest reading) and the rest are read side by side on two connections."""
    lo, hi = _year_bounds(year, today or dt.datetime.now(dt.UTC).date())
    facts = YearFacts(year)
    if lo >= hi:
        return facts
    dialect = year_sql.Dialect(engine.dialect.name)

    def read(query: Callable[..., list[Any]], *args: Any) -> list[Any]:
        with engine.connect() as conn:
            dialect.prepare(conn)
            return query(conn, dialect, *args)

    with ThreadPoolExecutor(max_workers=2) as pool:
        users = pool.submit(read, year_sql.session_user_groups, lo, hi)
        sessions = pool.submit(read, year_sql.session_groups, lo, hi, SESSION_SUMS)
        hours = pool.submit(read, year_sql.session_hour_groups, lo, hi)
        questions = pool.submit(read, year_sql.message_groups, lo, hi)
        rated = pool.submit(read, year_sql.rated_gap_groups, lo, hi)
        ratings = pool.submit(read, year_sql.rating_groups, lo, hi)
        _add_sessions(facts, sessions.result(), hours.result(), users.result())
        for org, region, code, n in questions.result():
            month, mode, kind, gap, latency = year_sql.split_message(code)
            _add_questions(facts, (atom_of(org, region), month), mode, kind, gap, latency, n)
        for org, region, month, n in rated.result():
            facts.add("gaps", (atom_of(org, region), month), n)
        for org, region, code, rating, n in ratings.result():
            month, mode, helpful = year_sql.split_rating(code)
            _add_ratings(facts, (atom_of(org, region), month), mode, helpful, rating, n)
    return facts


def _add_questions(
    facts: YearFacts, cell: Cell, mode: int, kind: int, gap: int, latency: int, n: int
) -> None:
    """n questions alike (`year_sql.message_groups`' codes): what reading them one by one
    added."""
    if mode == 1:  # counsellor
        facts.add("copilot", cell, n)
        return
    facts.add("messages", cell, n)
    facts.add("no_answer", cell, n if kind == 1 else 0)
    facts.add("handoffs", cell, n if kind == 2 else 0)
    if mode != 0:  # neither learner nor counsellor: counted, but no gap or latency
        return
    if gap:
        facts.add("gaps", cell, n)
    hist = facts.latency.setdefault(cell, np.zeros(LATENCY_BINS, dtype=np.int64))
    hist[latency] += n


def _add_ratings(
    facts: YearFacts, cell: Cell, mode: int, helpful: int, rating: int | None, n: int
) -> None:
    """n feedback rows alike (helpful 0 not given, 1 no, 2 yes)."""
    if mode == 1:  # counsellor: a rating of the plan
        if rating is not None:
            facts.add("plan_ratings", cell, n)
            facts.add("plan_rating_sum", cell, n * rating)
        return
    if rating is not None:
        facts.add("ratings", cell, n)
        facts.add("ratings_high", cell, n if rating >= 4 else 0)
    if helpful:
        facts.add("votes", cell, n)
        facts.add("votes_helpful", cell, n if helpful == 2 else 0)


def _session_sums() -> list[tuple[str, str]]:
    """What a cell counts of its sessions, as sums over `session_counts` groups
    (`year_sql.session_groups`): the components a session adds to (office hours apart)."""
    among = year_sql.among
    sums = [("sessions", "n")]
    for column, groups in (("language", LANGUAGE_GROUPS), ("channel", CHANNEL_GROUPS)):
        sums += [
            (f"sessions_{column}_{g}", f"CASE WHEN {column} = '{g}' THEN n ELSE 0 END")
            for g in groups
        ]
        sums.append(
            (f"sessions_{column}_unknown", f"CASE WHEN {among(column, groups)} THEN 0 ELSE n END")
        )
    both = "clarity_start <> 0 AND clarity_end <> 0"
    sums += [
        ("clarity_start", "CASE WHEN clarity_start <> 0 THEN n ELSE 0 END"),
        ("clarity_start_sum", "clarity_start * n"),
        ("clarity_end", "CASE WHEN clarity_end <> 0 THEN n ELSE 0 END"),
        ("clarity_end_sum", "clarity_end * n"),
        ("clarity_pairs", f"CASE WHEN {both} THEN n ELSE 0 END"),
        (
            "clarity_change_sum",
            f"CASE WHEN {both} THEN (clarity_end - clarity_start) * n ELSE 0 END",
        ),
        (
            "next_step_answers",
            f"CASE WHEN {among('next_step_taken', STEP_ANSWERS)} THEN n ELSE 0 END",
        ),
        ("next_step_took", f"CASE WHEN {among('next_step_taken', TOOK_STEP)} THEN n ELSE 0 END"),
        (
            "contact_answers",
            f"CASE WHEN {among('service_contacted', CONTACT_ANSWERS)} THEN n ELSE 0 END",
        ),
        ("contacted", "CASE WHEN service_contacted = 'yes' THEN n ELSE 0 END"),
        ("handoffs_taken", f"CASE WHEN {among('handoff_taken', HANDOFF_TAKEN)} THEN n ELSE 0 END"),
    ]
    return sums


SESSION_SUMS = _session_sums()
ALWAYS = {"sessions", "handoffs_taken"}
"""Components every cell with sessions has (zero or not); the others only where a session
added to them, with the sum that goes with a count (`clarity_start_sum`, `next_step_took`)
where the count has any."""
WITH_COUNT = {
    "clarity_start_sum": "clarity_start",
    "clarity_end_sum": "clarity_end",
    "clarity_change_sum": "clarity_pairs",
    "next_step_took": "next_step_answers",
    "contacted": "contact_answers",
}


def _add_sessions(
    facts: YearFacts,
    groups: list[tuple[Any, ...]],
    hours: list[tuple[Any, ...]],
    users: list[tuple[int, str, str, list[str]]],
) -> None:
    """Sessions from their roll-ups (`year_sql.session_groups` with `SESSION_SUMS`,
    `session_hour_groups`, `session_user_groups`): counted per cell, outside office hours per
    hour, their users gathered per cell; the cells' entries as reading the sessions one by one
    made them."""
    names = [name for name, _ in SESSION_SUMS]
    for month, org, region, *values in groups:
        cell = (atom_of(org, region), month)
        found = dict(zip(names, values, strict=True))
        for name, value in found.items():
            if name in ALWAYS or found[WITH_COUNT.get(name, name)]:
                facts.add(name, cell, value)
    office: dict[str, bool] = {}
    for hour, org, region, n in hours:
        if hour not in office:
            office[hour] = is_office_hours(
                dt.datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=dt.UTC)
            )
        facts.add("after_hours", (atom_of(org, region), int(hour[5:7])), 0 if office[hour] else n)
    for month, org, region, found_users in users:
        facts.users[(atom_of(org, region), month)].update(found_users)
