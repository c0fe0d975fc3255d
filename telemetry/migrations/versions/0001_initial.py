"""The telemetry tables: sessions, messages, feedback, escalations, with the report indexes.

Revision ID: 0001
Revises:
Create Date: 2026-11-20

Every table and index is created only if missing, so a database made by the walking skeleton's
`create_all` (same tables, fewer indexes) is adopted instead of refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("language", sa.String(2), nullable=True),
        sa.Column("age_band", sa.String(16), nullable=True),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("life_situation", sa.String(32), nullable=True),
        sa.Column("clarity_start", sa.Integer, nullable=True),
        sa.Column("clarity_end", sa.Integer, nullable=True),
        if_not_exists=True,
    )
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"], if_not_exists=True)
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"], if_not_exists=True)

    op.create_table(
        "messages",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("topics", sa.String(512), nullable=False),
        sa.Column("source_ids", sa.String(1024), nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("generator", sa.String(32), nullable=False),
        sa.Column("question", sa.String(2000), nullable=True),
        if_not_exists=True,
    )
    op.create_index("ix_messages_session_id", "messages", ["session_id"], if_not_exists=True)
    op.create_index(
        "ix_messages_created_at_kind", "messages", ["created_at", "kind"], if_not_exists=True
    )
    op.create_index(
        "ix_messages_created_at_language",
        "messages",
        ["created_at", "language"],
        if_not_exists=True,
    )

    op.create_table(
        "feedback",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("rating", sa.Integer, nullable=True),
        sa.Column("helpful", sa.Boolean, nullable=True),
        sa.Column("comment", sa.String(1000), nullable=True),
        if_not_exists=True,
    )
    op.create_index("ix_feedback_message_id", "feedback", ["message_id"], if_not_exists=True)
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"], if_not_exists=True)

    op.create_table(
        "escalations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        if_not_exists=True,
    )
    op.create_index(
        "ix_escalations_created_at_kind", "escalations", ["created_at", "kind"], if_not_exists=True
    )


def downgrade() -> None:
    for table in ("escalations", "feedback", "messages", "sessions"):
        op.drop_table(table)
