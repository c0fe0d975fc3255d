"""The staff account tables: users and login_sessions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

The models are `accounts.models.UserRecord` and `LoginSessionRecord`. Before this revision the
web app made them with `create_all` (same columns): they are created only if missing, so such
tables and their accounts are adopted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        if_not_exists=True,
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True, if_not_exists=True)
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        if_not_exists=True,
    )
    op.create_index("ix_login_sessions_user_id", "login_sessions", ["user_id"], if_not_exists=True)
    op.create_index(
        "ix_login_sessions_expires_at", "login_sessions", ["expires_at"], if_not_exists=True
    )


def downgrade() -> None:
    op.drop_table("login_sessions")
    op.drop_table("users")
