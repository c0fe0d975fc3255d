"""The indicator reports as each role may see them: owners and admins every unit and the
open-data package, an org_owner their own organisation, a member of staff their own co-pilot
use and ratings (the counsellor level) and nobody else's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel

from accounts.models import REPORT_ROLES, STAFF_ROLES
from accounts.users import User
from application.monitoring import Benchmark, ExpertReport, MonitoringService, UnitReport
from application.organisations import OrganisationService
from organisations.sectors import SECTORS
from telemetry.profile import REGIONS

LEVELS = ("national", "region", "sector", "org")


class NotAllowed(Exception):
    """The user's role may not see what was asked; the message says so."""


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


class IndicatorAccess:
    """The monitoring service behind each role's rights (`NotAllowed` otherwise)."""

    def __init__(
        self,
        monitoring: MonitoringService,
        orgs: OrganisationService,
        staff_key: Callable[[int], str],
    ) -> None:
        self.monitoring = monitoring
        self.orgs = orgs
        self.staff_key = staff_key
        """A member of staff's own pseudonymous key (`ChatService.staff_key`)."""

    def report(
        self,
        user: User,
        level: str,
        ident: str | None,
        start: dt.date | None,
        end: dt.date | None,
    ) -> UnitReport | Benchmark:
        """The indicators of one unit for a whole ended period (default: last month)."""
        own = user.role == "org_owner" and level == "org" and ident == user.org_id
        if user.role not in REPORT_ROLES and not own:
            raise NotAllowed("your role may not see this unit")
        return self.monitoring.report(level, ident, self.monitoring.period(start, end))

    def units(self, user: User) -> Units:
        """The levels, units and indicators the user may see."""
        every = user.role in REPORT_ROLES
        if not every and user.role != "org_owner" and user.role not in STAFF_ROLES:
            raise NotAllowed("your role may not see reports")
        mine = [
            OrgChoice(
                id=o.id,
                sector=o.sector,
                region=o.region,
                names={"fi": o.name_fi, "sv": o.name_sv, "en": o.name_en},
            )
            for o in self.orgs.list()
            if every or (user.role == "org_owner" and o.id == user.org_id)
        ]
        return Units(
            levels=list(LEVELS) if every else ["org"] if mine else [],
            regions=list(REGIONS) if every else [],
            sectors=list(SECTORS) if every else [],
            orgs=mine,
            counsellor=user.role in STAFF_ROLES,
            open_data=every,
            indicators=[IndicatorInfo(**i) for i in self.monitoring.indicators()],
        )

    def open_data(
        self, user: User, start: dt.date | None, end: dt.date | None
    ) -> tuple[str, bytes]:
        """The national and regional open-data package of one whole ended period as a ZIP,
        and its file name."""
        if user.role not in REPORT_ROLES:
            raise NotAllowed("your role may not do this")
        return self.monitoring.open_data(self.monitoring.period(start, end))

    def counsellor(self, user: User, start: dt.date | None, end: dt.date | None) -> ExpertReport:
        """The user's own co-pilot use and ratings, month by month (default: the last twelve
        months); there is no way to ask for anyone else's."""
        if user.role not in STAFF_ROLES:
            raise NotAllowed("only staff who use the co-pilot")
        return self.monitoring.expert(self.staff_key(user.id), start, end)
