"""`suunta demo-data`: synthetic traffic through the real telemetry writer, for a dashboard
that has something to show."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suunta.cli.common import Command, fail, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine


def _register_demo_orgs(engine: Engine) -> None:
    from evaluation.demo.orgs import demo_orgs
    from organisations.registry import create_org, get_org

    for org in demo_orgs():
        if get_org(engine=engine, org_id=org.id) is None:
            create_org(engine=engine, org_in=org)


@click.command(
    "demo-data",
    cls=Command,
    help="Write realistic synthetic sessions, questions, ratings and knowledge gaps through the "
    "telemetry writer, so the dashboard has something to show; registers 12 demo organisations "
    "(5 sectors, 7 regions) and sends about 60% of the sessions through them. Refuses a store "
    "that already holds sessions unless --append.",
    short_help="fill the telemetry store with synthetic traffic",
)
@click.option("--sessions", type=click.IntRange(min=1), default=5000, show_default=True)
@click.option(
    "--days", type=click.IntRange(min=1), default=90, show_default=True, help="days up to today"
)
@click.option("--seed", type=int, default=0, show_default=True, help="random seed")
@click.option("--append", is_flag=True, help="add to a store that has data")
def demo_data(sessions: int, days: int, seed: int, append: bool) -> int:
    """Fill the telemetry store with synthetic traffic through the real writer."""
    import evaluation
    from evaluation.demo.fill import demo_questions, fill_demo, store_is_empty
    from suunta.wiring import make_store
    from telemetry.anonymiser import Anonymiser

    settings = load_settings()
    # Synthetic traffic needs no guard against a hard kill, and an fsync for each of tens of
    # thousands of events would only slow the fill down.
    engine, writer = make_store(settings, Anonymiser(), spool=False)
    try:
        if not append and not store_is_empty(engine):
            fail("the telemetry store already holds sessions; add --append to add demo traffic")
        datasets = Path(evaluation.__file__).parent / "datasets"
        questions = demo_questions(datasets, settings.content_dir)
        if not questions:
            fail(f"no questions to draw from in {datasets}")

        def progress(done: int, total: int) -> None:
            print(f"\rsubmitted {done}/{total} sessions", end="", file=sys.stderr, flush=True)

        _register_demo_orgs(engine)
        writer.start()
        result = fill_demo(
            writer, questions, sessions=sessions, days=days, seed=seed, progress=progress
        )
        writer.stop(timeout=120)
        print(file=sys.stderr)
    finally:
        engine.dispose()
    print(
        f"demo traffic: {result.sessions} sessions, {result.messages} messages, "
        f"{result.feedback} ratings over {days} days; {writer.written} events written, "
        f"{writer.dropped} dropped"
    )
    return 0
