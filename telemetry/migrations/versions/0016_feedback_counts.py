"""Per-day roll-up of the feedback with its question's dimensions, kept by the database itself:
the ratings a cold summary reads.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

The summary counts the feedback of each UTC day by rating, helpful vote and its question's
language, channel, mode, kind and topics (`evaluation.reports.facts.store_counts`), a left
join of millions of feedback rows to their questions. `feedback_counts` holds those groups,
kept equal to the join by triggers: on `feedback` (added, deleted, changed) and on `messages`
(a question stored after its feedback, deleted before it, or changed moves its feedback between
"no question" and its own dimensions). The upgrade fills it from the rows already stored.

`day` and `late` are those of `message_counts` (migration 0010), of the feedback's time; `linked`
is 0 for feedback whose question is not stored (its dimensions are then ''); `rated` is 0 for
no rating (`rating` is then 0); `helpful` is 0 not given, 1 no, 2 yes.
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

KEY = (
    "day",
    "late",
    "rated",
    "rating",
    "helpful",
    "linked",
    "language",
    "channel",
    "mode",
    "kind",
    "topics",
)
DIMENSIONS = ("language", "channel", "mode", "kind", "topics")
"""The question's columns the summary groups feedback by."""
FEEDBACK_COLUMNS = "message_id, created_at, rating, helpful"
MESSAGE_COLUMNS = "id, language, channel, mode, kind, topics"


def _day(column: str, dialect: str) -> tuple[str, str]:
    """SQL for the UTC date of a stored time (days since 1970) and its `late` flag."""
    if dialect == "postgresql":
        return f"CAST(floor(extract(epoch FROM {column}) / 86400) AS INTEGER)", "0"
    date = f"CAST(julianday(substr({column}, 1, 10)) - 2440587.5 AS INTEGER)"
    return date, f"(CAST(julianday({column}) - 2440587.5 AS INTEGER) - {date})"


def _keys(f: str, m: str | None, dialect: str) -> list[str]:
    """The key expressions of a feedback row (columns prefixed `f`) and its question (`m`):
    None for no question, 'left' for a left-joined `m` that may be missing."""
    day, late = _day(f"{f}created_at", dialect)
    feedback = [
        day,
        late,
        f"CASE WHEN {f}rating IS NULL THEN 0 ELSE 1 END",
        f"coalesce({f}rating, 0)",
        f"CASE WHEN {f}helpful IS NULL THEN 0 WHEN {f}helpful THEN 2 ELSE 1 END",
    ]
    if m is None:
        return [*feedback, "0", *("''" for _ in DIMENSIONS)]
    if m == "left":
        linked = "CASE WHEN m.id IS NULL THEN 0 ELSE 1 END"
        return [*feedback, linked, *(f"coalesce(m.{c}, '')" for c in DIMENSIONS)]
    return [*feedback, "1", *(f"{m}{c}" for c in DIMENSIONS)]


def _upsert(sign: str, f: str, m: str | None, source: str, dialect: str) -> str:
    """Add (+) or take away (-) the feedback of `source` (a FROM clause with a WHERE)."""
    keys = ", ".join(KEY)
    numbers = ", ".join(str(i + 1) for i in range(len(KEY)))
    return (
        f"INSERT INTO feedback_counts ({keys}, n) "
        f"SELECT {', '.join(_keys(f, m, dialect))}, {sign}count(*) FROM {source} "
        f"GROUP BY {numbers} ORDER BY {numbers} "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = feedback_counts.n + excluded.n"
    )


