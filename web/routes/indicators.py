"""`GET /api/indicators`: the common indicator set at one level (owner and admin: any unit;
org_owner: their own organisation only), for one whole month, quarter or year that has ended.

An organisation's answer is its benchmark: its figures next to its sector's, its region's and
the national ones, and its previous period with the signed change. Figures under
SUUNTA_MIN_GROUP_SIZE, and those that would give one away by a difference, are null.
`/api/indicators/units` lists what the signed-in user may pick, `/api/indicators/open-data`
gives the national and regional package as a ZIP, and `/api/indicators/counsellor` a member of
staff's own co-pilot use and ratings (the counsellor level): nobody else's.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel

from accounts.users import User
from application.monitoring import (
    Benchmark,
    ExpertReport,
    MonitoringError,
    UnitReport,
    UnknownUnit,
)
from organisations.sectors import SECTORS
from web.auth.deps import AUTH_RESPONSES, STAFF_ROLES, CurrentUserDep
from web.deps import ChatDep, MonitoringDep, OrgsDep
from web.i18n import CHOICES

router = APIRouter(prefix="/api", tags=["reports"])
ALL_LEVELS_ROLES = ("owner", "admin")
FromDay = Annotated[dt.date | None, Query(alias="from")]
ToDay = Annotated[dt.date | None, Query(alias="to")]


def _signed_in(user: User | None) -> User:
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="sign in first")
    return user


def _unprocessable(exc: MonitoringError) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc))


@router.get(
    "/indicators",
    response_model=UnitReport | Benchmark,
    responses={**AUTH_RESPONSES, 404: {"description": "No such region, sector or organisation"}},
)
def indicators(
    user: CurrentUserDep,
    monitoring: MonitoringDep,
    level: Annotated[Literal["national", "region", "sector", "org"], Query()] = "national",
    id: Annotated[str | None, Query(max_length=32, pattern=r"^[a-z0-9_-]+$")] = None,
    start: FromDay = None,
    end: ToDay = None,
) -> UnitReport | Benchmark:
    """The indicators of one unit for a whole month, quarter or year (default: last month)."""
    user = _signed_in(user)
    own = user.role == "org_owner" and level == "org" and id == user.org_id
    if user.role not in ALL_LEVELS_ROLES and not own:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="your role may not see this unit")
    try:
        period = monitoring.period(start, end)
        return monitoring.report(level, id, period)
    except UnknownUnit as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except MonitoringError as exc:
        raise _unprocessable(exc) from None


class OrgChoice(BaseModel):
    """An organisation the user may pick, with its names."""

    id: str
    sector: str
    region: str
    names: dict[str, str]
    """In fi, sv and en."""


class IndicatorInfo(BaseModel):
    """An indicator of the catalogue: what the dashboard labels and explains it with."""

    id: str
    category: str
    unit: str
    levels: list[str]
    names: dict[str, str]
    definitions: dict[str, str]


class Units(BaseModel):
    """What the signed-in user may pick on the dashboard."""

    levels: list[str]
    """Of national, region, sector and org: those the user may see (org_owner: org only)."""
    regions: list[str]
    sectors: list[str]
    orgs: list[OrgChoice]
    """Every registered organisation; for an org_owner, their own only."""
    counsellor: bool
    """Whether the user has the counsellor level (their own co-pilot use and ratings)."""
    open_data: bool
    """Whether the user may download the open-data package."""
    indicators: list[IndicatorInfo]


@router.get("/indicators/units", response_model=Units, responses=AUTH_RESPONSES)
def units(user: CurrentUserDep, monitoring: MonitoringDep, orgs: OrgsDep) -> Units:
    """The levels, units and indicators the signed-in user may see."""
    user = _signed_in(user)
    every = user.role in ALL_LEVELS_ROLES
    if not every and user.role != "org_owner" and user.role not in STAFF_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="your role may not see reports")
    mine = [
        OrgChoice(
            id=o.id,
            sector=o.sector,
            region=o.region,
            names={"fi": o.name_fi, "sv": o.name_sv, "en": o.name_en},
        )
        for o in orgs.list()
        if every or (user.role == "org_owner" and o.id == user.org_id)
    ]
    return Units(
        levels=["national", "region", "sector", "org"] if every else ["org"] if mine else [],
        regions=[code for code, _ in CHOICES["region"]] if every else [],
        sectors=list(SECTORS) if every else [],
        orgs=mine,
        counsellor=user.role in STAFF_ROLES,
        open_data=every,
        indicators=[IndicatorInfo(**i) for i in monitoring.indicators()],
    )


@router.get(
    "/indicators/open-data",
    response_class=Response,
    responses={
        **AUTH_RESPONSES,
        200: {"content": {"application/zip": {}}, "description": "The package as a ZIP"},
    },
)
def open_data(
    user: CurrentUserDep, monitoring: MonitoringDep, start: FromDay = None, end: ToDay = None
) -> Response:
    """The national and regional indicators of one whole ended period as a Frictionless Data
    Package (CC BY 4.0, suppressed), zipped."""
    if _signed_in(user).role not in ALL_LEVELS_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="your role may not do this")
    try:
        name, body = monitoring.open_data(monitoring.period(start, end))
    except MonitoringError as exc:
        raise _unprocessable(exc) from None
    disposition = f'attachment; filename="{name}"'
    return Response(
        body, media_type="application/zip", headers={"Content-Disposition": disposition}
    )


@router.get("/indicators/counsellor", response_model=ExpertReport, responses=AUTH_RESPONSES)
def counsellor(
    user: CurrentUserDep,
    monitoring: MonitoringDep,
    chat: ChatDep,
    start: FromDay = None,
    end: ToDay = None,
) -> ExpertReport:
    """The signed-in member of staff's own co-pilot use and ratings, month by month (default:
    the last twelve months); there is no way to ask for anyone else's."""
    user = _signed_in(user)
    if user.role not in STAFF_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only staff who use the co-pilot")
    try:
        return monitoring.expert(chat.staff_key(user.id), start, end)
    except MonitoringError as exc:
        raise _unprocessable(exc) from None
