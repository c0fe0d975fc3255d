"""The two outcome answers on a session: the planned next step taken, the service contacted.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

`sessions.next_step_taken` ('Did you take the next step you planned?': yes, partly, not_yet,
not_relevant) and `sessions.service_contacted` ('Did you contact the service we suggested?':
yes, not_yet, not_relevant), each a code from `telemetry.profile`, kept on the session in which
the step was planned or the service suggested (one click, optional, asked on a later visit or
later in the session) and deleted with it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("next_step_taken", sa.String(16), nullable=True))
    op.add_column("sessions", sa.Column("service_contacted", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("service_contacted")
        batch.drop_column("next_step_taken")
