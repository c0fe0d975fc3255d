"""Deleted sessions remembered for a while, so that a deletion wins over events still on the way.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

`deleted_sessions` holds one row per deleted session for `telemetry.deletions.KEEP_DAYS`: a keyed
hash of the session id (never the id) and when it was deleted. The telemetry writer checks it in
the transaction that writes a batch, so a chat, rating or profile answer of a deleted session
that another replica still had in its queue or spool is not stored when it arrives later.
`store_keys` holds the random key of that hash, made here once per store (every process of the
store reads the same one).
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_sessions",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_deleted_sessions_deleted_at", "deleted_sessions", ["deleted_at"])
    keys = op.create_table(
        "store_keys",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    op.bulk_insert(keys, [{"name": "deleted_sessions", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("store_keys")
    op.drop_index("ix_deleted_sessions_deleted_at", table_name="deleted_sessions")
    op.drop_table("deleted_sessions")
