"""`/api/chat` latency and throughput against a real uvicorn server, next to embedding alone.

    .venv/bin/python bench/chat.py                      # default settings and model
    .venv/bin/python bench/chat.py --requests 400 --json var/bench/chat.json
    .venv/bin/python bench/chat.py --rebuild-index --backend torch --backend onnx-int8

With `--backend`, one server per backend, one after the other, each over its own index in
SUUNTA_INDEX_DIR/<backend>, and issue 14's targets for the fast backend against torch measured in
the same invocation: p50 <= 25 ms at 1 client, server CPU a reply <= 1.3x the embedding's, 8-client
requests a second >= 2.5x torch's, resident memory not above torch's.

Starts `suunta serve` (uvicorn[standard]) on a free port with the default settings (the index in
SUUNTA_INDEX_DIR, the default embedding model and threads), except that telemetry goes to a
temporary SQLite file and the per-client rate limit is lifted: every request comes from
127.0.0.1. Then, in one run:

* embedding only: the same model with the same threads, loaded in this process, embeds each
  question alone (batch 1), one after another, while the server is idle - the floor of a reply;
* 1 client: p50/p95 latency and requests a second, one request at a time;
* 8 clients: the same with 8 concurrent keep-alive connections;
* the reply's own work: a second server, whose query cache holds every question's embedding
  (the questions asked once before, not measured), answers them again at 1 client: its CPU a
  reply is what a reply costs beyond embedding the question (`--no-own-work` skips it).

Besides wall-clock figures it reports the server's CPU time per request and the embedder's CPU
time per query: these depend much less on what else the shared machine is doing.

Questions are evaluation/datasets/dev.jsonl (every kind: answers, crisis, out of scope, ...),
or 50 built-in fi/sv/en questions when it is missing. Targets: p50 <= 100 ms at 1 client; at 8
clients >= 60% of the embedding-only rate, with no errors. The machine is shared: compare the
ratios within one run, not absolute figures across runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._serve import free_port, resident_mib, wait_up  # noqa: E402
from bench._serve import start_server as serve  # noqa: E402

DEV_SET = ROOT / "evaluation" / "datasets" / "dev.jsonl"
TARGET_P50_MS = 100.0
TARGET_SHARE_OF_EMBEDDING = 0.60
# Issue 14, for a fast backend measured next to torch in one invocation (`--backend`).
TARGET_FAST_P50_MS = 25.0
FALLBACK_QUESTIONS = [
    # fi
    "Miten pääsen opiskelemaan aikuisena ammattiin?",
    "Voiko oppisopimuksella opiskella yli 40-vuotiaana?",
    "Saako työtön opiskella ja pitää työttömyysetuuden?",
    "Paljonko opintotukea aikuinen voi saada?",
    "Mikä on jatkuvan oppimisen ja työllisyyden palvelukeskus JOTPA?",
    "oon 35 ja haluun vaihtaa alaa, mist mä aloitan?",
    "Miten haen yhteishaussa ammattikorkeakouluun?",
    "Mitä avoin yliopisto maksaa?",
    "Voinko saada aiemmin opitun tunnustettua tutkintoon?",
    "Missä on lähin Ohjaamo ja mitä siellä tehdään?",
    "Miten ulkomainen tutkinto tunnustetaan Suomessa?",
    "Mitä erikoistumiskoulutukset ovat?",
    "Kuinka teen hyvän CV:n?",
    "Mistä löydän avoimia työpaikkoja?",
    "Voiko aikuislukiossa suorittaa ylioppilastutkinnon?",
    "Mikä on Osaamispolku?",
    "Tarvitsenko opinto-ohjaajaa alanvaihtoon?",
    # sv
    "Hur kan jag studera till ett nytt yrke som vuxen?",
    "Kan man få studiestöd från FPA som vuxen?",
    "Hur fungerar läroavtal?",
    "Får jag studera medan jag är arbetslös?",
    "Var hittar jag lediga jobb i Finland?",
    "Hur ansöker jag till yrkeshögskola?",
    "Vad kostar öppna universitetet?",
    "Kan mina tidigare kunskaper erkännas?",
    "Hur erkänns en utländsk examen i Finland?",
    "Vad är Ohjaamo och vem kan få hjälp där?",
    "Jag vill byta bransch, var ska jag börja?",
    "Finns det utbildning medan man jobbar?",
    "Vad är specialiseringsutbildning?",
    "Hur skriver jag ett bra CV?",
    "Kan invandrare läsa finska eller svenska gratis?",
    "Vad är yrkesinriktad rehabilitering?",
    # en
    "How can I study for a new profession as an adult in Finland?",
    "Can I keep my unemployment benefit while studying?",
    "How does apprenticeship training work?",
    "How much student financial aid can an adult get from Kela?",
    "How do I apply to a university of applied sciences?",
    "What does the open university cost?",
    "Can my previous work experience count towards a qualification?",
    "How is a foreign degree recognised in Finland?",
    "What is Ohjaamo and who can use it?",
    "I'm 50 and want to change careers, where do I start?",
    "Where can I find job openings in Finland?",
    "What are specialisation programmes?",
    "How do I write a good CV for Finnish employers?",
    "Is there free Finnish language training for immigrants?",
    "What is vocational rehabilitation?",
    "Can I study while working full time?",
]


def load_questions() -> tuple[list[str], str]:
    """The questions to ask and where they come from."""
    if DEV_SET.exists():
        rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line]
        return [row["question"] for row in rows], str(DEV_SET.relative_to(ROOT))
    return list(FALLBACK_QUESTIONS), "built-in questions"


def start_server(
    port: int, workdir: Path, extra: list[str], cache_size: int, backend: str | None
) -> subprocess.Popen[bytes]:
    """`suunta serve` with default settings, telemetry in `workdir`, no rate limit."""
    # Off by default: the phases ask the same questions again, and a cached vector would
    # measure the cache, not the embedder (`--query-cache` measures it).
    env = {"SUUNTA_QUERY_CACHE_SIZE": str(cache_size)}
    if backend:
        env["SUUNTA_EMBEDDING_BACKEND"] = backend
        # An index is built for one runtime: each backend gets its own folder (kept between
        # runs, so only the first run builds it).
        env["SUUNTA_INDEX_DIR"] = str(index_dir_for(backend))
    return serve(port, workdir, extra, env)


def index_dir_for(backend: str) -> Path:
    """The index folder of one backend: SUUNTA_INDEX_DIR/<backend>."""
    return Path(os.environ.get("SUUNTA_INDEX_DIR", "var/index")) / backend


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (all its threads, user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_clients(
    port: int | Sequence[int],
    questions: list[str],
    clients: int,
    total: int,
    pid: int | Sequence[int] | None = None,
) -> dict[str, Any]:
    """`total` POST /api/chat requests over `clients` keep-alive connections; with several
    ports (server processes, `pid` then lists them all), client i talks to port i mod n, as
    a balancer spreading connections would, and the CPU is all the processes'."""
    ports = [port] if isinstance(port, int) else list(port)
    pids = [] if pid is None else [pid] if isinstance(pid, int) else list(pid)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))
    barrier = threading.Barrier(clients + 1)

    def client(port: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            body = json.dumps({"message": questions[i % len(questions)]})
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/chat", body, {"content-type": "application/json"})
                response = conn.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200 or "kind" not in json.loads(data):
                    raise RuntimeError(f"HTTP {response.status}: {data[:120]!r}")
            except (OSError, RuntimeError, ValueError) as exc:
                with lock:
                    errors.append(str(exc))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            with lock:
                latencies.append(elapsed)
        conn.close()

    threads = [
        threading.Thread(target=client, args=(ports[i % len(ports)],)) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    cpu_before = sum(cpu_seconds(p) for p in pids)
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = sum(cpu_seconds(p) for p in pids) - cpu_before
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "requests": total,
        "errors": len(errors),
        "first_errors": errors[:3],
        "p50_ms": 1000 * statistics.median(ordered) if ordered else None,
        "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
        "rps": len(latencies) / wall,
        # Less sensitive to other processes than wall time: what a reply costs the server.
        "server_cpu_ms_per_request": 1000 * cpu / max(1, len(latencies)),
        "load": os.getloadavg()[0],
    }


def embedding_rate(questions: list[str], total: int, backend: str | None) -> dict[str, Any]:
    """Queries a second the configured model embeds alone, one at a time, as the server would."""
    from knowledge_base.embedding import backend_of
    from suunta.index_setup import make_embedder
    from suunta.settings import Settings

    chosen: dict[str, Any] = {}
    if backend:
        chosen = {"embedding_backend": backend, "index_dir": index_dir_for(backend)}
    settings = Settings(query_cache_size=0, **chosen)  # every query through the model
    embedder = make_embedder(settings)
    for question in questions[:5]:
        embedder.embed_queries([question])
    times = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for i in range(total):
        one = time.perf_counter()
        embedder.embed_queries([questions[i % len(questions)]])
        times.append(time.perf_counter() - one)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {
        "model": embedder.name,
        "backend": backend_of(embedder),
        "load": os.getloadavg()[0],
        "threads": settings.torch_threads,
        "queries": total,
        "p50_ms": 1000 * statistics.median(times),
        "cpu_ms_per_query": 1000 * cpu / total,
        "rate": total / wall,
    }


def own_work(backend: str | None, args: argparse.Namespace, questions: list[str]) -> dict[str, Any]:
    """1 client against a server whose query cache already holds every question's embedding:
    server CPU a reply without the embedding (the rest of the reply, on the same server)."""
    workdir = Path(tempfile.mkdtemp(prefix="suunta-bench-"))
    port = free_port()
    asked = questions[: args.requests]
    server = start_server(port, workdir, [], len(asked) + 64, backend)
    try:
        wait_up(port, server, workdir / "server.log", args.startup_timeout)
        run_clients(port, asked, 1, len(asked))  # every embedding into the cache
        return run_clients(port, asked, 1, args.requests, server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def measure(backend: str | None, args: argparse.Namespace, questions: list[str]) -> dict[str, Any]:
    """One server with one embedding backend: every phase of the module docstring."""
    workdir = Path(tempfile.mkdtemp(prefix="suunta-bench-"))
    port = free_port()
    extra = ["--rebuild-index"] if args.rebuild_index else []
    server = start_server(port, workdir, extra, args.query_cache, backend)
    try:
        startup = wait_up(port, server, workdir / "server.log", args.startup_timeout)
        run_clients(port, questions, 2, 20)  # warm-up: first-call costs are not the service's
        embed = embedding_rate(questions, args.requests, backend)
        one = run_clients(port, questions, 1, args.requests, server.pid)
        eight = run_clients(port, questions, 8, args.requests, server.pid)
        embed_after = embedding_rate(questions, args.requests, backend)
        rss = resident_mib(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    cached = own_work(backend, args, questions) if args.own_work else None
    floor = statistics.mean([embed["rate"], embed_after["rate"]])
    embed_cpu = statistics.mean([embed["cpu_ms_per_query"], embed_after["cpu_ms_per_query"]])
    return {
        "backend": embed["backend"],
        "startup_s": startup,
        "embedding_only": [embed, embed_after],
        "one_client": one,
        "eight_clients": eight,
        "eight_clients_share_of_embedding_rate": eight["rps"] / floor,
        "server_cpu_per_reply_over_embedding_cpu": one["server_cpu_ms_per_request"] / embed_cpu,
        "server_rss_mib": rss,
        "query_cache": args.query_cache,
        "own_work": cached,
    }


def report(run: dict[str, Any]) -> list[tuple[str, bool]]:
    """Print one backend's figures; its verdicts."""
    embed, embed_after = run["embedding_only"]
    one, eight, share = (
        run["one_client"],
        run["eight_clients"],
        run["eight_clients_share_of_embedding_rate"],
    )
    print(
        f"== backend {run['backend']}: server up in {run['startup_s']:.1f} s, "
        f"resident {run['server_rss_mib']:.0f} MiB after the runs; query cache {run['query_cache']}"
    )
    print(
        f"embedding only ({embed['model']}, {embed['backend']}, {embed['threads']} thread(s), "
        f"batch 1, load {embed['load']:.1f}): "
        f"{embed['rate']:.1f} q/s before, {embed_after['rate']:.1f} q/s after "
        f"(p50 {embed['p50_ms']:.1f} ms, {embed['cpu_ms_per_query']:.1f} ms CPU a query)"
    )
    print(
        f"{'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7}"
        f" {'server CPU ms/request':>22} {'load':>5}"
    )
    for row in (one, eight):
        print(
            f"{row['clients']:>7} {row['requests']:>8} {row['errors']:>6} "
            f"{row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} {row['rps']:>7.1f}"
            f" {row['server_cpu_ms_per_request']:>22.1f} {row['load']:>5.1f}"
        )
    ratio = run["server_cpu_per_reply_over_embedding_cpu"]
    print(f"server CPU per reply / embedding CPU per query: {ratio:.2f}")
    cached = run.get("own_work")
    if cached:
        print(
            f"the reply's own work (1 client, every query embedding cached, load "
            f"{cached['load']:.1f}): server CPU {cached['server_cpu_ms_per_request']:.1f} ms a "
            f"reply, p50 {cached['p50_ms']:.1f} ms, {cached['errors']} errors"
        )
    for row in (one, eight):
        for error in row["first_errors"]:
            print(f"error ({row['clients']} clients): {error}")
    return [
        (f"p50 at 1 client <= {TARGET_P50_MS:.0f} ms", one["p50_ms"] <= TARGET_P50_MS),
        (
            f"8 clients >= {TARGET_SHARE_OF_EMBEDDING:.0%} of the embedding-only rate "
            f"({share:.0%})",
            share >= TARGET_SHARE_OF_EMBEDDING,
        ),
        ("no errors", one["errors"] == eight["errors"] == 0 and not (cached and cached["errors"])),
    ]


def compare(torch: dict[str, Any], fast: dict[str, Any]) -> list[tuple[str, bool]]:
    """Issue 14's targets for a fast backend against torch measured in the same invocation."""
    one, eight = fast["one_client"], fast["eight_clients"]
    speedup = eight["rps"] / torch["eight_clients"]["rps"]
    ratio = fast["server_cpu_per_reply_over_embedding_cpu"]
    embed_p50 = fast["embedding_only"][0]["p50_ms"] / torch["embedding_only"][0]["p50_ms"]
    print(
        f"{fast['backend']} vs torch: embedding p50 x{embed_p50:.2f}, 1-client p50 "
        f"{one['p50_ms']:.1f} vs {torch['one_client']['p50_ms']:.1f} ms, 8-client req/s "
        f"x{speedup:.2f}, resident {fast['server_rss_mib']:.0f} vs "
        f"{torch['server_rss_mib']:.0f} MiB"
    )
    name = fast["backend"]
    return [
        (
            f"{name}: p50 at 1 client <= {TARGET_FAST_P50_MS:.0f} ms",
            one["p50_ms"] <= TARGET_FAST_P50_MS,
        ),
        (f"{name}: server CPU a reply <= 1.3x the embedding's ({ratio:.2f})", ratio <= 1.3),
        (f"{name}: 8-client req/s >= 2.5x torch's ({speedup:.2f}x)", speedup >= 2.5),
        (
            f"{name}: resident memory not above torch's",
            fast["server_rss_mib"] <= torch["server_rss_mib"],
        ),
    ]


def main() -> int:
    """Run the benchmark and print the figures (and the targets' verdicts)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per phase")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--rebuild-index", action="store_true", help="let the server build a missing index"
    )
    parser.add_argument("--startup-timeout", type=float, default=600.0)
    parser.add_argument(
        "--query-cache", type=int, default=0, help="the server's SUUNTA_QUERY_CACHE_SIZE (0)"
    )
    parser.add_argument(
        "--no-own-work",
        dest="own_work",
        action="store_false",
        help="skip the reply's own work (a second server with every query embedding cached)",
    )
    parser.add_argument(
        "--backend",
        action="append",
        choices=["torch", "onnx", "onnx-int8"],
        help="run once per backend given, one after the other, each with the index in "
        "SUUNTA_INDEX_DIR/<backend> (default: the configured backend and SUUNTA_INDEX_DIR)",
    )
    args = parser.parse_args()
    questions, origin = load_questions()
    print(f"questions: {len(questions)} from {origin}; load {os.getloadavg()[0]:.1f}")
    runs = [measure(backend, args, questions) for backend in (args.backend or [None])]
    verdicts: list[tuple[str, bool]] = []
    for run in runs:
        verdicts += [(f"{run['backend']}: {name}", ok) for name, ok in report(run)]
    torch = next((run for run in runs if run["backend"] == "torch"), None)
    if torch is not None:
        for run in runs:
            if run is not torch:
                verdicts += compare(torch, run)
    for name, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"questions": origin, "runs": runs}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
