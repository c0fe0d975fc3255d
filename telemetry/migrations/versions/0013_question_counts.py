"""Monthly roll-up of the questions by their session's organisation and region, kept by the
database itself: what a cold indicator report reads.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

The indicator year (`evaluation.monitoring.facts.read_year`) counts the questions of each month
by their session's organisation and region and one code (mode, outcome, knowledge-gap mark by
the reply, 50 ms latency bin). Joining ten million questions to their sessions for that took
most of a cold report. `question_counts` holds those groups already, per month:

- triggers on `messages` add every inserted question and take away every deleted one (a
  learner's deletion, the retention purge), with the organisation and region its session has
  then; a question whose session is not stored is not counted (the report's join leaves it out);
- triggers on `sessions` move a session's questions when its organisation or region changes (a
  profile answer given after the questions), add them when the session row comes after its
  questions, and take them away when the session is deleted before them;

so the roll-up always equals a grouping of `messages JOIN sessions`, whoever writes. The
upgrade fills it from the rows already stored (one grouping, once).

`month` is the UTC month of `created_at` as year * 12 + month - 1; `late` is 1 for a SQLite time
in the last half millisecond of a month, which SQLite's `julianday` (as the report reads the
month) rounds into the next month (always 0 in PostgreSQL). `org_id` and `region` are '' when not
given. `code` is ((mode * 3 + outcome) * 2 + gap mark) * 401 + latency bin, with the codes of
`evaluation.monitoring.year_sql` (frozen here; `LOW_CONFIDENCE` too: a test compares them).
PostgreSQL's triggers on `messages` and on inserted or deleted `sessions` run once a statement
over the transition table; its trigger on a session's organisation or region runs once a changed
row (transition tables cannot be limited to some columns).
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LOW_CONFIDENCE = 0.45
"""`evaluation.reports.vocabulary.LOW_CONFIDENCE` when this was written."""
KEY = ("month", "late", "org_id", "region", "code")
SESSION_COLUMNS = "id, org_id, region"
MESSAGE_COLUMNS = "session_id, created_at, mode, kind, confidence, latency_ms"


def _month(column: str, dialect: str) -> tuple[str, str]:
    """SQL for the UTC month of a stored time (year * 12 + month - 1) and its `late` flag."""
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


def _code(m: str, dialect: str) -> str:
    """SQL for a question's code; `m` is the message's column prefix."""
    mode = f"CASE {m}mode WHEN 'learner' THEN 0 WHEN 'counsellor' THEN 1 ELSE 2 END"
    kind = f"CASE {m}kind WHEN 'no_answer' THEN 1 WHEN 'handoff' THEN 2 ELSE 0 END"
    low = repr(LOW_CONFIDENCE)
    if dialect == "postgresql":
        low = f"CAST({low} AS DOUBLE PRECISION)"
    gap = (
        f"CASE WHEN {m}kind = 'no_answer' THEN 1 "
        f"WHEN {m}kind = 'answer' AND {m}confidence < {low} THEN 1 ELSE 0 END"
    )
    if dialect == "postgresql":
        latency = f"greatest(0, least(CAST(floor({m}latency_ms / 50) AS INTEGER), 400))"
    else:
        latency = f"max(0, min(CAST({m}latency_ms / 50 AS INTEGER), 400))"
    return f"((({mode}) * 3 + {kind}) * 2 + {gap}) * 401 + {latency}"


def _keys(m: str, s: str, dialect: str) -> list[str]:
    """The key expressions of a question (columns prefixed `m`) of a session (prefixed `s`)."""
    month, late = _month(f"{m}created_at", dialect)
    return [
        month,
        late,
        f"coalesce({s}org_id, '')",
        f"coalesce({s}region, '')",
        _code(m, dialect),
    ]


def _upsert(sign: str, m: str, s: str, source: str, dialect: str) -> str:
    """Add (+) or take away (-) the questions of `source` (a FROM clause with a WHERE)."""
    keys = ", ".join(KEY)
    numbers = ", ".join(str(i + 1) for i in range(len(KEY)))
    return (
        f"INSERT INTO question_counts ({keys}, n) "
        f"SELECT {', '.join(_keys(m, s, dialect))}, {sign}count(*) FROM {source} "
        f"GROUP BY {numbers} ORDER BY {numbers} "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = question_counts.n + excluded.n"
    )


def _sqlite_triggers() -> list[str]:
    def of_message(row: str, sign: str) -> str:
        source = f"sessions s WHERE s.id = {row}.session_id"
        return _upsert(sign, f"{row}.", "s.", source, "sqlite") + ";"

    def of_session(row: str, sign: str) -> str:
        source = f"messages m WHERE m.session_id = {row}.id"
        return _upsert(sign, "m.", f"{row}.", source, "sqlite") + ";"

    moved = (
        "OLD.id IS NOT NEW.id OR coalesce(OLD.org_id, '') <> coalesce(NEW.org_id, '') "
        "OR coalesce(OLD.region, '') <> coalesce(NEW.region, '')"
    )
    return [
        "CREATE TRIGGER question_counts_insert AFTER INSERT ON messages "
        f"BEGIN {of_message('NEW', '')} END",
        "CREATE TRIGGER question_counts_delete AFTER DELETE ON messages "
        f"BEGIN {of_message('OLD', '-')} END",
        f"CREATE TRIGGER question_counts_update AFTER UPDATE OF {MESSAGE_COLUMNS} ON messages "
        f"BEGIN {of_message('OLD', '-')} {of_message('NEW', '')} END",
        "CREATE TRIGGER question_counts_session_insert AFTER INSERT ON sessions "
        f"BEGIN {of_session('NEW', '')} END",
        "CREATE TRIGGER question_counts_session_delete AFTER DELETE ON sessions "
        f"BEGIN {of_session('OLD', '-')} END",
        f"CREATE TRIGGER question_counts_session_update AFTER UPDATE OF {SESSION_COLUMNS} "
        f"ON sessions WHEN {moved} BEGIN {of_session('OLD', '-')} {of_session('NEW', '')} END",
    ]


PG_TRIGGERS = (
    ("question_counts_insert", "messages", "INSERT", "NEW TABLE AS new_rows"),
    ("question_counts_delete", "messages", "DELETE", "OLD TABLE AS old_rows"),
    ("question_counts_update", "messages", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("question_counts_session_insert", "sessions", "INSERT", "NEW TABLE AS new_rows"),
    ("question_counts_session_delete", "sessions", "DELETE", "OLD TABLE AS old_rows"),
    ("question_counts_session_update", "sessions", "UPDATE", ""),
)


def _pg_triggers() -> list[str]:
    def of_messages(rows: str, sign: str) -> str:
        source = f"{rows} m JOIN sessions s ON s.id = m.session_id WHERE true"
        return _upsert(sign, "m.", "s.", source, "postgresql")

    def of_sessions(rows: str, sign: str, s: str = "s.") -> str:
        join = f"JOIN {rows} s ON s.id = m.session_id WHERE true" if rows else ""
        source = f"messages m {join}" if rows else f"messages m WHERE m.session_id = {s}id"
        return _upsert(sign, "m.", s, source, "postgresql")

    bodies = {
        "question_counts_insert": of_messages("new_rows", ""),
        "question_counts_delete": of_messages("old_rows", "-"),
        "question_counts_update": f"{of_messages('old_rows', '-')}; {of_messages('new_rows', '')}",
        "question_counts_session_insert": of_sessions("new_rows", ""),
        "question_counts_session_delete": of_sessions("old_rows", "-"),
        "question_counts_session_update": (
            f"{of_sessions('', '-', 'OLD.')}; {of_sessions('', '', 'NEW.')}"
        ),
    }
    moved = (
        "OLD.id IS DISTINCT FROM NEW.id "
        "OR coalesce(OLD.org_id, '') <> coalesce(NEW.org_id, '') "
        "OR coalesce(OLD.region, '') <> coalesce(NEW.region, '')"
    )
    out = []
    for name, table, event, transition in PG_TRIGGERS:
        result = "NULL" if transition else "NEW"
        out.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {bodies[name]}; RETURN {result}; END $$"
        )
        if transition:
            when = f"AFTER {event} ON {table} REFERENCING {transition} FOR EACH STATEMENT"
        else:
            when = f"AFTER UPDATE OF {SESSION_COLUMNS} ON {table} FOR EACH ROW WHEN ({moved})"
        out.append(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        "CREATE TABLE question_counts (month INTEGER NOT NULL, late SMALLINT NOT NULL, "
        "org_id VARCHAR(32) NOT NULL, region VARCHAR(32) NOT NULL, code INTEGER NOT NULL, "
        f"n INTEGER NOT NULL, PRIMARY KEY ({', '.join(KEY)}))"
    )
    stored = "messages m JOIN sessions s ON s.id = m.session_id WHERE true"
    op.execute(_upsert("", "m.", "s.", stored, dialect))
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
    op.execute("DROP TABLE question_counts")
