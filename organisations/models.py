"""The organisations table (telemetry store, migration 0005)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class OrganisationBase(SQLModel):
    """What an owner registers about an organisation."""

    id: str = Field(primary_key=True, max_length=32)
    """Short code used in links (`/?org=<id>`, `/embed/<id>`): a-z, 0-9 and '-'."""
    name_fi: str = Field(max_length=200)
    name_sv: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    sector: str = Field(max_length=32)
    """One of `organisations.sectors.SECTORS`."""
    region: str = Field(max_length=32)
    """One of the 19 regions of `telemetry.profile.REGIONS`."""
    municipality: str | None = Field(default=None, max_length=64)
    launched_on: dt.date | None = None
    """The day the organisation started offering Suunta (for before/after comparisons)."""
    allowed_parents: str = Field(default="", max_length=1024)
    """Space-separated origins (`https://example.fi`) allowed to show `/embed/<id>` in a frame."""


class OrganisationRecord(OrganisationBase, table=True):
    """A registered organisation."""

    __tablename__ = "organisations"
