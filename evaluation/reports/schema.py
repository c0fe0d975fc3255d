"""The summary report's shape: the JSON of `suunta report` and `GET /api/reports/summary`.

Every count or figure that would describe fewer than `min_group_size` people (or let such a
count be worked out from the others) is `null`. Shares and rates are fractions (0.25 = 25%).
Dates are UTC days. Field docstrings become the OpenAPI descriptions.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from evaluation.golden.stored_runs import EvalRunPublic

Unit = Literal["day", "week", "month"]


class PeriodPublic(BaseModel):
    """The days the report covers, both included."""

    start: dt.date
    end: dt.date


class GroupCount(BaseModel):
    """Sessions and distinct users in one group of a breakdown."""

    group: str
    """The stored value (e.g. `uusimaa`, `25-34`, `web`); `not_answered` when the learner did
    not say."""
    sessions: int | None
    users: int | None


class SeriesPoint(BaseModel):
    """Sessions and distinct users in one day, week (from Monday) or month."""

    start: dt.date
    """First day of the day, week or month (or of the period, if that starts later)."""
    sessions: int | None
    users: int | None


class BaselineRow(BaseModel):
    """A group's share of users against its share of the population."""

    group: str
    users: int | None
    """Distinct users who gave this answer."""
    user_share: float | None
    """Share of the users who answered this question."""
    population_share: float
    """Share of the baseline population."""
    representation: float | None
    """user_share / population_share: below 1 the group is reached less than its size."""


class BaselineComparison(BaseModel):
    """Reach against a population baseline (configured, with its source)."""

    source: str
    region: list[BaselineRow]
    age_band: list[BaselineRow]


class Reach(BaseModel):
    """Who is served: sessions, distinct pseudonymous users, and their groups."""

    sessions: int | None
    users: int | None
    """Distinct browser ids (a session without one counts as one user)."""
    new_users: int | None
    """Users with no session in the `lookback_days` before the period."""
    returning_users: int | None
    lookback_days: int
    by_day: list[SeriesPoint]
    by_week: list[SeriesPoint]
    by_month: list[SeriesPoint]
    by_channel: list[GroupCount]
    by_language: list[GroupCount]
    by_region: list[GroupCount]
    by_age_band: list[GroupCount]
    by_life_situation: list[GroupCount]
    baseline: BaselineComparison | None
    """Present when a population baseline is configured."""


class QualityFigures(BaseModel):
    """How well replies served their askers."""

    messages: int | None
    ratings: int | None
    """Replies rated 1-5."""
    satisfaction: float | None
    """Share of ratings that are 4 or 5."""
    mean_rating: float | None
    helpful_votes: int | None
    """Replies marked helpful or not helpful."""
    helpful_rate: float | None
    """Share of those marked helpful."""
    no_answer_rate: float | None
    """Share of messages the knowledge base could not answer."""
    out_of_scope_rate: float | None
    handoff_rate: float | None
    """Handoffs to a human per message."""
    crisis: int | None
    """Crisis replies (counted even when the learner later deleted the conversation)."""
    latency_p50_ms: float | None
    latency_p95_ms: float | None


class QualityGroup(QualityFigures):
    """Quality figures of one language, channel or topic."""

    group: str


class QualityPoint(QualityFigures):
    """Quality figures of one day, week or month."""

    start: dt.date


class QualityBlock(BaseModel):
    """Quality for one kind of user (learners or counsellors), never mixed."""

    overall: QualityFigures
    by_language: list[QualityGroup]
    by_channel: list[QualityGroup]
    by_topic: list[QualityGroup]
    """A message counts once in each of its topics; no latency per topic."""
    trend: list[QualityPoint]
    trend_unit: Unit


class Quality(BaseModel):
    """Learners' and counsellors' figures, kept apart."""

    learner: QualityBlock
    counsellor: QualityBlock


class ClarityGroup(BaseModel):
    """Next-step clarity change in one group."""

    group: str
    pairs: int | None
    mean_change: float | None


class Effectiveness(BaseModel):
    """'How clear is your next step?' (1-5) at the start and the end of a session."""

    answered_start: int | None
    answered_end: int | None
    pairs: int | None
    """Sessions with both answers: the number behind every figure below."""
    mean_start: float | None
    mean_end: float | None
    mean_change: float | None
    improved: int | None
    unchanged: int | None
    worse: int | None
    by_language: list[ClarityGroup]


