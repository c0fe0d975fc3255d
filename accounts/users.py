"""Creating, listing, removing and authenticating staff accounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from accounts.models import ROLES, LoginSessionRecord, UserRecord
from accounts.passwords import hash_password, needs_rehash, password_problem, verify_password

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


class UserError(ValueError):
    """An account cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class User:
    """A staff member as the rest of Suunta sees them (no password hash)."""

    id: int
    username: str
    role: str
    org_id: str | None = None
    """The organisation an `org_owner` reports on; None for every other role."""


def _public(record: UserRecord) -> User:
    assert record.id is not None
    return User(id=record.id, username=record.username, role=record.role, org_id=record.org_id)


def create_user(
    *, engine: Engine, username: str, password: str, role: str, org_id: str | None = None
) -> User:
    """Add an account; refuses a bad username, a weak password, an unknown role or a duplicate,
    and an `org_owner` without an organisation (or another role with one)."""
    if not USERNAME.match(username):
        raise UserError(
            "the username must be 3-32 characters: lower-case letters, digits, '.', '_' or '-'"
        )
    if role not in ROLES:
        raise UserError(f"the role must be one of {', '.join(ROLES)}")
    if (role == "org_owner") != (org_id is not None):
        raise UserError("an org_owner needs --org, and only an org_owner has one")
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    with Session(engine) as db:
        if db.exec(select(UserRecord).where(UserRecord.username == username)).first():
            raise UserError(f"user '{username}' already exists")
        record = UserRecord(
            username=username, password_hash=hash_password(password), role=role, org_id=org_id
        )
        db.add(record)
        db.commit()
        db.refresh(record)
        return _public(record)


def list_users(*, engine: Engine) -> list[User]:
    """Every account, by username."""
    with Session(engine) as db:
        records = db.exec(select(UserRecord).order_by(col(UserRecord.username))).all()
        return [_public(r) for r in records]


def remove_user(*, engine: Engine, username: str) -> None:
    """Delete an account and sign it out everywhere."""
    with Session(engine) as db:
        record = db.exec(select(UserRecord).where(UserRecord.username == username)).first()
        if record is None:
            raise UserError(f"no user '{username}'")
        db.exec(delete(LoginSessionRecord).where(col(LoginSessionRecord.user_id) == record.id))
        db.delete(record)
        db.commit()


def authenticate(*, engine: Engine, username: str, password: str) -> User | None:
    """The user when the password is right, else None (same work either way)."""
    with Session(engine) as db:
        record = db.exec(select(UserRecord).where(UserRecord.username == username)).first()
        if not verify_password(record.password_hash if record else None, password):
            return None
        assert record is not None
        if needs_rehash(record.password_hash):
            record.password_hash = hash_password(password)
            db.add(record)
            db.commit()
            db.refresh(record)
        return _public(record)
