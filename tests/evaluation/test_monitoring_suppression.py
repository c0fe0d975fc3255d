"""Suppression across levels and periods, attacked: random stores, every figure the monitoring
reports publish (every unit, every month, quarter and year), and a reader who combines them
linearly (any difference of an organisation from its sector, region or the national total, or
of two periods) to pin down a hidden small count."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session

from evaluation.monitoring.facts import read_year
from evaluation.monitoring.levels import NATIONAL, Levels, OrgInfo
from evaluation.monitoring.protect import PERIODS, YearTable, months_of
from telemetry.models import MessageRecord, SessionRecord
from telemetry.store import init_schema, make_engine

ORGS = [
    OrgInfo("koulu-a", "education", "uusimaa"),
    OrgInfo("koulu-b", "education", "pirkanmaa"),
    OrgInfo("ohjaamo-c", "youth_services", "uusimaa"),
    OrgInfo("ohjaamo-d", "youth_services", "pirkanmaa"),
    OrgInfo("te-e", "employment_services", "uusimaa"),
]
MINIMUM = 5


def _store(tmp_path: Path, seed: int) -> YearTable:
    engine = make_engine(f"sqlite:///{tmp_path / f's{seed}.db'}")
    init_schema(engine)
    rnd = random.Random(seed)
    # Uneven sizes, so that some cells are small and others large.
    weights = [rnd.choice([1, 2, 6, 15]) for _ in ORGS] + [rnd.choice([1, 4, 10])]
    with Session(engine) as db:
        for _ in range(rnd.randint(120, 400)):
            org = rnd.choices([*(o.id for o in ORGS), None], weights)[0]
            at = dt.datetime(
                2025, rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23), tzinfo=dt.UTC
            )
            sid = uuid.uuid4().hex
            region = rnd.choice(["uusimaa", "pirkanmaa", "lappi", None])
            # the outcome answers are few: their small cells are the likely ones to leak
            step = rnd.choice(["yes", "partly", "not_yet", "not_relevant", *[None] * 4])
            contact = rnd.choice(["yes", "not_yet", "not_relevant", *[None] * 5])
            db.add(
                SessionRecord(
                    id=sid,
                    started_at=at,
                    region=region,
                    org_id=org,
                    language="fi",
                    next_step_taken=step,
                    service_contacted=contact,
                )
            )
            db.add(
                MessageRecord(
                    id=uuid.uuid4().hex, session_id=sid, created_at=at, language="fi", kind="answer"
                )
            )
        db.commit()
    table = YearTable(read_year(engine, 2025), Levels(ORGS), MINIMUM)
    engine.dispose()
    return table


def _row(table: YearTable, unit: object, period: tuple[str, int], index: dict) -> np.ndarray:
    row = np.zeros(len(index))
    for atom in table.members[unit]:
        for month in months_of(period):
            row[index[(atom, month)]] = 1
    return row


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(
    "component", ["sessions", "messages", "next_step_answers", "contact_answers"]
)
def test_no_hidden_small_count_can_be_worked_out(tmp_path: Path, seed: int, component: str) -> None:
    table = _store(tmp_path, seed)
    index = {
        (a, m): i for i, (a, m) in enumerate((a, m) for a in table.atoms for m in range(1, 13))
    }
    units = table.levels.published_units()
    published, values, hidden = [], [], []
    for unit in units:
        for period in PERIODS:
            shown = table.value(component, unit, period)
            true = table.raw(component, unit, period)
            row = _row(table, unit, period, index)
            if shown is None:
                hidden.append((unit, period, true, row))
            else:
                assert shown == true  # what is shown is the truth
                assert shown == 0 or shown >= MINIMUM
                published.append(row)
                values.append(shown)
    assert published and any(0 < h[2] < MINIMUM for h in hidden), "the store made no small cells"
    # The shown figures' row space, once: a hidden figure is worked out exactly iff its row is
    # a linear combination of shown rows (sector minus organisations, year minus months, ...
    # in any combination), i.e. iff projecting it on that space leaves nothing.
    _, singular, vt = np.linalg.svd(np.array(published), full_matrices=False)
    basis = vt[singular > 1e-9 * singular.max()]
    for unit, period, true, row in hidden:
        if 0 < true < MINIMUM:
            residual = row - basis.T @ (basis @ row)
            assert np.abs(residual).max() > 1e-6, (unit, period, true)


def test_differences_named_in_the_issue(tmp_path: Path) -> None:
    """The plain differences, spelled out: sector, region or national minus its shown
    organisations, and a quarter minus its shown months, never give a count of 1..k-1."""
    for seed in range(8):
        table = _store(tmp_path, 100 + seed)
        orgs = {o.id: o for o in ORGS}
        for period in PERIODS:
            for parent in [NATIONAL, *table.levels.published_units()[1:]]:
                total = table.value("sessions", parent, period)
                if total is None or parent[0] == "org":
                    continue
                members = [("org", o) for o in orgs if ("org", o) in table.members[parent]]
                shown = [table.value("sessions", m, period) for m in members]
                if sum(s is None for s in shown) == 1:
                    rest = total - sum(s for s in shown if s is not None)
                    others = rest - table.raw("sessions", members[shown.index(None)], period)
                    # the remainder holds more than the hidden organisation, or enough people
                    assert others > 0 or rest >= MINIMUM or rest == 0
        for unit in table.levels.published_units():
            for q in range(1, 5):
                total = table.value("sessions", unit, ("q", q))
                months = [table.value("sessions", unit, ("m", m)) for m in months_of(("q", q))]
                if total is not None and sum(m is None for m in months) == 1:
                    rest = total - sum(m for m in months if m is not None)
                    assert rest == 0 or rest >= MINIMUM


def test_a_month_still_running_is_left_out(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'running.db'}")
    init_schema(engine)
    with Session(engine) as db:
        for month in (6, 7):
            at = dt.datetime(2025, month, 3, 12, tzinfo=dt.UTC)
            db.add(SessionRecord(id=uuid.uuid4().hex, started_at=at, org_id="koulu-a"))
        db.commit()
    running = read_year(engine, 2025, today=dt.date(2025, 7, 15)).counts["sessions"]
    assert running == {(("org", "koulu-a"), 6): 1}
    ended = read_year(engine, 2025, today=dt.date(2025, 8, 1)).counts["sessions"]
    assert ended == {(("org", "koulu-a"), 6): 1, (("org", "koulu-a"), 7): 1}
    engine.dispose()


def test_year_tables_are_reused_until_the_store_changes(tmp_path: Path) -> None:
    from evaluation.monitoring.report import Monitoring

    engine = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    init_schema(engine)

    def add(n: int, region: str | None = None) -> list[str]:
        ids = [uuid.uuid4().hex for _ in range(n)]
        with Session(engine) as db:
            for sid in ids:
                at = dt.datetime(2025, 5, 3, 12, tzinfo=dt.UTC)
                db.add(SessionRecord(id=sid, started_at=at, region=region))
            db.commit()
        return ids

    first = add(8)
    cache: dict = {}
    one = Monitoring(engine, ORGS, minimum=MINIMUM, cache=cache).table(2025)
    assert Monitoring(engine, ORGS, minimum=MINIMUM, cache=cache).table(2025) is one
    # A region answered later moves a session between cells: the table is read again.
    with Session(engine) as db:
        row = db.get(SessionRecord, first[0])
        assert row is not None
        row.region = "lappi"
        db.add(row)
        db.commit()
    two = Monitoring(engine, ORGS, minimum=MINIMUM, cache=cache).table(2025)
    assert two is not one and two.raw("sessions", ("nat", "lappi"), ("m", 5)) == 1
    add(1)
    three = Monitoring(engine, ORGS, minimum=MINIMUM, cache=cache).table(2025)
    assert three is not two and three.raw("sessions", NATIONAL, ("y", 0)) == 9
    # An outcome answer given later (the next step taken) is read too.
    with Session(engine) as db:
        row = db.get(SessionRecord, first[1])
        assert row is not None
        row.next_step_taken = "partly"
        db.add(row)
        db.commit()
    four = Monitoring(engine, ORGS, minimum=MINIMUM, cache=cache).table(2025)
    assert four is not three
    assert four.raw("next_step_answers", NATIONAL, ("m", 5)) == 1
    assert four.raw("next_step_took", NATIONAL, ("m", 5)) == 1
    engine.dispose()
