"""`suunta orgs add | list | remove | import-contacts`: the organisations Suunta serves through."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suunta.cli.common import Date, Group, fail, load_settings

if TYPE_CHECKING:
    from application.organisations import OrganisationService


@click.group(
    cls=Group,
    help="Register the organisations whose learners reach Suunta through their own door "
    "(/?org=ID or the embeddable chat /embed/ID); their sessions are reported under them.",
    short_help="organisations: add, list, remove, import-contacts",
)
def orgs() -> None:
    """The `orgs` group."""


def _service() -> OrganisationService:
    from application.organisations import OrganisationService
    from telemetry.store import init_schema, make_engine

    engine = make_engine(load_settings().database_url)
    init_schema(engine)
    return OrganisationService(engine)


@orgs.command(
    help="Register an organisation. Sector is one of the fixed codes (education, "
    "employment_services, youth_services, social_health, integration, third_sector, other); "
    "region one of the 19 regions (uusimaa ... ahvenanmaa).",
    short_help="register an organisation",
)
@click.argument("org_id", metavar="ID")
@click.option("--name-fi", required=True, help="name in Finnish")
@click.option("--name-sv", required=True, help="name in Swedish")
@click.option("--name-en", required=True, help="name in English")
@click.option("--sector", required=True, help="sector code")
@click.option("--region", required=True, help="region code")
@click.option("--municipality", help="municipality (optional)")
@click.option("--launched", type=Date(), help="the day Suunta started in the organisation")
@click.option(
    "--allow",
    "allowed",
    multiple=True,
    metavar="ORIGIN",
    help="a site allowed to show /embed/ID in a frame, e.g. https://ohjaamo.example.fi "
    "(repeat for more)",
)
def add(
    org_id: str,
    name_fi: str,
    name_sv: str,
    name_en: str,
    sector: str,
    region: str,
    municipality: str | None,
    launched: dt.date | None,
    allowed: tuple[str, ...],
) -> int:
    """Register an organisation."""
    from pydantic import ValidationError

    from application.organisations import OrganisationBase, OrgError

    service = _service()
    try:
        record = service.create(
            OrganisationBase(
                id=org_id,
                name_fi=name_fi,
                name_sv=name_sv,
                name_en=name_en,
                sector=sector,
                region=region,
                municipality=municipality or None,
                launched_on=launched,
                allowed_parents=" ".join(allowed),
            )
        )
        print(f"added {record.id} ({record.sector}, {record.region})")
    except OrgError as exc:
        fail(str(exc))
    except ValidationError as exc:
        fail(f"{exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}")
    finally:
        service.engine.dispose()
    return 0


@orgs.command(
    "list",
    help="List the organisations: id, sector, region, launch date, names, allowed sites.",
    short_help="list the organisations",
)
def list_orgs() -> int:
    """List the organisations, one a line, tab-separated."""
    service = _service()
    try:
        for o in service.list():
            launched = o.launched_on.isoformat() if o.launched_on else "-"
            print(
                "\t".join((o.id, o.sector, o.region, launched, o.name_fi, o.allowed_parents or "-"))
            )
    finally:
        service.engine.dispose()
    return 0


@orgs.command(
    help="Remove an organisation from the registry; its sessions keep its code.",
    short_help="remove an organisation",
)
@click.argument("org_id", metavar="ID")
def remove(org_id: str) -> int:
    """Remove an organisation."""
    from application.organisations import OrgError

    service = _service()
    try:
        service.remove(org_id)
        print(f"removed {org_id}")
    except OrgError as exc:
        fail(str(exc))
    finally:
        service.engine.dispose()
    return 0


@orgs.command(
    "import-contacts",
    help="Import organisations' monthly guidance contacts outside Suunta (face_to_face, phone, "
    "chat) from a CSV with the columns org_id,month (YYYY-MM),channel,contacts; the same "
    "organisation, month and channel again replaces the figure. A file with a bad line is "
    "refused whole. Format: docs/organisations.md.",
    short_help="import monthly face-to-face, phone and chat contacts",
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_contacts(file: Path) -> int:
    """Import a contacts CSV."""
    from sqlalchemy.exc import SQLAlchemyError

    from organisations.contacts import ContactsError, read_contacts
    from organisations.contacts import import_contacts as store

    service = _service()
    try:
        records = read_contacts(file, (o.id for o in service.list()))
        n = store(engine=service.engine, records=records)
        print(f"imported {n} rows from {file}")
    except ContactsError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"telemetry store: {type(exc).__name__}")
    finally:
        service.engine.dispose()
    return 0
