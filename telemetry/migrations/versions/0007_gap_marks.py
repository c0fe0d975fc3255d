"""The knowledge-gap work queue: an owner's mark on a theme.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

The model is `evaluation.reports.gap_queue.GapMarkRecord`: a theme's key, its state
(`in_progress`, `fixed`, `not_ours`), the card or article that fixed it, when it was marked,
and the keys (hashes of the redacted texts) of the questions it held then, so a theme found
again with other wording keeps its mark. No text and no staff identity is stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gap_marks",
        sa.Column("key", sa.String(16), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("fixed_by", sa.String(200), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("questions", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("gap_marks")
