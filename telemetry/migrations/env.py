"""Alembic environment: runs on the connection `telemetry.schema.upgrade` hands over."""

from __future__ import annotations

from alembic import context

from telemetry.models import TABLES

target_metadata = TABLES[0].metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `suunta telemetry migrate` or telemetry.schema")

# Only the telemetry tables belong to these migrations; other packages keep their own.
OWN_TABLES = {t.__tablename__ for t in TABLES} | {"alembic_version"}


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, other: object
) -> bool:
    """Autogenerate looks only at the telemetry tables."""
    if type_ == "table":
        return name in OWN_TABLES
    table = getattr(obj, "table", None)
    return table is None or table.name in OWN_TABLES


context.configure(
    connection=connection,
    target_metadata=target_metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
