"""How long the reports take over 1 and 10 million messages, in SQLite and PostgreSQL: the
summary (national) and the indicator reports of one organisation and of the whole country.

    .venv/bin/python bench/reports.py                       # 1M and 10M, SQLite
    .venv/bin/python bench/reports.py --messages 10000000 --store sqlite postgres
    .venv/bin/python bench/reports.py --store postgres --drop   # and drop the schemas after

Builds the stores once (synthetic traffic from `evaluation.demo.traffic`, ~3 messages a session,
~19% of messages rated, a year of days ending today; each session through one of the twelve demo
organisations (five sectors, seven regions, `evaluation.demo.orgs`) or the national service,
as `suunta demo-data` spreads them; the organisations registered) under `var/bench/` and in
PostgreSQL schemas `bench_reports_orgs_<n>` of the database `test`, and reuses them on later
runs. Then times:

* cold: the first summary, with an empty facts cache (every day read from the store);
* warm: later summaries (closed days from the cache, checked against the store's counts; the
  sessions of today and yesterday read live, their messages from hour files checked against the
  store's counts per hour) - what the dashboard and `suunta report` see day to day;
* the indicator reports (`MonitoringService`, as `/api/indicators` and `suunta report --level`
  make them) for the last ended month: cold (no year table kept: the year's ended months read
  from the store and suppressed), then warm: one organisation's benchmark (its report, its
  previous month, its sector, region and the national figures), a region, the national level;
* with --compare: one plain GROUP BY (day, topics, rating) over messages joined to feedback, as
  in PERF-NOTES, with the store's indexes and with a covering index, for scale.

Wall and CPU seconds are printed, with the load average: the machine is shared, so the CPU time
of this process is the steadier figure; compare ratios within one run, not absolute times across
runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402

from application.monitoring import MonitoringService  # noqa: E402
from application.organisations import OrganisationService  # noqa: E402
from evaluation.demo.orgs import demo_orgs, org_of  # noqa: E402
from evaluation.demo.traffic import (  # noqa: E402
    FEEDBACK_COLUMNS,
    SESSION_COLUMNS,
    Batch,
    TrafficGenerator,
    load_questions,
)
from evaluation.reports.summary import Period, summary  # noqa: E402
from knowledge_base.articles import load_articles  # noqa: E402
from suunta.settings import BUNDLED_BASELINE  # noqa: E402
from telemetry.batch import MESSAGE_COLUMNS  # noqa: E402
from telemetry.store import init_schema, make_engine  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ESCALATION_COLUMNS = ("id", "created_at", "kind", "language", "channel")
SESSIONS_WITH_ORG = (*SESSION_COLUMNS, "org_id")
DAYS = 365
ORG = "ohjaamo-tampere"
"""The organisation timed: a middle-sized one (8 of the demo weights' 110)."""


def _with_orgs(batch: Batch) -> Batch:
    """The batch's sessions, each with the demo organisation it came through (or none)."""
    sessions = [(*row, org_of(str(row[0]))) for row in batch.sessions]
    return Batch(sessions, batch.messages, batch.feedback)


def _register_orgs(engine: Engine, end: dt.date) -> None:
    orgs = OrganisationService(engine)
    for org in demo_orgs(end.year):
        orgs.create(org)


def _traffic(messages: int, end: dt.date, seed: int) -> Iterator[Batch]:
    articles = load_articles(ROOT / "knowledge_base" / "content")
    questions = load_questions(ROOT / "evaluation" / "datasets", {a.id: a.topics for a in articles})
    generator = TrafficGenerator(questions, end=end, days=DAYS, seed=seed)
    return map(_with_orgs, generator.batches(messages // 3, batch_sessions=100_000))


def _escalations(batch: Batch) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for m in batch.messages:
        if m[6] in ("crisis", "handoff"):
            at: Any = m[2]
            rows.append(
                (
                    "e" + str(m[0])[1:],
                    at.replace(minute=0, second=0, microsecond=0),
                    m[6],
                    m[3],
                    m[5],
                )
            )
    return rows


def _stamp(row: tuple[object, ...], i: int) -> tuple[object, ...]:
    value: Any = row[i]
    stamp = value.isoformat(" ") if value.microsecond else value.isoformat(" ") + ".000000"
    return (*row[:i], stamp, *row[i + 1 :])


def build_sqlite(path: Path, messages: int, end: dt.date, seed: int) -> None:
    """A SQLite store of `messages` messages (and the sessions, feedback and escalations)."""
    if path.exists():
        return
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{partial}")
    init_schema(engine)
    _register_orgs(engine, end)
    engine.dispose()
    conn = sqlite3.connect(partial)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    written = 0
    for batch in _traffic(messages, end, seed):
        for table, columns, rows, at in (
            ("sessions", SESSIONS_WITH_ORG, batch.sessions, 2),
            ("messages", MESSAGE_COLUMNS, batch.messages, 2),
            ("feedback", FEEDBACK_COLUMNS, batch.feedback, 2),
            ("escalations", ESCALATION_COLUMNS, _escalations(batch), 1),
        ):
            marks = ",".join("?" * len(columns))
            conn.executemany(
                f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})",
                [_stamp(r, at) for r in rows],
            )
        conn.commit()
        written += len(batch.messages)
        print(f"\r  sqlite: {written:,} messages, {time.perf_counter() - started:.0f} s", end="")
    conn.execute("ANALYZE")
    conn.close()
    partial.rename(path)
    partial.with_name(partial.name + ".migrate.lock").unlink(missing_ok=True)
    print()


def build_postgres(schema: str, messages: int, end: dt.date, seed: int) -> str:
    """A PostgreSQL schema holding the same store; returns its URL."""
    import psycopg

    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    raw = PG_URL.replace("+psycopg", "")
    with psycopg.connect(raw, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s "
            "AND table_name = 'bench_done'",
            (schema,),
        ).fetchone()
        if found:
            return url
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    engine = make_engine(url)
    init_schema(engine)
    _register_orgs(engine, end)
    engine.dispose()
    started = time.perf_counter()
    written = 0
    with psycopg.connect(raw) as conn:
        conn.execute(f"SET search_path = {schema}")
        for batch in _traffic(messages, end, seed):
            with conn.cursor() as cur:
                for table, columns, rows in (
                    ("sessions", SESSIONS_WITH_ORG, batch.sessions),
                    ("messages", MESSAGE_COLUMNS, batch.messages),
                    ("feedback", FEEDBACK_COLUMNS, batch.feedback),
                    ("escalations", ESCALATION_COLUMNS, _escalations(batch)),
                ):
                    with cur.copy(f"COPY {table} ({','.join(columns)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(
                                [
                                    v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) else v
                                    for v in row
                                ]
                            )
            conn.commit()
            written += len(batch.messages)
            print(
                f"\r  postgres: {written:,} messages, {time.perf_counter() - started:.0f} s", end=""
            )
        conn.execute("CREATE TABLE bench_done ()")
        conn.commit()
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f"SET search_path = {schema}")
        conn.execute("VACUUM ANALYZE")
    print()
    return url


