"""Face-to-face, phone and chat guidance contacts an organisation reports by month.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

The model is `organisations.contacts.ContactRecord`: counts only (organisation, month,
channel, number of contacts), imported from the organisation's CSV with
`suunta orgs import-contacts FILE`; nothing about any person.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guidance_contacts",
        sa.Column("org_id", sa.String(32), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("contacts", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("guidance_contacts")
