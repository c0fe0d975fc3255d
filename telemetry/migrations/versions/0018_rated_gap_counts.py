"""Monthly roll-up of the knowledge gaps made by a poor rating, kept by the database itself.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A learner's question that got an answer of enough confidence is still a knowledge gap when its
feedback has a poor rating (1-2) or a wrong-answer report. The indicator year counts those
questions per month by their session's organisation and region
(`evaluation.monitoring.year_sql.rated_gap_groups`): a scan of the feedback and a look-up of
each poor rating's question and session, a third of a cold report's reading. Two tables hold it:

- `poor_feedback`: each question that has poor feedback, with how many such feedback rows it
  has (a row only while there is one), kept by triggers on `feedback`;
- `rated_gap_counts`: the learners' questions that are not gaps by their reply and have a row
  in `poor_feedback`, per UTC month of the question, organisation and region of its session;
  kept by triggers on `poor_feedback` (a question gets or loses its first poor feedback),
  `messages` (a question stored after its feedback, deleted, or changed) and `sessions` (stored
  after its questions, deleted first, or given another organisation or region),

so it always equals counting `messages JOIN sessions` whose id is among the poor feedback's, as
the reading did. The upgrade fills both from the rows already stored.

`month` and `late` are those of `question_counts` (migration 0013); `LOW_CONFIDENCE` is frozen
here as there (a test compares them). PostgreSQL's triggers run once a statement over the
transition tables, but its trigger on a session's organisation or region once a changed row.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

LOW_CONFIDENCE = 0.45
"""`evaluation.reports.vocabulary.LOW_CONFIDENCE` when this was written."""
KEY = ("month", "late", "org_id", "region")
MESSAGE_COLUMNS = "id, session_id, created_at, mode, kind, confidence"
SESSION_COLUMNS = "id, org_id, region"
FEEDBACK_COLUMNS = "message_id, rating, wrong_answer"


def _poor(f: str, dialect: str) -> str:
    """SQL: a feedback row (columns prefixed `f`) rates its answer poor, as the reading asks."""
    wrong = f"{f}wrong_answer IS TRUE" if dialect == "postgresql" else f"{f}wrong_answer = 1"
    return f"({f}rating <= 2 OR {wrong})"


def _counted(m: str, dialect: str) -> str:
    """SQL: a question (columns prefixed `m`) is a learner's that is no gap by its reply."""
    low = repr(LOW_CONFIDENCE)
    if dialect == "postgresql":
        low = f"CAST({low} AS DOUBLE PRECISION)"
    gap = (
        f"CASE WHEN {m}kind = 'no_answer' THEN 1 "
        f"WHEN {m}kind = 'answer' AND {m}confidence < {low} THEN 1 ELSE 0 END"
    )
    return f"{m}mode = 'learner' AND ({gap}) = 0"


def _month(column: str, dialect: str) -> tuple[str, str]:
    """SQL for the UTC month of a stored time (year * 12 + month - 1) and its `late` flag, as
    migration 0013 wrote them."""
    if dialect == "postgresql":
        utc = f"({column} AT TIME ZONE 'UTC')"
        return (
            f"CAST(extract(year FROM {utc}) * 12 + extract(month FROM {utc}) - 1 AS INTEGER)",
            "0",
        )
    raw = (
        f"(CAST(substr({column}, 1, 4) AS INTEGER) * 12 + CAST(substr({column}, 6, 2) AS INTEGER))"
    )
    rounded = (
        f"(CAST(strftime('%Y', julianday({column})) AS INTEGER) * 12 "
        f"+ CAST(strftime('%m', julianday({column})) AS INTEGER))"
    )
    return f"{raw} - 1", f"{rounded} - {raw}"


def _count(sign: str, m: str, s: str, source: str, dialect: str) -> str:
    """Add (+) or take away (-) the counted questions of `source` (a FROM clause with a WHERE
    that joins a question `m`, its session `s` and its `poor_feedback` row)."""
    keys = ", ".join(KEY)
    month, late = _month(f"{m}created_at", dialect)
    exprs = f"{month}, {late}, coalesce({s}org_id, ''), coalesce({s}region, '')"
    return (
        f"INSERT INTO rated_gap_counts ({keys}, n) "
        f"SELECT {exprs}, {sign}count(*) FROM {source} AND {_counted(m, dialect)} "
        f"GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = rated_gap_counts.n + excluded.n"
    )


