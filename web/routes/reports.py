"""The service-owner report API: the summary as JSON, and the same figures as HTML or CSV.

`GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD` returns `evaluation.reports.schema.Summary`
(its fields are documented in the OpenAPI schema). Both dates are UTC days and included; `to`
defaults to today and `from` to 29 days before `to`. Bad dates give 422 with a JSON `detail`.
`&language=fi` or `&channel=web` (not both) adds `filter`: the figures of that group, suppressed
so that no filter reveals what the whole report hides (`evaluation.reports.group_filter`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from application.reports import Filter, FilteredSummary, GapState, Period, ReportError, Summary
from web.auth import csrf
from web.deps import ReportPort, ReportsDep

router = APIRouter(prefix="/api/reports", tags=["reports"])

FromDay = Annotated[dt.date | None, Query(alias="from", description="First day (UTC), included.")]
ToDay = Annotated[dt.date | None, Query(alias="to", description="Last day (UTC), included.")]
GroupCode = Annotated[
    str | None, Query(pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="Only this group.")
]
WithGaps = Annotated[
    bool, Query(description="Group knowledge-gap questions into themes (slower the first time).")
]


def _period(reports: ReportPort, start: dt.date | None, end: dt.date | None) -> Period:
    try:
        return reports.period(start, end)
    except ReportError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


def _level(reports: ReportPort, language: str | None, channel: str | None) -> Filter | None:
    try:
        return reports.level(language, channel)
    except ReportError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


def _summary(
    reports: ReportPort, period: Period, gaps: bool, group: Filter | None = None
) -> Summary:
    try:
        return reports.summary(period, gaps=gaps, group=group)
    except ReportError as exc:  # the configured baseline or model cannot be used
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, detail=str(exc)) from None


@router.get("/summary", response_model=FilteredSummary)
def report_summary(
    reports: ReportsDep,
    start: FromDay = None,
    end: ToDay = None,
    gaps: WithGaps = True,
    language: GroupCode = None,
    channel: GroupCode = None,
) -> Summary:
    """Reach, quality, effectiveness, knowledge gaps and evaluation runs for a period."""
    group = _level(reports, language, channel)
    return _summary(reports, _period(reports, start, end), gaps, group)


@router.get("/export", response_class=Response)
def report_export(
    reports: ReportsDep,
    start: FromDay = None,
    end: ToDay = None,
    format: Annotated[Literal["html", "csv"], Query(description="html or csv")] = "html",
    lang: Annotated[Literal["fi", "sv", "en"], Query(description="Language of the HTML")] = "en",
    gaps: WithGaps = True,
) -> Response:
    """The same report as a self-contained HTML page or tidy CSV, to download and pass on."""
    period = _period(reports, start, end)
    try:
        export = reports.export(period, format, lang=lang, gaps=gaps)
    except ReportError as exc:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, detail=str(exc)) from None
    disposition = f'attachment; filename="{export.filename}"'
    return Response(
        export.body, media_type=export.media_type, headers={"Content-Disposition": disposition}
    )


GapKey = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="The theme's `key`.")]
QuestionKey = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
CsrfHeader = Annotated[str | None, Header(alias="X-CSRF-Token", include_in_schema=False)]


class GapMarkRequest(BaseModel):
    """An owner's mark on a knowledge-gap theme."""

    model_config = ConfigDict(extra="forbid")
    state: GapState
    """`in_progress`, `fixed` (by the card or article in `fixed_by`) or `not_ours`."""
    fixed_by: str | None = Field(default=None, max_length=200)
    """The id or title of the answer card or article that fixed the theme."""
    questions: list[QuestionKey] = Field(default=[], max_length=5000)
    """The theme's `question_keys`, so it is found again when its wording shifts."""

    @model_validator(mode="after")
    def _names_the_fix(self) -> GapMarkRequest:
        if self.state == "fixed" and not (self.fixed_by and self.fixed_by.strip()):
            raise ValueError("a fixed theme names the card or article that fixed it")
        return self


def _same_site(request: Request, token: str | None) -> None:
    # The session cookie alone must not be enough to change the queue from another site.
    if not csrf.valid(request, token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="missing or wrong X-CSRF-Token")


@router.post("/gaps/{key}", status_code=status.HTTP_204_NO_CONTENT)
def mark_gap(
    key: GapKey,
    body: GapMarkRequest,
    request: Request,
    reports: ReportsDep,
    token: CsrfHeader = None,
) -> Response:
    """Mark a knowledge-gap theme: in progress, fixed by a card or article, or not ours."""
    _same_site(request, token)
    try:
        reports.mark_gap(key, body.state, questions=body.questions, fixed_by=body.fixed_by)
    except ReportError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/gaps/{key}", status_code=status.HTTP_204_NO_CONTENT)
def clear_gap(
    key: GapKey, request: Request, reports: ReportsDep, token: CsrfHeader = None
) -> Response:
    """Remove a theme's mark: it is open again."""
    _same_site(request, token)
    if not reports.clear_gap(key):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="this theme has no mark")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
