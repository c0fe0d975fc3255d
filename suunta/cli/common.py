"""What every `suunta` command shares: lower-case usage lines, one-line errors, the settings
and the value types the options take."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click
from pydantic import ValidationError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from suunta.settings import Settings

USAGE_ERROR = 2


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2."""
    print(f"suunta: error: {message}", file=sys.stderr)
    raise SystemExit(USAGE_ERROR)


def load_settings() -> Settings:
    """The settings from the environment, or a one-line error naming the bad one."""
    from suunta.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"invalid setting SUUNTA_{str(first['loc'][0]).upper()}: {first['msg']}")


@contextmanager
def store_engine(settings: Settings) -> Iterator[Engine]:
    """The telemetry store's engine, disposed of afterwards; a database error inside is one
    line and exit code 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from telemetry.store import make_engine

    engine = make_engine(settings.database_url)
    try:
        yield engine
    except SQLAlchemyError as exc:
        fail(f"telemetry store: {type(exc).__name__}")
    finally:
        engine.dispose()


class Formatter(click.HelpFormatter):
    """Help that starts `usage: suunta ...`, as the README shows it."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="usage: ")


class Context(click.Context):
    """A context whose help uses `Formatter` and that answers -h as well as --help."""

    formatter_class = Formatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_option_names", ["-h", "--help"])
        kwargs.setdefault("max_content_width", 100)
        super().__init__(*args, **kwargs)


class Command(click.Command):
    """A command with the house help format."""

    context_class = Context


class Group(click.Group):
    """A group of commands with the house help format; subcommands get it too."""

    context_class = Context
    command_class = Command
    group_class = type


class Date(click.ParamType):
    """A day as YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is not a date (YYYY-MM-DD)", param, ctx)


class Age(click.ParamType):
    """An age such as 365d."""

    name = "DAYSd"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from telemetry.retention import parse_age

        if isinstance(value, dt.timedelta):
            return value
        try:
            return parse_age(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class Url(click.ParamType):
    """An http(s) URL, without a trailing slash."""

    name = "URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not str(value).startswith(("http://", "https://")):
            self.fail(f"'{value}' is not an http(s) URL", param, ctx)
        return str(value).rstrip("/")


LANGUAGES = click.Choice(["fi", "sv", "en"])
