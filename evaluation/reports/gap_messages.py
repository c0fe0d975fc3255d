"""The messages behind the knowledge gaps, as the store keeps them (already redacted), and the
answers reported wrong with their comments.

Read by message id, so a deleted conversation is gone here too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlmodel import col

from evaluation.reports.facts.columns import Gaps
from evaluation.reports.facts.store_reader import GAP_WRONG_ANSWER
from evaluation.reports.schema import GapAnswer, ReportedAnswer
from telemetry.models import FeedbackRecord, MessageRecord

NEVER_GAPS = frozenset({"crisis", "handoff", "injection"})
"""Kinds and reasons of replies that are never knowledge gaps: a crisis message is not a
missing article, and a prompt injection is an attack, not a question."""
REPORTED_SHOWN = 20
_BATCH = 500
"""Message ids in one `IN (...)` query."""


@dataclass(frozen=True)
class GapMessage:
    """What the store keeps of one candidate message."""

    question: str | None
    language: str
    kind: str
    reason: str | None
    sources: tuple[str, ...]
    at: dt.datetime

    def answer(self) -> GapAnswer:
        """The answer this message got, as the report shows it."""
        return GapAnswer(
            question=self.question,
            kind=self.kind,
            reason=self.reason,
            sources=list(self.sources),
        )

    def never_gap(self) -> bool:
        """A crisis, handoff or injection: counted elsewhere, never a gap."""
        return self.kind in NEVER_GAPS or (self.reason or "") in NEVER_GAPS


def read_messages(engine: Engine, ids: list[str]) -> dict[str, GapMessage]:
    """The stored messages of `ids` (the ones still stored), by id."""
    m = MessageRecord
    out: dict[str, GapMessage] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), _BATCH):
            rows = conn.execute(
                select(
                    col(m.id),
                    col(m.question),
                    col(m.language),
                    col(m.kind),
                    col(m.reason),
                    col(m.source_ids),
                    col(m.created_at),
                ).where(col(m.id).in_(ids[start : start + _BATCH]))
            ).all()
            for r in rows:
                text = r[1].strip() if r[1] and r[1].strip() else None
                sources = tuple(s for s in (r[5] or "").split(",") if s)
                out[r[0]] = GapMessage(text, r[2], r[3], r[4], sources, _utc(r[6]))
    return out


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def read_comments(engine: Engine, ids: list[str]) -> dict[str, list[str]]:
    """The (redacted) comments of wrong-answer reports, by message id, oldest first."""
    f = FeedbackRecord
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), _BATCH):
            rows = conn.execute(
                select(col(f.message_id), col(f.comment))
                .where(col(f.message_id).in_(ids[start : start + _BATCH]))
                .where(col(f.wrong_answer).is_(True), col(f.comment).is_not(None))
                .order_by(col(f.created_at))
            ).all()
            for message_id, comment in rows:
                if comment and comment.strip():
                    out.setdefault(message_id, []).append(comment.strip())
    return out


def reported_answers(
    engine: Engine, gaps: Gaps, messages: dict[str, GapMessage] | None = None
) -> tuple[int, list[ReportedAnswer]]:
    """How many answers were reported wrong, and the most reported (with the answer and the
    comments)."""
    wrong = gaps.message_id[gaps.reason == GAP_WRONG_ANSWER]
    reports = Counter(i.decode() for i in wrong.tolist())
    ids = list(reports)
    found = messages if messages is not None else read_messages(engine, ids)
    comments = read_comments(engine, ids)
    shown = [i for i in ids if i in found and not found[i].never_gap()]
    shown.sort(key=lambda i: (-reports[i], -found[i].at.timestamp()))
    out = [
        ReportedAnswer(
            **found[i].answer().model_dump(), reports=reports[i], comments=comments.get(i, [])
        )
        for i in shown[:REPORTED_SHOWN]
    ]
    return len(shown), out
