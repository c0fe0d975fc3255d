"""What the routes reach, as small Protocols: the services the composition root builds once.

`web` never imports the composition root (`suunta`): `create_app` is handed something that has
these attributes, and the routes see only the part they use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from fastapi import Depends, FastAPI, Request

from accounts.users import User
from application.chat import Reply, StreamEvent, Via
from application.indicator_access import Units
from application.monitoring import Benchmark, ExpertReport, UnitReport
from application.organisations import OrganisationBase, OrganisationRecord
from application.reports import Export, Filter, GapState, Period, Summary


class ChatPort(Protocol):
    """Replies to messages and records each turn; a learner's own session data."""

    @property
    def index_documents(self) -> int: ...

    def reply(
        self,
        message: str,
        *,
        session_id: str | None = ...,
        language: str | None = ...,
        mode: str = ...,
        via: Via = ...,
        user_id: str | None = ...,
        org_id: str | None = ...,
    ) -> Reply: ...

    def stream(
        self,
        message: str,
        *,
        session_id: str | None = ...,
        language: str | None = ...,
        mode: str = ...,
        via: Via = ...,
        user_id: str | None = ...,
        org_id: str | None = ...,
    ) -> Iterator[StreamEvent]: ...

    def session_for_user(self, user: str | None) -> str: ...

    def staff_key(self, account_id: int) -> str: ...

    def recall(self, session_id: str, earlier_questions: Sequence[str]) -> int: ...

    def feedback(
        self,
        message_id: str,
        *,
        rating: int | None,
        helpful: bool | None,
        comment: str | None,
        wrong_answer: bool = ...,
    ) -> bool: ...

    def save_profile(self, session_id: str, answers: dict[str, Any]) -> None: ...

    def delete_session(self, session_id: str) -> bool: ...


class ReportPort(Protocol):
    """The service-owner report at the level asked."""

    def period(
        self, start: dt.date | None = ..., end: dt.date | None = ..., *, today: dt.date | None = ...
    ) -> Period: ...

    def level(self, language: str | None = ..., channel: str | None = ...) -> Filter | None: ...

    def topics(self) -> dict[str, dict[str, str]] | None: ...

    def summary(
        self,
        period: Period,
        *,
        gaps: bool = ...,
        group: Filter | None = ...,
        baseline: Path | None = ...,
    ) -> Summary: ...

    def export(
        self, period: Period, format: Literal["html", "csv"], *, lang: str = ..., gaps: bool = ...
    ) -> Export: ...

    def mark_gap(
        self,
        key: str,
        state: GapState,
        *,
        questions: Sequence[str] = ...,
        fixed_by: str | None = ...,
    ) -> object: ...

    def clear_gap(self, key: str) -> bool: ...


class OrgsPort(Protocol):
    """The organisation registry and the door a session came through."""

    def door(self, org_id: str | None) -> OrganisationRecord | None: ...

    def list(self) -> list[OrganisationRecord]: ...

    def create(self, org_in: OrganisationBase) -> OrganisationRecord: ...

    def remove(self, org_id: str) -> None: ...

    def import_contacts(self, data: bytes) -> int: ...


class IndicatorsPort(Protocol):
    """The common indicators at every level, as the user's role may see them."""

    def report(
        self, user: User, level: str, ident: str | None, start: dt.date | None, end: dt.date | None
    ) -> UnitReport | Benchmark: ...

    def units(self, user: User) -> Units: ...

    def open_data(
        self, user: User, start: dt.date | None, end: dt.date | None
    ) -> tuple[str, bytes]: ...

    def counsellor(
        self, user: User, start: dt.date | None, end: dt.date | None
    ) -> ExpertReport: ...


class AccountsPort(Protocol):
    """Staff sign-in."""

    def authenticate(self, username: str, password: str) -> User | None: ...

    def start_session(self, user: User) -> str: ...

    def user_for_token(self, token: str | None) -> User | None: ...

    def end_session(self, token: str | None) -> None: ...


class LimitsPort(Protocol):
    """Budgets shared by every process (Redis) or kept in this one."""

    def hit(self, name: str, key: str, *, limit: int, seconds: int) -> float | None: ...

    def wait(self, name: str, key: str, *, limit: int, seconds: int) -> float | None: ...

    def clear(self, name: str, key: str, *, limit: int, seconds: int) -> None: ...


class WebSettings(Protocol):
    """The settings the web layer reads."""

    @property
    def rate_limit_per_minute(self) -> int: ...

    @property
    def min_group_size(self) -> int: ...

    @property
    def retention_days(self) -> int | None: ...

    @property
    def controller_name(self) -> str | None: ...

    @property
    def controller_contact(self) -> str | None: ...

    @property
    def accessibility_contact(self) -> str | None: ...


class Services(Protocol):
    """Everything the app needs, built once by the composition root."""

    @property
    def version(self) -> str: ...

    @property
    def chat(self) -> ChatPort: ...

    @property
    def reports(self) -> ReportPort: ...

    @property
    def accounts(self) -> AccountsPort: ...

    @property
    def orgs(self) -> OrgsPort: ...

    @property
    def indicators(self) -> IndicatorsPort: ...

    def limits(self) -> LimitsPort: ...

    def start(self, app: FastAPI) -> None: ...

    def stop(self) -> None: ...


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_chat(request: Request) -> ChatPort:
    """The chat service."""
    return _services(request).chat


def get_reports(request: Request) -> ReportPort:
    """The report service."""
    return _services(request).reports


def get_accounts(request: Request) -> AccountsPort:
    """The staff accounts."""
    return _services(request).accounts


def get_orgs(request: Request) -> OrgsPort:
    """The organisation registry."""
    return _services(request).orgs


def get_indicators(request: Request) -> IndicatorsPort:
    """The indicator reports, behind each role's rights."""
    return _services(request).indicators


def get_settings(request: Request) -> WebSettings:
    """The settings the app was made with."""
    settings: WebSettings = request.app.state.settings
    return settings


ChatDep = Annotated[ChatPort, Depends(get_chat)]
ReportsDep = Annotated[ReportPort, Depends(get_reports)]
AccountsDep = Annotated[AccountsPort, Depends(get_accounts)]
OrgsDep = Annotated[OrgsPort, Depends(get_orgs)]
IndicatorsDep = Annotated[IndicatorsPort, Depends(get_indicators)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
