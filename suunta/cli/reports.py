"""`suunta report`: the service-owner report (JSON, HTML or CSV) or one unit's indicators."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from suunta.cli.common import LANGUAGES, Command, Date, fail, load_settings, store_engine


@click.command(
    cls=Command,
    help="Report reach, quality, effectiveness, knowledge gaps and evaluation runs for a period "
    "(UTC days, both included) from the telemetry store. Groups smaller than "
    "SUUNTA_MIN_GROUP_SIZE are suppressed. JSON goes to stdout unless --out.",
    short_help="reach, quality and knowledge-gap report for service owners",
)
@click.option("--from", "start", type=Date(), help="first day (default: 29 days before --to)")
@click.option("--to", "end", type=Date(), help="last day (default: today)")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "html", "csv"]),
    default="json",
    show_default=True,
    help="output",
)
@click.option("--out", type=click.Path(path_type=Path), help="write to this file, not stdout")
@click.option("--lang", type=LANGUAGES, default="en", show_default=True, help="HTML language")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="population CSV (default SUUNTA_REPORT_BASELINE)",
)
@click.option("--no-gaps", is_flag=True, help="skip knowledge-gap themes (no embedding model)")
@click.option(
    "--level",
    type=click.Choice(["national", "region", "sector", "org"]),
    help="the common indicator set (docs/indicators.md) of one unit, as JSON; --from/--to then "
    "span one whole ended month, quarter or year (default: last month)",
)
@click.option("--id", "unit_id", metavar="ID", help="the region, sector or organisation")
def report(
    start: dt.date | None,
    end: dt.date | None,
    fmt: str,
    out: Path | None,
    lang: str,
    baseline: Path | None,
    no_gaps: bool,
    level: str | None,
    unit_id: str | None,
) -> int:
    """Write the service-owner report (JSON, HTML or CSV), or one unit's indicators."""
    if level is not None:
        return _indicators(level, unit_id, start, end, out)
    from application.reports import ReportError
    from suunta.index_setup import make_embedder
    from suunta.wiring import make_reports
    from telemetry.store import init_schema

    settings = load_settings()
    with store_engine(settings) as engine:
        reports = make_reports(settings, engine, lambda: make_embedder(settings))
        try:
            period = reports.period(start, end)
            init_schema(engine)
            summary = reports.summary(period, gaps=not no_gaps, baseline=baseline)
            text = reports.render(summary, fmt, lang=lang)  # type: ignore[arg-type]
        except ReportError as exc:
            fail(f"{exc}{'; try --no-gaps' if 'embedding model' in str(exc) else ''}")
    _write(text, out)
    return 0


def _indicators(
    level: str, unit_id: str | None, start: dt.date | None, end: dt.date | None, out: Path | None
) -> int:
    from application.monitoring import MonitoringError
    from application.organisations import OrganisationService
    from suunta.wiring import make_monitoring
    from telemetry.store import init_schema

    settings = load_settings()
    with store_engine(settings) as engine:
        try:
            init_schema(engine)
            service = make_monitoring(settings, engine, OrganisationService(engine))
            period = service.period(start, end)
            text = service.report(level, unit_id, period).model_dump_json(indent=2)
        except MonitoringError as exc:
            fail(str(exc))
    _write(text + "\n", out)
    return 0


def _write(text: str, out: Path | None) -> None:
    """`text` to the file `out` (saying so), or to stdout without one."""
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    print(f"wrote {out}")
