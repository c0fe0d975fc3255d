"""Monthly roll-ups of the sessions by organisation and region, kept by the database itself:
what a cold indicator report reads instead of every session of the year.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

The indicator year (`evaluation.monitoring.facts.read_year`) counts the sessions of each month
by organisation and region and their dimensions, the ones outside office hours, and each cell's
distinct users. Reading the year's three million sessions row by row for that took most of a
cold report. Three tables hold it already:

- `session_counts`: sessions per UTC month, organisation, region, language, channel, clarity at
  start and end, and the three outcome answers;
- `session_hours`: sessions per UTC hour, organisation and region (office hours are Finnish
  time, so the reading decides them per hour);
- `session_users`: per UTC month, organisation and region, each user (the session's id when it
  has no user id) with their number of sessions; a row whose count falls to zero is deleted,
  so deleted sessions leave nothing behind.

Triggers on `sessions` add every inserted session, take away every deleted one, and move a
session whose key columns change (a profile answer, an end-of-session answer, an upsert of a
replayed batch), whoever writes, so the roll-ups always equal a grouping of the rows. The upgrade
fills them from the rows already stored (one grouping each).

Missing values are '' (texts) and 0 (clarity), as the per-row reading joined them. The month is
year * 12 + month - 1 and the hour 'YYYY-MM-DD HH', both of the text the reading takes the hour
from (`year_sql.Dialect.hour`: SQLite's `strftime` on the stored text does not round the last
half millisecond up, unlike `julianday`, so there is no `late` flag). PostgreSQL's insert and
delete triggers run once a statement over the transition table; its update trigger once a
changed row (transition tables cannot be limited to some columns).
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

DIMENSIONS = (
    ("language", "VARCHAR(16)", "''"),
    ("channel", "VARCHAR(16)", "''"),
    ("clarity_start", "INTEGER", "0"),
    ("clarity_end", "INTEGER", "0"),
    ("next_step_taken", "VARCHAR(16)", "''"),
    ("service_contacted", "VARCHAR(16)", "''"),
    ("handoff_taken", "VARCHAR(16)", "''"),
)
"""A session's dimensions in `session_counts`: column, type, the value of a missing one."""
TABLES = {
    "session_counts": ("month", "org_id", "region", *(c for c, _, _ in DIMENSIONS)),
    "session_hours": ("hour", "org_id", "region"),
    "session_users": ("month", "org_id", "region", "user_key"),
}
"""Each roll-up's key."""
COLUMNS = (
    "id, user_id, started_at, org_id, region, language, channel, clarity_start, clarity_end, "
    "next_step_taken, service_contacted, handoff_taken"
)
"""The session columns the keys are made of."""
CHANGED = " OR ".join(
    f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COLUMNS.replace(" ", "").split(",")
)


def _key(table: str, s: str, dialect: str) -> list[str]:
    """The key expressions of a session (columns prefixed `s`) in `table`."""
    if dialect == "postgresql":
        utc = f"({s}started_at AT TIME ZONE 'UTC')"
        month = f"CAST(extract(year FROM {utc}) * 12 + extract(month FROM {utc}) - 1 AS INTEGER)"
        hour = f"to_char({utc}, 'YYYY-MM-DD HH24')"
    else:
        month = (
            f"CAST(strftime('%Y', {s}started_at) AS INTEGER) * 12 "
            f"+ CAST(strftime('%m', {s}started_at) AS INTEGER) - 1"
        )
        hour = f"strftime('%Y-%m-%d %H', {s}started_at)"
    expressions = {
        "month": month,
        "hour": hour,
        "org_id": f"coalesce({s}org_id, '')",
        "region": f"coalesce({s}region, '')",
        "user_key": (
            f"CASE WHEN {s}user_id IS NULL OR {s}user_id = '' THEN {s}id ELSE {s}user_id END"
        ),
        **{c: f"coalesce({s}{c}, {missing})" for c, _, missing in DIMENSIONS},
    }
    return [expressions[c] for c in TABLES[table]]