def _timed(run: Any) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU time is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def time_summary(engine: Engine, cache: Path, period: Period, repeat: int) -> dict[str, float]:
    """Cold (empty cache) and warm summary times, wall and CPU seconds."""
    shutil.rmtree(cache, ignore_errors=True)

    def run() -> None:
        summary(engine, period, min_group_size=5, cache_dir=cache)

    cold, cold_cpu = _timed(run)
    warm = [_timed(run) for _ in range(repeat)]
    return {
        "cold": cold,
        "cold_cpu": cold_cpu,
        "warm": statistics.median(w for w, _ in warm),
        "warm_min": min(w for w, _ in warm),
        "warm_cpu": statistics.median(c for _, c in warm),
    }


def time_monitoring(engine: Engine, repeat: int) -> dict[str, float]:
    """The indicator reports of the last ended month: cold (no year table kept), then warm for
    one organisation's benchmark, a region and the national level; wall seconds (medians)."""
    service = MonitoringService(
        engine, OrganisationService(engine), min_group_size=5, baseline_path=BUNDLED_BASELINE
    )
    period = service.period(None, None)
    out: dict[str, float] = {}
    out["cold"], out["cold_cpu"] = _timed(lambda: service.report("org", ORG, period))
    for label, level, ident in (
        ("org", "org", ORG),
        ("region", "region", "pirkanmaa"),
        ("national", "national", None),
    ):
        runs = [
            _timed(lambda lv=level, i=ident: service.report(lv, i, period)) for _ in range(repeat)
        ]
        out[label] = statistics.median(w for w, _ in runs)
        out[f"{label}_cpu"] = statistics.median(c for _, c in runs)
    return out


