"""Demo traffic carries the two one-click outcome answers and a handoff taken, fixed by the
session id, so the dashboard's results rows have something to show after `suunta demo-data`."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from evaluation.demo.fill import _outcomes, _profile_event
from telemetry.profile import HANDOFF_TAKEN, NEXT_STEP_TAKEN, SERVICE_CONTACTED


def test_learner_sessions_answer_some_outcome_questions_counsellors_none() -> None:
    sessions = [f"s{i:08x}" for i in range(20_000)]
    steps = Counter(_outcomes(sid, "web")[0] for sid in sessions)
    contacts = Counter(_outcomes(sid, "web")[1] for sid in sessions)
    taken = Counter(_outcomes(sid, "web")[2] for sid in sessions)
    assert set(steps) == {*NEXT_STEP_TAKEN, None} and set(contacts) == {*SERVICE_CONTACTED, None}
    assert set(taken) == {*HANDOFF_TAKEN, None}
    assert 0.12 < 1 - steps[None] / 20_000 < 0.2
    assert 0.02 < 1 - contacts[None] / 20_000 < 0.06
    assert 0.07 < 1 - taken[None] / 20_000 < 0.13 and taken["link"] > taken["phone"]
    assert steps["yes"] > steps["partly"] > steps["not_relevant"]
    assert all(_outcomes(sid, "counsellor") == (None, None, None) for sid in sessions[:2000])
    assert _outcomes("s00000007", "web") == _outcomes("s00000007", "web")


def test_a_session_with_only_an_outcome_answer_gets_a_profile_event() -> None:
    at = dt.datetime(2026, 10, 3, 12)
    sid = next(f"s{i:08x}" for i in range(1000) if _outcomes(f"s{i:08x}", "web")[0] == "partly")
    event = _profile_event((sid, None, at, "web", "fi", None, None, None, None, None))
    assert event is not None and event.next_step_taken == "partly"
    quiet = next(
        f"s{i:08x}" for i in range(1000) if _outcomes(f"s{i:08x}", "web") == (None, None, None)
    )
    assert _profile_event((quiet, None, at, "web", "fi", None, None, None, None, None)) is None
