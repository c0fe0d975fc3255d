"""The population baseline shipped with Suunta: complete, sourced, and the default."""

import csv

from evaluation.reports.baseline import load_baseline
from evaluation.reports.vocabulary import AGE_BANDS, REGIONS
from suunta.settings import BUNDLED_BASELINE, Settings


def test_bundled_baseline_covers_every_region_and_age_band() -> None:
    baseline = load_baseline(BUNDLED_BASELINE)
    assert set(baseline.population["region"]) == set(REGIONS)
    assert set(baseline.population["age_band"]) == set(AGE_BANDS)
    # The 19 regions add up to Statistics Finland's national total for 31.12.2025.
    assert sum(baseline.population["region"].values()) == 5_652_881
    assert baseline.population["region"]["uusimaa"] == 1_799_629
    assert baseline.population["age_band"]["65+"] == 1_328_817


def test_every_row_names_its_source_and_reference_date() -> None:
    with BUNDLED_BASELINE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert row["source"].startswith("Statistics Finland, StatFin")
        expected = "31.12.2025" if row["dimension"] == "region" else "31.12.2024"
        assert expected in row["source"]
    # The youngest band is an approximation, and the file says so.
    (youngest,) = [r for r in rows if r["group"] == "16-24"]
    assert "15-24" in youngest["source"]


def test_settings_default_to_the_bundled_baseline_and_empty_switches_it_off() -> None:
    assert Settings().report_baseline == BUNDLED_BASELINE
    assert Settings.model_validate({"report_baseline": ""}).report_baseline is None