REFERENCE = (
    "SELECT {day}, m.topics, f.rating, count(*) FROM messages m "
    "LEFT JOIN feedback f ON f.message_id = m.id "
    "WHERE m.created_at >= :lo AND m.created_at < :hi GROUP BY 1, 2, 3"
)


def time_reference(engine: Engine, period: Period, covering: bool) -> tuple[float, float]:
    """One plain GROUP BY over the store, as in PERF-NOTES (optionally with a covering index);
    wall and CPU seconds."""
    day = "substr(m.created_at, 1, 10)" if engine.dialect.name == "sqlite" else "m.created_at::date"
    lo = dt.datetime.combine(period.start, dt.time(), tzinfo=dt.UTC)
    hi = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    with engine.begin() as conn:
        if covering:
            conn.execute(
                text("CREATE INDEX IF NOT EXISTS bench_cover ON messages (created_at, topics, id)")
            )
        if engine.dialect.name == "sqlite":
            lo_value: Any = lo.strftime("%Y-%m-%d %H:%M:%S.%f")
            hi_value: Any = hi.strftime("%Y-%m-%d %H:%M:%S.%f")
        else:
            lo_value, hi_value = lo, hi
        query = text(REFERENCE.format(day=day))
        times = _timed(lambda: conn.execute(query, {"lo": lo_value, "hi": hi_value}).all())
        if covering:
            conn.execute(text("DROP INDEX bench_cover"))
    return times


def main() -> None:
    """Build the stores if needed and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--store", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also time a plain GROUP BY")
    parser.add_argument(
        "--drop", action="store_true", help="drop the PostgreSQL schemas at the end"
    )
    parser.add_argument("--no-summary", action="store_true", help="skip the summary report")
    parser.add_argument("--no-indicators", action="store_true", help="skip the indicator reports")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    end = dt.datetime.now(dt.UTC).date()
    period = Period(end - dt.timedelta(days=DAYS - 1), end)
    print(f"period {period.start} .. {period.end} (all of the data); {_uptime()}")
    for n in args.messages:
        for store in args.store:
            print(f"{store}, {n:,} messages: building (once) ...")
            if store == "sqlite":
                path = args.dir / f"reports-orgs-{n}.db"
                build_sqlite(path, n, end, seed=n)
                engine = make_engine(f"sqlite:///{path}")
            else:
                schema = f"bench_reports_orgs_{n}"
                engine = make_engine(build_postgres(schema, n, end, seed=n))
            with engine.connect() as conn:
                counts = {
                    t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in ("sessions", "messages", "feedback")
                }
            print("  rows: " + ", ".join(f"{t} {c:,}" for t, c in counts.items()))
            if not args.no_summary:
                times = time_summary(engine, args.dir / f"cache-{store}-{n}", period, args.repeat)
                print(
                    f"  summary: cold {times['cold']:.2f} s (CPU {times['cold_cpu']:.2f} s), "
                    f"warm {times['warm']:.3f} s (median of {args.repeat}, best "
                    f"{times['warm_min']:.3f} s; CPU {times['warm_cpu']:.3f} s); {_uptime()}"
                )
            if not args.no_indicators:
                t = time_monitoring(engine, args.repeat)
                print(
                    f"  indicators: cold {t['cold']:.2f} s (CPU {t['cold_cpu']:.2f} s); warm "
                    f"(median of {args.repeat}): org {ORG} benchmark {t['org']:.3f} s "
                    f"(CPU {t['org_cpu']:.3f} s), region {t['region']:.3f} s "
                    f"(CPU {t['region_cpu']:.3f} s), national {t['national']:.3f} s "
                    f"(CPU {t['national_cpu']:.3f} s); {_uptime()}"
                )
            if args.compare:
                plain, plain_cpu = time_reference(engine, period, covering=False)
                covered, covered_cpu = time_reference(engine, period, covering=True)
                print(
                    f"  one plain GROUP BY: {plain:.2f} s (CPU {plain_cpu:.2f} s); with a "
                    f"covering index: {covered:.2f} s (CPU {covered_cpu:.2f} s)"
                )
            engine.dispose()
            if store == "postgres" and args.drop:
                _drop_schema(schema)


def _uptime() -> str:
    """The load averages (1, 5, 15 minutes): the machine is shared."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def _drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    print(f"  dropped schema {schema}")


if __name__ == "__main__":
    main()