def _sources(row: str, table: str) -> tuple[str, str, str]:
    """The prefixes of the question and the session, and the FROM clause, of the counted
    questions a changed row of `table` touches: `row` is NEW or OLD (a row trigger), else a
    transition table's name."""
    if row in ("NEW", "OLD"):
        return {
            "poor_feedback": (
                "m.",
                "s.",
                f"messages m JOIN sessions s ON s.id = m.session_id WHERE m.id = {row}.message_id",
            ),
            "messages": (
                f"{row}.",
                "s.",
                f"sessions s JOIN poor_feedback p ON p.message_id = {row}.id "
                f"WHERE s.id = {row}.session_id",
            ),
            "sessions": (
                "m.",
                f"{row}.",
                f"messages m JOIN poor_feedback p ON p.message_id = m.id "
                f"WHERE m.session_id = {row}.id",
            ),
        }[table]
    named = {t: row if t == table else t for t in ("poor_feedback", "messages", "sessions")}
    return (
        "m.",
        "s.",
        f"{named['poor_feedback']} p JOIN {named['messages']} m ON m.id = p.message_id "
        f"JOIN {named['sessions']} s ON s.id = m.session_id WHERE true",
    )


def _counts(table: str, row: str, sign: str, dialect: str) -> str:
    m, s, source = _sources(row, table)
    return _count(sign, m, s, source, dialect)


def _sqlite_triggers() -> list[str]:
    poor_new, poor_old = _poor("NEW.", "sqlite"), _poor("OLD.", "sqlite")
    add = (
        f"UPDATE poor_feedback SET n = n + 1 WHERE message_id = NEW.message_id AND {poor_new}; "
        "INSERT INTO poor_feedback (message_id, n) SELECT NEW.message_id, 1 "
        f"WHERE {poor_new} AND NEW.message_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM poor_feedback WHERE message_id = NEW.message_id);"
    )
    take = (
        f"UPDATE poor_feedback SET n = n - 1 WHERE message_id = OLD.message_id AND {poor_old}; "
        "DELETE FROM poor_feedback WHERE message_id = OLD.message_id AND n <= 0;"
    )
    out = [
        f"CREATE TRIGGER poor_feedback_insert AFTER INSERT ON feedback BEGIN {add} END",
        f"CREATE TRIGGER poor_feedback_delete AFTER DELETE ON feedback BEGIN {take} END",
        f"CREATE TRIGGER poor_feedback_update AFTER UPDATE OF {FEEDBACK_COLUMNS} ON feedback "
        f"BEGIN {add} {take} END",
        "CREATE TRIGGER rated_gap_counts_poor_insert AFTER INSERT ON poor_feedback "
        f"BEGIN {_counts('poor_feedback', 'NEW', '', 'sqlite')}; END",
        "CREATE TRIGGER rated_gap_counts_poor_delete AFTER DELETE ON poor_feedback "
        f"BEGIN {_counts('poor_feedback', 'OLD', '-', 'sqlite')}; END",
    ]
    for table, columns in (("messages", MESSAGE_COLUMNS), ("sessions", SESSION_COLUMNS)):
        new, old = _counts(table, "NEW", "", "sqlite"), _counts(table, "OLD", "-", "sqlite")
        name = f"rated_gap_counts_{table}"
        out += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {new}; END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {old}; END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {old}; {new}; END",
        ]
    return out


MOVED = (
    "OLD.id IS DISTINCT FROM NEW.id OR coalesce(OLD.org_id, '') <> coalesce(NEW.org_id, '') "
    "OR coalesce(OLD.region, '') <> coalesce(NEW.region, '')"
)


def _pg_poor(rows: str, sign: str) -> str:
    """Add (+) or take away (-) the poor feedback of a transition table."""
    grouped = (
        f"SELECT message_id, count(*) AS c FROM {rows} f "
        f"WHERE {_poor('f.', 'postgresql')} AND message_id IS NOT NULL GROUP BY 1"
    )
    if sign == "+":
        return (
            f"INSERT INTO poor_feedback (message_id, n) {grouped} ORDER BY 1 "
            "ON CONFLICT (message_id) DO UPDATE SET n = poor_feedback.n + excluded.n"
        )
    return (
        f"UPDATE poor_feedback p SET n = p.n - g.c FROM ({grouped}) g "
        f"WHERE p.message_id = g.message_id; DELETE FROM poor_feedback p "
        f"WHERE p.n <= 0 AND p.message_id IN (SELECT message_id FROM {rows})"
    )


