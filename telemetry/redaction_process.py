"""Redaction of a backlog in a child process, beside the writer's threads.

Redaction is pure Python, and the GIL lets one thread of a process run Python at a time: in the
writer's own thread it competes with the insert thread and with the requests. When a batch
brings many texts to redact (a burst), they go to one child process instead, which runs on the
other core; a trickle is redacted in the thread, and no child is started at all until a burst
comes. Anything wrong with the child (it failed to start, died, or hung) sends the writer back
to redacting in its thread for good, logged; no event is lost either way.

This module imports nothing heavy: the child unpickles these functions by reference.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

Redact = Callable[[str], str]

_child_redact: Redact | None = None


def _watch_parent(parent: int) -> None:
    # A pool worker that outlives its parent would wait on its pipe forever.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _child_init(factory: Callable[[], Redact], parent: int) -> None:
    global _child_redact
    # Ctrl-C reaches the whole process group: the parent flushes its queue on it, and needs
    # its child for that, so only the parent acts on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _child_redact = factory()


def _child_ready() -> bool:
    return _child_redact is not None


def _child_redact_many(texts: list[str]) -> list[str]:
    assert _child_redact is not None
    return [_child_redact(text) for text in texts]


class RedactionProcess:
    """`redact_many` for the batch writer: large batches in a child process, else in-thread.

    `factory` builds the redact function in the child (a module-level callable, pickled by
    reference, e.g. `telemetry.anonymiser.new_redactor`); `inline` is the same redaction in this
    process. Batches of fewer than `min_texts` texts are redacted inline."""

    def __init__(
        self,
        factory: Callable[[], Redact],
        inline: Redact,
        *,
        min_texts: int = 200,
        timeout: float = 60.0,
    ) -> None:
        self._factory = factory
        self._inline = inline
        self._min_texts = min_texts
        self._timeout = timeout
        self._executor: ProcessPoolExecutor | None = None
        self._ready: Future[bool] | None = None
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
            except Exception as exc:
                self._fail(exc)
                return [self._inline(text) for text in texts]
            self.batches += 1
            return list(redacted)

        return result

    def _submit(self, texts: list[str]) -> Future[list[str]] | None:
        """The child's future result; None while it starts, or if it failed."""
        if self._failed:
            return None
        if self._executor is None:
            self._start()
            return None
        assert self._ready is not None
        if not self._ready.done():
            return None
        try:
            if not self._ready.result():
                raise RuntimeError("redaction process not initialised")
            return self._executor.submit(_child_redact_many, texts)
        except Exception as exc:
            self._fail(exc)
            return None

    def _fail(self, exc: BaseException) -> None:
        # Only the type: nothing of a text may reach the log.
        log.warning(
            "telemetry: redaction process failed (%s); redacting in-process", type(exc).__name__
        )
        self._failed = True
        self.close()

    def _start(self) -> None:
        try:
            self._executor = ProcessPoolExecutor(
                max_workers=1,
                # Not fork: the parent runs threads (the server's, torch's), which fork breaks.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_init,
                initargs=(self._factory, os.getpid()),
            )
            self._ready = self._executor.submit(_child_ready)
        except Exception as exc:
            log.warning("telemetry: no redaction process (%s)", type(exc).__name__)
            self._failed = True
            self.close()

    def close(self, *, wait: bool = False) -> None:
        """Stop the child, if one was started; `wait` for it to exit."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)
