"""A golden-set run: the question set through an assistant in-process or through a running
server's `/api/chat`, scored by `evaluation.golden.scoring`, timed, and turned into an
`eval_runs` row.

Asking a running server records the questions in that server's telemetry like any other
traffic: point `--against` at a staging server, not at production. A server that says it is
busy (HTTP 429) is asked again after the `Retry-After` it gives, a bounded number of times.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from evaluation.golden.cases import Case, retrieval_metrics
from evaluation.golden.figures import Rate, Summary, summarise
from evaluation.golden.scoring import CaseResult, Replier, run_cases
from evaluation.golden.stored_runs import EvalRunRecord
from knowledge_base.retriever import Retriever


class EvalError(RuntimeError):
    """The run cannot go on (e.g. the server cannot be reached); the message says why."""


@dataclass(frozen=True)
class RemoteSource:
    """A cited source as the API returns it."""

    id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class RemoteReply:
    """The parts of an `/api/chat` response the scoring reads."""

    kind: str
    language: str
    answer: str
    confidence: float
    sources: list[RemoteSource]


RETRIES = 5
"""How many times one question is asked again after HTTP 429."""
MAX_WAIT_SECONDS = 120.0
"""The longest single wait a `Retry-After` may ask for before the run gives up."""


def retry_after_seconds(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class HttpReplier:
    """Asks a running Suunta over HTTP (`POST {url}/api/chat`), one new session per question.

    On HTTP 429 it waits what `Retry-After` says (1, 2, 4 ... s when the header is missing) and
    asks again, at most `retries` times; a wait longer than `max_wait` seconds ends the run."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        retries: int = RETRIES,
        max_wait: float = MAX_WAIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.retries = retries
        self.max_wait = max_wait
        self.on_wait = on_wait
        self.sleep = sleep
        self.waited_ms = 0.0
        """Time spent waiting on 429s during the last reply (left out of its latency)."""

    def reply(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> RemoteReply:
        """The server's reply to one message."""
        body: dict[str, Any] = {"message": message, "mode": mode}
        if session_id:
            body["session_id"] = session_id
        if language:
            body["language"] = language
        data = self._post(body).json()
        return RemoteReply(
            kind=data["kind"],
            language=data["language"],
            answer=data["answer"],
            confidence=float(data["confidence"]),
            sources=[RemoteSource(s["id"], s["title"], s["snippet"]) for s in data["sources"]],
        )

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        """The server's HTTP 200 response to `body`, asked again after each HTTP 429."""
        self.waited_ms = 0.0
        for attempt in range(self.retries + 1):
            try:
                response = self.client.post("/api/chat", json=body)
            except httpx.HTTPError as exc:
                raise EvalError(
                    f"cannot reach {self.client.base_url}: {type(exc).__name__}"
                ) from exc
            if response.status_code != 429:
                break
            self._wait_out(response, attempt)
        if response.status_code != 200:
            raise EvalError(f"{self._url} answered HTTP {response.status_code}")
        return response

    def _wait_out(self, response: httpx.Response, attempt: int) -> None:
        """Wait what the 429 `response` asks before retry `attempt + 1`; EvalError when the
        retries are spent or the wait is longer than allowed."""
        url = self._url
        wait = retry_after_seconds(response.headers.get("retry-after"))
        wait = float(2**attempt) if wait is None else wait
        if attempt == self.retries:
            raise EvalError(
                f"{url} still answered HTTP 429 (too many requests) after {self.retries} "
                "retries: run again later, or raise the server's SUUNTA_RATE_LIMIT_PER_MINUTE"
            )
        if wait > self.max_wait:
            raise EvalError(
                f"{url} answered HTTP 429 (too many requests) and asks to wait {wait:.0f} s, "
                f"more than the {self.max_wait:.0f} s allowed (--max-wait): gave up"
            )
        if self.on_wait:
            self.on_wait(
                f"{url}: HTTP 429 (too many requests), waiting {wait:.0f} s as Retry-After "
                f"asks (retry {attempt + 1} of {self.retries})"
            )
        self.sleep(wait)
        self.waited_ms += wait * 1000

    @property
    def _url(self) -> str:
        return f"{self.client.base_url}/api/chat"


class TimedReplier:
    """Wraps a replier and keeps how long each reply took, as the asker saw it."""

    def __init__(self, inner: Replier) -> None:
        self.inner = inner
        self.latencies_ms: list[float] = []

    def reply(
        self,
        message: str,
        *,
        session_id: str | None = None,
        language: str | None = None,
        mode: str = "learner",
    ) -> Any:
        """The inner replier's reply, timed."""
        started = time.perf_counter()
        try:
            return self.inner.reply(message, session_id=session_id, language=language, mode=mode)
        finally:
            # Waiting out a server's rate limit is not reply time.
            waited = float(getattr(self.inner, "waited_ms", 0.0))
            self.latencies_ms.append((time.perf_counter() - started) * 1000 - waited)


@dataclass
class RunResult:
    """Everything one run measured."""

    summary: Summary
    results: list[CaseResult]
    latencies_ms: list[float]
    retrieval: dict[str, dict[str, float]] | None = None
    """Recall@5, MRR@10, nDCG@10 per language (`all` too), when asked for and in-process."""
    notes: list[str] = field(default_factory=list)

    def latency(self, q: float) -> float:
        """The q-th percentile of reply latency in ms."""
        return round(float(np.percentile(self.latencies_ms, q)), 1) if self.latencies_ms else 0.0


def run_golden(
    replier: Replier, cases: list[Case], *, retriever: Retriever | None = None
) -> RunResult:
    """Run every case; retrieval metrics too when a retriever is given."""
    timed = TimedReplier(replier)
    results = run_cases(timed, cases)
    retrieval = retrieval_metrics(retriever, cases) if retriever is not None else None
    return RunResult(summarise(results), results, timed.latencies_ms, retrieval)


def dataset_digest(path: Path) -> str:
    """SHA-256 of the question set, so runs on different sets are not compared by mistake."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_record(
    run: RunResult,
    *,
    dataset: Path,
    version: str,
    embedding_model: str,
    generator: str,
    target: str,
) -> EvalRunRecord:
    """The `eval_runs` row of a run."""
    every = (run.retrieval or {}).get("all", {})

    def rates(groups: dict[str, Rate]) -> dict[str, float]:
        return {k: round(v.value, 4) for k, v in groups.items()}

    return EvalRunRecord(
        version=version,
        dataset=dataset.name,
        dataset_sha256=dataset_digest(dataset),
        embedding_model=embedding_model,
        generator=generator,
        target=target,
        cases=run.summary.overall.n,
        pass_rate=round(run.summary.overall.value, 4),
        language_match=round(run.summary.language_match.value, 4),
        recall_at_5=every.get("recall@5"),
        mrr_at_10=every.get("mrr@10"),
        ndcg_at_10=every.get("ndcg@10"),
        latency_p50_ms=run.latency(50),
        latency_p95_ms=run.latency(95),
        details=json.dumps(
            {
                "by_language": rates(run.summary.by_language),
                "by_kind": rates(run.summary.by_kind),
                "by_slice": rates(run.summary.by_slice),
            }
        ),
    )
