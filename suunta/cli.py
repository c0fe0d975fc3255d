"""The `suunta` command: serve, kb build/validate/search, chat, report, eval."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from pydantic import ValidationError

from suunta import __version__

USAGE_ERROR = 2


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line and exits with code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2."""
    print(f"suunta: error: {message}", file=sys.stderr)
    raise SystemExit(USAGE_ERROR)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _settings():  # type: ignore[no-untyped-def]
    from suunta.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"invalid setting SUUNTA_{str(first['loc'][0]).upper()}: {first['msg']}")


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web service."""
    import uvicorn

    from knowledge_base.progress import ProgressLine
    from suunta.wiring import SetupError, build_components
    from web.app import create_app

    settings = _settings()
    host = args.host or settings.host
    port = args.port or settings.port
    try:
        components = build_components(
            settings, rebuild_index=args.rebuild_index, progress=ProgressLine(sys.stderr)
        )
    except SetupError as exc:
        fail(str(exc))
    app = create_app(settings, components)
    print(f"Suunta {__version__} on http://{host}:{port}", file=sys.stderr)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        timeout_graceful_shutdown=10,
        # The access log would record every client's IP address: never keep one.
        access_log=False,
    )
    components.engine.dispose()
    return 0


def cmd_kb_build(args: argparse.Namespace) -> int:
    """Build or update the index."""
    from knowledge_base.articles import ArticleError
    from knowledge_base.progress import ProgressLine
    from suunta.wiring import build, make_embedder

    settings = _settings()
    embedder = make_embedder(settings, threads=args.threads)

    try:
        report = build(settings, embedder, progress=ProgressLine(sys.stderr))
    except ArticleError as exc:
        fail(f"{exc} (run `suunta kb validate`)")
    print(
        f"index {settings.index_dir}: {report.chunks} chunks, {report.embedded} embedded, "
        f"{report.reused} reused, {report.seconds:.1f} s, model {embedder.name}"
    )
    return 0


def cmd_kb_validate(args: argparse.Namespace) -> int:
    """Check the corpus."""
    from knowledge_base.articles import load_topics
    from knowledge_base.validation import validate_corpus

    settings = _settings()
    topics = set(load_topics(settings.content_dir.parent / "topics.yaml"))
    findings = validate_corpus(settings.content_dir, topics, dt.date.today())
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{errors} errors, {warnings} warnings")
    return USAGE_ERROR if errors else 0


def cmd_kb_search(args: argparse.Namespace) -> int:
    """Print ranked hits for a query."""
    from knowledge_base.retriever import Retriever
    from suunta.wiring import SetupError, index_problem, make_embedder

    settings = _settings()
    embedder = make_embedder(settings)
    problem = index_problem(settings, embedder.name)
    if problem:
        fail(problem)
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    kinds = None if args.kind == "all" else (args.kind,)
    try:
        hits = retriever.search(
            args.query,
            language=args.lang,
            k=args.k,
            languages=(args.lang,) if args.only_lang else None,
            kinds=kinds,
        )
    except SetupError as exc:
        fail(str(exc))
    for rank, hit in enumerate(hits, start=1):
        c = hit.chunk
        print(
            f"{rank:2}. {hit.score:.3f}  {c.id}  [{c.kind}, {c.language}]  {c.title} / {c.heading}"
        )
    print(
        f"({retriever.last.embed_ms:.0f} ms embedding, {retriever.last.search_ms:.1f} ms search)",
        file=sys.stderr,
    )
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Ask one question from the command line."""
    from suunta.wiring import SetupError, build_components

    settings = _settings()
    try:
        components = build_components(settings)
    except SetupError as exc:
        fail(str(exc))
    components.writer.start()
    try:
        reply = components.chat.reply(args.message, language=args.lang, mode=args.mode, via="api")
    finally:
        components.close()
    if args.json:
        from web.schemas import to_public

        print(to_public(reply).model_dump_json(indent=2))
        return 0
    print(f"[{reply.kind}, {reply.language}, confidence {reply.confidence:.2f}]\n")
    print(reply.answer)
    for number, source in enumerate(reply.sources, start=1):
        print(f"[{number}] {source.title} — {source.url}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the service-owner report (JSON, HTML or CSV)."""
    from sqlalchemy.exc import SQLAlchemyError

    from application.reports import ReportError
    from suunta.wiring import make_embedder, make_reports
    from telemetry.store import init_schema, make_engine

    settings = _settings()
    engine = make_engine(settings.database_url)
    reports = make_reports(settings, engine, lambda: make_embedder(settings))
    try:
        period = reports.period(args.from_, args.to)
        init_schema(engine)
        report = reports.summary(period, gaps=not args.no_gaps, baseline=args.baseline)
        text = reports.render(report, args.format, lang=args.lang)
    except ReportError as exc:
        fail(f"{exc}{'; try --no-gaps' if 'embedding model' in str(exc) else ''}")
    except SQLAlchemyError as exc:
        fail(f"telemetry store: {type(exc).__name__}")
    finally:
        engine.dispose()
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            fail(f"cannot write {args.out}: {exc.strerror}")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _age(value: str) -> dt.timedelta:
    from telemetry.retention import parse_age

    try:
        return parse_age(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_telemetry(args: argparse.Namespace) -> int:
    """Migrate the telemetry store, or purge old telemetry."""
    from sqlalchemy.exc import SQLAlchemyError

    from telemetry.retention import purge
    from telemetry.schema import current_revision
    from telemetry.store import init_schema, make_engine

    settings = _settings()
    engine = make_engine(settings.database_url)
    try:
        init_schema(engine)
        if args.telemetry_command == "migrate":
            print(f"telemetry store at revision {current_revision(engine)}")
        else:
            result = purge(engine, args.older_than)
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


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a fraction between 0 and 1")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number above 0")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 3600.0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds from 0 to 3600")
    return number


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"'{value}' is not an http(s) URL")
    return value.rstrip("/")


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a golden question set; exit code 1 when the pass rate is below --min-pass."""
    from sqlalchemy.exc import SQLAlchemyError

    from evaluation.golden.cases import load_cases
    from evaluation.golden.run import EvalError, HttpReplier, format_run, run_golden, to_record
    from evaluation.golden.stored_runs import save_run
    from telemetry.store import make_engine

    settings = _settings()
    try:
        cases = load_cases(args.golden)
    except (OSError, ValueError) as exc:
        fail(f"cannot read {args.golden}: {exc}")
    if not cases:
        fail(f"{args.golden} holds no questions")
    if args.against:
        import httpx

        if args.retrieval:
            fail("--retrieval needs the in-process assistant: leave out --against")
        with httpx.Client(base_url=args.against, timeout=args.timeout) as client:
            try:
                version = str(client.get("/health").json().get("version", "unknown"))
                replier = HttpReplier(
                    client, max_wait=args.max_wait, on_wait=lambda m: print(m, file=sys.stderr)
                )
                run = run_golden(replier, cases)
            except (httpx.HTTPError, ValueError, EvalError) as exc:
                fail(f"{args.against}: {exc}")
        target, model, generator = args.against, "server", "server"
    else:
        from suunta.wiring import SetupError, build_components

        try:
            components = build_components(settings)
        except SetupError as exc:
            fail(str(exc))
        try:
            retriever = components.assistant.retriever if args.retrieval else None
            run = run_golden(components.assistant, cases, retriever=retriever)
        finally:
            components.close()
        version, target = __version__, "in-process"
        model, generator = settings.embedding_model, settings.generator
    print(format_run(run))
    if not args.no_store:
        engine = make_engine(settings.database_url)
        try:
            record = to_record(
                run,
                dataset=args.golden,
                version=version,
                embedding_model=model,
                generator=generator,
                target=target,
            )
            save_run(engine, record)
            print("run stored (eval_runs): `suunta report` lists it")
        except SQLAlchemyError as exc:
            fail(f"cannot store the run: {type(exc).__name__}")
        finally:
            engine.dispose()
    rate = run.summary.overall.value
    if rate < args.min_pass:
        print(f"pass rate {rate:.1%} is below --min-pass {args.min_pass:.1%}", file=sys.stderr)
        return 1
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    """Fill the telemetry store with synthetic traffic through the real writer."""
    from pathlib import Path

    import evaluation
    from evaluation.demo.fill import demo_questions, fill_demo, store_is_empty
    from suunta.wiring import make_store
    from telemetry.anonymiser import Anonymiser

    settings = _settings()
    engine, writer = make_store(settings, Anonymiser())
    try:
        if not args.append and not store_is_empty(engine):
            fail("the telemetry store already holds sessions; add --append to add demo traffic")
        datasets = Path(evaluation.__file__).parent / "datasets"
        questions = demo_questions(datasets, settings.content_dir)
        if not questions:
            fail(f"no questions to draw from in {datasets}")

        def progress(done: int, total: int) -> None:
            print(f"\rsubmitted {done}/{total} sessions", end="", file=sys.stderr, flush=True)

        writer.start()
        result = fill_demo(
            writer,
            questions,
            sessions=args.sessions,
            days=args.days,
            seed=args.seed,
            progress=progress,
        )
        writer.stop(timeout=120)
        print(file=sys.stderr)
    finally:
        engine.dispose()
    print(
        f"demo traffic: {result.sessions} sessions, {result.messages} messages, "
        f"{result.feedback} ratings over {args.days} days; {writer.written} events written, "
        f"{writer.dropped} dropped"
    )
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    if not sys.stdin.isatty():
        fail("no terminal to ask for the password; pipe it in with --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        fail("the passwords differ")
    return first


def cmd_users(args: argparse.Namespace) -> int:
    """Add, list or remove staff accounts (counsellor, owner, admin)."""
    from accounts.users import UserError, create_user, list_users, remove_user
    from telemetry.store import init_schema, make_engine

    settings = _settings()
    engine = make_engine(settings.database_url)
    try:
        init_schema(engine)
        if args.users_command == "add":
            user = create_user(
                engine=engine,
                username=args.username,
                password=_read_password(args),
                role=args.role,
            )
            print(f"added {user.username} ({user.role})")
        elif args.users_command == "remove":
            remove_user(engine=engine, username=args.username)
            print(f"removed {args.username}")
        else:
            for user in list_users(engine=engine):
                print(f"{user.username}\t{user.role}")
    except UserError as exc:
        fail(str(exc))
    finally:
        engine.dispose()
    return 0


def build_parser() -> Parser:
    """The argument parser of every command."""
    from pathlib import Path

    parser = Parser(
        prog="suunta",
        description="Suunta: career guidance for lifelong learners "
        "in Finland, with anonymised telemetry and reach/quality reports.",
    )
    parser.add_argument("--version", action="version", version=f"suunta {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    serve = sub.add_parser(
        "serve",
        help="start the web service (chat, API, dashboard)",
        description="Start the web service on SUUNTA_HOST:SUUNTA_PORT. "
        "Refuses a missing or stale index unless --rebuild-index is given.",
    )
    serve.add_argument("--host", help="address to listen on (default SUUNTA_HOST, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default SUUNTA_PORT, 8000)")
    serve.add_argument(
        "--rebuild-index",
        action="store_true",
        help="build the index first if it is missing or stale",
    )
    serve.set_defaults(func=cmd_serve)

    kb = sub.add_parser(
        "kb",
        help="the knowledge base: build, validate, search",
        description="Work with the knowledge base.",
    )
    kb_sub = kb.add_subparsers(dest="kb_command", required=True, parser_class=Parser)
    kb_build = kb_sub.add_parser(
        "build",
        help="build or update the search index",
        description="Embed the articles (and ESCO occupations) into the "
        "index in SUUNTA_INDEX_DIR. Incremental: only changed chunks are "
        "embedded again.",
    )
    kb_build.add_argument(
        "--threads", type=int, default=2, help="CPU threads for embedding (default 2)"
    )
    kb_build.set_defaults(func=cmd_kb_build)
    kb_validate = kb_sub.add_parser(
        "validate",
        help="check the articles",
        description="Check front matter, ids, topics, sources, "
        "translations and review dates. Exit code 2 on errors.",
    )
    kb_validate.set_defaults(func=cmd_kb_validate)
    kb_search = kb_sub.add_parser(
        "search",
        help="print ranked hits for a query",
        description="Search the index and print hits with scores.",
    )
    kb_search.add_argument("query", help="what to search for, in fi, sv or en")
    kb_search.add_argument("--lang", choices=["fi", "sv", "en"], help="the query's language")
    kb_search.add_argument("--only-lang", action="store_true", help="return only --lang hits")
    kb_search.add_argument("-k", type=int, default=5, help="number of hits (default 5)")
    kb_search.add_argument(
        "--kind",
        choices=["all", "article", "occupation"],
        default="all",
        help="articles, ESCO occupations or both (default)",
    )
    kb_search.set_defaults(func=cmd_kb_search)

    chat = sub.add_parser(
        "chat",
        help="ask one question",
        description="Ask Suunta one question and print the answer with its sources.",
    )
    chat.add_argument("message", help="the question")
    chat.add_argument("--lang", choices=["fi", "sv", "en"], help="pin the reply language")
    chat.add_argument("--mode", choices=["learner", "counsellor"], default="learner")
    chat.add_argument("--json", action="store_true", help="print the API's JSON")
    chat.set_defaults(func=cmd_chat)

    report = sub.add_parser(
        "report",
        help="reach, quality and knowledge-gap report for service owners",
        description="Report reach, quality, effectiveness, knowledge gaps and evaluation runs "
        "for a period (UTC days, both included) from the telemetry store. Groups smaller "
        "than SUUNTA_MIN_GROUP_SIZE are suppressed. JSON goes to stdout unless --out.",
    )
    report.add_argument(
        "--from", dest="from_", type=_date, help="first day (default: 29 days before --to)"
    )
    report.add_argument("--to", type=_date, help="last day (default: today)")
    report.add_argument(
        "--format", choices=["json", "html", "csv"], default="json", help="output (default json)"
    )
    report.add_argument("--out", type=Path, help="write to this file instead of stdout")
    report.add_argument(
        "--lang", choices=["fi", "sv", "en"], default="en", help="language of the HTML report"
    )
    report.add_argument(
        "--baseline", type=Path, help="population CSV (default SUUNTA_REPORT_BASELINE)"
    )
    report.add_argument(
        "--no-gaps", action="store_true", help="skip knowledge-gap themes (no embedding model)"
    )
    report.set_defaults(func=cmd_report)

    telemetry = sub.add_parser(
        "telemetry",
        help="the telemetry store: migrate, purge",
        description="Maintain the telemetry store (SUUNTA_DATABASE_URL).",
    )
    telemetry_sub = telemetry.add_subparsers(
        dest="telemetry_command", required=True, parser_class=Parser
    )
    migrate = telemetry_sub.add_parser(
        "migrate",
        help="bring the schema to the newest revision",
        description="Run the Alembic migrations (the service also does this when it starts).",
    )
    migrate.set_defaults(func=cmd_telemetry)
    purge = telemetry_sub.add_parser(
        "purge",
        help="delete telemetry older than an age",
        description="Delete sessions, messages, feedback and escalation counts recorded "
        "before the given age, e.g. --older-than 365d.",
    )
    purge.add_argument(
        "--older-than", type=_age, required=True, metavar="DAYSd", help="age such as 365d"
    )
    purge.set_defaults(func=cmd_telemetry)

    evaluate = sub.add_parser(
        "eval",
        help="run a golden question set",
        description="Run a question set (JSON lines) through the assistant in-process or "
        "against a running server, print the pass rate per language and per expected kind, "
        "language match and latency (and retrieval Recall@5, MRR@10, nDCG@10 with "
        "--retrieval), and store the run. Exit code 1 below --min-pass.",
    )
    evaluate.add_argument(
        "--golden",
        type=Path,
        default=Path("evaluation/datasets/dev.jsonl"),
        help="question set (default evaluation/datasets/dev.jsonl)",
    )
    evaluate.add_argument(
        "--against", type=_url, metavar="URL", help="ask a running server (POST URL/api/chat)"
    )
    evaluate.add_argument(
        "--min-pass", type=_share, default=0.0, help="lowest acceptable pass rate, 0-1"
    )
    evaluate.add_argument(
        "--retrieval", action="store_true", help="also score retrieval (in-process only)"
    )
    evaluate.add_argument(
        "--timeout", type=float, default=60.0, help="seconds per request with --against"
    )
    evaluate.add_argument(
        "--max-wait",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="with --against: on HTTP 429 wait what Retry-After asks (up to 5 retries a "
        "question), but give up when it asks for more than this (default 120)",
    )
    evaluate.add_argument("--no-store", action="store_true", help="do not store the run")
    evaluate.set_defaults(func=cmd_eval)

    demo = sub.add_parser(
        "demo-data",
        help="fill the telemetry store with synthetic traffic",
        description="Write realistic synthetic sessions, questions, ratings and knowledge "
        "gaps through the telemetry writer, so the dashboard has something to show. Refuses "
        "a store that already holds sessions unless --append.",
    )
    demo.add_argument("--sessions", type=_count, default=5000, help="sessions (default 5000)")
    demo.add_argument("--days", type=_count, default=90, help="days up to today (default 90)")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.add_argument("--append", action="store_true", help="add to a store that has data")
    demo.set_defaults(func=cmd_demo_data)

    users = sub.add_parser(
        "users",
        help="staff accounts for the co-pilot and the dashboard",
        description="Manage sign-in accounts; the username is all that is kept about a person.",
    )
    users_sub = users.add_subparsers(dest="users_command", required=True, parser_class=Parser)
    users_add = users_sub.add_parser(
        "add",
        help="add an account",
        description="Add an account; the password is asked twice (at least 10 characters).",
    )
    users_add.add_argument(
        "--role", required=True, choices=["counsellor", "owner", "admin"], help="what it may open"
    )
    users_add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    users_add.add_argument("username", help="3-32 characters: a-z, 0-9, '.', '_', '-'")
    users_add.set_defaults(func=cmd_users)
    users_list = users_sub.add_parser("list", help="list the accounts and their roles")
    users_list.set_defaults(func=cmd_users)
    users_remove = users_sub.add_parser("remove", help="remove an account")
    users_remove.add_argument("username")
    users_remove.set_defaults(func=cmd_users)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `suunta` command."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
