"""A calendar year of telemetry as additive cells: counts per atom and month.

An atom is the smallest group every level is made of: one organisation (`("org", id)`, the
sessions that came through it) or the national service's sessions of one self-reported region
(`("nat", region)`, `("nat", "")` when not given). A month is 1..12 (UTC). Every level's figure
is a sum of atoms, every quarter and the year a sum of months, so the suppression can see every
difference that can be taken (`evaluation.monitoring.protect`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Engine, func, select

from evaluation.monitoring import year_sql
from evaluation.reports.vocabulary import LOW_CONFIDENCE
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
    (`evaluation.monitoring.year_sql`; the questions from their roll-up): the same cells as
    reading the rows one by one. The sessions and the rest are read side by side on two
    connections."""
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
        sessions = pool.submit(read, year_sql.session_rows, lo, hi)
        questions = pool.submit(read, year_sql.message_groups, lo, hi)
        # From the feedback: one query (it walks all poor ratings, whatever the range).
        rated = [pool.submit(read, year_sql.rated_gap_groups, lo, hi, LOW_CONFIDENCE)]
        ratings = pool.submit(read, year_sql.rating_groups, lo, hi)
        _add_sessions(facts, sessions.result())
        for org, region, code, n in questions.result():
            month, mode, kind, gap, latency = year_sql.split_message(code)
            _add_questions(facts, (atom_of(org, region), month), mode, kind, gap, latency, n)
        for org, region, month, n in (row for part in rated for row in part.result()):
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


def _add_sessions(facts: YearFacts, rows: list[tuple[str, str, str]]) -> None:
    """Sessions as (UTC hour, joined dimensions, user): counted per distinct month, office
    hours and dimensions; their users gathered per cell."""
    if not rows:
        return
    hours, keys, users = (list(map(itemgetter(i), rows)) for i in range(3))
    hour_codes, hour_names = _codes(hours)
    key_codes, key_names = _codes(keys)
    starts = [dt.datetime.strptime(h, "%Y-%m-%d %H").replace(tzinfo=dt.UTC) for h in hour_names]
    month = np.array([at.month for at in starts], dtype=np.int64)[hour_codes]
    office = np.array([is_office_hours(at) for at in starts], dtype=np.int64)[hour_codes]
    split = [year_sql.split_session(k) for k in key_names]
    atoms = [atom_of(p[0], p[1]) for p in split]
    found, counts = np.unique((key_codes * 13 + month) * 2 + office, return_counts=True)
    for group, n in zip(found.tolist(), counts.tolist(), strict=True):
        key, rest = divmod(group, 26)
        _add_session_group(facts, (atoms[key], rest // 2), bool(rest % 2), split[key][2:], n)
    # Each cell's users, from the rows in cell order.
    names = sorted(set(atoms))
    number = {a: i for i, a in enumerate(names)}
    cell = np.array([number[a] for a in atoms], dtype=np.int64)[key_codes] * 13 + month
    order = np.argsort(cell, kind="stable")
    for run in np.split(order, np.flatnonzero(np.diff(cell[order])) + 1):
        atom, month_of = divmod(int(cell[run[0]]), 13)
        facts.users[(names[atom], month_of)].update(map(users.__getitem__, run.tolist()))


def _add_session_group(
    facts: YearFacts, cell: Cell, office: bool, dimensions: tuple[Any, ...], n: int
) -> None:
    """n sessions alike (language, channel, clarity at start and end, outcome answers, a
    handoff taken): what reading them one by one added."""
    language, channel, c0, c1, step, contact, taken = dimensions
    facts.add("sessions", cell, n)
    lang = language if language in LANGUAGE_GROUPS else "unknown"
    facts.add(f"sessions_language_{lang}", cell, n)
    chan = channel if channel in CHANNEL_GROUPS else "unknown"
    facts.add(f"sessions_channel_{chan}", cell, n)
    facts.add("after_hours", cell, 0 if office else n)
    if c0:
        facts.add("clarity_start", cell, n)
        facts.add("clarity_start_sum", cell, n * c0)
    if c1:
        facts.add("clarity_end", cell, n)
        facts.add("clarity_end_sum", cell, n * c1)
    if c0 and c1:
        facts.add("clarity_pairs", cell, n)
        facts.add("clarity_change_sum", cell, n * (c1 - c0))
    if step in STEP_ANSWERS:
        facts.add("next_step_answers", cell, n)
        facts.add("next_step_took", cell, n if step in TOOK_STEP else 0)
    if contact in CONTACT_ANSWERS:
        facts.add("contact_answers", cell, n)
        facts.add("contacted", cell, n if contact == "yes" else 0)
    facts.add("handoffs_taken", cell, n if taken in HANDOFF_TAKEN else 0)


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's number, in order of first appearance, and the values so numbered."""
    lookup: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    codes = np.fromiter(map(lookup.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, list(lookup)
