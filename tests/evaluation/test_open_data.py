"""The open-data package: a valid Frictionless Data Package (checked with `frictionless`),
CC BY 4.0, suppressed, with the indicator definitions; through `suunta export --open-data`."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path

from frictionless import Package
from sqlmodel import Session

from evaluation.monitoring.catalogue import load_catalogue
from telemetry.models import SessionRecord
from telemetry.store import init_schema, make_engine
from tests.organisations.test_cli import run


def _stock(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'suunta.db'}")
    init_schema(engine)
    with Session(engine) as db:
        for region, n in (("uusimaa", 40), ("lappi", 2), ("kainuu", 9)):
            for i in range(n):
                at = dt.datetime(2025, 6, 1 + i % 28, 12, tzinfo=dt.UTC)
                db.add(
                    SessionRecord(id=uuid.uuid4().hex, started_at=at, region=region, language="sv")
                )
        db.commit()
    engine.dispose()


def test_export_is_a_valid_suppressed_data_package(tmp_path: Path) -> None:
    _stock(tmp_path)
    out = tmp_path / "open"
    result = run(
        tmp_path, "export", "--open-data", str(out), "--from", "2025-06-01", "--to", "2025-06-30"
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "indicators.csv",
        "values.csv",
    ]
    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((out / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    with (out / "indicators.csv").open(encoding="utf-8") as handle:
        definitions = list(csv.DictReader(handle))
    assert {d["id"] for d in definitions} == {i.id for i in load_catalogue().indicators}
    assert all(
        d["definition_fi"] and d["definition_sv"] and d["definition_en"] for d in definitions
    )
    with (out / "values.csv").open(encoding="utf-8") as handle:
        values = list(csv.DictReader(handle))
    sessions = {
        (v["level"], v["area"]): v["value"]
        for v in values
        if v["indicator"] == "sessions" and not v["group"]
    }
    assert float(sessions[("national", "")]) == 51
    assert float(sessions[("region", "uusimaa")]) == 40
    # Lapland's 2 are hidden, and Kainuu's 9 with them (else 51 - 40 - 9 would give 2 away).
    assert sessions[("region", "lappi")] == "" and sessions[("region", "kainuu")] == ""
    assert float(sessions[("region", "pirkanmaa")]) == 0
    published = [float(v["value"]) for v in values if v["value"] and v["indicator"] == "sessions"]
    assert all(n == 0 or n >= 5 for n in published)


def test_export_refuses_bad_periods_and_a_broken_package_fails_validation(tmp_path: Path) -> None:
    _stock(tmp_path)
    bad = run(
        tmp_path,
        "export",
        "--open-data",
        str(tmp_path / "x"),
        "--from",
        "2025-06-02",
        "--to",
        "2025-06-30",
    )
    assert bad.returncode == 2 and "whole calendar month" in bad.stderr
    assert not (tmp_path / "x").exists()
    out = tmp_path / "open"
    assert (
        run(
            tmp_path,
            "export",
            "--open-data",
            str(out),
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
        ).returncode
        == 0
    )
    values = out / "values.csv"
    values.write_text(values.read_text().replace(",sessions,", ",no_such_indicator,", 1))
    assert not Package(str(out / "datapackage.json")).validate().valid
