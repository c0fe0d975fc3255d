"""A real `suunta serve` on 127.0.0.1 and Debian's headless Chromium driven by Playwright.

The server runs over the fixture corpus with the small MiniLM model, a temporary SQLite store,
two staff accounts and (when `suunta demo-data` exists) synthetic traffic for the dashboard.
Every test leaves a screenshot in test-artifacts/.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from knowledge_base.embedding import MINILM

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser test password"
STARTUP_SECONDS = 180


@dataclass(frozen=True)
class Server:
    """The running service: its URL, environment and store."""

    url: str
    env: dict[str, str]
    database: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def suunta(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Runs the `suunta` command with `env`."""
    return subprocess.run(
        [sys.executable, "-m", "suunta.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


# A client address of its own for every browser context (the server believes 127.0.0.1's
# X-Forwarded-For), as separate people would have.
_CLIENTS = (f"10.77.{n // 250}.{n % 250 + 1}" for n in itertools.count())


# Package scope, not session: Playwright's sync API runs an event loop in the main thread while
# it is open, which would break later tests that call asyncio.run().
@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`suunta serve` in a subprocess, with accounts and demo data in its store."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    root = tmp_path_factory.mktemp("server")
    port = _free_port()
    database = root / "suunta.db"
    env = {
        **os.environ,
        "SUUNTA_DATABASE_URL": f"sqlite:///{database}",
        "SUUNTA_INDEX_DIR": str(root / "index"),
        "SUUNTA_CONTENT_DIR": str(ROOT / "tests" / "fixtures" / "content"),
        "SUUNTA_EMBEDDING_MODEL": MINILM,
        "SUUNTA_INCLUDE_OCCUPATIONS": "false",
        "SUUNTA_GENERATOR": "extractive",
        "SUUNTA_RATE_LIMIT_PER_MINUTE": "1000",
        # Each test's browser is its own client (see `page`): the sign-in throttle allows a
        # client 20 attempts in 15 minutes, and the suite signs in more often than that.
        "SUUNTA_TRUSTED_PROXIES": "127.0.0.1",
        "SUUNTA_OTEL_EXPORTER": "none",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    for username, role in (("cora", "counsellor"), ("olli", "owner")):
        added = suunta(
            env, "users", "add", "--role", role, "--password-stdin", username, stdin=PASSWORD
        )
        assert added.returncode == 0, added.stderr
    if "demo-data" in suunta(env, "--help").stdout:
        demo = suunta(env, "demo-data", "--sessions", "400")
        assert demo.returncode == 0, demo.stderr
    log = (root / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "suunta.cli", "serve", "--rebuild-index", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if process.poll() is not None:
                pytest.fail("suunta serve exited: " + (root / "server.log").read_text()[-2000:])
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("suunta serve did not start in time")
            time.sleep(0.5)
        yield Server(url, env, database)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Chromium (Debian's build; Playwright never downloads one)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context_options() -> dict[str, object]:
    """Options for the test's browser context; override in a test module or with indirect."""
    return {"locale": "en-GB", "viewport": {"width": 1100, "height": 900}}


@pytest.fixture
def page(
    browser: Browser,
    server: Server,
    request: pytest.FixtureRequest,
    context_options: dict[str, object],
) -> Iterator[Page]:
    """A fresh browser context and page; a screenshot lands in test-artifacts/ afterwards.

    `page.problems` collects console errors and uncaught exceptions (a CSP violation is one).
    """
    options: dict[str, Any] = dict(context_options)
    headers = {"X-Forwarded-For": next(_CLIENTS), **(options.pop("extra_http_headers", None) or {})}
    context = browser.new_context(base_url=server.url, extra_http_headers=headers, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    # Assertions wait as long as actions: on a busy 2-core machine a plan can take > 5 s.
    expect.set_options(timeout=20_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems  # type: ignore[attr-defined]
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def sign_in(page: Page, username: str) -> None:
    """Signs in through the form, the way a person does."""
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Serious and critical axe-core findings on the page as it is now."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser-deps)")
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results: list[dict[str, object]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in results if v["impact"] in ("serious", "critical")]
