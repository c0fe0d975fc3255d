"""The conversation_turns table: conversation memory every server process sees.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

The model is `application.memory.ConversationTurnRecord`: the last few questions of a session,
redacted, deleted an hour after the session's last turn and when the learner deletes it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_turns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("question", sa.String(2000), nullable=False),
        sa.Column("doc_ids", sa.String(1024), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        if_not_exists=True,
    )
    op.create_index(
        "ix_conversation_turns_session_id",
        "conversation_turns",
        ["session_id"],
        if_not_exists=True,
    )
    op.create_index("ix_conversation_turns_at", "conversation_turns", ["at"], if_not_exists=True)


def downgrade() -> None:
    op.drop_table("conversation_turns")
