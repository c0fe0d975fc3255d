"""Per-day roll-ups of the messages, kept by the database itself: what a cold report reads.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

A report counts the messages of each UTC day by mode, language, channel, kind and latency bin,
and by mode, kind and topics (`evaluation.reports.facts.store_counts`). Grouping ten million
rows for that took about a minute on the first (cold) report. `message_counts` and
`topic_counts` hold those groups already: triggers on `messages` add every inserted row and take
away every deleted one (a deleted session, the retention purge) in the same transaction, so the
roll-ups always equal a grouping of the rows, whoever writes (the telemetry writer, a replayed
spool, a bulk load) and whatever `INSERT ... ON CONFLICT DO NOTHING` skips. The upgrade fills
them from the messages already stored (one grouping of the table, once).

`day` is the UTC date of `created_at`; `late` is 1 for a SQLite time in the day's last half
millisecond, which SQLite's `julianday` (as every report reads the day) rounds into the next day
(always 0 in PostgreSQL). The latency bin is the histogram bin of
`evaluation.reports.facts.daily_counts` (5%-wide, 300 bins) found by comparisons with each bin's
exact first value (`_EDGES`, frozen here; a test compares them with `latency_edges()`).
PostgreSQL's triggers run once a statement over its transition table, grouped and in key order.
"""

from __future__ import annotations

import struct

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_FIRST_BITS = """
1065772647 1066213049 1066675471 1067161014 1067670834 1068206146 1068768222 1069358403
1069978093 1070628767 1071311975 1072029343 1072782580 1073573479 1074072873 1074508856
1074966638 1075447309 1075952014 1076481954 1077038391 1077622649 1078236121 1078880266
1079556619 1080266789 1081012467 1081795430 1082373986 1082805595 1083258783 1083734631
1084234271 1084758894 1085309747 1085888143 1086495459 1087133141 1087802707 1088505751
1089243947 1090019053 1090675978 1091103255 1091551896 1092022969 1092517596 1093036954
1093582280 1094154873 1094756095 1095387378 1096050225 1096746215 1097477004 1098244332
1098978838 1099401828 1099845967 1100312314 1100801977 1101316124 1101855978 1102422825
1103018014 1103642963 1104299159 1104988165 1105711621 1106471250 1107268861 1107701304
1108140987 1108602654 1109087404 1109596392 1110130829 1110691988 1111281205 1111899883
1112549495 1113231587 1113947784 1114699791 1115489398 1116001675 1116436946 1116893980
1117373866 1117877747 1118406821 1118962350 1119545654 1120158124 1120801218 1121476466
1122185476 1122929937 1123711621 1124302931 1124733834 1125186283 1125661354 1126160178
1126683944 1127233898 1127811349 1128417674 1129054314 1129722787 1130424683 1131161674
1131935514 1132605064 1133031643 1133479552 1133949856 1134443675 1134962185 1135506620
1136078278 1136678518 1137308770 1137970535 1138665388 1139394984 1140161060 1140908064
1141330363 1141773777 1142239362 1142728226 1143241533 1143780506 1144346427 1144940645
1145564573 1146219697 1146907578 1147629853 1148388242 1149184550 1149629985 1150068950
1150529863 1151013821 1151521978 1152055543 1152615785 1153204040 1153821708 1154470259
1155151237 1155866265 1156617043 1157405361 1157930500 1158365060 1158821348 1159300451
1159803508 1160331719 1160886340 1161468692 1162080162 1162722205 1163396351 1164104203
1164847449 1165627856 1166231898 1166662098 1167113808 1167588103 1168086113 1168609023
1169158079 1169734588 1170339922 1170975523 1171642904 1172343654 1173079441 1173852018
1174534172 1174960055 1175407232 1175876768 1176369781 1176887445 1177430991 1178001715
1178600975 1179230198 1179890883 1180584601 1181313006 1182077830 1182837312 1183258922
1183701612 1184166437 1184654502 1185166971 1185705064 1186270061 1186863308 1187486218
1188140272 1188827030 1189548125 1190305276 1191100283 1191558689 1191996937 1192457098
1192940266 1193447593 1193980286 1194539614 1195126908 1195743567 1196391059 1197070926
1197784786 1198534338 1199321369 1199859348 1200293198 1200748741 1201227062 1201729298
1202256646 1202810361 1203391763 1204002234 1204643229 1205316273 1206022970 1206765002
1207544135 1208160889 1208590386 1209041358 1209514879 1210012076 1210534132 1211082291
1211657859 1212262205 1212896768 1213563059 1214262664 1214997250 1215768566 1216463304
1216888491 1217334938 1217803707 1218295915 1218812733 1219355392 1219925184 1220523466
1221151662 1221811267 1222503853 1223231068 1223994643 1224766583 1225187504 1225629472
1226093537 1226580806 1227092438 1227629652 1228193727 1228786005 1229407897 1230060884
1230746520 1231466438 1232222352 1233016062 1233487417 1233924949 1234384358 1234866738
1235373236 1235905059 1236463474 1237049809 1237665461 1238311896 1238990652 1239703346
1240451675 1241237421 1241788219
"""
"""The float32 bit pattern of the first value of each latency bin 1..299."""


