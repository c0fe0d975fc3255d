"""The open-data package: the national and regional indicators of one period as a Frictionless
Data Package (datapackage.json with table schemas, two CSV files), licence CC BY 4.0, with the
same suppression as every other report and the indicator definitions in fi, sv and en."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

from evaluation.monitoring.levels import Period, Unit
from evaluation.monitoring.report import Monitoring
from telemetry.profile import REGIONS

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
INDICATOR_FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
    {
        "name": "category",
        "type": "string",
        "constraints": {
            "required": True,
            "enum": ["availability", "quality", "effectiveness", "results"],
        },
    },
    {"name": "unit", "type": "string"},
    {"name": "suppression", "type": "string"},
    {"name": "formula", "type": "string"},
    *(
        {"name": f"{what}_{lang}", "type": "string", "constraints": {"required": True}}
        for what in ("name", "definition")
        for lang in ("fi", "sv", "en")
    ),
]
VALUE_FIELDS: list[dict[str, Any]] = [
    {
        "name": "level",
        "type": "string",
        "constraints": {"required": True, "enum": ["national", "region"]},
    },
    {
        "name": "area",
        "type": "string",
        "description": "region code (telemetry.profile); empty for national",
    },
    {"name": "period", "type": "string", "constraints": {"required": True}},
    {"name": "start", "type": "date"},
    {"name": "end", "type": "date"},
    {"name": "indicator", "type": "string", "constraints": {"required": True}},
    {"name": "group", "type": "string", "description": "a distribution's group; empty otherwise"},
    {"name": "value", "type": "number", "description": "empty where suppressed or not applicable"},
    {
        "name": "base",
        "type": "integer",
        "description": "the count the value rests on; empty where suppressed",
    },
]


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def build_package(monitoring: Monitoring, period: Period) -> dict[str, str]:
    """The package's files (name -> text) for `period`."""
    catalogue = monitoring.catalogue
    indicators = [
        [
            i.id,
            i.category,
            i.unit,
            i.suppression,
            i.formula,
            *(i.names[lang] for lang in ("fi", "sv", "en")),
            *(i.definitions[lang] for lang in ("fi", "sv", "en")),
        ]
        for i in catalogue.indicators
    ]
    descriptor = _descriptor(monitoring, period)
    return {
        "datapackage.json": json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
        "indicators.csv": _csv([f["name"] for f in INDICATOR_FIELDS], indicators),
        "values.csv": _csv([f["name"] for f in VALUE_FIELDS], _values(monitoring, period)),
    }


def _values(monitoring: Monitoring, period: Period) -> list[list[Any]]:
    """values.csv's rows: every indicator nationally and by region, with its groups."""
    units: list[Unit] = [("national", ""), *(("region", r) for r in REGIONS)]
    values: list[list[Any]] = []
    for unit in units:
        report = monitoring.report(unit, period)
        for v in report.indicators:
            head = [unit[0], unit[1], report.period, report.start, report.end, v.id]
            values.append([*head, "", v.value, v.base])
            for group, n in (v.groups or {}).items():
                values.append([*head, group, n, n])
    return values


def _resource(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """One CSV file's entry in datapackage.json."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [LICENCE],
        "schema": schema,
    }


def _descriptor(monitoring: Monitoring, period: Period) -> dict[str, Any]:
    """datapackage.json: the package, its licence and period, its two tables' schemas."""
    values_schema = {
        "fields": VALUE_FIELDS,
        "missingValues": [""],
        "foreignKeys": [
            {"fields": ["indicator"], "reference": {"resource": "indicators", "fields": ["id"]}}
        ],
    }
    return {
        "profile": "tabular-data-package",
        "name": f"suunta-indicators-{period.label.lower()}",
        "title": f"Suunta guidance indicators, {period.label}",
        "description": (
            "The common indicators of Suunta, the AI-assisted career-guidance service, nationally "
            f"and by region. Figures describing fewer than {monitoring.minimum} people, and those "
            "that would give such a figure away by a difference, are left empty. Definitions in "
            "Finnish, Swedish and English are in indicators.csv."
        ),
        "version": f"{monitoring.catalogue.version}.0.0",
        "licenses": [LICENCE],
        "temporal": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "resources": [
            _resource("indicators", {"fields": INDICATOR_FIELDS, "primaryKey": ["id"]}),
            _resource("values", values_schema),
        ],
    }


def write_package(files: dict[str, str], folder: Path) -> None:
    """Write the files into `folder`: each to a temporary name first, so a failure leaves no
    half-written file under its real name."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for name, text in files.items():
            temporary = folder / f".{name}.partial"
            temporary.write_text(text, encoding="utf-8")
            written.append((temporary, folder / name))
        for temporary, final in written:
            os.replace(temporary, final)
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)


def package_zip(files: dict[str, str], folder: str) -> bytes:
    """The package's files in one ZIP archive, under `folder/` (for a download)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            # A fixed time, so the same figures give the same bytes.
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
