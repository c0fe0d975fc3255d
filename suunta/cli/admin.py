"""`suunta telemetry migrate | purge` and `suunta users add | list | remove`."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from suunta.cli.common import Age, Group, fail, load_settings

if TYPE_CHECKING:
    from accounts.service import StaffAccounts


@click.group(
    cls=Group,
    help="Maintain the telemetry store (SUUNTA_DATABASE_URL).",
    short_help="the telemetry store: migrate, purge",
)
def telemetry() -> None:
    """The `telemetry` group."""


def _on_store(work: str, older_than: dt.timedelta | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from telemetry.retention import purge
    from telemetry.schema import current_revision
    from telemetry.store import init_schema, make_engine

    engine = make_engine(load_settings().database_url)
    try:
        init_schema(engine)
        if older_than is None:
            print(f"telemetry store at revision {current_revision(engine)}")
        else:
            result = purge(engine, older_than)
            print(
                f"deleted {result.messages} messages, {result.feedback} feedback, "
                f"{result.sessions} sessions, {result.escalations} escalations "
                f"recorded before {result.cutoff:%Y-%m-%d %H:%M} UTC"
            )
    except SQLAlchemyError as exc:
        fail(f"telemetry store {engine.url.render_as_string()}: {type(exc).__name__}")
    finally:
        engine.dispose()
    return 0


@telemetry.command(
    help="Run the Alembic migrations (the service also does this when it starts).",
    short_help="bring the schema to the newest revision",
)
def migrate() -> int:
    """Migrate the telemetry store."""
    return _on_store("migrate")


@telemetry.command(
    "purge",
    help="Delete sessions, messages, feedback and escalation counts recorded before the given "
    "age, e.g. --older-than 365d.",
    short_help="delete telemetry older than an age",
)
@click.option("--older-than", type=Age(), required=True, help="age such as 365d")
def purge_command(older_than: dt.timedelta) -> int:
    """Purge old telemetry."""
    return _on_store("purge", older_than)


@click.group(
    cls=Group,
    help="Manage sign-in accounts; the username is all that is kept about a person.",
    short_help="staff accounts for the co-pilot and the dashboard",
)
def users() -> None:
    """The `users` group."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    if not sys.stdin.isatty():
        fail("no terminal to ask for the password; pipe it in with --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        fail("the passwords differ")
    return first


def _accounts() -> StaffAccounts:
    from accounts.service import StaffAccounts
    from telemetry.store import init_schema, make_engine

    engine = make_engine(load_settings().database_url)
    init_schema(engine)
    return StaffAccounts(engine)


@users.command(
    help="Add an account; the password is asked twice (at least 10 characters).",
    short_help="add an account",
)
@click.option(
    "--role",
    required=True,
    type=click.Choice(["counsellor", "org_owner", "owner", "admin"]),
    help="what it may open (org_owner: the reports of one organisation, given with --org)",
)
@click.option("--org", "org_id", metavar="ID", help="the organisation of an org_owner")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@click.argument("username")
def add(role: str, org_id: str | None, password_stdin: bool, username: str) -> int:
    """Add an account."""
    from accounts.users import UserError
    from organisations.registry import get_org

    accounts = _accounts()
    try:
        if org_id is not None and get_org(engine=accounts.engine, org_id=org_id) is None:
            fail(f"no organisation '{org_id}' (see suunta orgs list)")
        user = accounts.create(username, _read_password(password_stdin), role, org_id)
        print(f"added {user.username} ({user.role}{', ' + user.org_id if user.org_id else ''})")
    except UserError as exc:
        fail(str(exc))
    finally:
        accounts.engine.dispose()
    return 0


@users.command("list", help="List the accounts and their roles.", short_help="list the accounts")
def list_accounts() -> int:
    """List the accounts."""
    accounts = _accounts()
    try:
        for user in accounts.list():
            print(f"{user.username}\t{user.role}" + (f"\t{user.org_id}" if user.org_id else ""))
    finally:
        accounts.engine.dispose()
    return 0


@users.command(help="Remove an account and sign it out everywhere.", short_help="remove an account")
@click.argument("username")
def remove(username: str) -> int:
    """Remove an account."""
    from accounts.users import UserError

    accounts = _accounts()
    try:
        accounts.remove(username)
        print(f"removed {username}")
    except UserError as exc:
        fail(str(exc))
    finally:
        accounts.engine.dispose()
    return 0