def _float32(bits: int) -> float:
    return float(struct.unpack("<f", struct.pack("<i", bits))[0])


def edges() -> list[tuple[float, bool]]:
    """Where bins 1..299 start for a stored (float64) latency: bin k or above when the latency
    is above the edge, or equal to it when the second value is true (the midpoint between two
    float32 values rounds to the even one)."""
    bits = [int(b) for b in _FIRST_BITS.split()]
    return [((_float32(b) + _float32(b - 1)) / 2, b % 2 == 0) for b in bits]


def latency_bin(column: str, dialect: str) -> str:
    """SQL giving the bin (0..299) of `column` by a binary search over the edges."""
    found = edges()
    cast = "CAST({} AS DOUBLE PRECISION)" if dialect == "postgresql" else "{}"

    def ladder(low: int, high: int) -> str:
        if low == high:
            return str(low)
        mid = (low + high + 1) // 2
        value, inclusive = found[mid - 1]
        test = f"{column} {'>=' if inclusive else '>'} {cast.format(repr(value))}"
        return f"CASE WHEN {test} THEN {ladder(mid, high)} ELSE {ladder(low, mid - 1)} END"

    return ladder(0, len(found))


def _day(column: str, dialect: str) -> tuple[str, str]:
    """SQL for the UTC date of a stored time (days since 1970) and its `late` flag."""
    if dialect == "postgresql":
        return f"CAST(floor(extract(epoch FROM {column}) / 86400) AS INTEGER)", "0"
    date = f"CAST(julianday(substr({column}, 1, 10)) - 2440587.5 AS INTEGER)"
    return date, f"(CAST(julianday({column}) - 2440587.5 AS INTEGER) - {date})"


MESSAGE_KEY = ("day", "late", "mode", "language", "channel", "kind", "latency_bin")
TOPIC_KEY = ("day", "late", "mode", "kind", "topics")


def _groups(source: str, prefix: str, dialect: str) -> dict[str, list[str]]:
    """Each roll-up's key expressions over the rows of `source` (columns as `prefix`col)."""
    day, late = _day(f"{prefix}created_at", dialect)
    p = prefix
    return {
        "message_counts": [
            day,
            late,
            f"{p}mode",
            f"{p}language",
            f"{p}channel",
            f"{p}kind",
            latency_bin(f"{p}latency_ms", dialect),
        ],
        "topic_counts": [day, late, f"{p}mode", f"{p}kind", f"{p}topics"],
    }


def _keys(table: str) -> tuple[str, ...]:
    return MESSAGE_KEY if table == "message_counts" else TOPIC_KEY


