"""The organisation service: the registry bound to one store, and the door a session came
through (`/?org=<id>`, `/embed/<id>`), looked up without a query on every chat message."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time

from pydantic import BaseModel
from sqlalchemy import Engine

from organisations.contacts import ContactsError, import_contacts, parse_contacts
from organisations.models import OrganisationBase, OrganisationRecord
from organisations.registry import OrgError, create_org, get_org, list_orgs, remove_org

__all__ = [
    "OrgError",
    "OrganisationBase",
    "OrganisationForm",
    "OrganisationRecord",
    "OrganisationService",
]

KNOWN_TTL_SECONDS = 30.0
"""How long the set of registered ids is reused: an organisation added with `suunta orgs add`
in another process is recognised within this time."""


class OrganisationForm(BaseModel):
    """An organisation as the admin page's form gives it: every field text."""

    org_id: str
    name_fi: str
    name_sv: str
    name_en: str
    sector: str
    region: str
    municipality: str = ""
    launched_on: str = ""
    """An ISO date, or empty."""
    allowed_parents: str = ""
    """The sites that may frame its chat, separated by white space."""

    def organisation(self) -> OrganisationBase:
        """The organisation to register (id and municipality trimmed, the sites one space
        apart); OrgError naming the first value that cannot be read."""
        try:
            return OrganisationBase(
                id=self.org_id.strip(),
                name_fi=self.name_fi,
                name_sv=self.name_sv,
                name_en=self.name_en,
                sector=self.sector,
                region=self.region,
                municipality=self.municipality.strip() or None,
                launched_on=dt.date.fromisoformat(self.launched_on) if self.launched_on else None,
                allowed_parents=" ".join(self.allowed_parents.split()),
            )
        except ValueError as exc:  # pydantic's ValidationError is one too
            raise OrgError(str(exc).splitlines()[0]) from None


class OrganisationService:
    """Register, list and remove organisations; resolve the organisation of a chat session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: dict[str, OrganisationRecord] = {}
        self._loaded_at = -KNOWN_TTL_SECONDS
        self._lock = threading.Lock()

    def create(self, org_in: OrganisationBase) -> OrganisationRecord:
        """Register an organisation (OrgError if invalid or taken)."""
        record = create_org(engine=self.engine, org_in=org_in)
        self._forget()
        return record

    def list(self) -> list[OrganisationRecord]:
        """Every registered organisation, by id."""
        return list_orgs(engine=self.engine)

    def get(self, org_id: str) -> OrganisationRecord | None:
        """One organisation, or None."""
        return get_org(engine=self.engine, org_id=org_id)

    def remove(self, org_id: str) -> None:
        """Remove an organisation (OrgError if it is not registered)."""
        remove_org(engine=self.engine, org_id=org_id)
        self._forget()

    def import_contacts(self, data: bytes) -> int:
        """Store an uploaded contacts CSV (`docs/organisations.md`), all rows or none; OrgError
        naming the first bad line. The number of rows stored."""
        try:
            text = data.decode("utf-8-sig")
            records = parse_contacts(io.StringIO(text, newline=""), (o.id for o in self.list()))
        except UnicodeDecodeError:
            raise OrgError("the file is not UTF-8 text") from None
        except ContactsError as exc:
            raise OrgError(str(exc)) from None
        return import_contacts(engine=self.engine, records=records)

    def door(self, org_id: str | None) -> OrganisationRecord | None:
        """The registered organisation behind `org_id`, or None for the national service
        (missing, unknown or removed id)."""
        if not org_id:
            return None
        with self._lock:
            if time.monotonic() - self._loaded_at > KNOWN_TTL_SECONDS:
                self._known = {o.id: o for o in list_orgs(engine=self.engine)}
                self._loaded_at = time.monotonic()
            return self._known.get(org_id)

    def _forget(self) -> None:
        with self._lock:
            self._loaded_at = -KNOWN_TTL_SECONDS
