"""Redaction of a backlog in a child process, beside the writer's threads.

Redaction is pure Python, and the GIL lets one thread of a process run Python at a time: in the
writer's own thread it competes with the insert thread and with the requests. When a batch
brings many texts to redact (a burst), they go to one child process instead, which runs on the
other core; a trickle is redacted in the thread, and no child is started at all until a burst
comes. Anything wrong with the child (it failed to start, died, or hung) sends the writer back
to redacting in its thread for good, logged; no event is lost either way.

The child is `python -m telemetry.redaction_process module:factory`, in a session of its own
(Ctrl-C in a terminal reaches the server, which flushes with its child's help, not the child),
reading one JSON list of texts a line on stdin and answering one JSON list a line on stdout. It
imports only the anonymiser (0.3 s; not the server's modules, as a multiprocessing child would),
and exits when its stdin closes, so it never outlives the server.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

Redact = Callable[[str], str]
ROOT = Path(__file__).resolve().parent.parent


class RedactionProcess:
    """`redact_many` for the batch writer: large batches in a child process, else in-thread.

    `factory` builds the redact function in the child: a module-level function, named to the
    child by its module and name (e.g. `telemetry.anonymiser.new_redactor`); `inline` is the
    same redaction in this process. Batches of fewer than `min_texts` texts are redacted inline.
    """

    def __init__(
        self,
        factory: Callable[[], Redact],
        inline: Redact,
        *,
        min_texts: int = 200,
        timeout: float = 60.0,
    ) -> None:
        self._target = f"{factory.__module__}:{factory.__qualname__}"
        self._inline = inline
        self._min_texts = min_texts
        self._timeout = timeout
        self._child: subprocess.Popen[bytes] | None = None
        # One thread talks to the child, so the caller can work while the child redacts.
        self._io: ThreadPoolExecutor | None = None
        self._ready: Future[None] | None = None
        self._failed = False
        self.batches = 0
        """Batches redacted in the child."""

    def __call__(self, texts: list[str]) -> list[str]:
        return self.start(texts)()

    def start(self, texts: list[str]) -> Callable[[], list[str]]:
        """Start redacting `texts`; the function returned waits for them (so the caller can
        do other work meanwhile)."""
        future = self._submit(texts) if len(texts) >= self._min_texts else None
        if future is None:
            return lambda: [self._inline(text) for text in texts]

        def result() -> list[str]:
            try:
                redacted = future.result(self._timeout)
                if len(redacted) != len(texts):
                    raise ValueError("the redaction process answered the wrong number of texts")
            except Exception as exc:
                self._fail(exc)
                return [self._inline(text) for text in texts]
            self.batches += 1
            return redacted

        return result

    def _submit(self, texts: list[str]) -> Future[list[str]] | None:
        """The child's future answer; None while it starts, or if it failed."""
        if self._failed:
            return None
        if self._io is None:
            self._io = ThreadPoolExecutor(1, thread_name_prefix="telemetry-redaction-io")
            self._ready = self._io.submit(self._spawn)
            return None
        assert self._ready is not None
        if not self._ready.done():
            return None
        try:
            self._ready.result()
            return self._io.submit(self._ask, texts)
        except Exception as exc:
            self._fail(exc)
            return None

    def _spawn(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self._child = subprocess.Popen(
            [sys.executable, "-m", "telemetry.redaction_process", self._target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # An error message of the child could quote a text: it is not passed on.
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        # Wait for the child's greeting: its anonymiser is built.
        if self._read() != []:
            raise RuntimeError("unexpected greeting from the redaction process")

    def _ask(self, texts: list[str]) -> list[str]:
        assert self._child is not None and self._child.stdin is not None
        self._child.stdin.write(json.dumps(texts).encode() + b"\n")
        self._child.stdin.flush()
        return self._read()

    def _read(self) -> list[str]:
        assert self._child is not None and self._child.stdout is not None
        line = self._child.stdout.readline()
        if not line:
            raise EOFError("the redaction process exited")
        answer = json.loads(line)
        if not isinstance(answer, list):
            raise ValueError("unexpected answer from the redaction process")
        return answer

    def _fail(self, exc: BaseException) -> None:
        # Only the type: nothing of a text may reach the log.
        log.warning(
            "telemetry: redaction process failed (%s); redacting in-process", type(exc).__name__
        )
        self._failed = True
        self.close()

    def close(self, *, wait: bool = False) -> None:
        """Stop the child, if one was started; `wait` for it to exit."""
        child, self._child = self._child, None
        io, self._io = self._io, None
        if child is not None:
            if child.stdin is not None:
                with contextlib.suppress(OSError):
                    child.stdin.close()  # the child exits at the end of its input
            if not wait:
                child.kill()
            try:
                child.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if io is not None:
            io.shutdown(wait=False, cancel_futures=True)


def main(argv: list[str]) -> int:
    """The child: build the redaction named by `module:function`, then redact line by line."""
    module, _, name = argv[0].partition(":")
    redact: Redact = getattr(importlib.import_module(module), name)()
    out = sys.stdout.buffer
    out.write(b"[]\n")
    out.flush()
    for line in sys.stdin.buffer:
        texts = json.loads(line)
        out.write(json.dumps([redact(text) for text in texts]).encode() + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