def _sqlite_triggers() -> list[str]:
    def of_feedback(row: str, sign: str) -> str:
        source = f"(SELECT 1) AS one LEFT JOIN messages m ON m.id = {row}.message_id WHERE true"
        return _upsert(sign, f"{row}.", "left", source, "sqlite") + ";"

    def of_question(row: str, linked: str, unlinked: str) -> str:
        """Move the feedback of question `row` between no question and its dimensions."""
        source = f"feedback f WHERE f.message_id = {row}.id"
        return (
            _upsert(linked, "f.", f"{row}.", source, "sqlite")
            + "; "
            + _upsert(unlinked, "f.", None, source, "sqlite")
            + ";"
        )

    return [
        "CREATE TRIGGER feedback_counts_insert AFTER INSERT ON feedback "
        f"BEGIN {of_feedback('NEW', '')} END",
        "CREATE TRIGGER feedback_counts_delete AFTER DELETE ON feedback "
        f"BEGIN {of_feedback('OLD', '-')} END",
        f"CREATE TRIGGER feedback_counts_update AFTER UPDATE OF {FEEDBACK_COLUMNS} ON feedback "
        f"BEGIN {of_feedback('OLD', '-')} {of_feedback('NEW', '')} END",
        "CREATE TRIGGER feedback_counts_message_insert AFTER INSERT ON messages "
        f"BEGIN {of_question('NEW', '', '-')} END",
        "CREATE TRIGGER feedback_counts_message_delete AFTER DELETE ON messages "
        f"BEGIN {of_question('OLD', '-', '')} END",
        f"CREATE TRIGGER feedback_counts_message_update AFTER UPDATE OF {MESSAGE_COLUMNS} "
        f"ON messages BEGIN {of_question('OLD', '-', '')} {of_question('NEW', '', '-')} END",
    ]


PG_TRIGGERS = (
    ("feedback_counts_insert", "feedback", "INSERT", "NEW TABLE AS new_rows"),
    ("feedback_counts_delete", "feedback", "DELETE", "OLD TABLE AS old_rows"),
    ("feedback_counts_update", "feedback", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("feedback_counts_message_insert", "messages", "INSERT", "NEW TABLE AS new_rows"),
    ("feedback_counts_message_delete", "messages", "DELETE", "OLD TABLE AS old_rows"),
    (
        "feedback_counts_message_update",
        "messages",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
)


def _pg_triggers() -> list[str]:
    def of_feedback(rows: str, sign: str) -> str:
        source = f"{rows} f LEFT JOIN messages m ON m.id = f.message_id WHERE true"
        return _upsert(sign, "f.", "left", source, "postgresql")

    def of_questions(rows: str, linked: str, unlinked: str) -> str:
        source = f"feedback f JOIN {rows} q ON f.message_id = q.id WHERE true"
        return (
            f"{_upsert(linked, 'f.', 'q.', source, 'postgresql')}; "
            f"{_upsert(unlinked, 'f.', None, source, 'postgresql')}"
        )

    bodies = {
        "feedback_counts_insert": of_feedback("new_rows", ""),
        "feedback_counts_delete": of_feedback("old_rows", "-"),
        "feedback_counts_update": f"{of_feedback('old_rows', '-')}; {of_feedback('new_rows', '')}",
        "feedback_counts_message_insert": of_questions("new_rows", "", "-"),
        "feedback_counts_message_delete": of_questions("old_rows", "-", ""),
        "feedback_counts_message_update": (
            f"{of_questions('old_rows', '-', '')}; {of_questions('new_rows', '', '-')}"
        ),
    }
    out = []
    for name, table, event, transition in PG_TRIGGERS:
        out.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {bodies[name]}; RETURN NULL; END $$"
        )
        out.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        "CREATE TABLE feedback_counts (day INTEGER NOT NULL, late SMALLINT NOT NULL, "
        "rated SMALLINT NOT NULL, rating INTEGER NOT NULL, helpful SMALLINT NOT NULL, "
        "linked SMALLINT NOT NULL, language VARCHAR(2) NOT NULL, channel VARCHAR(16) NOT NULL, "
        "mode VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, topics VARCHAR(512) NOT NULL, "
        f"n INTEGER NOT NULL, PRIMARY KEY ({', '.join(KEY)}))"
    )
    stored = "feedback f LEFT JOIN messages m ON m.id = f.message_id WHERE true"
    op.execute(_upsert("", "f.", "left", stored, dialect))
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table, _, _ in PG_TRIGGERS:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE feedback_counts")
