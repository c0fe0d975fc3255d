"""`StaffAccounts`: the account functions bound to one store, as the web routes reach them."""

from __future__ import annotations

from sqlalchemy import Engine

from accounts.sign_in import end_session, start_session, user_for_token
from accounts.users import User, authenticate, create_user, list_users, remove_user


class StaffAccounts:
    """Staff accounts and sign-in sessions in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, username: str, password: str, role: str, org_id: str | None = None) -> User:
        """Add an account (see `create_user`)."""
        return create_user(
            engine=self.engine, username=username, password=password, role=role, org_id=org_id
        )

    def list(self) -> list[User]:
        """Every account, by username."""
        return list_users(engine=self.engine)

    def remove(self, username: str) -> None:
        """Delete an account and sign it out everywhere."""
        remove_user(engine=self.engine, username=username)

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password is right, else None."""
        return authenticate(engine=self.engine, username=username, password=password)

    def start_session(self, user: User) -> str:
        """A new sign-in token for `user`."""
        return start_session(engine=self.engine, user=user)

    def user_for_token(self, token: str | None) -> User | None:
        """The signed-in user behind a cookie token, or None."""
        return user_for_token(engine=self.engine, token=token)

    def end_session(self, token: str | None) -> None:
        """Sign out."""
        end_session(engine=self.engine, token=token)
