"""`GET /api/indicators`: the common indicator set at one level (owner and admin: any unit;
org_owner: their own organisation only), for one whole month, quarter or year that has ended.

An organisation's answer is its benchmark: its figures next to its sector's, its region's and
the national ones, and its previous period with the signed change. Figures under
SUUNTA_MIN_GROUP_SIZE, and those that would give one away by a difference, are null.
`/api/indicators/units` lists what the signed-in user may pick, `/api/indicators/open-data`
gives the national and regional package as a ZIP, and `/api/indicators/counsellor` a member of
staff's own co-pilot use and ratings (the counsellor level): nobody else's. Who may see what
is `application.indicator_access`'s to say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status

from accounts.users import User
from application.indicator_access import NotAllowed, Units
from application.monitoring import Benchmark, ExpertReport, MonitoringError, UnitReport, UnknownUnit
from web.auth.deps import AUTH_RESPONSES, CurrentUserDep
from web.deps import IndicatorsDep

router = APIRouter(prefix="/api", tags=["reports"])
FromDay = Annotated[dt.date | None, Query(alias="from")]
ToDay = Annotated[dt.date | None, Query(alias="to")]


def _signed_in(user: User | None) -> User:
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="sign in first")
    return user


@contextmanager
def _refusals() -> Iterator[None]:
    """The service's refusals as HTTP errors: 403, 404 for a unit that does not exist, 422."""
    try:
        yield
    except NotAllowed as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(exc)) from None
    except UnknownUnit as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except MonitoringError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


@router.get(
    "/indicators",
    response_model=UnitReport | Benchmark,
    responses={**AUTH_RESPONSES, 404: {"description": "No such region, sector or organisation"}},
)
def indicators(
    user: CurrentUserDep,
    access: IndicatorsDep,
    level: Annotated[Literal["national", "region", "sector", "org"], Query()] = "national",
    id: Annotated[str | None, Query(max_length=32, pattern=r"^[a-z0-9_-]+$")] = None,
    start: FromDay = None,
    end: ToDay = None,
) -> UnitReport | Benchmark:
    """The indicators of one unit for a whole month, quarter or year (default: last month)."""
    with _refusals():
        return access.report(_signed_in(user), level, id, start, end)


@router.get("/indicators/units", response_model=Units, responses=AUTH_RESPONSES)
def units(user: CurrentUserDep, access: IndicatorsDep) -> Units:
    """The levels, units and indicators the signed-in user may see."""
    with _refusals():
        return access.units(_signed_in(user))


@router.get(
    "/indicators/open-data",
    response_class=Response,
    responses={
        **AUTH_RESPONSES,
        200: {"content": {"application/zip": {}}, "description": "The package as a ZIP"},
    },
)
def open_data(
    user: CurrentUserDep, access: IndicatorsDep, start: FromDay = None, end: ToDay = None
) -> Response:
    """The national and regional indicators of one whole ended period as a Frictionless Data
    Package (CC BY 4.0, suppressed), zipped."""
    with _refusals():
        name, body = access.open_data(_signed_in(user), start, end)
    disposition = f'attachment; filename="{name}"'
    return Response(
        body, media_type="application/zip", headers={"Content-Disposition": disposition}
    )


@router.get("/indicators/counsellor", response_model=ExpertReport, responses=AUTH_RESPONSES)
def counsellor(
    user: CurrentUserDep, access: IndicatorsDep, start: FromDay = None, end: ToDay = None
) -> ExpertReport:
    """The signed-in member of staff's own co-pilot use and ratings, month by month (default:
    the last twelve months); there is no way to ask for anyone else's."""
    with _refusals():
        return access.counsellor(_signed_in(user), start, end)