def _upsert(table: str, sign: str, s: str, source: str, dialect: str) -> str:
    """Add (+) or take away (-) the sessions of `source` (a FROM clause with a WHERE, or '' for
    the one row `s` names)."""
    keys = ", ".join(TABLES[table])
    numbers = ", ".join(str(i + 1) for i in range(len(TABLES[table])))
    expressions = ", ".join(_key(table, s, dialect))
    grouped = (
        f"SELECT {expressions}, {sign}count(*) FROM {source} GROUP BY {numbers} ORDER BY {numbers}"
        if source
        else f"VALUES ({expressions}, {sign}1)"
    )
    return (
        f"INSERT INTO {table} ({keys}, n) {grouped} "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = {table}.n + excluded.n"
    )


def _forget(s: str, source: str, dialect: str) -> str:
    """Delete the `session_users` rows of the sessions of `source` (or of the row `s`) whose
    count fell to zero."""
    keys = TABLES["session_users"]
    pairs = zip(keys, _key("session_users", s, dialect), strict=True)
    if not source:  # a row trigger (SQLite's may not name the table with an alias)
        match = " AND ".join(f"{c} = {e}" for c, e in pairs)
        return f"DELETE FROM session_users WHERE n = 0 AND {match}"
    match = " AND ".join(f"u.{c} = {e}" for c, e in pairs)
    return f"DELETE FROM session_users u USING {source} AND u.n = 0 AND {match}"


def _changes(sign: str, s: str, source: str, dialect: str) -> list[str]:
    """Every roll-up's change for the sessions of `source` (or the row `s`)."""
    out = [_upsert(table, sign, s, source, dialect) for table in TABLES]
    if sign == "-":
        out.append(_forget(s, source, dialect))
    return out


def _sqlite_triggers() -> list[str]:
    def body(*changes: tuple[str, str]) -> str:
        return " ".join(
            f"{statement};"
            for row, sign in changes
            for statement in _changes(sign, f"{row}.", "", "sqlite")
        )

    return [
        "CREATE TRIGGER session_counts_insert AFTER INSERT ON sessions "
        f"BEGIN {body(('NEW', ''))} END",
        "CREATE TRIGGER session_counts_delete AFTER DELETE ON sessions "
        f"BEGIN {body(('OLD', '-'))} END",
        f"CREATE TRIGGER session_counts_update AFTER UPDATE OF {COLUMNS} ON sessions "
        f"WHEN {CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} "
        f"BEGIN {body(('OLD', '-'), ('NEW', ''))} END",
    ]


PG_TRIGGERS = (
    ("session_counts_insert", "INSERT", "NEW TABLE AS new_rows"),
    ("session_counts_delete", "DELETE", "OLD TABLE AS old_rows"),
    ("session_counts_update", "UPDATE", ""),
)


def _pg_triggers() -> list[str]:
    bodies = {
        "session_counts_insert": _changes("", "s.", "new_rows s WHERE true", "postgresql"),
        "session_counts_delete": _changes("-", "s.", "old_rows s WHERE true", "postgresql"),
        "session_counts_update": [
            *_changes("-", "OLD.", "", "postgresql"),
            *_changes("", "NEW.", "", "postgresql"),
        ],
    }
    out = []
    for name, event, transition in PG_TRIGGERS:
        out.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {'; '.join(bodies[name])}; RETURN NULL; END $$"
        )
        if transition:
            when = f"AFTER {event} ON sessions REFERENCING {transition} FOR EACH STATEMENT"
        else:
            when = f"AFTER UPDATE OF {COLUMNS} ON sessions FOR EACH ROW WHEN ({CHANGED})"
        out.append(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    types = {"month": "INTEGER", "hour": "VARCHAR(13)", "user_key": "VARCHAR(64)"}
    types |= {"org_id": "VARCHAR(32)", "region": "VARCHAR(32)"}
    types |= {c: t for c, t, _ in DIMENSIONS}
    # SQLite: the rows in key order, so a month's users are read without a sort.
    clustered = " WITHOUT ROWID" if dialect == "sqlite" else ""
    for table, key in TABLES.items():
        columns = ", ".join(f"{c} {types[c]} NOT NULL" for c in key)
        op.execute(
            f"CREATE TABLE {table} ({columns}, n INTEGER NOT NULL, "
            f"PRIMARY KEY ({', '.join(key)})){clustered}"
        )
        op.execute(_upsert(table, "", "s.", "sessions s WHERE true", dialect))
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, _, _ in PG_TRIGGERS:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON sessions")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in TABLES:
        op.execute(f"DROP TABLE {table}")
