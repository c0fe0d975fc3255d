"""Organisations: the registry, the organisation each session came through, staff's own one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

The model is `organisations.models.OrganisationRecord`. `sessions.org_id` is empty for the
national service (no organisation, or an unknown one); `users.org_id` is the organisation an
`org_owner` account may report on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name_fi", sa.String(200), nullable=False),
        sa.Column("name_sv", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=True),
        sa.Column("launched_on", sa.Date, nullable=True),
        sa.Column("allowed_parents", sa.String(1024), nullable=False),
    )
    op.add_column("sessions", sa.Column("org_id", sa.String(32), nullable=True))
    op.add_column("users", sa.Column("org_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("org_id")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("org_id")
    op.drop_table("organisations")
