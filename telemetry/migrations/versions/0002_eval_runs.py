"""The eval_runs table: golden-set evaluation runs stored by `suunta eval --golden`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

The model is `evaluation.eval_runs.EvalRunRecord`. Before this revision `suunta eval` made the
table itself (`create_all`, same columns): it is created only if missing, so such a table and its
runs are adopted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eval_runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("dataset", sa.String(200), nullable=False),
        sa.Column("dataset_sha256", sa.String(64), nullable=False),
        sa.Column("embedding_model", sa.String(200), nullable=False),
        sa.Column("generator", sa.String(200), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("cases", sa.Integer, nullable=False),
        sa.Column("pass_rate", sa.Float, nullable=False),
        sa.Column("language_match", sa.Float, nullable=False),
        sa.Column("recall_at_5", sa.Float, nullable=True),
        sa.Column("mrr_at_10", sa.Float, nullable=True),
        sa.Column("ndcg_at_10", sa.Float, nullable=True),
        sa.Column("latency_p50_ms", sa.Float, nullable=False),
        sa.Column("latency_p95_ms", sa.Float, nullable=False),
        sa.Column("details", sa.String, nullable=False),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_table("eval_runs")
