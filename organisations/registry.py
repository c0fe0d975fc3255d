"""Register, list and remove organisations; the checks every record passes before it is kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, select

from organisations.models import OrganisationBase, OrganisationRecord
from organisations.sectors import NATIONAL, SECTORS
from telemetry.profile import REGIONS

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")
ORIGIN_PATTERN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")


class OrgError(ValueError):
    """An organisation cannot be registered or found as asked; the message says why."""


def check(org: OrganisationBase) -> OrganisationBase:
    """The record if every field is valid, else OrgError naming the first bad field."""
    if not ID_PATTERN.match(org.id) or org.id == NATIONAL:
        raise OrgError(f"id '{org.id}': 2-32 characters a-z, 0-9 and '-', not '{NATIONAL}'")
    if org.sector not in SECTORS:
        raise OrgError(f"sector '{org.sector}': one of {', '.join(SECTORS)}")
    if org.region not in REGIONS:
        raise OrgError(f"region '{org.region}': one of {', '.join(REGIONS)}")
    for name in (org.name_fi, org.name_sv, org.name_en):
        if not name.strip():
            raise OrgError("a name is needed in fi, sv and en")
    for origin in org.allowed_parents.split():
        if not ORIGIN_PATTERN.match(origin):
            raise OrgError(f"allowed parent '{origin}': an origin like https://example.fi")
    return org


def create_org(*, engine: Engine, org_in: OrganisationBase) -> OrganisationRecord:
    """Register an organisation; OrgError if it is invalid or its id is taken."""
    record = OrganisationRecord.model_validate(check(org_in))
    with Session(engine) as session:
        if session.get(OrganisationRecord, record.id) is not None:
            raise OrgError(f"organisation '{record.id}' exists already")
        session.add(record)
        session.commit()
        session.refresh(record)
    return record


def list_orgs(*, engine: Engine) -> list[OrganisationRecord]:
    """Every registered organisation, by id."""
    with Session(engine) as session:
        return list(session.exec(select(OrganisationRecord).order_by(OrganisationRecord.id)))


def get_org(*, engine: Engine, org_id: str) -> OrganisationRecord | None:
    """One organisation, or None when no such id is registered."""
    with Session(engine) as session:
        return session.get(OrganisationRecord, org_id)


def remove_org(*, engine: Engine, org_id: str) -> None:
    """Remove an organisation from the registry (its sessions keep their org code and are
    reported under it as long as they are kept); OrgError if it is not registered."""
    with Session(engine) as session:
        record = session.get(OrganisationRecord, org_id)
        if record is None:
            raise OrgError(f"no organisation '{org_id}'")
        session.delete(record)
        session.commit()


def known_org(org_id: str | None, orgs: Sequence[OrganisationRecord]) -> str | None:
    """`org_id` if it is registered, else None (the national service)."""
    return org_id if org_id and any(o.id == org_id for o in orgs) else None
