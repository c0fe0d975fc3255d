"""The one place that reads the environment: every setting Suunta has, with its default."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = PACKAGE_ROOT / "knowledge_base" / "content"
BUNDLED_BASELINE = PACKAGE_ROOT / "evaluation" / "reports" / "population_fi.csv"


class Settings(BaseSettings):
    """Suunta's settings, read from `SUUNTA_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="SUUNTA_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    """Address the web service listens on."""
    port: int = Field(default=8000, ge=1, le=65535)
    """Port the web service listens on."""
    database_url: str = "sqlite:///var/suunta.db"
    """Telemetry store: `sqlite:///path` or `postgresql+psycopg://user@host/db`."""
    index_dir: Path = Path("var/index")
    """Where the knowledge-base index (and the materialised embedding model) lives."""
    content_dir: Path = BUNDLED_CONTENT
    """Folder of knowledge-base articles (`<lang>/<slug>.md`)."""
    embedding_model: str = "multilingual-e5-small"
    """`multilingual-e5-small` (bundled, offline), `all-minilm-l6-v2` (English, fast tests),
    or any sentence-transformers model name or path."""
    include_occupations: bool = True
    """Index the ESCO occupations as a second, structured source."""
    generator: Literal["extractive", "openai"] = "extractive"
    """`extractive` (offline, grounded by construction) or `openai` (OpenAI-compatible server)."""
    openai_base_url: str | None = None
    """OpenAI-compatible server (vLLM, llama.cpp, Ollama), e.g. http://localhost:8080/v1."""
    openai_model: str | None = None
    """Model name to ask the OpenAI-compatible server for."""
    openai_api_key: str = "not-needed"
    """API key for the OpenAI-compatible server, if it wants one."""
    openai_timeout: float = Field(default=20.0, gt=0, le=600)
    """Seconds to wait for the OpenAI-compatible server before answering extractively."""
    otel_exporter: Literal["none", "console", "otlp"] = "none"
    """Where traces and metrics go."""
    otel_endpoint: str | None = None
    """OTLP endpoint (http://host:4318 for HTTP, host:4317 with `otel_protocol=grpc`)."""
    otel_protocol: Literal["http", "grpc"] = "http"
    """OTLP transport."""
    min_group_size: int = Field(default=5, ge=1)
    """Reports suppress any group smaller than this."""
    report_cache_dir: Path | None = Path("var/report-cache")
    """Where reports keep the facts of closed days (empty: read everything from the store)."""
    report_baseline: Path | None = BUNDLED_BASELINE
    """CSV of population by region and age band, with its source, to compare reach against
    (default: Statistics Finland figures shipped with Suunta; empty: no comparison)."""
    store_text: Literal["redacted", "none"] = "redacted"
    """Whether questions are stored (always after redaction) or not at all."""
    telemetry_spool_dir: Path | None = Path("var/telemetry-spool")
    """Where the telemetry writer's write-ahead spool lives (one folder per store and process),
    so that an accepted event survives a hard kill; empty: no spool (see docs/deploy.md)."""
    telemetry_spool_max_mb: int = Field(default=64, ge=1, le=65536)
    """Disk the spool of one process may take; past it events are accepted without a copy on
    disk (logged) until the store catches up."""
    telemetry_flush_seconds: float = Field(default=0.2, gt=0, le=3600)
    """How long the telemetry writer waits to fill a batch before writing what it has."""
    retention_days: int | None = Field(default=None, ge=1)
    """When set, telemetry older than this many days is purged daily."""
    controller_name: str | None = Field(default=None, max_length=200)
    """The data controller the privacy notice names (e.g. the organisation running Suunta);
    empty in development, where the notice says it is not configured."""
    controller_contact: str | None = Field(default=None, max_length=200)
    """Where learners send data-protection requests (an e-mail address or a web form)."""
    accessibility_contact: str | None = Field(default=None, max_length=200)
    """Where the accessibility statement sends feedback (default: `controller_contact`)."""
    torch_threads: int = Field(default=1, ge=1)
    """Threads for query embedding; one is fastest at batch size 1 on a shared machine."""
    embedding_backend: Literal["onnx-int8", "onnx", "torch"] = "onnx-int8"
    """Runtime of the bundled multilingual-e5-small: `onnx-int8` (onnxruntime, int8; the fastest,
    within cosine 0.99 of torch), `onnx` (onnxruntime, float32) or `torch` (sentence-transformers).
    Other models always run on torch. The index records it: changing it needs `kb build`."""
    query_cache_size: int = Field(default=1024, ge=0)
    """Distinct questions whose embeddings are kept in memory for repeats (0: no cache)."""
    rate_limit_per_minute: int = Field(default=30, ge=1)
    """Requests a minute one client may make to each of the chat and feedback endpoints."""
    trusted_proxies: str = Field(default="", max_length=1000)
    """Addresses or networks (comma-separated, e.g. `10.0.0.5,10.1.0.0/16`) of the reverse proxies
    whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed. Empty (the default): none, not
    even 127.0.0.1, so a spoofed header cannot buy a fresh rate-limit budget."""
    redis_url: str | None = None
    """Redis (`redis://host:6379/0`) for conversation memory, rate limits and the sign-in
    throttle shared by every process; without it they are kept in the store and in memory."""
    session_secret: SecretStr | None = None
    """Key that turns an OpenAI-protocol client's `user` into a session id; give every process
    the same one (without it, each process makes its own and follow-ups stay in one process)."""
    log_level: str = "INFO"
    """Python logging level."""

    @field_validator(
        "report_cache_dir", "report_baseline", "redis_url", "telemetry_spool_dir", mode="before"
    )
    @classmethod
    def _empty_path_is_none(cls, value: object) -> object:
        """`SUUNTA_REPORT_CACHE_DIR=` (empty) means no cache, not the current folder."""
        return None if value == "" else value
