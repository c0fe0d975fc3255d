"""The report service: the period, the population baseline, topic names and the level of the
service-owner report, set up once for `/api/reports`, the dashboard and `suunta report`."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine

from evaluation.reports import gap_queue
from evaluation.reports.baseline import Baseline, load_baseline
from evaluation.reports.group_filter import Filter, FilteredSummary
from evaluation.reports.knowledge_gaps import EmbeddingCache
from evaluation.reports.render.as_csv import render_csv
from evaluation.reports.render.as_html import render_html
from evaluation.reports.schema import Summary
from evaluation.reports.summary import Period, summary
from knowledge_base.articles import load_topics
from knowledge_base.embedding import Embedder

GapState = gap_queue.State
"""`in_progress`, `fixed` or `not_ours`."""

__all__ = [
    "Export",
    "Filter",
    "FilteredSummary",
    "GapState",
    "Period",
    "ReportError",
    "ReportService",
    "Summary",
]

DEFAULT_DAYS = 30
"""A period without a start covers this many days up to its end."""


class ReportError(ValueError):
    """The report cannot be made as asked or as configured; the message says why."""


@dataclass(frozen=True)
class Export:
    """A report rendered to a file to download and pass on."""

    body: str
    media_type: str
    filename: str


class ReportService:
    """Computes the report at the level asked (whole service, one language or channel)."""

    def __init__(
        self,
        engine: Engine,
        *,
        min_group_size: int,
        cache_dir: Path | None,
        baseline_path: Path | None,
        topics_path: Path,
        embedder: Callable[[], Embedder],
    ) -> None:
        self.engine = engine
        self.min_group_size = min_group_size
        self.cache_dir = cache_dir
        self.baseline_path = baseline_path
        self.topics_path = topics_path
        self._embedder = embedder
        self._embeddings: EmbeddingCache | None = None
        self._lock = threading.Lock()

    @staticmethod
    def period(
        start: dt.date | None = None, end: dt.date | None = None, *, today: dt.date | None = None
    ) -> Period:
        """The days asked for: `end` defaults to today, `start` to 29 days before `end`."""
        end = end or today or dt.datetime.now(dt.UTC).date()
        start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        try:
            return Period(start, end)
        except ValueError as exc:
            raise ReportError(str(exc)) from None

    @staticmethod
    def level(language: str | None = None, channel: str | None = None) -> Filter | None:
        """The group a report is narrowed to: one language or one channel, or the whole."""
        if language and channel:
            raise ReportError("filter by language or channel, not both")
        if language:
            return Filter("language", language)
        return Filter("channel", channel) if channel else None

    def baseline(self, path: Path | None = None) -> Baseline | None:
        """The population baseline (`path`, else the configured one), or None without one."""
        path = path or self.baseline_path
        if path is None:
            return None
        try:
            return load_baseline(path)
        except (OSError, ValueError) as exc:
            raise ReportError(f"population baseline {path} cannot be used: {exc}") from None

    def topics(self) -> dict[str, dict[str, str]] | None:
        """Topic names in each language, or None (keys are then shown as they are)."""
        try:
            return load_topics(self.topics_path)
        except OSError:
            return None

    def embeddings(self) -> EmbeddingCache:
        """Question vectors for knowledge-gap themes, kept between reports."""
        with self._lock:
            if self._embeddings is None:
                try:
                    self._embeddings = EmbeddingCache(self._embedder())
                except (OSError, ValueError, RuntimeError) as exc:
                    raise ReportError(
                        f"cannot load the embedding model for knowledge gaps ({exc})"
                    ) from None
            return self._embeddings

    def summary(
        self,
        period: Period,
        *,
        gaps: bool = True,
        group: Filter | None = None,
        baseline: Path | None = None,
    ) -> Summary:
        """Reach, quality, effectiveness, knowledge gaps and evaluation runs for `period`."""
        return summary(
            self.engine,
            period,
            min_group_size=self.min_group_size,
            cache_dir=self.cache_dir,
            baseline=self.baseline(baseline),
            embedder=self.embeddings() if gaps else None,
            group=group,
        )

    def mark_gap(
        self,
        key: str,
        state: gap_queue.State,
        *,
        questions: Sequence[str] = (),
        fixed_by: str | None = None,
    ) -> gap_queue.GapMark:
        """Mark a knowledge-gap theme in the work queue."""
        try:
            return gap_queue.mark(self.engine, key, state, questions=questions, fixed_by=fixed_by)
        except ValueError as exc:
            raise ReportError(str(exc)) from None

    def clear_gap(self, key: str) -> bool:
        """Open a marked theme again; False when it had no mark."""
        return gap_queue.clear(self.engine, key)

    def render(
        self, report: Summary, format: Literal["json", "html", "csv"], *, lang: str = "en"
    ) -> str:
        """The report as JSON, tidy CSV or one self-contained HTML page."""
        if format == "csv":
            return render_csv(report)
        if format == "html":
            return render_html(report, lang=lang, topics=self.topics())
        return report.model_dump_json(indent=2) + "\n"

    def export(
        self, period: Period, format: Literal["html", "csv"], *, lang: str = "en", gaps: bool = True
    ) -> Export:
        """The report of `period` as a file to download."""
        body = self.render(self.summary(period, gaps=gaps), format, lang=lang)
        media = "text/csv" if format == "csv" else "text/html"
        name = f"suunta-report-{period.start}-{period.end}.{format}"
        return Export(body, f"{media}; charset=utf-8", name)
