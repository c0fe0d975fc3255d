"""Sign-in sessions: a random cookie token, of which only a SHA-256 hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from accounts.models import LoginSessionRecord, UserRecord, utcnow
from accounts.users import User

SESSION_LIFETIME = dt.timedelta(hours=8)
"""A working day; then the counsellor signs in again."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(*, engine: Engine, user: User) -> str:
    """A new session token for `user` (expired sessions are cleared on the way)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with Session(engine) as db:
        db.exec(delete(LoginSessionRecord).where(col(LoginSessionRecord.expires_at) < now))
        db.add(
            LoginSessionRecord(
                token_hash=_hash(token), user_id=user.id, expires_at=now + SESSION_LIFETIME
            )
        )
        db.commit()
    return token


def user_for_token(*, engine: Engine, token: str | None) -> User | None:
    """The signed-in user for a cookie token, or None when it is missing, unknown or expired."""
    if not token or len(token) > 128:
        return None
    with Session(engine) as db:
        row = db.exec(
            select(LoginSessionRecord, UserRecord)
            .join(UserRecord, col(UserRecord.id) == col(LoginSessionRecord.user_id))
            .where(LoginSessionRecord.token_hash == _hash(token))
        ).first()
    if row is None:
        return None
    login, user = row
    expires = login.expires_at
    if expires.tzinfo is None:  # SQLite hands back naive datetimes (stored as UTC)
        expires = expires.replace(tzinfo=dt.UTC)
    if expires <= utcnow() or user.id is None:
        return None
    return User(id=user.id, username=user.username, role=user.role, org_id=user.org_id)


def end_session(*, engine: Engine, token: str | None) -> None:
    """Sign out: forget the session behind `token`."""
    if not token:
        return
    with Session(engine) as db:
        db.exec(
            delete(LoginSessionRecord).where(col(LoginSessionRecord.token_hash) == _hash(token))
        )
        db.commit()