def _add_grouped(table: str, source: str, dialect: str) -> str:
    """Add the groups of the rows of `source` to `table` (an upsert, in key order)."""
    exprs = _groups(source, "", dialect)[table]
    keys = _keys(table)
    numbers = ", ".join(str(i + 1) for i in range(len(keys)))
    return (
        f"INSERT INTO {table} AS c ({', '.join(keys)}, n) "
        f"SELECT {', '.join(exprs)}, count(*) FROM {source} "
        f"GROUP BY {numbers} ORDER BY {numbers} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = c.n + excluded.n"
    )


def _remove_grouped(table: str, source: str, dialect: str) -> str:
    """Take the groups of the rows of `source` away from `table`."""
    exprs = _groups(source, "", dialect)[table]
    keys = _keys(table)
    named = ", ".join(f"{e} AS {k}" for e, k in zip(exprs, keys, strict=True))
    match = " AND ".join(f"c.{k} = s.{k}" for k in keys)
    return (
        f"UPDATE {table} AS c SET n = c.n - s.n FROM (SELECT {named}, count(*) AS n "
        f"FROM {source} GROUP BY {', '.join(keys)}) AS s WHERE {match}"
    )


def _sqlite_row(table: str, row: str, sign: str) -> str:
    """SQLite: add (+) or take away (-) one row (`NEW` or `OLD`) in `table`."""
    exprs = _groups(row, f"{row}.", "sqlite")[table]
    keys = _keys(table)
    if sign == "+":
        return (
            f"INSERT INTO {table} ({', '.join(keys)}, n) VALUES ({', '.join(exprs)}, 1) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = n + 1;"
        )
    match = " AND ".join(f"{k} = {e}" for k, e in zip(keys, exprs, strict=True))
    return f"UPDATE {table} SET n = n - 1 WHERE {match};"


ROLLUPS = ("message_counts", "topic_counts")
TRIGGERS = ("insert", "delete", "update")
WATCHED = "created_at, mode, language, channel, kind, latency_ms, topics"


def _sqlite_triggers() -> list[str]:
    add = " ".join(_sqlite_row(t, "NEW", "+") for t in ROLLUPS)
    remove = " ".join(_sqlite_row(t, "OLD", "-") for t in ROLLUPS)
    return [
        f"CREATE TRIGGER message_counts_insert AFTER INSERT ON messages BEGIN {add} END",
        f"CREATE TRIGGER message_counts_delete AFTER DELETE ON messages BEGIN {remove} END",
        f"CREATE TRIGGER message_counts_update AFTER UPDATE OF {WATCHED} ON messages "
        f"BEGIN {remove} {add} END",
    ]


def _pg_triggers() -> list[str]:
    add = "; ".join(_add_grouped(t, "new_rows", "postgresql") for t in ROLLUPS)
    remove = "; ".join(_remove_grouped(t, "old_rows", "postgresql") for t in ROLLUPS)
    bodies = {"insert": add, "delete": remove, "update": f"{remove}; {add}"}
    tables = {
        "insert": "NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    }
    out = []
    for event in TRIGGERS:
        name = f"message_counts_{event}"
        out.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {bodies[event]}; RETURN NULL; END $$"
        )
        out.append(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON messages "
            f"REFERENCING {tables[event]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    text = sa.String
    op.create_table(
        "message_counts",
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("late", sa.SmallInteger, nullable=False),
        sa.Column("mode", text(16), nullable=False),
        sa.Column("language", text(2), nullable=False),
        sa.Column("channel", text(16), nullable=False),
        sa.Column("kind", text(16), nullable=False),
        sa.Column("latency_bin", sa.SmallInteger, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(*MESSAGE_KEY),
    )
    op.create_table(
        "topic_counts",
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("late", sa.SmallInteger, nullable=False),
        sa.Column("mode", text(16), nullable=False),
        sa.Column("kind", text(16), nullable=False),
        sa.Column("topics", text(512), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(*TOPIC_KEY),
    )
    for table in ROLLUPS:
        op.execute(_add_grouped(table, "messages", dialect))
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for event in TRIGGERS:
        name = f"message_counts_{event}"
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON messages")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("topic_counts")
    op.drop_table("message_counts")
