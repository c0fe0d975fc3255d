"""Monthly roll-up of the feedback by its session's organisation and region, kept by the
database itself: the ratings a cold indicator report reads.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

The indicator year counts the feedback of each month by the organisation and region of the
session its question belongs to, the question's mode, the helpful vote and the rating
(`evaluation.monitoring.year_sql.rating_groups`): a join of millions of rows over three tables.
`rating_counts` holds those groups, kept equal to grouping `feedback JOIN messages JOIN
sessions` by triggers on all three tables: feedback added or deleted; a question stored after
its feedback or deleted before it; a session stored late, deleted first, or given another
organisation or region by a profile answer. The upgrade fills it from the rows already stored.

`month` and `late` are those of `question_counts` (migration 0013), of the feedback's time;
`code` is mode * 3 + helpful (mode 0 learner, 1 counsellor, 2 other; helpful 0 not given, 1 no,
2 yes); `rated` is 0 when the feedback has no rating (`rating` is then 0).
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

KEY = ("month", "late", "org_id", "region", "code", "rated", "rating")
JOINED = {
    "feedback": ("message_id, created_at, rating, helpful", "f"),
    "messages": ("id, session_id, mode", "m"),
    "sessions": ("id, org_id, region", "s"),
}
"""Each table the roll-up joins: the columns it reads, and its alias."""


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


def _keys(f: str, m: str, s: str, dialect: str) -> list[str]:
    """The key expressions of a feedback row (columns prefixed `f`), its question (`m`) and
    the question's session (`s`)."""
    month, late = _month(f"{f}created_at", dialect)
    mode = f"CASE {m}mode WHEN 'learner' THEN 0 WHEN 'counsellor' THEN 1 ELSE 2 END"
    helpful = f"CASE WHEN {f}helpful IS NULL THEN 0 WHEN {f}helpful THEN 2 ELSE 1 END"
    return [
        month,
        late,
        f"coalesce({s}org_id, '')",
        f"coalesce({s}region, '')",
        f"({mode}) * 3 + {helpful}",
        f"CASE WHEN {f}rating IS NULL THEN 0 ELSE 1 END",
        f"coalesce({f}rating, 0)",
    ]


def _upsert(sign: str, prefixes: dict[str, str], source: str, dialect: str) -> str:
    """Add (+) or take away (-) the feedback of `source` (a FROM clause with a WHERE)."""
    keys = ", ".join(KEY)
    numbers = ", ".join(str(i + 1) for i in range(len(KEY)))
    exprs = _keys(prefixes["f"], prefixes["m"], prefixes["s"], dialect)
    return (
        f"INSERT INTO rating_counts ({keys}, n) "
        f"SELECT {', '.join(exprs)}, {sign}count(*) FROM {source} "
        f"GROUP BY {numbers} ORDER BY {numbers} "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = rating_counts.n + excluded.n"
    )


def _source(table: str, row: str) -> tuple[dict[str, str], str]:
    """The prefixes and FROM clause of the feedback a changed row of `table` touches: `row` is
    NEW or OLD (SQLite, or a PostgreSQL row trigger), else the transition table's name."""
    prefixes = {"f": "f.", "m": "m.", "s": "s."}
    if row in ("NEW", "OLD"):
        prefixes[JOINED[table][1]] = f"{row}."
        return prefixes, {
            "feedback": f"messages m JOIN sessions s ON s.id = m.session_id "
            f"WHERE m.id = {row}.message_id",
            "messages": f"feedback f JOIN sessions s ON s.id = {row}.session_id "
            f"WHERE f.message_id = {row}.id",
            "sessions": f"messages m JOIN feedback f ON f.message_id = m.id "
            f"WHERE m.session_id = {row}.id",
        }[table]
    named = {t: row if t == table else t for t in JOINED}
    return prefixes, (
        f"{named['feedback']} f JOIN {named['messages']} m ON m.id = f.message_id "
        f"JOIN {named['sessions']} s ON s.id = m.session_id WHERE true"
    )


MOVED = (
    "OLD.id IS DISTINCT FROM NEW.id OR coalesce(OLD.org_id, '') <> coalesce(NEW.org_id, '') "
    "OR coalesce(OLD.region, '') <> coalesce(NEW.region, '')"
)


def _sqlite_triggers() -> list[str]:
    out = []
    for table, (columns, _) in JOINED.items():

        def change(row: str, sign: str, table: str = table) -> str:
            prefixes, source = _source(table, row)
            return _upsert(sign, prefixes, source, "sqlite") + ";"

        name = f"rating_counts_{table}"
        moved = (
            f" WHEN {MOVED.replace('IS DISTINCT FROM', 'IS NOT')}" if table == "sessions" else ""
        )
        out += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {change('NEW', '')} END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {change('OLD', '-')} END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {columns} ON {table}{moved} "
            f"BEGIN {change('OLD', '-')} {change('NEW', '')} END",
        ]
    return out


def _pg_triggers() -> list[str]:
    out = []
    for table, (columns, _) in JOINED.items():

        def change(row: str, sign: str, table: str = table) -> str:
            prefixes, source = _source(table, row)
            return _upsert(sign, prefixes, source, "postgresql")

        bodies = {
            "insert": (change("new_rows", ""), "NEW TABLE AS new_rows"),
            "delete": (change("old_rows", "-"), "OLD TABLE AS old_rows"),
            "update": (
                f"{change('old_rows', '-')}; {change('new_rows', '')}",
                "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            ),
        }
        if table == "sessions":
            # A row trigger: transition tables cannot be limited to some columns, and a
            # session's organisation or region changes rarely.
            bodies["update"] = (f"{change('OLD', '-')}; {change('NEW', '')}", "")
        for event, (body, transition) in bodies.items():
            name = f"rating_counts_{table}_{event}"
            out.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body}; RETURN NULL; END $$"
            )
            if transition:
                when = (
                    f"AFTER {event.upper()} ON {table} REFERENCING {transition} FOR EACH STATEMENT"
                )
            else:
                when = f"AFTER UPDATE OF {columns} ON {table} FOR EACH ROW WHEN ({MOVED})"
            out.append(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        "CREATE TABLE rating_counts (month INTEGER NOT NULL, late SMALLINT NOT NULL, "
        "org_id VARCHAR(32) NOT NULL, region VARCHAR(32) NOT NULL, code SMALLINT NOT NULL, "
        "rated SMALLINT NOT NULL, rating INTEGER NOT NULL, n INTEGER NOT NULL, "
        f"PRIMARY KEY ({', '.join(KEY)}))"
    )
    stored = (
        "feedback f JOIN messages m ON m.id = f.message_id "
        "JOIN sessions s ON s.id = m.session_id WHERE true"
    )
    op.execute(_upsert("", {"f": "f.", "m": "m.", "s": "s."}, stored, dialect))
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in JOINED:
        for event in ("insert", "delete", "update"):
            name = f"rating_counts_{table}_{event}"
            if dialect == "postgresql":
                op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                op.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE rating_counts")