class GapAnswer(BaseModel):
    """A badly served question and the answer it was given (what the answer rested on)."""

    question: str | None
    """Redacted; empty when texts are not kept (`SUUNTA_STORE_TEXT=none`)."""
    kind: str
    """`answer` or `no_answer` (crisis replies and prompt injections are never listed)."""
    reason: str | None = None
    """Why the assistant replied so (`not_covered`, `low_confidence`, `own_case`, `card`...)."""
    sources: list[str] = []
    """Ids of the articles or cards the answer cited, in citation order."""


class ReportedAnswer(GapAnswer):
    """An answer learners reported as wrong, with their (redacted) comments."""

    reports: int
    """Wrong-answer reports of this answer."""
    comments: list[str] = []


class GapStatus(BaseModel):
    """Where the content team is with a theme."""

    state: Literal["in_progress", "fixed", "not_ours"]
    fixed_by: str | None = None
    """The card or article that fixed it (`fixed` only)."""
    marked_on: dt.date
    new_since: int = 0
    """Questions of the theme that came after it was marked (a fixed or not-ours theme with
    new ones is open again)."""


class GapTheme(BaseModel):
    """A group of similar questions the knowledge base served badly."""

    key: str = ""
    """A stable id of the theme, to mark it in the work queue."""
    label: str
    """The question most typical of the theme."""
    questions: int
    languages: dict[str, int | None]
    reasons: dict[str, int | None]
    """`no_answer`, `low_confidence`, `poor_rating`, `wrong_answer` (a question may have
    several)."""
    reply_reasons: dict[str, int | None] = {}
    """Why the assistant did not answer (`not_covered`, `own_case`, `local`, ...)."""
    examples: list[str]
    """Two or three redacted example questions."""
    answers: list[GapAnswer] = []
    """The example questions with the answers they were given."""
    status: GapStatus | None = None
    """The work-queue mark, when an owner set one."""
    question_keys: list[str] = []
    """Keys of the theme's distinct questions (hashes of the redacted texts): sent back with a
    mark so the theme is found again when its wording shifts. Not in the HTML or CSV export."""


class Gaps(BaseModel):
    """Knowledge gaps: the content team's to-do list."""

    questions: int | None
    """Questions in the period that got no answer, low confidence or a rating of 1-2."""
    analysed: int
    """How many of them (the most recent, with text) were grouped into themes."""
    themes: list[GapTheme]
    hidden_themes: int
    """Themes left out because fewer than `min_group_size` questions (or only one) were in
    them."""
    not_covered: dict[str, int | None] = {}
    """Unanswered questions by the assistant's reason (`not_covered`, `own_case`, ...)."""
    wrong_answers: int | None = None
    """Answers learners reported as wrong (counted apart from ratings; not suppressed, as the
    reported answers are listed)."""
    reported: list[ReportedAnswer] = []
    """The answers reported as wrong, most reported first (up to 20)."""


class KeyFigure(BaseModel):
    """One key figure of the period beside the same figure of the period before."""

    name: str
    """`sessions`, `users`, `returning_users`, `messages`, `satisfaction`, `helpful_rate`,
    `no_answer_rate` or `mean_change`."""
    value: int | float | None
    previous: int | float | None
    """The same figure over the as many days just before; null when hidden or not computable."""
    change: int | float | None
    """`value - previous` (for a share, in percentage points as a fraction)."""


class Summary(BaseModel):
    """The whole report."""

    period: PeriodPublic
    generated_at: dt.datetime
    min_group_size: int
    reach: Reach
    quality: Quality
    effectiveness: Effectiveness
    gaps: Gaps | None
    """Null when no embedder was available (e.g. `--no-gaps`)."""
    eval_runs: list[EvalRunPublic]
    """The newest golden-set runs, newest first."""
    previous_period: PeriodPublic | None = None
    """The as many days just before `period`, which `key_figures` compare against."""
    key_figures: list[KeyFigure] = []
    """The key figures (the whole service) with the previous period and the change."""