PG_TRIGGERS = (
    ("poor_feedback_insert", "feedback", "INSERT", "NEW TABLE AS new_rows"),
    ("poor_feedback_delete", "feedback", "DELETE", "OLD TABLE AS old_rows"),
    ("poor_feedback_update", "feedback", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("rated_gap_counts_poor_insert", "poor_feedback", "INSERT", "NEW TABLE AS new_rows"),
    ("rated_gap_counts_poor_delete", "poor_feedback", "DELETE", "OLD TABLE AS old_rows"),
    ("rated_gap_counts_messages_insert", "messages", "INSERT", "NEW TABLE AS new_rows"),
    ("rated_gap_counts_messages_delete", "messages", "DELETE", "OLD TABLE AS old_rows"),
    (
        "rated_gap_counts_messages_update",
        "messages",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    ("rated_gap_counts_sessions_insert", "sessions", "INSERT", "NEW TABLE AS new_rows"),
    ("rated_gap_counts_sessions_delete", "sessions", "DELETE", "OLD TABLE AS old_rows"),
    ("rated_gap_counts_sessions_update", "sessions", "UPDATE", ""),
)


def _pg_triggers() -> list[str]:
    pg = "postgresql"
    bodies = {
        "poor_feedback_insert": _pg_poor("new_rows", "+"),
        "poor_feedback_delete": _pg_poor("old_rows", "-"),
        # The new rows first, so feedback moved within one question never empties it.
        "poor_feedback_update": f"{_pg_poor('new_rows', '+')}; {_pg_poor('old_rows', '-')}",
        "rated_gap_counts_poor_insert": _counts("poor_feedback", "new_rows", "", pg),
        "rated_gap_counts_poor_delete": _counts("poor_feedback", "old_rows", "-", pg),
        "rated_gap_counts_messages_insert": _counts("messages", "new_rows", "", pg),
        "rated_gap_counts_messages_delete": _counts("messages", "old_rows", "-", pg),
        "rated_gap_counts_messages_update": (
            f"{_counts('messages', 'old_rows', '-', pg)}; {_counts('messages', 'new_rows', '', pg)}"
        ),
        "rated_gap_counts_sessions_insert": _counts("sessions", "new_rows", "", pg),
        "rated_gap_counts_sessions_delete": _counts("sessions", "old_rows", "-", pg),
        "rated_gap_counts_sessions_update": (
            f"{_counts('sessions', 'OLD', '-', pg)}; {_counts('sessions', 'NEW', '', pg)}"
        ),
    }
    out = []
    for name, table, event, transition in PG_TRIGGERS:
        out.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {bodies[name]}; RETURN NULL; END $$"
        )
        if transition:
            when = f"AFTER {event} ON {table} REFERENCING {transition} FOR EACH STATEMENT"
        else:
            when = f"AFTER UPDATE OF {SESSION_COLUMNS} ON {table} FOR EACH ROW WHEN ({MOVED})"
        out.append(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        "CREATE TABLE poor_feedback (message_id VARCHAR(64) NOT NULL PRIMARY KEY, "
        "n INTEGER NOT NULL)"
    )
    op.execute(
        "CREATE TABLE rated_gap_counts (month INTEGER NOT NULL, late SMALLINT NOT NULL, "
        "org_id VARCHAR(32) NOT NULL, region VARCHAR(32) NOT NULL, n INTEGER NOT NULL, "
        f"PRIMARY KEY ({', '.join(KEY)}))"
    )
    op.execute(
        "INSERT INTO poor_feedback (message_id, n) SELECT message_id, count(*) FROM feedback f "
        f"WHERE {_poor('f.', dialect)} AND message_id IS NOT NULL GROUP BY 1"
    )
    op.execute(_counts("poor_feedback", "poor_feedback", "", dialect))
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
    op.execute("DROP TABLE rated_gap_counts")
    op.execute("DROP TABLE poor_feedback")
