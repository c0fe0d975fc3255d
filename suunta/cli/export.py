"""`suunta export --open-data DIR`: the national and regional indicators as open data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from suunta.cli.common import Command, Date, fail, load_settings, store_engine


@click.command(
    cls=Command,
    help="Write the national and regional indicators of one whole ended month, quarter or year "
    "(default: last month) as a Frictionless Data Package: datapackage.json, indicators.csv "
    "(definitions in fi, sv and en) and values.csv, licence CC BY 4.0, suppressed like every "
    "report (docs/indicators.md).",
    short_help="open-data package of the indicators",
)
@click.option(
    "--open-data",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    metavar="DIR",
    help="folder to write the package into",
)
@click.option("--from", "start", type=Date(), help="first day of the period")
@click.option("--to", "end", type=Date(), help="last day of the period")
def export(folder: Path, start: dt.date | None, end: dt.date | None) -> int:
    """Write the open-data package."""
    from application.monitoring import MonitoringError
    from application.organisations import OrganisationService
    from evaluation.monitoring.open_data import build_package, write_package
    from suunta.wiring import make_monitoring
    from telemetry.store import init_schema

    settings = load_settings()
    with store_engine(settings) as engine:
        try:
            init_schema(engine)
            service = make_monitoring(settings, engine, OrganisationService(engine))
            period = service.period(start, end)
            files = build_package(service.monitoring(), period)
        except MonitoringError as exc:
            fail(str(exc))
    try:
        write_package(files, folder)
    except OSError as exc:
        fail(f"cannot write {folder}: {exc.strerror}")
    print(f"wrote {folder / 'datapackage.json'} ({period.label}, {len(files)} files)")
    return 0
