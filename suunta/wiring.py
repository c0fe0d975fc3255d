"""Builds Suunta's parts from Settings, once, for the web app and the CLI."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import FastAPI
from sqlalchemy import Engine

from accounts.service import StaffAccounts
from application.chat import ChatService
from application.indicator_access import IndicatorAccess
from application.limits import Budgets
from application.memory import RedisMemory, StoredMemory
from application.monitoring import MonitoringService
from application.organisations import OrganisationService
from application.reports import ReportService
from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from assistant.generators import Generator, create_generator
from assistant.memory import ConversationMemory, Memory
from knowledge_base.embedding import Embedder
from suunta import __version__
from suunta.index_setup import Progress, SetupError, make_embedder, open_retriever
from suunta.settings import Settings
from telemetry.otel import Otel, setup_otel
from telemetry.retention import DailyPurge
from telemetry.spool import spool_place
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter

if TYPE_CHECKING:
    from telemetry.anonymiser import Anonymiser


def make_generator(settings: Settings) -> Generator:
    """The configured generator."""
    if settings.generator == "openai":
        if not settings.openai_base_url or not settings.openai_model:
            raise SetupError(
                "SUUNTA_GENERATOR=openai needs SUUNTA_OPENAI_BASE_URL and SUUNTA_OPENAI_MODEL"
            )
        return create_generator(
            "openai",
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            timeout=settings.openai_timeout,
        )
    return create_generator("extractive")


def make_memory(settings: Settings, engine: Engine, redact: Callable[[str], str]) -> Memory:
    """Conversation memory every process sees: Redis when configured, else the store; in this
    process alone when questions may not be stored (`SUUNTA_STORE_TEXT=none`)."""
    if settings.redis_url:
        return RedisMemory.from_url(settings.redis_url, redact)
    if settings.store_text == "none":
        return ConversationMemory(redact)
    return StoredMemory(engine, redact)


def session_secret(settings: Settings) -> bytes:
    """The key for OpenAI-protocol `user` -> session ids: the configured one, else a random one
    for this process alone."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value().encode()
    return secrets.token_bytes(32)


def make_reports(
    settings: Settings, engine: Engine, embedder: Callable[[], Embedder]
) -> ReportService:
    """The report service over the store, with the configured suppression, cache and baseline."""
    return ReportService(
        engine,
        min_group_size=settings.min_group_size,
        cache_dir=settings.report_cache_dir,
        baseline_path=settings.report_baseline,
        topics_path=settings.content_dir.parent / "topics.yaml",
        embedder=embedder,
    )


def make_monitoring(
    settings: Settings, engine: Engine, orgs: OrganisationService
) -> MonitoringService:
    """The indicator reports over the store, with the configured suppression and baseline."""
    return MonitoringService(
        engine,
        orgs,
        min_group_size=settings.min_group_size,
        baseline_path=settings.report_baseline,
    )


