"""Wrong-answer reports and the reason of a reply.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

`feedback.wrong_answer` marks a learner's "Report a wrong answer" (counted apart from ratings;
the row may carry a redacted comment and no rating). `messages.reason` is why the assistant
replied as it did (`not_covered`, `own_case`, `local`, ...), so the knowledge-gap report can
tell unanswered questions apart by reason. Both are empty on rows written before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feedback", sa.Column("wrong_answer", sa.Boolean, nullable=True))
    op.add_column("messages", sa.Column("reason", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("reason")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("wrong_answer")
