"""`suunta eval`: a golden question set through the assistant in-process or a running server,
scored, printed and stored."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suunta import __version__
from suunta.cli.common import Command, Url, fail, load_settings

if TYPE_CHECKING:
    from evaluation.golden.cases import Case
    from evaluation.golden.run import RunResult
    from suunta.settings import Settings

Run = tuple["RunResult", str, str, str, str]
"""A run and where it ran: target, version, embedding model, generator."""


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
    from suunta.index_setup import SetupError
    from suunta.wiring import build_components

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
