"""The `suunta` command: serve, chat, kb, report, eval, demo-data, telemetry, users, orgs,
export.

Each command lives with its neighbours (`service.py`, `kb.py`, `reports.py`, `evaluate.py`,
`demo.py`, `admin.py`, `orgs.py`, `export.py`); this module puts them under one group and turns
bad input into one line and exit code 2.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from suunta import __version__
from suunta.cli import admin, demo, evaluate, export, kb, orgs, reports, service
from suunta.cli.common import USAGE_ERROR, Group


@click.group(
    cls=Group,
    help="Suunta: career guidance for lifelong learners in Finland, with anonymised telemetry "
    "and reach/quality reports.",
)
@click.version_option(__version__, prog_name="suunta", message="%(prog)s %(version)s")
def cli() -> None:
    """The root group."""


for command in (
    service.serve,
    kb.kb,
    service.chat,
    reports.report,
    admin.telemetry,
    evaluate.evaluate,
    demo.demo_data,
    admin.users,
    orgs.orgs,
    export.export,
):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `suunta` command."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Preparing the embedding model takes a minute on a first start, and `serve --rebuild-index`
    # (`make run`) builds the index: show that they happen and what the build took where.
    logging.getLogger("e5convert").setLevel(logging.INFO)
    logging.getLogger("suunta.index_setup").setLevel(logging.INFO)
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        with cli.make_context("suunta", args) as ctx:
            result = cli.invoke(ctx)
    except click.exceptions.Exit as exc:  # --help, --version
        raise SystemExit(exc.exit_code) from None
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        raise SystemExit(USAGE_ERROR) from None
    except click.UsageError as exc:
        print(f"suunta: error: {exc.format_message()} (see --help)", file=sys.stderr)
        raise SystemExit(USAGE_ERROR) from None
    except click.Abort:
        print("suunta: aborted", file=sys.stderr)
        return 1
    return int(result or 0)
