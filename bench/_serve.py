"""A real `suunta serve` for the benchmarks: a free port, the server started with telemetry in a
temporary folder and no rate limit, waited for until /health answers, its resident memory.

Imported by the bench scripts as `bench._serve` (they put the repository root on `sys.path`).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    port: int,
    workdir: Path,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """`suunta serve` on `port` with the default settings, except that telemetry goes to a
    SQLite file in `workdir` (and its spool too, unless SUUNTA_TELEMETRY_SPOOL_DIR is set) and
    the per-client rate limit is lifted (every request comes from 127.0.0.1); `env` adds or
    overrides variables, `args` adds command-line options. Its output goes to
    `workdir/server.log`."""
    values = {
        **os.environ,
        "SUUNTA_PORT": str(port),
        "SUUNTA_DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        # Set it empty in the environment to measure without the spool.
        "SUUNTA_TELEMETRY_SPOOL_DIR": os.environ.get(
            "SUUNTA_TELEMETRY_SPOOL_DIR", str(workdir / "spool")
        ),
        "SUUNTA_RATE_LIMIT_PER_MINUTE": str(10**9),
        "SUUNTA_LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        **(env or {}),
    }
    log = (workdir / "server.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "suunta.cli", "serve", "--port", str(port), *args],
        cwd=ROOT,
        env=values,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_up(port: int, server: subprocess.Popen[bytes], log: Path, timeout: float) -> float:
    """Seconds until /health answered; exits with the end of the server's log if the server
    stops or does not answer within `timeout`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.25)
    server.terminate()
    sys.exit(f"the server did not start in {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def resident_mib(pid: int) -> float:
    """Resident memory of a process now (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
