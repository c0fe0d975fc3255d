"""Demo data: synthetic traffic written through the real telemetry writer (redaction, batching,
escalation counts and all), so a new installation shows a living dashboard at once.

Only `suunta demo-data` calls this; it refuses a store that already holds sessions unless asked
to add to them, so demo traffic never mixes with real traffic by accident.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from sqlalchemy import Engine, func, select

from evaluation.demo.orgs import org_of
from evaluation.demo.traffic import Batch, Question, TrafficGenerator, load_questions
from knowledge_base.articles import load_articles
from telemetry.events import ChatEvent, FeedbackEvent, SessionProfileEvent
from telemetry.models import SessionRecord
from telemetry.writer import TelemetryWriter

# How long a submit may wait for room in the writer's queue before the event is dropped.
SUBMIT_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class DemoResult:
    """What was submitted to the writer."""

    sessions: int
    messages: int
    feedback: int
    dropped: int


def demo_questions(datasets_dir: Path, content_dir: Path) -> list[Question]:
    """Answerable questions from the question sets, with the topics of their articles."""
    topics = {a.id: a.topics for a in load_articles(content_dir)}
    return load_questions(datasets_dir, topics)


def store_is_empty(engine: Engine) -> bool:
    """Whether the telemetry store holds no sessions yet."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(SessionRecord)).scalar_one() == 0


def _utc(value: object) -> dt.datetime:
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC)


def _submit(writer: TelemetryWriter, batch: Batch) -> int:
    """Submit a batch's messages, then its profiles, then its feedback; the events dropped."""
    users = {s[0]: s[1] for s in batch.sessions}
    # Made one at a time as they are submitted: a batch's events are never all in memory.
    events: Iterator[ChatEvent | SessionProfileEvent | FeedbackEvent] = chain(
        (_chat_event(m, users) for m in batch.messages),
        (p for p in map(_profile_event, batch.sessions) if p is not None),
        map(_feedback_event, batch.feedback),
    )
    return sum(not writer.submit(event, wait=SUBMIT_WAIT_SECONDS) for event in events)


def _chat_event(row: tuple[object, ...], users: dict[object, object]) -> ChatEvent:
    """The event of a message row (columns as `TrafficGenerator` writes them)."""
    (
        mid,
        sid,
        at,
        lang,
        mode,
        channel,
        kind,
        conf,
        topics,
        sources,
        latency,
        gen,
        text,
        why,
    ) = row
    return ChatEvent(
        message_id=str(mid),
        session_id=str(sid),
        language=str(lang),
        mode=str(mode),
        kind=str(kind),
        confidence=float(conf),  # type: ignore[arg-type]
        topics=tuple(str(topics).split(",")) if topics else (),
        source_ids=tuple(str(sources).split(",")) if sources else (),
        latency_ms=float(latency),  # type: ignore[arg-type]
        generator=str(gen),
        reason=str(why) if why else None,
        question=str(text or ""),
        channel=str(channel),
        user_id=str(users[sid]),
        org_id=org_of(str(sid)),
        at=_utc(at),
    )


STEP_SHARES = (("yes", 70), ("partly", 110), ("not_yet", 140), ("not_relevant", 160))
CONTACT_SHARES = (("yes", 180), ("not_yet", 195), ("not_relevant", 202))
TAKEN_SHARES = (("link", 300), ("phone", 310))
"""Per mille of demo learner sessions, cumulative (fixed by the session id)."""


def _outcomes(sid: str, channel: object) -> tuple[str | None, str | None, str | None]:
    """A demo learner session's one-click outcome answers and handoff taken, fixed by its id
    (not drawn from the generator, so every other demo figure stays as it was): about one in
    six says whether the planned step was taken, one in twenty-five whether the suggested
    service was contacted; one in ten opened a service a handoff offered (drawn apart from
    the session's replies, as demo figures only)."""
    if channel == "counsellor":
        return None, None, None
    pick = zlib.crc32(f"outcome:{sid}".encode()) % 1000
    step = next((a for a, upper in STEP_SHARES if pick < upper), None)
    contact = next((a for a, upper in CONTACT_SHARES if 160 <= pick < upper), None)
    taken = next((a for a, upper in TAKEN_SHARES if 210 <= pick < upper), None)
    return step, contact, taken


def _profile_event(row: tuple[object, ...]) -> SessionProfileEvent | None:
    """The reach and outcome answers of a session row (`SESSION_COLUMNS`), or None if it gave
    none."""
    sid, _, at, channel, _, age, region, life, start, end = row
    step, contact, taken = _outcomes(str(sid), channel)
    if all(v is None for v in (age, region, life, start, end, step, contact, taken)):
        return None
    return SessionProfileEvent(
        session_id=str(sid),
        age_band=age,  # type: ignore[arg-type]
        region=region,  # type: ignore[arg-type]
        life_situation=life,  # type: ignore[arg-type]
        clarity_start=start,  # type: ignore[arg-type]
        clarity_end=end,  # type: ignore[arg-type]
        next_step_taken=step,
        service_contacted=contact,
        handoff_taken=taken,
        at=_utc(at),
    )


def _feedback_event(row: tuple[object, ...]) -> FeedbackEvent:
    """The event of a feedback row (`FEEDBACK_COLUMNS`)."""
    fid, mid, at, rating, helpful, comment = row
    return FeedbackEvent(
        message_id=str(mid),
        rating=rating,  # type: ignore[arg-type]
        helpful=helpful,  # type: ignore[arg-type]
        comment=comment,  # type: ignore[arg-type]
        id=str(fid),
        at=_utc(at),
    )


def fill_demo(
    writer: TelemetryWriter,
    questions: list[Question],
    *,
    sessions: int,
    days: int,
    seed: int,
    end: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Submit `sessions` synthetic sessions over the `days` days up to `end` (default today)."""
    end = end or dt.datetime.now(dt.UTC).date()
    generator = TrafficGenerator(questions, end=end, days=days, seed=seed)
    dropped = done = 0
    for batch in generator.batches(sessions, batch_sessions=1_000):
        dropped += _submit(writer, batch)
        done += len(batch.sessions)
        if progress:
            progress(done, sessions)
    return DemoResult(sessions, generator.message_count, generator.feedback_count, dropped)
