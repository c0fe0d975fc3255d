"""Golden-set evaluation runs, stored next to the telemetry so quality can be followed release by
release. The model lives here; the table is made by the telemetry migrations (revision 0002,
`suunta telemetry migrate`), which saving a run also runs, so a store that was never migrated
gets it too."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from pydantic import BaseModel
from sqlalchemy import DateTime, Engine, inspect, select
from sqlmodel import Field, SQLModel, col

from telemetry.store import init_schema


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EvalRunRecord(SQLModel, table=True):
    """One run of a question set through the assistant."""

    __tablename__ = "eval_runs"
    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    created_at: dt.datetime = Field(default_factory=_now, sa_type=DateTime(timezone=True))
    version: str = Field(max_length=32)
    """Suunta's version."""
    dataset: str = Field(max_length=200)
    """The question set's file name."""
    dataset_sha256: str = Field(max_length=64)
    embedding_model: str = Field(max_length=200)
    generator: str = Field(max_length=200)
    target: str = Field(max_length=200)
    """`in-process` or the server's URL."""
    cases: int
    pass_rate: float
    language_match: float
    recall_at_5: float | None = None
    mrr_at_10: float | None = None
    ndcg_at_10: float | None = None
    latency_p50_ms: float
    latency_p95_ms: float
    details: str = "{}"
    """JSON: pass rate by language and by expected kind."""


TABLE = EvalRunRecord.__table__  # type: ignore[attr-defined]


def save_run(engine: Engine, run: EvalRunRecord) -> None:
    """Store one run (migrating the store first: a no-op when it is at the newest revision)."""
    init_schema(engine)
    with engine.begin() as conn:
        conn.execute(TABLE.insert().values(**run.model_dump()))


class EvalRunPublic(BaseModel):
    """One golden-set evaluation run."""

    created_at: dt.datetime
    version: str
    dataset: str
    embedding_model: str
    generator: str
    target: str
    """`in-process` or the server's URL."""
    cases: int
    pass_rate: float
    language_match: float
    recall_at_5: float | None
    mrr_at_10: float | None
    ndcg_at_10: float | None
    latency_p50_ms: float
    latency_p95_ms: float
    by_language: dict[str, float]
    by_kind: dict[str, float]


def recent_runs(engine: Engine, limit: int = 20) -> list[EvalRunPublic]:
    """The newest runs, newest first (none when nothing was ever evaluated)."""
    if not inspect(engine).has_table(TABLE.name):
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            select(TABLE).order_by(col(EvalRunRecord.created_at).desc()).limit(limit)
        ).mappings()
        out = []
        for row in rows:
            details = json.loads(row["details"] or "{}")
            created = row["created_at"]
            if created.tzinfo is None:
                created = created.replace(tzinfo=dt.UTC)
            out.append(
                EvalRunPublic(
                    **{
                        k: v
                        for k, v in row.items()
                        if k in EvalRunPublic.model_fields and k != "created_at"
                    },
                    created_at=created,
                    by_language=details.get("by_language", {}),
                    by_kind=details.get("by_kind", {}),
                )
            )
    return out
