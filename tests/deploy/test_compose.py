"""The deployment files agree with the code: every SUUNTA_* variable they set is a setting,
every service has a health check, two replicas sit behind the TLS proxy."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from suunta.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PREFIX = "SUUNTA_"
# Set for Caddy (its site address), not for Suunta.
NOT_SETTINGS = {"SUUNTA_DOMAIN"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _setting(variable: str) -> str:
    return variable.removeprefix(PREFIX).lower()


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # the `- NAME=value` form
        return dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def test_every_suunta_variable_is_a_setting(compose: dict[str, Any]) -> None:
    fields = set(Settings.model_fields)
    used = set()
    for name, service in compose["services"].items():
        for variable in _environment(service):
            if variable.startswith(PREFIX) and variable not in NOT_SETTINGS:
                used.add(variable)
                assert _setting(variable) in fields, f"{name}: {variable} is not a setting"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for variable in re.findall(r"\b(SUUNTA_[A-Z_]+)=", dockerfile):
        used.add(variable)
        assert _setting(variable) in fields, f"Dockerfile: {variable} is not a setting"
    example = (DEPLOY / "example.env").read_text(encoding="utf-8")
    for variable in re.findall(r"^(SUUNTA_[A-Z_]+)=", example, re.MULTILINE):
        assert variable in NOT_SETTINGS or _setting(variable) in fields, variable
    # The ones a scaled-out service cannot do without.
    assert {
        "SUUNTA_DATABASE_URL",
        "SUUNTA_REDIS_URL",
        "SUUNTA_SESSION_SECRET",
        "SUUNTA_OTEL_EXPORTER",
        "SUUNTA_OTEL_ENDPOINT",
        "SUUNTA_TRUSTED_PROXIES",
        "SUUNTA_RETENTION_DAYS",
        "SUUNTA_CONTROLLER_NAME",
    } <= used


def test_the_values_are_valid_settings(compose: dict[str, Any]) -> None:
    env = _environment(compose["services"]["suunta-1"])
    values: dict[str, Any] = {
        _setting(k): re.sub(r"\$\{[A-Z_]+:?[-?]([^}]*)\}", lambda m: m.group(1) or "x", v)
        for k, v in env.items()
        if k.startswith(PREFIX)
    }
    values["session_secret"] = "s" * 32
    settings = Settings.model_validate(values)
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.otel_exporter == "otlp" and settings.redis_url == "redis://redis:6379/0"


def test_every_service_has_a_health_check(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "redis", "otel-collector", "caddy"} <= set(services)
    for name, service in services.items():
        check = service.get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), name
    assert "HEALTHCHECK" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_two_replicas_behind_the_tls_proxy(compose: dict[str, Any]) -> None:
    services = compose["services"]
    replicas = [n for n, s in services.items() if s.get("image") == "suunta:latest"]
    assert len(replicas) == 2
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    for name in replicas:
        assert f"{name}:8000" in caddyfile
        needs = services[name]["depends_on"]
        assert all(needs[d]["condition"] == "service_healthy" for d in needs)
    assert "health_uri /health" in caddyfile
    assert {"80:80", "443:443"} <= set(services["caddy"]["ports"])
    # Only the proxy is published; the replicas trust forwarded headers from its network only.
    assert all("ports" not in services[n] for n in services if n != "caddy")
    subnet = compose["networks"]["suunta"]["ipam"]["config"][0]["subnet"]
    assert _environment(services[replicas[0]])["SUUNTA_TRUSTED_PROXIES"] == subnet


def test_the_image_runs_as_a_user_with_the_index_built_in() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    build = next(i for i, line in enumerate(lines) if "suunta kb build" in line)
    assert build < lines.index(f"USER {users[-1]}")
    assert lines[-1].startswith("CMD") and "serve" in lines[-1]