@dataclass
class Components:
    """Everything the web app and the CLI need, built once: the parts and the services over
    them (`chat`, `reports`, `accounts`, `orgs`, `monitoring`, `indicators`)."""

    settings: Settings
    assistant: Assistant
    engine: Engine
    writer: TelemetryWriter
    anonymiser: Anonymiser
    otel: Otel = field(default_factory=Otel)
    """Spans and metrics; a no-op until the web app's lifespan sets it up."""
    version: str = __version__
    chat: ChatService = field(init=False)
    reports: ReportService = field(init=False)
    accounts: StaffAccounts = field(init=False)
    orgs: OrganisationService = field(init=False)
    monitoring: MonitoringService = field(init=False)
    indicators: IndicatorAccess = field(init=False)
    _budgets: Budgets | None = field(default=None, init=False)
    _running: list[Callable[[], None]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.orgs = OrganisationService(self.engine)
        self.chat = ChatService(
            self.assistant,
            self.writer,
            self,
            memory=self.assistant.memory,
            session_secret=session_secret(self.settings),
            orgs=self.orgs,
        )
        self.reports = make_reports(
            self.settings, self.engine, lambda: self.assistant.retriever.embedder
        )
        self.accounts = StaffAccounts(self.engine)
        self.monitoring = make_monitoring(self.settings, self.engine, self.orgs)
        self.indicators = IndicatorAccess(self.monitoring, self.orgs, self.chat.staff_key)

    def limits(self) -> Budgets:
        """Request budgets: one set shared through Redis, or a fresh one per app in memory."""
        if not self.settings.redis_url:
            return Budgets.from_url(None)
        if self._budgets is None:
            self._budgets = Budgets.from_url(self.settings.redis_url)
        return self._budgets

    def start(self, app: FastAPI) -> None:
        """Start the writer, OpenTelemetry (unless already set up, e.g. by a test) and the
        daily purge, for the web app's lifespan."""
        if not self.otel.enabled:
            self.otel = make_otel(self.settings)
            self._running.append(self._shutdown_otel)
        self.writer.start()
        self._running.append(self.writer.stop)
        self.otel.watch(self.writer)
        self.otel.instrument(app)
        purge = make_purge(self.settings, self.engine)
        if purge:
            purge.start()
            self._running.append(purge.stop)

    def _shutdown_otel(self) -> None:
        self.otel.shutdown()
        self.otel = Otel()

    def stop(self) -> None:
        """Stop what `start` started, flushing every queued telemetry event."""
        while self._running:
            self._running.pop()()

    def close(self) -> None:
        """Flush telemetry and release the database."""
        self.writer.stop()
        self.engine.dispose()


def make_otel(settings: Settings) -> Otel:
    """OpenTelemetry as configured (`SUUNTA_OTEL_*`); once per process."""
    openai = settings.generator == "openai"
    return setup_otel(
        settings.otel_exporter,
        endpoint=settings.otel_endpoint,
        protocol=settings.otel_protocol,
        model=(settings.openai_model or "unknown") if openai else "extractive",
        provider_name="openai" if openai else "suunta",
        version=__version__,
    )


def make_purge(settings: Settings, engine: Engine) -> DailyPurge | None:
    """The daily retention purge when `SUUNTA_RETENTION_DAYS` is set."""
    if settings.retention_days is None:
        return None
    return DailyPurge(engine, dt.timedelta(days=settings.retention_days))


def make_store(
    settings: Settings, anonymiser: Anonymiser, *, spool: bool = True
) -> tuple[Engine, TelemetryWriter]:
    """The telemetry engine (schema ensured) and its writer, not yet started (with the spool
    of the settings unless `spool` is False)."""
    engine = make_engine(settings.database_url)
    init_schema(engine)
    from telemetry.anonymiser import new_redactor

    writer = TelemetryWriter(
        engine,
        anonymiser.redact,
        store_text=settings.store_text == "redacted",
        # A burst is redacted in a child process (started only when one comes), without a spool.
        redact_factory=new_redactor,
        linger_seconds=settings.telemetry_flush_seconds,
        spool=spool_place(
            settings.telemetry_spool_dir if spool else None,
            engine,
            settings.telemetry_spool_max_mb * 2**20,
        ),
    )
    return engine, writer


def build_components(
    settings: Settings,
    *,
    rebuild_index: bool = False,
    progress: Progress | None = None,
    sentence_progress: Progress | None = None,
) -> Components:
    """Assistant, telemetry store and writer for this configuration (`progress` and
    `sentence_progress` follow an index rebuild)."""
    from telemetry.anonymiser import Anonymiser

    anonymiser = Anonymiser()
    embedder = make_embedder(settings)
    retriever = open_retriever(
        settings,
        embedder,
        rebuild=rebuild_index,
        progress=progress,
        sentence_progress=sentence_progress,
    )
    assistant = Assistant(
        retriever,
        calibration=calibration_for(embedder.name),
        generator=make_generator(settings),
        redact=anonymiser.redact,
    )
    engine, writer = make_store(settings, anonymiser)
    assistant.memory = make_memory(settings, engine, anonymiser.redact)
    return Components(settings, assistant, engine, writer, anonymiser)
