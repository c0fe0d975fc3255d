"""How many `suunta serve` processes to run on this machine: the same 8 clients against one
process and against two, alternated, in one run.

    .venv/bin/python bench/processes.py                   # 300 requests a phase, 2 rounds
    .venv/bin/python bench/processes.py --requests 600 --rounds 3 --most 3

Each server is `suunta serve` on its own port with the default settings (the index in
SUUNTA_INDEX_DIR, one onnxruntime thread), telemetry in a SQLite file of its own and no query
cache, so every question goes through the model. With n processes the 8 clients are spread over
them (client i to process i mod n), as a balancer in front of replicas spreads connections. For
each count it prints requests a second, p50 and p95 latency, the CPU a reply of all the
processes together, their resident memory and the load; then the ratio to one process.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._serve import free_port, resident_mib, wait_up  # noqa: E402
from bench.chat import load_questions, run_clients, start_server  # noqa: E402

CLIENTS = 8


def measure(count: int, questions: list[str], requests: int, timeout: float) -> dict[str, Any]:
    """`count` servers started together, warmed up, then the clients' phase."""
    servers: list[subprocess.Popen[bytes]] = []
    ports: list[int] = []
    try:
        for _ in range(count):
            workdir = Path(tempfile.mkdtemp(prefix="suunta-procs-"))
            port = free_port()
            servers.append(start_server(port, workdir, [], 0, None))
            ports.append(port)
            wait_up(port, servers[-1], workdir / "server.log", timeout)
        run_clients(ports, questions, 2 * count, 20 * count)  # first-call costs
        figures = run_clients(ports, questions, CLIENTS, requests, [s.pid for s in servers])
        figures["processes"] = count
        figures["resident_mib"] = sum(resident_mib(s.pid) for s in servers)
        return figures
    finally:
        for server in servers:
            server.send_signal(signal.SIGINT)
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="requests a phase")
    parser.add_argument("--rounds", type=int, default=2, help="times each count is measured")
    parser.add_argument("--most", type=int, default=2, help="measure 1..MOST processes")
    parser.add_argument("--startup-timeout", type=float, default=600.0)
    args = parser.parse_args()
    if args.requests < 1 or args.rounds < 1 or args.most < 1:
        parser.error("--requests, --rounds and --most must be at least 1")
    questions, origin = load_questions()
    print(f"questions: {len(questions)} from {origin}; {CLIENTS} clients; cores {os.cpu_count()}")
    rates: dict[int, list[float]] = {}
    for round_ in range(1, args.rounds + 1):
        for count in range(1, args.most + 1):
            run = measure(count, questions, args.requests, args.startup_timeout)
            rates.setdefault(count, []).append(run["rps"])
            print(
                f"round {round_}, {count} process(es): {run['rps']:.1f} req/s, "
                f"p50 {run['p50_ms']:.1f} ms, p95 {run['p95_ms']:.1f} ms, "
                f"CPU a reply {run['server_cpu_ms_per_request']:.2f} ms, "
                f"resident {run['resident_mib']:.0f} MiB, errors {run['errors']}, "
                f"load {run['load']:.1f}",
                flush=True,
            )
    one = statistics.mean(rates[1])
    for count, values in sorted(rates.items()):
        mean = statistics.mean(values)
        print(f"{count} process(es): mean {mean:.1f} req/s, {mean / one:.2f}x one process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
