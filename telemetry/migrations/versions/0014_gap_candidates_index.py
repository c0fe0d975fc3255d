"""A partial index of the questions that may be knowledge gaps by their reply.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Every report reads, one by one, the questions that got no answer or an answer of low confidence
(`evaluation.reports.facts.store_counts`), about one question in eight. Found through the
`created_at` index, each cost a look-up in the table, the most of a cold report's reading after
the roll-ups. This index holds only those questions, with every column the reading needs, so the
reading stays in the index. `CANDIDATES` is the reading's own condition, frozen here (a test
compares them): SQLite and PostgreSQL use a partial index only for a query whose condition
implies the index's.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CANDIDATES = "kind = 'no_answer' OR (kind = 'answer' AND confidence < 0.45000001788139343)"
"""The float just above float32(0.45): every confidence the per-row reading finds below
`LOW_CONFIDENCE` (its exact float32 test is made in Python)."""


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_messages_gap_candidates ON messages (created_at, kind, confidence, id) "
        f"WHERE {CANDIDATES}"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_messages_gap_candidates")
