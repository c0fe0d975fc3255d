"""What the telemetry writer's write-ahead spool costs a request: `submit` with and without it.

    nice .venv/bin/python bench/spool.py [--events 3000] [--folder var/bench]

For each mode, a writer on SQLite in a temporary folder under `--folder` (the spool on that
disk), then: `--events` chat events submitted one after another from one thread (median and p95
of `submit`, which with the spool redacts the question and writes its line; the spool's own
thread fdatasyncs it), and 8 threads submitting 500 each together (events a second).
Also one bare fdatasync of a 400-byte line, median and p95, to tell the disk from the code.
The figures depend on the disk and on what else writes to it: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telemetry.anonymiser import Anonymiser  # noqa: E402
from telemetry.spool import SpoolPlace  # noqa: E402
from telemetry.store import init_schema, make_engine  # noqa: E402
from telemetry.writer import TelemetryWriter  # noqa: E402
from tests.telemetry.conftest import QUESTIONS, chat  # noqa: E402


def _percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    median = statistics.median(ordered) * 1e6
    return f"median {median:,.0f} µs, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1e6:,.0f} µs"


def bare_fsync(folder: Path, rounds: int = 500) -> str:
    """One 400-byte line appended and fdatasync'd, `rounds` times."""
    path = folder / "fsync-probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    seconds = []
    try:
        for _ in range(rounds):
            os.write(fd, b"x" * 399 + b"\n")
            started = time.perf_counter()
            os.fdatasync(fd)
            seconds.append(time.perf_counter() - started)
    finally:
        os.close(fd)
        path.unlink()
    return _percentiles(seconds)


def run(folder: Path, spool: bool, events: int) -> str:
    """One writer: sequential submits, then 8 threads at once."""
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    init_schema(engine)
    place = SpoolPlace(folder / "spool", 64 << 20) if spool else None
    writer = TelemetryWriter(engine, Anonymiser().redact, spool=place)
    writer.start()
    seconds = []
    for n in range(events):
        event = chat(question=f"{QUESTIONS[n % len(QUESTIONS)]} {n}")
        started = time.perf_counter()
        writer.submit(event)
        seconds.append(time.perf_counter() - started)

    def send(k: int) -> None:
        for n in range(500):
            writer.submit(chat(question=f"{QUESTIONS[n % len(QUESTIONS)]} {k}-{n}"))

    threads = [threading.Thread(target=send, args=(k,)) for k in range(8)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = 8 * 500 / (time.perf_counter() - started)
    writer.stop()
    assert writer.written == events + 8 * 500, writer.written
    engine.dispose()
    return f"submit {_percentiles(seconds)}; 8 threads: {rate:,.0f} events/s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for spool in (False, True):
        with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
            figures = run(Path(tmp), spool, args.events)
        print(f"{'with' if spool else 'without'} spool: {figures}; load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        print(f"bare fdatasync: {bare_fsync(Path(tmp))}; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
