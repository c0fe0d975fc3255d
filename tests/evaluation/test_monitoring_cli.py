"""`suunta report --level ... --id ...` in a subprocess against a temporary store."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from sqlmodel import Session

from organisations.models import OrganisationBase
from organisations.registry import create_org
from telemetry.models import SessionRecord
from telemetry.store import init_schema, make_engine
from tests.organisations.test_cli import run


def test_report_by_level(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'suunta.db'}")
    init_schema(engine)
    create_org(
        engine=engine,
        org_in=OrganisationBase(
            id="te-lappi",
            name_fi="TE Lappi",
            name_sv="TE Lappland",
            name_en="TE Lapland",
            sector="employment_services",
            region="lappi",
            launched_on=dt.date(2025, 10, 1),
        ),
    )
    with Session(engine) as db:
        for i in range(25):
            at = dt.datetime(2025, 10, 1 + i, 9, tzinfo=dt.UTC)
            db.add(SessionRecord(id=uuid.uuid4().hex, started_at=at, org_id="te-lappi"))
        db.commit()
    engine.dispose()
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "org_id,month,channel,contacts\nte-lappi,2025-09,face_to_face,300\n"
        "te-lappi,2025-10,face_to_face,260\nte-lappi,2025-10,phone,40\n"
    )
    assert run(tmp_path, "orgs", "import-contacts", str(contacts)).returncode == 0
    october = ["--from", "2025-10-01", "--to", "2025-10-31"]
    result = run(tmp_path, "report", "--level", "org", "--id", "te-lappi", *october)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    sessions = {i["id"]: i["value"] for i in body["org"]["indicators"]}["sessions"]
    assert sessions == 25 and body["previous"]["period"] == "2025-09"
    # face-to-face beside digital, month by month, before and after the launch
    assert body["contacts"] == [
        {
            "month": "2025-09-01",
            "after_launch": False,
            "face_to_face": 300,
            "phone": None,
            "chat": None,
            "suunta_sessions": 0,
        },
        {
            "month": "2025-10-01",
            "after_launch": True,
            "face_to_face": 260,
            "phone": 40,
            "chat": None,
            "suunta_sessions": 25,
        },
    ]
    region = json.loads(
        run(tmp_path, "report", "--level", "region", "--id", "lappi", *october).stdout
    )
    assert {i["id"]: i["value"] for i in region["indicators"]}["users_per_1000"] is not None
    for args, words in (
        (["--level", "region"], "needs an id"),
        (["--level", "org", "--id", "nobody"], "no org 'nobody'"),
        (["--level", "national", "--from", "2025-10-02", "--to", "2025-10-31"], "whole"),
    ):
        bad = run(tmp_path, "report", *args)
        assert bad.returncode == 2 and words in bad.stderr and bad.stderr.count("\n") == 1, (
            bad.stderr
        )
