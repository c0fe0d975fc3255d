"""Synthetic but realistic Suunta traffic, generated column-wise with numpy (demo data, benchmarks).

Shapes follow what a national guidance service would see: regions weighted roughly by population
(approximate figures, for synthetic traffic only — never a report baseline), languages about
fi 85% / sv 6% / en 9%, fewer visits at weekends and at night, some returning users, answers
that are mostly rated well, and a share of questions the knowledge base cannot answer (the
figures and the draws of the messages are in `distributions.py`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluation.demo.distributions import (
    AGE,
    CHANNEL,
    HOUR,
    LANGUAGE,
    LIFE,
    RATING,
    REGION_WEIGHT,
    SV_REGION_WEIGHT,
    day_weights,
    draw_messages,
    pick,
)
from evaluation.demo.questions import GAP_THEMES, OFF_TOPIC

SESSION_COLUMNS = (
    "id",
    "user_id",
    "started_at",
    "channel",
    "language",
    "age_band",
    "region",
    "life_situation",
    "clarity_start",
    "clarity_end",
)
FEEDBACK_COLUMNS = ("id", "message_id", "created_at", "rating", "helpful", "comment")


@dataclass(frozen=True)
class Question:
    """A question learners ask, with the topics an answer to it carries."""

    language: str
    text: str
    topics: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()


@dataclass
class Batch:
    """Rows for the three tables, as tuples in the `*_COLUMNS` order; times are datetimes."""

    sessions: list[tuple[object, ...]]
    messages: list[tuple[object, ...]]
    feedback: list[tuple[object, ...]]


def load_questions(
    datasets_dir: Path, article_topics: dict[str, tuple[str, ...]]
) -> list[Question]:
    """Answerable questions from the JSON-lines question sets, with their articles' topics."""
    questions: list[Question] = []
    for path in sorted(datasets_dir.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            data = json.loads(line)
            if data.get("expected_kind", "answer") != "answer":
                continue
            ids = tuple(data.get("relevant_ids") or ())
            topics = tuple(dict.fromkeys(t for i in ids for t in article_topics.get(i, ())))
            questions.append(Question(data["language"], data["question"], topics, ids))
    return questions


class TrafficGenerator:
    """Yields batches of sessions with their messages and feedback, deterministically per seed."""

    def __init__(
        self,
        questions: list[Question],
        *,
        end: dt.date,
        days: int = 90,
        seed: int = 0,
        messages_per_session: float = 3.0,
    ) -> None:
        if not questions:
            raise ValueError("no answerable questions to draw from")
        self.rng = np.random.default_rng(seed)
        self.start = np.datetime64(end - dt.timedelta(days=days - 1), "us")
        self.days = days
        self.seed = seed
        self.mean_messages = messages_per_session
        self.users = 0
        self.sessions = 0
        self.message_count = 0
        self.feedback_count = 0
        by_lang: dict[str, list[Question]] = {}
        for q in questions:
            by_lang.setdefault(q.language, []).append(q)
        self.answered = {lang: by_lang.get(lang) or questions for lang in LANGUAGE}
        self.gaps = {
            lang: [Question(lang, t, ()) for theme in GAP_THEMES.values() for t in theme[lang]]
            for lang in LANGUAGE
        }
        self.off_topic = {lang: [Question(lang, t) for t in OFF_TOPIC[lang]] for lang in LANGUAGE}

    def _id(self, prefix: str, n: int) -> str:
        return f"{prefix}{self.seed:07x}{n:024x}"

    def batches(self, sessions: int, *, batch_sessions: int = 50_000) -> Iterator[Batch]:
        """`sessions` sessions spread over the days, in time order, a few days per batch."""
        per_day = self.rng.multinomial(sessions, day_weights(self.days))
        first = 0
        while first < self.days:
            last, n = first, int(per_day[first])
            while last + 1 < self.days and n + per_day[last + 1] <= batch_sessions:
                last += 1
                n += int(per_day[last])
            if n:
                yield self._batch(per_day[first : last + 1], first)
            first = last + 1

    def _session_times(self, per_day: np.ndarray, first_day: int) -> np.ndarray:
        rng = self.rng
        n = int(per_day.sum())
        day = np.repeat(np.arange(first_day, first_day + len(per_day)), per_day)
        hour = rng.choice(24, size=n, p=HOUR / HOUR.sum())
        usec = (
            day.astype(np.int64) * 86_400_000_000
            + hour.astype(np.int64) * 3_600_000_000
            + rng.integers(0, 3_600_000_000, size=n)
        )
        return np.sort(self.start + usec.astype("timedelta64[us]"))

    def _users(self, n: int) -> list[str]:
        # About a third of sessions come from someone who has been here before.
        rng = self.rng
        new = rng.random(n) >= 0.35
        before = self.users + np.cumsum(new) - new  # users that exist when session i starts
        new |= before == 0
        before = self.users + np.cumsum(new) - new
        ids = np.where(new, before, (rng.random(n) * np.maximum(before, 1)).astype(np.int64))
        self.users += int(new.sum())
        return [f"{self.seed:08x}{i:024x}" for i in ids.tolist()]

    def _batch(self, per_day: np.ndarray, first_day: int) -> Batch:
        rng = self.rng
        started = self._session_times(per_day, first_day)
        n = len(started)
        channel = pick(rng, CHANNEL, n)
        language = pick(rng, LANGUAGE, n)
        learner = channel != "counsellor"
        profiled = learner & (rng.random(n) < 0.45)
        region = pick(rng, {k: float(v) for k, v in REGION_WEIGHT.items()}, n)
        sv = language == "sv"
        region[sv] = pick(rng, {k: float(v) for k, v in SV_REGION_WEIGHT.items()}, int(sv.sum()))
        age = pick(rng, AGE, n)
        life = pick(rng, LIFE, n)
        clarity_start = rng.choice(5, size=n, p=[0.2, 0.3, 0.3, 0.15, 0.05]) + 1
        has_start = learner & (rng.random(n) < 0.3)
        has_end = has_start & (rng.random(n) < 0.55)
        delta = np.rint(rng.normal(0.7, 1.0, size=n)).astype(int)
        clarity_end = np.clip(clarity_start + delta, 1, 5)
        users = self._users(n)
        counts = rng.geometric(1.0 / self.mean_messages, size=n)
        sessions: list[tuple[object, ...]] = []
        session_ids: list[str] = []
        starts = started.astype(dt.datetime).tolist()
        for i in range(n):
            sid = self._id("s", self.sessions)
            self.sessions += 1
            session_ids.append(sid)

            def maybe(value: object, i: int = i) -> object:
                return value if profiled[i] and rng.random() > 0.08 else None

            sessions.append(
                (
                    sid,
                    users[i],
                    starts[i],
                    str(channel[i]),
                    str(language[i]),
                    maybe(str(age[i])),
                    maybe(str(region[i])),
                    maybe(str(life[i])),
                    int(clarity_start[i]) if has_start[i] else None,
                    int(clarity_end[i]) if has_end[i] else None,
                )
            )
        messages, feedback = self._messages(session_ids, started, counts, channel, language)
        return Batch(sessions, messages, feedback)

    def _messages(
        self,
        session_ids: list[str],
        started: np.ndarray,
        counts: np.ndarray,
        channel: np.ndarray,
        language: np.ndarray,
    ) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        d = draw_messages(self.rng, started, counts, channel, language)
        messages: list[tuple[object, ...]] = []
        feedback: list[tuple[object, ...]] = []
        for j in range(len(d.kind)):
            lang, k = str(d.language[j]), str(d.kind[j])
            pool = self._pool(lang, k)
            q = pool[int(d.question_u[j] * len(pool))] if pool else None
            mid = self._id("m", self.message_count)
            self.message_count += 1
            messages.append(
                (
                    mid,
                    session_ids[d.owner[j]],
                    d.created[j],
                    lang,
                    "counsellor" if d.counsellor[j] else "learner",
                    str(d.channel[j]),
                    k,
                    round(float(d.confidence[j]), 3),
                    ",".join(q.topics) if q else "",
                    ",".join(q.source_ids) if q else "",
                    round(float(d.latency[j]), 1),
                    "extractive",
                    q.text if q else None,
                    "not_covered" if k == "no_answer" else None,
                )
            )
            if d.gets_feedback[j]:
                low = k == "answer" and d.confidence[j] < 0.45
                at = d.created[j] + dt.timedelta(microseconds=int(d.lag[j]))
                feedback.append(self._rating(mid, at, "low" if low else k, float(d.rating_u[j])))
        # The writer appends in time order; so do we (it decides how the store is laid out).
        messages.sort(key=lambda r: r[2])  # type: ignore[arg-type,return-value]
        feedback.sort(key=lambda r: r[2])  # type: ignore[arg-type,return-value]
        return messages, feedback

    def _pool(self, language: str, kind: str) -> list[Question]:
        """The questions a message of this kind is drawn from (none for crisis and handoff)."""
        if kind == "answer":
            return self.answered[language]
        if kind == "no_answer":
            return self.gaps[language]
        if kind == "out_of_scope":
            return self.off_topic[language]
        return []

    def _rating(self, message_id: str, at: dt.datetime, case: str, u: float) -> tuple[object, ...]:
        """A feedback row: a rating drawn (by `u`) from the distribution for `case`."""
        dist = RATING[case if case in RATING else "other"]
        rating = int(np.searchsorted(np.cumsum(dist), u)) + 1
        row = (
            self._id("f", self.feedback_count),
            message_id,
            at,
            min(rating, 5),
            rating >= 4 if rating != 3 else None,
            None,
        )
        self.feedback_count += 1
        return row
