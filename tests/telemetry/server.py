"""`suunta serve` in a real child process, on a free port, for shutdown and exporter tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from suunta.settings import Settings
from tests.telemetry.tcp_proxy import free_port


class ServerProcess:
    """A running `suunta serve`; `terminate()` sends SIGTERM and waits for a clean exit."""

    def __init__(self, settings: Settings, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        values = {
            **os.environ,
            "SUUNTA_CONTENT_DIR": str(settings.content_dir),
            "SUUNTA_INDEX_DIR": str(settings.index_dir),
            "SUUNTA_DATABASE_URL": settings.database_url,
            "SUUNTA_TELEMETRY_SPOOL_DIR": str(settings.telemetry_spool_dir or ""),
            "SUUNTA_EMBEDDING_MODEL": settings.embedding_model,
            "SUUNTA_INCLUDE_OCCUPATIONS": "false",
            # The tests send bursts from one address; the per-client limit is not under test.
            "SUUNTA_RATE_LIMIT_PER_MINUTE": "100000",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            **env,
        }
        self.log = Path(settings.index_dir).parent / f"server-{self.port}.log"
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "suunta.cli", "serve", "--port", str(self.port)],
            env=values,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def wait_ready(self, seconds: float = 90) -> None:
        """Block until /health answers."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.log.read_text()}")
            try:
                if self.client.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server not ready:\n{self.log.read_text()}")

    def terminate(self, seconds: float = 60) -> int:
        """SIGTERM, then the exit code (the server must stop by itself)."""
        self.client.close()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(seconds)
        self._log_file.close()
        return code

    def kill(self) -> None:
        """Clean up after a failed test."""
        self.client.close()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._log_file.close()
