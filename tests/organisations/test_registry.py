"""The organisation registry and the organisation a session is stored with."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import col

from organisations.models import OrganisationBase
from organisations.registry import OrgError, create_org, get_org, list_orgs, remove_org
from telemetry.anonymiser import Anonymiser
from telemetry.events import ChatEvent
from telemetry.models import SessionRecord
from telemetry.store import init_schema, make_engine
from telemetry.writer import TelemetryWriter


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'telemetry.db'}")
    init_schema(engine)
    yield engine
    engine.dispose()


def org(**changes: object) -> OrganisationBase:
    fields: dict[str, object] = {
        "id": "ohjaamo-tampere",
        "name_fi": "Ohjaamo Tampere",
        "name_sv": "Ohjaamo Tammerfors",
        "name_en": "Ohjaamo Tampere",
        "sector": "youth_services",
        "region": "pirkanmaa",
        "municipality": "Tampere",
        "launched_on": dt.date(2026, 9, 1),
        "allowed_parents": "https://ohjaamo.example.fi",
    }
    return OrganisationBase.model_validate({**fields, **changes})


def test_add_list_get_and_remove(engine: Engine) -> None:
    create_org(engine=engine, org_in=org())
    create_org(
        engine=engine, org_in=org(id="te-uusimaa", sector="employment_services", region="uusimaa")
    )
    assert [o.id for o in list_orgs(engine=engine)] == ["ohjaamo-tampere", "te-uusimaa"]
    found = get_org(engine=engine, org_id="ohjaamo-tampere")
    assert found is not None and found.launched_on == dt.date(2026, 9, 1)
    remove_org(engine=engine, org_id="te-uusimaa")
    assert [o.id for o in list_orgs(engine=engine)] == ["ohjaamo-tampere"]
    with pytest.raises(OrgError, match="no organisation"):
        remove_org(engine=engine, org_id="te-uusimaa")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "Bad Id"}, "id"),
        ({"id": "national"}, "id"),
        ({"sector": "banking"}, "sector"),
        ({"region": "stockholm"}, "region"),
        ({"name_sv": " "}, "name"),
        ({"allowed_parents": "javascript:alert(1)"}, "allowed parent"),
    ],
)
def test_invalid_records_are_refused(
    engine: Engine, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(OrgError, match=message):
        create_org(engine=engine, org_in=org(**changes))
    assert list_orgs(engine=engine) == []


def test_an_id_is_registered_once(engine: Engine) -> None:
    create_org(engine=engine, org_in=org())
    with pytest.raises(OrgError, match="exists"):
        create_org(engine=engine, org_in=org())


def test_sessions_keep_the_organisation_they_came_through(engine: Engine) -> None:
    writer = TelemetryWriter(engine, Anonymiser().redact)
    events = [
        ChatEvent(
            message_id=uuid.uuid4().hex,
            session_id=sid,
            language="fi",
            mode="learner",
            kind="answer",
            confidence=0.9,
            topics=(),
            source_ids=(),
            latency_ms=100.0,
            generator="extractive",
            question="Mikä on oppisopimus?",
            org_id=org_id,
        )
        for sid, org_id in (("s-org", "ohjaamo-tampere"), ("s-national", None))
    ]
    writer.write_batch(events)
    with engine.connect() as conn:
        stored = dict(conn.execute(select(col(SessionRecord.id), col(SessionRecord.org_id))).all())
    assert stored == {"s-org": "ohjaamo-tampere", "s-national": None}
