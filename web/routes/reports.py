"""The service-owner report API: the summary as JSON, and the same figures as HTML or CSV.

`GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD` returns `evaluation.schema.Summary`
(its fields are documented in the OpenAPI schema). Both dates are UTC days and included; `to`
defaults to today and `from` to 29 days before `to`. Bad dates give 422 with a JSON `detail`.
`&language=fi` or `&channel=web` (not both) adds `filter`: the figures of that group, suppressed
so that no filter reveals what the whole report hides (`evaluation.filtered`).
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from evaluation.baseline import Baseline, load_baseline
from evaluation.filtered import Filter, FilteredSummary
from evaluation.gaps import EmbeddingCache
from evaluation.render_csv import render_csv
from evaluation.render_html import render_html
from evaluation.reports import Period, summary
from evaluation.schema import Summary
from knowledge_base.articles import load_topics
from web.deps import ComponentsDep

router = APIRouter(prefix="/api/reports", tags=["reports"])
_lock = threading.Lock()

FromDay = Annotated[dt.date | None, Query(alias="from", description="First day (UTC), included.")]
ToDay = Annotated[dt.date | None, Query(alias="to", description="Last day (UTC), included.")]
GroupCode = Annotated[
    str | None, Query(pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="Only this group.")
]
WithGaps = Annotated[
    bool, Query(description="Group knowledge-gap questions into themes (slower the first time).")
]


def _period(start: dt.date | None, end: dt.date | None) -> Period:
    end = end or dt.datetime.now(dt.UTC).date()
    start = start or end - dt.timedelta(days=29)
    try:
        return Period(start, end)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


def _embedder(request: Request, components: ComponentsDep) -> EmbeddingCache:
    # One cache per app, so a dashboard refresh does not embed the same questions again.
    with _lock:
        cache = getattr(request.app.state, "report_embeddings", None)
        if cache is None:
            cache = EmbeddingCache(components.assistant.retriever.embedder)
            request.app.state.report_embeddings = cache
    return cache


def _baseline(components: ComponentsDep) -> Baseline | None:
    path = components.settings.report_baseline
    if path is None:
        return None
    try:
        return load_baseline(path)
    except (OSError, ValueError) as exc:
        raise HTTPException(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            detail=f"the population baseline SUUNTA_REPORT_BASELINE cannot be used: {exc}",
        ) from None


def _topics(components: ComponentsDep) -> dict[str, dict[str, str]] | None:
    try:
        return load_topics(components.settings.content_dir.parent / "topics.yaml")
    except OSError:
        return None  # topic keys are shown as they are


def _filter(language: str | None, channel: str | None) -> Filter | None:
    if language and channel:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail="filter by language or channel, not both"
        )
    if language:
        return Filter("language", language)
    return Filter("channel", channel) if channel else None


def _summary(
    request: Request,
    components: ComponentsDep,
    period: Period,
    gaps: bool,
    group: Filter | None = None,
) -> Summary:
    settings = components.settings
    return summary(
        components.engine,
        period,
        min_group_size=settings.min_group_size,
        cache_dir=settings.report_cache_dir,
        baseline=_baseline(components),
        embedder=_embedder(request, components) if gaps else None,
        group=group,
    )


@router.get("/summary", response_model=FilteredSummary)
def report_summary(
    request: Request,
    components: ComponentsDep,
    start: FromDay = None,
    end: ToDay = None,
    gaps: WithGaps = True,
    language: GroupCode = None,
    channel: GroupCode = None,
) -> Summary:
    """Reach, quality, effectiveness, knowledge gaps and evaluation runs for a period."""
    group = _filter(language, channel)
    return _summary(request, components, _period(start, end), gaps, group)


@router.get("/export", response_class=Response)
def report_export(
    request: Request,
    components: ComponentsDep,
    start: FromDay = None,
    end: ToDay = None,
    format: Annotated[Literal["html", "csv"], Query(description="html or csv")] = "html",
    lang: Annotated[Literal["fi", "sv", "en"], Query(description="Language of the HTML")] = "en",
    gaps: WithGaps = True,
) -> Response:
    """The same report as a self-contained HTML page or tidy CSV, to download and pass on."""
    period = _period(start, end)
    report = _summary(request, components, period, gaps)
    name = f"suunta-report-{period.start}-{period.end}.{format}"
    if format == "csv":
        body, media = render_csv(report), "text/csv; charset=utf-8"
    else:
        topics = _topics(components)
        body, media = render_html(report, lang=lang, topics=topics), "text/html; charset=utf-8"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
