"""The account tables; they live in the telemetry store's database (migration 0003)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlmodel import Field, SQLModel

Role = Literal["counsellor", "org_owner", "owner", "admin"]
ROLES: tuple[Role, ...] = ("counsellor", "org_owner", "owner", "admin")
STAFF_ROLES: tuple[Role, ...] = ("counsellor", "owner", "admin")
"""Who may use the co-pilot (and see their own use of it, the counsellor level)."""
REPORT_ROLES: tuple[Role, ...] = ("owner", "admin")
"""Who may see every report at every level, and the open-data package."""


def utcnow() -> dt.datetime:
    """Timezone-aware now (UTC)."""
    return dt.datetime.now(dt.UTC)


class UserRecord(SQLModel, table=True):
    """A staff account. The username is the only thing kept about the person."""

    __tablename__ = "users"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=32, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    """argon2id hash; the password itself is never stored."""
    role: str = Field(max_length=16)
    """`counsellor`, `owner` or `admin`."""
    created_at: dt.datetime = Field(default_factory=utcnow)
    org_id: str | None = Field(default=None, max_length=32)
    """The organisation an `org_owner` reports on (migration 0005); empty for other roles."""


class LoginSessionRecord(SQLModel, table=True):
    """A signed-in browser: only the hash of its cookie token is kept."""

    __tablename__ = "login_sessions"
    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime = Field(index=True)


TABLES = (UserRecord, LoginSessionRecord)
