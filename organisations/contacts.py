"""Guidance contacts outside Suunta (face to face, phone, chat) that organisations report by
month, to set beside Suunta's sessions before and after their launch.

The CSV has a header and one row per organisation, month and channel:

    org_id,month,channel,contacts
    ohjaamo-tampere,2026-09,face_to_face,412
    ohjaamo-tampere,2026-09,phone,88

`month` is YYYY-MM; `channel` one of `face_to_face`, `phone`, `chat`; `contacts` a whole number
of contacts (not people). Importing the same organisation, month and channel again replaces it.
A file with any bad line is refused whole, naming the line.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Field, Session, SQLModel, select

CHANNELS = ("face_to_face", "phone", "chat")
MAX_CONTACTS = 10_000_000


class ContactRecord(SQLModel, table=True):
    """An organisation's guidance contacts in one month through one channel (migration 0008)."""

    __tablename__ = "guidance_contacts"
    org_id: str = Field(primary_key=True, max_length=32)
    month: dt.date = Field(primary_key=True)
    """The month's first day."""
    channel: str = Field(primary_key=True, max_length=16)
    contacts: int


class ContactsError(ValueError):
    """The file cannot be imported; the message names the line."""


def read_contacts(path: Path, known_orgs: Iterable[str]) -> list[ContactRecord]:
    """Every row of a contacts CSV, checked; ContactsError naming the first bad line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return parse_contacts(handle, known_orgs, name=str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ContactsError(f"cannot read {path}: {exc}") from None


def parse_contacts(
    lines: Iterable[str], known_orgs: Iterable[str], *, name: str = "the file"
) -> list[ContactRecord]:
    """Every row of a contacts CSV's lines (an uploaded file's too), checked; ContactsError
    naming the first bad line."""
    orgs = set(known_orgs)
    rows: dict[tuple[str, dt.date, str], ContactRecord] = {}
    reader = csv.DictReader(lines)
    missing = {"org_id", "month", "channel", "contacts"} - set(reader.fieldnames or ())
    if missing:
        raise ContactsError(f"{name}: missing column(s) {', '.join(sorted(missing))}")
    for row in reader:
        line = reader.line_num
        org = (row["org_id"] or "").strip()
        if org not in orgs:
            raise ContactsError(f"line {line}: no organisation '{org}'")
        try:
            month = dt.datetime.strptime((row["month"] or "").strip(), "%Y-%m").date()
        except ValueError:
            raise ContactsError(f"line {line}: month must be YYYY-MM") from None
        channel = (row["channel"] or "").strip()
        if channel not in CHANNELS:
            raise ContactsError(f"line {line}: channel must be one of {', '.join(CHANNELS)}")
        try:
            n = int((row["contacts"] or "").replace(" ", ""))
        except ValueError:
            raise ContactsError(f"line {line}: contacts must be a whole number") from None
        if not 0 <= n <= MAX_CONTACTS:
            raise ContactsError(f"line {line}: contacts must be 0..{MAX_CONTACTS}")
        if (org, month, channel) in rows:
            raise ContactsError(f"line {line}: {org} {month:%Y-%m} {channel} given twice")
        rows[(org, month, channel)] = ContactRecord(
            org_id=org, month=month, channel=channel, contacts=n
        )
    if not rows:
        raise ContactsError(f"{name}: no rows")
    return list(rows.values())


def import_contacts(*, engine: Engine, records: list[ContactRecord]) -> int:
    """Store the rows in one transaction (replacing the same org, month and channel)."""
    with Session(engine) as session:
        for record in records:
            old = session.get(ContactRecord, (record.org_id, record.month, record.channel))
            if old is not None:
                old.contacts = record.contacts
                session.add(old)
            else:
                session.add(record)
        session.commit()
    return len(records)


def contacts_by_month(*, engine: Engine, org_id: str) -> dict[dt.date, dict[str, int]]:
    """An organisation's contacts: month -> channel -> contacts."""
    out: dict[dt.date, dict[str, int]] = {}
    with Session(engine) as session:
        for r in session.exec(select(ContactRecord).where(ContactRecord.org_id == org_id)):
            out.setdefault(r.month, {})[r.channel] = r.contacts
    return dict(sorted(out.items()))
