"""`GET /api/indicators`: the common indicator set at one level (owner and admin: any unit;
org_owner: their own organisation only), for one whole month, quarter or year that has ended.

An organisation's answer is its benchmark: its figures next to its sector's, its region's and
the national ones, and its previous period with the signed change. Figures under
SUUNTA_MIN_GROUP_SIZE, and those that would give one away by a difference, are null.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status

from application.monitoring import Benchmark, MonitoringError, UnitReport, UnknownUnit
from web.auth.deps import AUTH_RESPONSES, CurrentUserDep
from web.deps import MonitoringDep

router = APIRouter(prefix="/api", tags=["reports"])
ALL_LEVELS_ROLES = ("owner", "admin")


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
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
) -> UnitReport | Benchmark:
    """The indicators of one unit for a whole month, quarter or year (default: last month)."""
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="sign in first")
    own = user.role == "org_owner" and level == "org" and id == user.org_id
    if user.role not in ALL_LEVELS_ROLES and not own:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="your role may not see this unit")
    try:
        period = monitoring.period(start, end)
        return monitoring.report(level, id, period)
    except UnknownUnit as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except MonitoringError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
