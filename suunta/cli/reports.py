"""`suunta report`, `suunta eval` and `suunta demo-data`: what service owners measure."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suunta import __version__
from suunta.cli.common import LANGUAGES, Command, Date, Url, fail, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from evaluation.golden.cases import Case
    from evaluation.golden.run import RunResult
    from suunta.settings import Settings

Run = tuple["RunResult", str, str, str, str]
"""A run and where it ran: target, version, embedding model, generator."""


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
    from sqlalchemy.exc import SQLAlchemyError

    from application.reports import ReportError
    from suunta.wiring import make_embedder, make_reports
    from telemetry.store import init_schema, make_engine

    settings = load_settings()
    engine = make_engine(settings.database_url)
    reports = make_reports(settings, engine, lambda: make_embedder(settings))
    try:
        period = reports.period(start, end)
        init_schema(engine)
        summary = reports.summary(period, gaps=not no_gaps, baseline=baseline)
        text = reports.render(summary, fmt, lang=lang)  # type: ignore[arg-type]
    except ReportError as exc:
        fail(f"{exc}{'; try --no-gaps' if 'embedding model' in str(exc) else ''}")
    except SQLAlchemyError as exc:
        fail(f"telemetry store: {type(exc).__name__}")
    finally:
        engine.dispose()
    if out:
        try:
            out.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror}")
        print(f"wrote {out}")
    else:
        sys.stdout.write(text)
    return 0


def _indicators(
    level: str, unit_id: str | None, start: dt.date | None, end: dt.date | None, out: Path | None
) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from application.monitoring import MonitoringError
    from application.organisations import OrganisationService
    from suunta.wiring import make_monitoring
    from telemetry.store import init_schema, make_engine

    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        init_schema(engine)
        service = make_monitoring(settings, engine, OrganisationService(engine))
        text = service.report(level, unit_id, service.period(start, end)).model_dump_json(indent=2)
    except MonitoringError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"telemetry store: {type(exc).__name__}")
    finally:
        engine.dispose()
    if out:
        try:
            out.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror}")
        print(f"wrote {out}")
    else:
        print(text)
    return 0


@click.command(
    "eval",
    cls=Command,
    help="Run a question set (JSON lines) through the assistant in-process or against a running "
    "server, print the pass rate per language, per expected kind and per slice, answer precision, "
    "the not-covered answered and covered refused rates, language match and latency (and "
    "retrieval Recall@5, MRR@10, nDCG@10 with --retrieval), and store the run. Exit code 1 "
    "below --min-pass.",
    short_help="run a golden question set",
)
@click.option(
    "--golden",
    type=click.Path(path_type=Path),
    default=Path("evaluation/datasets/dev.jsonl"),
    show_default=True,
    help="question set",
)
@click.option("--against", type=Url(), help="ask a running server (POST URL/api/chat)")
@click.option(
    "--min-pass", type=click.FloatRange(0.0, 1.0), default=0.0, help="lowest pass rate, 0-1"
)
@click.option("--retrieval", is_flag=True, help="also score retrieval (in-process only)")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, help="seconds a request")
@click.option(
    "--max-wait",
    type=click.FloatRange(0.0, 3600.0),
    default=120.0,
    metavar="SECONDS",
    help="with --against: on HTTP 429 wait what Retry-After asks (up to 5 retries a question), "
    "but give up when it asks for more than this (default 120)",
)
@click.option("--cases", "first", type=click.IntRange(min=1), help="only the first N questions")
@click.option("--ids", help="only these question ids (comma-separated)")
@click.option("--no-store", is_flag=True, help="do not store the run")
def evaluate(
    golden: Path,
    against: str | None,
    min_pass: float,
    retrieval: bool,
    timeout: float,
    max_wait: float,
    first: int | None,
    ids: str | None,
    no_store: bool,
) -> int:
    """Run a golden question set; exit code 1 when the pass rate is below --min-pass."""
    from evaluation.golden.cases import load_cases, select
    from evaluation.golden.text_report import format_run

    settings = load_settings()
    try:
        cases = load_cases(golden)
    except (OSError, ValueError) as exc:
        fail(f"cannot read {golden}: {exc}")
    wanted = {i.strip() for i in ids.split(",") if i.strip()} if ids else None
    cases = select(cases, first=first, ids=wanted)
    if not cases:
        fail(f"{golden} holds no questions" + (" with those ids" if wanted else ""))
    if against and retrieval:
        fail("--retrieval needs the in-process assistant: leave out --against")
    run, target, version, model, generator = (
        _run_remote(against, cases, timeout=timeout, max_wait=max_wait)
        if against
        else _run_local(settings, cases, retrieval=retrieval)
    )
    print(format_run(run))
    if not no_store:
        _store(settings, run, golden, target=target, version=version, model=model, gen=generator)
    rate = run.summary.overall.value
    if rate < min_pass:
        print(f"pass rate {rate:.1%} is below --min-pass {min_pass:.1%}", file=sys.stderr)
        return 1
    return 0


def _run_remote(url: str, cases: list[Case], *, timeout: float, max_wait: float) -> Run:
    import httpx

    from evaluation.golden.run import EvalError, HttpReplier, run_golden

    with httpx.Client(base_url=url, timeout=timeout) as client:
        try:
            version = str(client.get("/health").json().get("version", "unknown"))
            replier = HttpReplier(
                client, max_wait=max_wait, on_wait=lambda m: print(m, file=sys.stderr)
            )
            run = run_golden(replier, cases)
        except (httpx.HTTPError, ValueError, EvalError) as exc:
            fail(f"{url}: {exc}")
    return run, url, version, "server", "server"


def _run_local(settings: Settings, cases: list[Case], *, retrieval: bool) -> Run:
    from evaluation.golden.run import run_golden
    from suunta.wiring import SetupError, build_components

    try:
        components = build_components(settings)
    except SetupError as exc:
        fail(str(exc))
    try:
        retriever = components.assistant.retriever if retrieval else None
        run = run_golden(components.assistant, cases, retriever=retriever)
    finally:
        components.close()
    return run, "in-process", __version__, settings.embedding_model, settings.generator


def _store(
    settings: Settings,
    run: RunResult,
    golden: Path,
    *,
    target: str,
    version: str,
    model: str,
    gen: str,
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from evaluation.golden.run import to_record
    from evaluation.golden.stored_runs import save_run
    from telemetry.store import make_engine

    engine = make_engine(settings.database_url)
    try:
        record = to_record(
            run,
            dataset=golden,
            version=version,
            embedding_model=model,
            generator=gen,
            target=target,
        )
        save_run(engine, record)
        print("run stored (eval_runs): `suunta report` lists it")
    except SQLAlchemyError as exc:
        fail(f"cannot store the run: {type(exc).__name__}")
    finally:
        engine.dispose()


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
    engine, writer = make_store(settings, Anonymiser())
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
