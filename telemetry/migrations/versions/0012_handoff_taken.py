"""A handoff taken: the learner opened one of the services a handoff reply offered.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

`sessions.handoff_taken` is `link` or `phone` (`telemetry.profile.HANDOFF_TAKEN`): the chat page
reports a click on a web address or a phone number in a handoff reply, once per session. Which
service it was, and when, is not kept; the flag is deleted with its session.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("handoff_taken", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("handoff_taken")
